"""The thesaurus file: one concept a line, the same format for the shipped
data (`thesaurus/data/thesaurus.txt`), exports and imports.

    code | filter | de | en | ar | tr | uk | ru | fa

Terms of one language are separated by ";", the first German term is the
preferred one, `filter` is "parameter=code" or "-", lines starting with "#"
are comments. `parse` checks a whole file and reports every bad line;
`save` writes nothing unless the whole file is good.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import LANGUAGES, validate_filter

DATA_FILE = Path(__file__).parent / "data" / "thesaurus.txt"
COLUMNS = ("code", "filter", *LANGUAGES)
HEADER = "# " + " | ".join(COLUMNS)
MAX_BYTES = 2_000_000  # the shipped file is about 150 KB
MAX_LINE = 4000
CODE = re.compile(r"[a-z0-9_-]{1,80}")


@dataclass
class Parsed:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # "Zeile 12: …"


def _row(line):
    cells = [cell.strip() for cell in line.split("|")]
    if len(cells) != len(COLUMNS):
        raise ValidationError(
            _("%(found)d Spalten statt %(wanted)d.") % {"found": len(cells), "wanted": len(COLUMNS)}
        )
    row = dict(zip(COLUMNS, cells, strict=True))
    row["filter"] = "" if row["filter"] == "-" else row["filter"]
    if not CODE.fullmatch(row["code"]):
        raise ValidationError(
            _("Der Code „%(code)s“ darf nur Kleinbuchstaben, Ziffern, - und _ enthalten.") % row
        )
    validate_filter(row["filter"])
    if not row["de"]:
        raise ValidationError(_("Ein deutscher Begriff fehlt."))
    return row


def parse(text):
    """The rows of a thesaurus file, or the errors that keep it from loading."""
    parsed, seen = Parsed(), set()
    if len(text.encode()) > MAX_BYTES:
        parsed.errors.append(_("Die Datei ist zu groß (höchstens 2 MB)."))
        return parsed
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            if len(line) > MAX_LINE:
                raise ValidationError(_("Die Zeile ist zu lang."))
            row = _row(line)
            if row["code"] in seen:
                raise ValidationError(_("Der Code „%(code)s“ kommt doppelt vor.") % row)
        except ValidationError as error:
            parsed.errors.append(
                _("Zeile %(number)d: %(message)s") % {"number": number, "message": error.messages[0]}
            )
            continue
        seen.add(row["code"])
        parsed.rows.append(row)
    return parsed


def dump(concepts):
    """The file of `concepts` (Concept objects or rows)."""
    lines = [HEADER]
    for concept in concepts:
        cells = [
            getattr(concept, column) if not isinstance(concept, dict) else concept[column]
            for column in COLUMNS
        ]
        cells[1] = cells[1] or "-"
        lines.append(" | ".join(" ".join(cell.split()) for cell in cells))
    return "\n".join(lines) + "\n"


def save(rows, model, *, replace=False):
    """Create or update the concepts of `rows` by code, all at once;
    with `replace`, delete the concepts the rows do not name. Returns
    (created, updated, deleted)."""
    created = updated = deleted = 0
    with transaction.atomic():
        existing = {concept.code: concept for concept in model.objects.all()}
        for row in rows:
            concept = existing.get(row["code"])
            if concept is None:
                model.objects.create(**row)
                created += 1
            elif any(getattr(concept, column) != row[column] for column in COLUMNS):
                for column in COLUMNS:
                    setattr(concept, column, row[column])
                concept.save()
                updated += 1
        if replace:
            gone = set(existing) - {row["code"] for row in rows}
            deleted = len(gone)
            for code in gone:
                existing[code].delete()
    return created, updated, deleted


def load_shipped(model):
    """Load the thesaurus shipped with the atlas (data migration, `load_thesaurus`)."""
    parsed = parse(DATA_FILE.read_text(encoding="utf-8"))
    if parsed.errors:
        raise ValueError("\n".join(parsed.errors))
    return save(parsed.rows, model)
