"""What the search index holds about an entry: its analysed text by
weight, its sort and filter values, and its vocabulary tags.

Pure functions of loaded entries (`with_text(model)` loads what they
read), so that one entry and a whole rebuild go through the same code.
"""

from django.db.models import Prefetch

from catalogue import regions
from catalogue.models import Institution, Programme, ProgrammeInstitution, Workflow
from catalogue.queries import with_status
from catalogue.status import deadlines_of, next_deadline, status_on
from catalogue.vocabularies import FILTERS, INSTITUTION, PROGRAMME, lists_of

from .models import Kind, OwnContribution
from .text import analyse_text, sort_key

# Tag group → many-to-many field, per kind of entry (catalogue.vocabularies).
TAG_FIELDS = {
    model: {vocabulary.param: vocabulary.key for vocabulary in lists_of(kind) if vocabulary.param}
    for model, kind in ((Programme, PROGRAMME), (Institution, INSTITUTION))
}
# Vocabulary labels that are words a seeker types ("Sprachförderung",
# "Sportvereine und -verbände"); the funding kinds ("Förderung betrifft
# Projekte") would make "Förderung" match every entry.
TEXT_LABELS = tuple(vocabulary.param for vocabulary in FILTERS if vocabulary.words)


def with_text(model):
    """Entries of `model` with everything the index reads, prefetched."""
    queryset = model.objects.prefetch_related(*TAG_FIELDS[model].values())
    if model is Programme:
        links = ProgrammeInstitution.objects.select_related("institution")
        return queryset.prefetch_related(Prefetch("institution_links", links), "deadlines")
    return queryset.select_related("kind")


def kind_of(entry):
    return Kind.PROGRAMME if isinstance(entry, Programme) else Kind.INSTITUTION


def _labels(entry):
    fields = TAG_FIELDS[type(entry)]
    return " ".join(
        item.label for group in TEXT_LABELS if group in fields for item in getattr(entry, fields[group]).all()
    )


def texts(entry):
    """(title, goals, body) as written; vocabulary labels and funder names
    are body text, so "Sprachförderung" finds the programmes of that area."""
    if isinstance(entry, Institution):
        kind = entry.kind.label if entry.kind else ""
        return entry.name, entry.goals, "\n".join([entry.description, kind, _labels(entry)])
    funders = [
        link.institution.name
        for link in entry.institution_links.all()
        if link.institution.state == Workflow.PUBLISHED
    ]
    body = [
        entry.description,
        entry.amount_text,
        entry.own_contribution_text,
        entry.eligible_text,
        entry.deadline_note,
        " ".join(funders),
        _labels(entry),
    ]
    return entry.title, entry.goals, "\n".join(body)


def analysed(entry, spellings):
    """The column values of the entry's SearchText; notes in `spellings`
    how each stem is written ({stem: word}, first spelling wins)."""
    title, goals, body = texts(entry)
    return {
        "title": analyse_text(title, spellings),
        "goals": analyse_text(goals, spellings),
        "body": analyse_text(body, spellings),
    }


def fields(entry, on=None):
    """The column values of the entry's SearchDocument; a programme's status
    and next deadline are those of the day `on` (none without it)."""
    values = {
        "kind": kind_of(entry),
        "sort_title": sort_key(texts(entry)[0]),
        "created_at": entry.created_at,
    }
    if isinstance(entry, Programme):
        code, deadline = status(entry, on) if on else (None, None)
        values.update(
            status_code=code,
            next_deadline=deadline,
            status_on=on,
            amount_min_eur=entry.amount_min_eur,
            amount_max_eur=entry.amount_max_eur,
        )
    return values


# The region hierarchy is catalogue.regions'; kept under these names for the index.
region_parents = regions.parents
widest = regions.widest


def own_contribution_codes(programme):
    """ "none" when the programme asks for no own money (a minimum share of
    0 %), "in_kind" when volunteer work or in-kind contributions count."""
    codes = []
    if programme.own_contribution_min_percent == 0:
        codes.append(OwnContribution.NONE.value)
    if programme.own_contribution_in_kind_allowed is True:
        codes.append(OwnContribution.IN_KIND.value)
    return codes


def tags(entry, parents):
    """[(group, code), …] of an entry, region tags reduced to the widest;
    programmes also carry their own-contribution codes."""
    result = []
    if isinstance(entry, Programme):
        result += [("own_contribution", code) for code in own_contribution_codes(entry)]
    for group, name in TAG_FIELDS[type(entry)].items():
        codes = {item.pk for item in getattr(entry, name).all()}
        if group == "region":
            codes = widest(codes, parents)
        result += [(group, code) for code in sorted(codes)]
    return result


def status(programme, on):
    """(status_code, next_deadline) of a loaded programme on the day `on`,
    from its prefetched deadlines (`catalogue.status`, which `with_status`
    computes alike in SQL): an index batch of a few entries then compiles
    no status expression, which cost more than the rest of the batch."""
    deadlines = deadlines_of(programme)
    upcoming = next_deadline(deadlines, on)
    return status_on(deadlines, on).value, upcoming and upcoming.isoformat()


def statuses(programme_pks, on):
    """{pk: (status_code, next_deadline)} as `with_status` computes them."""
    rows = with_status(Programme.objects.filter(pk__in=programme_pks), on).values_list(
        "pk", "status_code", "next_deadline"
    )
    return {pk: (code, deadline) for pk, code, deadline in rows}
