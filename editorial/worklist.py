"""The data-quality worklist: what needs an editor's attention this week.

Each check is a function of the day returning either a QuerySet of entries
(SQL does the work) or, for duplicates, broken links and texts that
contradict the structured values, a short list built from a few queries.
`sections(on)` gathers them for the page and for `manage.py worklist`.
Archived entries are left out: nobody sees them.
"""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from difflib import SequenceMatcher

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from catalogue.consistency import contradictions, stated_in_programme
from catalogue.models import ApplicantType, Deadline, Institution, Programme, ProgrammeInstitution, Workflow
from catalogue.queries import published, with_status
from catalogue.status import Status

from .linkcheck import urls_of_entry
from .models import LinkCheck

CHECK_INTERVAL_DAYS = 365
SIMILAR_TITLE_RATIO = 0.9

# Sections other apps add (e.g. feedback's reports), without editorial importing them.
_extra_sections = []


def register_section(factory):
    """`factory(on)` returns (key, title, hint, findings) tuples; each becomes a
    section after the built-in ones. `findings` carry `entry` and `messages`."""
    if factory not in _extra_sections:
        _extra_sections.append(factory)


def active(queryset):
    return queryset.exclude(state=Workflow.ARCHIVED)


def awaiting_review():
    return Programme.objects.filter(state=Workflow.REVIEW), Institution.objects.filter(state=Workflow.REVIEW)


def published_but_expired(on):
    return with_status(published(Programme.objects.all()), on).filter(status_code=Status.EXPIRED.value)


def deadline_after_period_end():
    late = Deadline.objects.filter(programme=OuterRef("pk"), date__gt=OuterRef("period_end"))
    return active(Programme.objects.filter(period_end__isnull=False)).filter(Exists(late))


def not_checked(model, on):
    """Entries not checked for 12 months (or never)."""
    limit = on - timedelta(days=CHECK_INTERVAL_DAYS)
    return active(model.objects.filter(Q(last_checked__isnull=True) | Q(last_checked__lt=limit)))


def missing_amount():
    return active(
        Programme.objects.filter(
            amount_text="", amount_min_eur=None, amount_max_eur=None, amount_max_rate_percent=None
        )
    )


def missing_deadline():
    return active(Programme.objects.filter(deadline_kind="none"))


def missing_eligibility():
    return active(Programme.objects.filter(eligible_text="", applicant_types=None))


def without_funder():
    """Programmes linked to no institution at all: no Förderer on the public
    page, and no funder account ever sees them."""
    return active(Programme.objects.filter(institution_links=None))


@dataclass
class Contradicting:
    entry: Programme
    messages: list  # e.g. "Text nennt 3.000 €, Höchstbetrag leer."


def contradicting_texts():
    """Programmes whose structured values contradict their own texts, read
    by `catalogue.consistency` (Python, not SQL: two queries in all)."""
    codes = Prefetch("applicant_types", queryset=ApplicantType.objects.only("code"))
    programmes = active(Programme.objects.all()).prefetch_related(codes).order_by("title", "pk")
    found = []
    for programme in programmes:
        messages = [c.message for c in contradictions(stated_in_programme(programme))]
        if messages:
            found.append(Contradicting(programme, messages))
    return found


def normalise_title(title):
    """ "Förder-Programm  „Miteinander“ 2026" → "foerder programm miteinander 2026"."""
    text = title.casefold()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def likely_duplicates():
    """Groups of programmes that are probably one: the same normalised title
    anywhere, or titles at least 90 % alike within one funder; and
    institutions with the same normalised name."""
    programmes = dict(active(Programme.objects.all()).values_list("pk", "title"))
    groups = _same_normalised(programmes)
    for pks in _programmes_by_institution(programmes).values():
        groups += _alike(pks, programmes)
    groups = _merge_groups(groups)
    by_pk = Programme.objects.in_bulk({pk for group in groups for pk in group})
    found = [sorted((by_pk[pk] for pk in group), key=lambda p: (p.title, p.pk)) for group in groups]
    institutions = dict(active(Institution.objects.all()).values_list("pk", "name"))
    names = Institution.objects.in_bulk({pk for g in _same_normalised(institutions) for pk in g})
    found += [sorted((names[pk] for pk in g), key=lambda i: i.pk) for g in _same_normalised(institutions)]
    return found


def _same_normalised(titles):
    by_key = defaultdict(list)
    for pk, title in titles.items():
        by_key[normalise_title(title)].append(pk)
    return [set(pks) for pks in by_key.values() if len(pks) > 1]


def _programmes_by_institution(programmes):
    links = ProgrammeInstitution.objects.filter(programme__in=list(programmes)).values_list(
        "institution", "programme"
    )
    by_institution = defaultdict(set)
    for institution, programme in links:
        by_institution[institution].add(programme)
    return by_institution


