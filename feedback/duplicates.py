"""Before a suggestion is sent: is the programme perhaps in the atlas
already? The same link (scheme, "www." and a trailing slash aside) or a
similar title (normalised as the worklist's duplicate check does) among
the programmes that are not archived."""

from dataclasses import dataclass
from difflib import SequenceMatcher
from urllib.parse import urlsplit

from catalogue.models import Programme, Workflow
from editorial.worklist import normalise_title

SIMILAR_TITLE_RATIO = 0.8
MAX_SHOWN = 5


@dataclass(frozen=True)
class Duplicate:
    programme: Programme
    same_link: bool

    @property
    def is_public(self):
        return self.programme.state == Workflow.PUBLISHED


def normalise_link(url):
    """ "HTTPS://www.Example.org/Foerderung/" → "example.org/Foerderung"."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return host + path + (f"?{parts.query}" if parts.query else "")


def _links_of(links):
    return {normalise_link(link["url"]) for link in links or () if isinstance(link, dict) and link.get("url")}


def _similar(first, second):
    matcher = SequenceMatcher(None, first, second, autojunk=False)
    return matcher.quick_ratio() >= SIMILAR_TITLE_RATIO and matcher.ratio() >= SIMILAR_TITLE_RATIO


def possible_duplicates(title, link):
    """Programmes that may be the one suggested, same link first."""
    wanted_title, wanted_link = normalise_title(title), normalise_link(link)
    rows = Programme.objects.exclude(state=Workflow.ARCHIVED).values_list("pk", "title", "links")
    same_link, similar = [], []
    for pk, other_title, links in rows:
        if wanted_link in _links_of(links):
            same_link.append(pk)
        elif _similar(wanted_title, normalise_title(other_title)):
            similar.append(pk)
    found = Programme.objects.in_bulk(same_link + similar)
    shown = [Duplicate(found[pk], True) for pk in same_link] + [Duplicate(found[pk], False) for pk in similar]
    return shown[:MAX_SHOWN]
