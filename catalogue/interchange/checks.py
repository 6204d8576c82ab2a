"""Checks beyond the schema: errors the schema cannot express (links between
entries, duplicate ids, the atlas's own vocabularies, model limits) and
data-quality warnings that never block an import."""

import calendar
import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from catalogue.consistency import contradictions, stated_in_document
from catalogue.models import Institution, InstitutionKind
from catalogue.validators import validate_text

from .fields import (
    INSTITUTION,
    INSTITUTION_VOCABULARIES,
    PROGRAMME,
    PROGRAMME_VOCABULARIES,
    field_path,
    get_path,
    is_entry_id,
)
from .validation import finding

YEARLY = re.compile(r"\d{2}-\d{2}")  # the schema's pattern; \d includes non-ASCII digits
VOCABULARIES = {
    INSTITUTION: {**INSTITUTION_VOCABULARIES, "kind": ("kind", InstitutionKind)},
    PROGRAMME: PROGRAMME_VOCABULARIES,
}


def _entry_id(entry):
    entry_id = entry.data.get("id") if isinstance(entry.data, dict) else None
    return entry_id if isinstance(entry_id, str) else None


def _where(entry):
    where = f"{entry.kind}s[{entry.index}]"
    return f"{where} in {entry.source}" if entry.source else where


def duplicate_ids(entries):
    """An id may occur once per kind across all documents of one import."""
    first, findings = {}, []
    for entry in entries:
        key = (entry.kind, _entry_id(entry))
        if key[1] is None:
            continue
        if key in first:
            message = _("Die Kennung „%(id)s“ kommt mehrfach vor (zuerst bei %(where)s).") % {
                "id": key[1],
                "where": _where(first[key]),
            }
            findings.append(finding(entry, "id", message, "duplicate_id"))
        else:
            first[key] = entry
    return findings


def _links(entry):
    links = entry.data.get("institutions") if isinstance(entry.data, dict) else None
    return [(i, link) for i, link in enumerate(links or []) if isinstance(link, dict)]


def institution_links(entries):
    """Every programme→institution link points to an institution of this
    import or of the atlas, and names it once per role."""
    in_documents = {_entry_id(e) for e in entries if e.kind == INSTITUTION}
    wanted = {link.get("id") for e in entries if e.kind == PROGRAMME for _i, link in _links(e)}
    wanted = {slug for slug in wanted if is_entry_id(slug)} - in_documents
    known = in_documents | set(Institution.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    findings = []
    for entry in (e for e in entries if e.kind == PROGRAMME):
        seen = set()
        for i, link in _links(entry):
            slug, role = link.get("id"), link.get("role")
            if isinstance(slug, str) and slug not in known:
                message = _("Keine Institution mit der Kennung „%(id)s“ im Import oder im Atlas.") % {
                    "id": slug
                }
                findings.append(finding(entry, f"institutions[{i}].id", message, "unknown_institution"))
            if (slug, role) in seen:
                message = _("Die Institution „%(id)s“ ist in dieser Rolle schon verknüpft.") % {"id": slug}
                findings.append(finding(entry, f"institutions[{i}]", message, "duplicate_link"))
            seen.add((slug, role))
    return findings


def yearly_dates(entry):
    """MM-DD must be a day of a (leap) year; "02-29" is allowed. Runs on
    every entry, so skips values the schema already rejects."""
    yearly = get_path(entry.data, "deadlines.yearly")
    findings = []
    for i, month_day in enumerate(yearly if isinstance(yearly, list) else []):
        if not (isinstance(month_day, str) and YEARLY.fullmatch(month_day)):
            continue
        month, day = int(month_day[:2]), int(month_day[3:])
        valid_day = 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]
        if not (month_day.isascii() and valid_day):
            message = _("„%(value)s“ ist kein Tag im Jahr (MM-TT).") % {"value": month_day}
            findings.append(finding(entry, f"deadlines.yearly[{i}]", message, "invalid_yearly"))
    return findings


