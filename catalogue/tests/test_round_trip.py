"""Every export imports again: whatever the catalogue's own rules accept
(the validators the back office's forms apply through `full_clean`, after
the same input conversions: pasted HTML → Markdown, addresses normalised)
is exported, imported into an empty catalogue and exported again, unchanged.
Hypothesis fuzzes the entries; a failure shrinks to the smallest one."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from catalogue.interchange.exporter import export_document
from catalogue.interchange.importer import import_document
from catalogue.models import Institution, Programme, ProgrammeInstitution
from catalogue.pasted_html import html_to_markdown
from catalogue.validators import BIDI_CONTROLS, normalise_url

pytestmark = pytest.mark.django_db

# Text as people paste it: any printable character of any script, tabs and
# line breaks, with HTML and Markdown fragments. (What the rules refuse,
# controls and bidi overrides, is refused in test_validators.)
CHARACTERS = st.one_of(
    st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="".join(BIDI_CONTROLS)),
    st.sampled_from("\n\t\r"),
)
FRAGMENTS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "<!-- aus Word kopiert -->",
        "<b>",
        "</b>",
        "**",
        "- ",
        "\n",
        "\n\n",
        "&amp;",
        "`",
    ]
)
TEXT = st.lists(st.one_of(st.text(CHARACTERS, max_size=12), FRAGMENTS), max_size=6).map("".join)
LINE = st.text(CHARACTERS, max_size=40)
NAME = LINE.filter(str.strip)
HOSTS = st.sampled_from(
    ["example.org", "bürgerstiftung.de", "XN--BRGERSTIFTUNG-WOB.DE", "straße.de", "a.b.c.de"]
)
PATHS = st.text(alphabet=st.sampled_from('aäß/ "<>|{}^\\`%?#=&'), max_size=12)
URLS = st.builds(
    lambda scheme, host, path: f"{scheme}://{host}/{path}", st.sampled_from(["http", "HTTPS"]), HOSTS, PATHS
)


def accepted(value, convert):
    """The value as the back office would store it, or None if refused."""
    try:
        return convert(value)
    except ValidationError:
        return None


def _clean(instance):
    try:
        instance.full_clean(exclude=["kind"], validate_unique=False, validate_constraints=False)
    except ValidationError:
        return False
    return True


@st.composite
def entries(draw):
    institution = Institution(
        slug="stiftung-a",
        name=draw(NAME),
        website=accepted(draw(URLS), normalise_url) or "",
        description=html_to_markdown(draw(TEXT)),
        contact_address=draw(LINE),
        sources=[u for u in (accepted(url, normalise_url) for url in draw(st.lists(URLS, max_size=2))) if u],
    )
    programme = Programme(
        slug="programm-a",
        title=draw(NAME),
        description=html_to_markdown(draw(TEXT)),
        goals=html_to_markdown(draw(TEXT)),
        amount_text=draw(LINE),
        deadline_kind="rolling",
        deadline_note=draw(LINE),
        eligible_text=draw(TEXT),
        links=[
            {"title": title, "url": url} if title else {"url": url}
            for title, raw in draw(st.lists(st.tuples(LINE, URLS), max_size=3))
            if (url := accepted(raw, normalise_url))
        ],
    )
    return institution, programme


def _store(institution, programme):
    institution.save()
    programme.save()
    ProgrammeInstitution.objects.create(programme=programme, institution=institution, role="mittelgeber")


def _export():
    return json.loads(json.dumps(export_document(Institution.objects.all(), Programme.objects.all())))


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.filter_too_much,
        HealthCheck.too_slow,
    ],
)
@given(entries())
def test_every_accepted_entry_exports_and_imports_again(db, pair):
    institution, programme = pair
    assume(_clean(institution) and _clean(programme))
    with transaction.atomic():
        _store(institution, programme)
        exported = _export()
        Programme.objects.all().delete()
        Institution.objects.all().delete()

        report = import_document(exported)

        assert (report.errors, report.created) == ([], ["stiftung-a", "programm-a"])
        assert _export() == exported
        transaction.set_rollback(True)