def _alike(pks, titles):
    pks = sorted(pks)
    normalised = {pk: normalise_title(titles[pk]) for pk in pks}
    pairs = []
    for i, first in enumerate(pks):
        for second in pks[i + 1 :]:
            matcher = SequenceMatcher(None, normalised[first], normalised[second], autojunk=False)
            if matcher.quick_ratio() > SIMILAR_TITLE_RATIO and matcher.ratio() > SIMILAR_TITLE_RATIO:
                pairs.append({first, second})
    return pairs


def _merge_groups(groups):
    """Overlapping groups become one: {1,2} and {2,3} → {1,2,3}."""
    merged = []
    for group in groups:
        overlapping = [m for m in merged if m & group]
        for m in overlapping:
            merged.remove(m)
            group = group | m
        merged.append(group)
    return sorted(merged, key=min)


@dataclass
class LinkProblem:
    check: LinkCheck
    entries: list


def link_problems(*, broken=True):
    """Broken links (or, with broken=False, permanent redirects) with the
    active entries that use them."""
    checks = (
        LinkCheck.objects.filter(ok=False) if broken else LinkCheck.objects.filter(status_code__in=[301, 308])
    )
    checks = {check.url: check for check in checks}
    if not checks:
        return []
    users = defaultdict(list)
    for model in (Institution, Programme):
        for entry in active(model.objects.all()).only(
            "pk", "slug", "state", *_url_fields(model), _title_field(model)
        ):
            for url in urls_of_entry(entry):
                if url in checks:
                    users[url].append(entry)
    return [LinkProblem(checks[url], users[url]) for url in sorted(users)]


def _url_fields(model):
    return ("website", "sources") if model is Institution else ("links", "sources")


def _title_field(model):
    return "name" if model is Institution else "title"


@dataclass
class Section:
    key: str
    title: str
    entries: list
    hint: str = ""
    links: list = None  # LinkProblem list for link sections
    groups: list = None  # duplicate groups
    findings: list = None  # Contradicting list

    @property
    def count(self):
        return len(self.links or self.groups or self.findings or self.entries)


def sections(on):
    """Every worklist section, in the order the page shows them."""
    programmes_review, institutions_review = awaiting_review()
    return [
        Section("review", _("Wartet auf Prüfung"), [*institutions_review, *programmes_review]),
        Section(
            "expired",
            _("Veröffentlicht, aber abgelaufen"),
            list(published_but_expired(on)),
            _("Archivieren oder neue Fristen eintragen."),
        ),
        Section("deadline_after_end", _("Frist nach Ende der Laufzeit"), list(deadline_after_period_end())),
        Section(
            "unchecked",
            _("Seit 12 Monaten nicht geprüft"),
            [*not_checked(Institution, on), *not_checked(Programme, on)],
        ),
        Section("missing_amount", _("Fördersumme fehlt"), list(missing_amount())),
        Section("missing_deadline", _("Bewerbungsfrist fehlt"), list(missing_deadline())),
        Section("missing_eligibility", _("Antragsberechtigung fehlt"), list(missing_eligibility())),
        Section(
            "without_funder",
            _("Ohne Förderer"),
            list(without_funder()),
            _("Die fördernde Institution verknüpfen (Mittelgeber, Bewilligungs- oder Ansprechstelle)."),
        ),
        Section(
            "contradictions",
            _("Text und Angaben widersprechen sich"),
            [],
            _("Die Angabe nach der Quelle berichtigen oder leeren; Suche und Filter nutzen die Angaben."),
            findings=contradicting_texts(),
        ),
        Section("duplicates", _("Wahrscheinliche Dubletten"), [], groups=likely_duplicates()),
        Section("broken_links", _("Defekte Links"), [], links=link_problems()),
        Section(
            "moved_links",
            _("Dauerhaft umgeleitete Links"),
            [],
            links=link_problems(broken=False),
            hint=_("Die neue Adresse eintragen."),
        ),
        *[
            Section(key, title, [], hint, findings=findings)
            for factory in _extra_sections
            for key, title, hint, findings in factory(on)
        ],
    ]


# The change list filter "Arbeitsliste" uses the sections' querysets.
PROGRAMME_PROBLEMS = {
    "expired": lambda on: published_but_expired(on),
    "deadline_after_end": lambda on: deadline_after_period_end(),
    "unchecked": lambda on: not_checked(Programme, on),
    "missing_amount": lambda on: missing_amount(),
    "missing_deadline": lambda on: missing_deadline(),
    "missing_eligibility": lambda on: missing_eligibility(),
    "without_funder": lambda on: without_funder(),
    "contradictions": lambda on: Programme.objects.filter(pk__in=[f.entry.pk for f in contradicting_texts()]),
}