def _strings(value, path=()):
    """(path parts, text) of every string inside a JSON value."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def text_characters(entry):
    """Every text of an entry, valid for the schema or not, by the one rule
    of `catalogue.validators.validate_text` (no NUL, no bidi overrides):
    such a character is reported wherever it is and never reaches a query."""
    findings = []
    for path, text in _strings(entry.data):
        try:
            validate_text(text)
        except ValidationError as error:
            findings.append(finding(entry, field_path(list(path)), error.messages[0], error.code))
    return findings


def vocabulary_codes(entry, known_codes):
    """Codes must exist in the atlas's vocabulary tables, not only in the
    schema (editors may retire a value). `known_codes(model)` → set."""
    findings = []
    for path, (_field, model) in VOCABULARIES[entry.kind].items():
        value = get_path(entry.data, path)
        values = value if isinstance(value, list) else [] if value is None else [value]
        for i, code in enumerate(values):
            if code not in known_codes(model):
                where = f"{path}[{i}]" if isinstance(value, list) else path
                message = _("Unbekannter Code „%(value)s“.") % {"value": code}
                findings.append(finding(entry, where, message, "unknown_code"))
    return findings


def model_errors(entry, instance, paths):
    """Limits of the database the schema does not state (text lengths, digits
    of amounts): Django's own German messages, addressed by JSON path.
    `paths` maps model field → JSON path."""
    try:
        instance.full_clean(exclude=["kind"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        order = list(paths)  # the mapping's order, not the model's
        return [
            finding(entry, paths.get(name, name), message, "invalid")
            for name, messages in sorted(error.message_dict.items(), key=lambda item: order.index(item[0]))
            for message in messages
        ]
    return []


def _dates(entry):
    return [date.fromisoformat(d) for d in get_path(entry.data, "deadlines.dates") or []]


def _optional_date(entry, path):
    value = get_path(entry.data, path)
    return date.fromisoformat(value) if value else None


def _deadline_warnings(entry):
    kind = get_path(entry.data, "deadlines.kind") or "none"
    dates, yearly = _dates(entry), get_path(entry.data, "deadlines.yearly") or []
    window_start = _optional_date(entry, "deadlines.window_start")
    end = _optional_date(entry, "period.end")
    found = []
    if kind == "none":
        found.append(("deadlines.kind", _("Keine Angabe zur Bewerbungsfrist."), "deadline_missing"))
    if kind == "dates" and not dates and not yearly:
        message = _("Art „dates“ ohne ein Datum: das Programm gilt als abgelaufen.")
        found.append(("deadlines", message, "dates_missing"))
    if kind != "dates" and (dates or yearly):
        message = _("Termine angegeben, aber die Art ist „%(kind)s“: die Termine zählen nicht.") % {
            "kind": kind
        }
        found.append(("deadlines.kind", message, "dates_ignored"))
    for i, day in enumerate(dates):
        if end and day > end:
            message = _("Die Frist liegt nach dem Ende der Laufzeit (%(end)s).") % {"end": end.isoformat()}
            found.append((f"deadlines.dates[{i}]", message, "deadline_after_period_end"))
    if window_start and dates and not yearly and window_start > max(dates):
        message = _("Der Bewerbungszeitraum beginnt erst nach der letzten Frist.")
        found.append(("deadlines.window_start", message, "window_after_last_deadline"))
    return found


def _other_warnings(entry):
    found = []
    amount = get_path(entry.data, "amount") or {}
    if not any(
        amount.get(key) not in (None, "") for key in ("text", "min_eur", "max_eur", "max_rate_percent")
    ):
        found.append(("amount", _("Keine Angabe zur Fördersumme."), "amount_missing"))
    low, high = amount.get("min_eur"), amount.get("max_eur")
    if low is not None and high is not None and low > high:
        message = _("Der Mindestbetrag ist größer als der Höchstbetrag.")
        found.append(("amount.min_eur", message, "amount_min_above_max"))
    if not get_path(entry.data, "eligible.text") and not get_path(entry.data, "eligible.applicant_types"):
        found.append(("eligible", _("Keine Angabe, wer antragsberechtigt ist."), "eligible_missing"))
    start, end = _optional_date(entry, "period.start"), _optional_date(entry, "period.end")
    if start and end and end < start:
        message = _("Die Laufzeit endet vor ihrem Beginn.")
        found.append(("period.end", message, "period_end_before_start"))
    return found


def quality_warnings(entry):
    """Data-quality findings of a schema-valid programme; never block an import."""
    if entry.kind != PROGRAMME:
        return []
    found = _deadline_warnings(entry) + _other_warnings(entry)
    found += [(c.field, c.message, c.code) for c in contradictions(stated_in_document(entry.data))]
    return [finding(entry, field, message, code) for field, message, code in found]


def html_warning(entry, path):
    message = _(
        "HTML-Code in Markdown umgewandelt (der Text bleibt, Tags und Kommentare entfallen); bitte prüfen."
    )
    return finding(entry, path, message, "html_converted")
