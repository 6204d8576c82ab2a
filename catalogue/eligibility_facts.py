"""The `Facts` the Fördercheck reads, for every programme of a queryset, in
a fixed number of queries (ten, whatever the number of programmes).

Plain rows, not model instances: a check reads every published programme,
and building 10,000 Programme objects with their related rows through
`prefetch_related` costs many times what the check itself does.
"""

from collections import defaultdict

from .eligibility import Facts
from .models import ApplicantType, Deadline, IntegrationArea, Programme, Region, TargetGroup
from .status import Deadlines

# Facts field → (many-to-many field of Programme, vocabulary model).
VOCABULARY_FIELDS = {
    "regions": ("regions", Region),
    "applicant_types": ("applicant_types", ApplicantType),
    "target_groups": ("target_groups", TargetGroup),
    "integration_areas": ("integration_areas", IntegrationArea),
}
COLUMNS = (
    "pk",
    "slug",
    "title",
    "amount_min_eur",
    "amount_max_eur",
    "own_contribution_min_percent",
    "own_contribution_in_kind_allowed",
    "deadline_kind",
    "window_start",
    "period_end",
)


def _terms(queryset, relation, model):
    """{programme pk: ((code, label), …)} in the vocabulary's editorial order."""
    vocabulary = list(model.objects.values_list("code", "label"))
    order = {code: (index, label) for index, (code, label) in enumerate(vocabulary)}
    through = getattr(Programme, relation).through
    target = f"{model._meta.model_name}_id"
    codes = defaultdict(list)
    for programme, code in through.objects.filter(programme__in=queryset).values_list("programme_id", target):
        codes[programme].append(code)
    return {
        pk: tuple((code, order[code][1]) for code in sorted(found, key=lambda c: order[c][0]))
        for pk, found in codes.items()
    }


def _deadlines(queryset):
    dates, yearly = defaultdict(list), defaultdict(list)
    rows = Deadline.objects.filter(programme__in=queryset).values_list("programme_id", "date", "yearly")
    for programme, day, month_day in rows:
        if day:
            dates[programme].append(day)
        if month_day:
            yearly[programme].append(month_day)
    return dates, yearly


def load_facts(queryset):
    """[Facts, …] of the programmes in `queryset` (unordered)."""
    queryset = queryset.order_by()
    terms = {name: _terms(queryset, *source) for name, source in VOCABULARY_FIELDS.items()}
    dates, yearly = _deadlines(queryset)
    facts = []
    for pk, slug, title, low, high, own, in_kind, kind, window, end in queryset.values_list(*COLUMNS):
        deadlines = Deadlines(
            kind=kind,
            dates=tuple(sorted(dates.get(pk, ()))),
            yearly=tuple(sorted(yearly.get(pk, ()))),
            window_start=window,
            period_end=end,
        )
        facts.append(
            Facts(
                id=slug,
                title=title,
                amount_min=low,
                amount_max=high,
                own_contribution_min_percent=own,
                in_kind_allowed=in_kind,
                deadlines=deadlines,
                **{name: found.get(pk, ()) for name, found in terms.items()},
            )
        )
    return facts
