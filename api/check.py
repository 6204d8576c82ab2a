"""The Fördercheck as open data: /api/v1/check (JSON, a page of verdicts
with their reasons) and /api/v1/check.csv (every verdict as a table). Same
parameters and order as the page /foerdercheck/; one core, `search.check`."""

import csv
import io

from django.urls import reverse
from django.utils.translation import gettext as _

from catalogue.eligibility import Criterion, Fit
from search.check import check

from .exports import DelimiterForm, file_response
from .http import LANGUAGE_PARAMETER, error_response, json_response, set_last_modified
from .listing import (
    DEFAULT_PER_PAGE,
    EXPORT_CAP,
    PageSizeForm,
    form_errors,
    last_change,
    pagination,
    split_problems,
    with_warnings,
)
from .tables import CSV_BOM, csv_text


def _run(request, *, per_page, everything=False):
    """(CheckResult, warnings, None), or (None, [], 400 response) for invalid answers."""
    params = request.GET.copy()
    for name in (*PageSizeForm.base_fields, *DelimiterForm.base_fields, LANGUAGE_PARAMETER):
        params.pop(name, None)
    if everything:
        params.pop("page", None)
    result = check(params, per_page=per_page, answers_required=True)
    errors, warnings = split_problems(result.errors)
    if errors:
        return None, [], error_response(errors, status=400)
    return result, warnings, None


def check_item(assessment):
    return {
        "id": assessment.facts.id,
        "type": "programme",
        "title": assessment.facts.title,
        "fit": str(assessment.fit),
        "reasons": [
            {"criterion": str(r.criterion), "fit": str(r.fit), "message": r.message}
            for r in assessment.reasons
        ],
    }


def check_view(request):
    size = PageSizeForm(request.GET)
    if not size.is_valid():
        return error_response(form_errors(size), status=400)
    per_page = size.cleaned_data["per_page"] or DEFAULT_PER_PAGE
    result, warnings, failure = _run(request, per_page=per_page)
    if failure:
        return failure
    payload = {
        "data": [check_item(a) for a in result.items],
        "pagination": pagination(request, result, per_page),
        "warnings": warnings,
    }
    return set_last_modified(json_response(payload), last_change())


def rows(assessments, request):
    """Header, then one row per programme: verdict, each criterion's outcome
    in words, and what to ask the funder."""
    criteria = list(Criterion)
    yield [
        _("Kennung"),
        _("Titel"),
        _("Ergebnis"),
        *[str(c.label) for c in criteria],
        _("Beim Förderer klären"),
        _("Adresse im Atlas"),
    ]
    for assessment in assessments:
        reasons = {r.criterion: r for r in assessment.reasons}
        url = request.build_absolute_uri(reverse("public:programme", args=[assessment.facts.id]))
        yield [
            assessment.facts.id,
            assessment.facts.title,
            str(Fit(assessment.fit).label),
            *[f"{reasons[c].symbol} {reasons[c].detail}" for c in criteria],
            " ".join(assessment.questions),
            url,
        ]


def check_csv(request):
    delimiter = DelimiterForm(request.GET)
    if not delimiter.is_valid():
        return error_response(form_errors(delimiter), status=400)
    result, warnings, failure = _run(request, per_page=EXPORT_CAP, everything=True)
    if failure:
        return failure
    semicolon = delimiter.cleaned_data["delimiter"] == "semicolon"
    out = io.StringIO()
    out.write(CSV_BOM)
    writer = csv.writer(out, delimiter=";" if semicolon else ",", lineterminator="\r\n")
    for row in rows(result.items, request):
        writer.writerow([csv_text(value, semicolon) for value in row])
    content = out.getvalue().encode("utf-8")
    response = file_response(content, "text/csv; charset=utf-8", "csv", result.total > EXPORT_CAP)
    return with_warnings(response, warnings)
