"""Check demo/catalogue.json: that it is valid and says only what its sources say.

Checks the file's layout, the schema, the vocabularies, ids and links, the
MiSO entry (exactly as seeded), wording rules, that every entry names its
sources, and that no structured value contradicts the entry's own text
(`catalogue.consistency`, the same reading the importer and the worklist use).
It checks no quotas: which statuses, kinds of deadline or regions the demo
happens to cover is up to its sources; tests that need a case build it.

Usage: .venv/bin/python demo/check_demo.py [--today YYYY-MM-DD]
Exit code 1 on any problem.
"""

import argparse
import json
import os
import re
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CATALOGUE = HERE / "catalogue.json"
SCHEMA = ROOT / "catalogue" / "interchange" / "foerderatlas-1.schema.json"
VOCABULARIES = ROOT / "catalogue" / "data" / "vocabularies.json"
SEED = ROOT / "catalogue" / "interchange" / "seed-miso.json"
MISO_ID = "miso-netzwerk-hannover-e-v"
# Fields every entry can fill from its sources; the rest (amount, own
# contribution, eligibility) stay empty where the sources are silent.
REQUIRED = {
    "institution": (
        "kind",
        "website",
        "description",
        "funding_kinds",
        "regions",
        "integration_areas",
        "target_groups",
        "last_checked",
    ),
    "programme": (
        "institutions",
        "description",
        "goals",
        "deadlines",
        "links",
        "funding_kinds",
        "regions",
        "integration_areas",
        "target_groups",
        "last_checked",
    ),
}


def setup_django():
    """The consistency reading lives in the catalogue app and speaks German
    through gettext, so the script needs Django's settings (no database)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "atlas.settings")
    import django

    django.setup()


def read_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def entries(data):
    return [("institution", e) for e in data.get("institutions", [])] + [
        ("programme", e) for e in data.get("programmes", [])
    ]


def check(data, *, today, seed=None, schema=None, vocabularies=None):
    """Every problem of a parsed demo document, as lines of text."""
    seed = read_json(SEED) if seed is None else seed
    return [
        *schema_problems(data, read_json(SCHEMA) if schema is None else schema),
        *vocabulary_problems(data, read_json(VOCABULARIES) if vocabularies is None else vocabularies),
        *link_problems(data),
        *seed_problems(data, seed),
        *wording_problems(data, today),
        *source_problems(data),
        *completeness_problems(data),
        *consistency_problems(data),
    ]


def schema_problems(data, schema):
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [
        f"schema: {'/'.join(map(str, err.absolute_path))}: {err.message}"
        for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]


def vocabulary_problems(data, vocabularies):
    """The schema's enums should match; double-check against the file."""
    codes = {k: {item["code"] for item in v} for k, v in vocabularies.items() if isinstance(v, list)}
    problems = []
    for kind, e in entries(data):
        for field in ("funding_kinds", "integration_areas", "target_groups", "regions"):
            problems += [
                f"{kind} {e['id']}: {field} code {c!r} not in vocabularies"
                for c in e.get(field, [])
                if c not in codes[field]
            ]
        for c in (e.get("eligible") or {}).get("applicant_types", []):
            if c not in codes["applicant_types"]:
                problems.append(f"{kind} {e['id']}: applicant type {c!r} not in vocabularies")
        if kind == "institution" and e.get("kind") and e["kind"] not in codes["institution_kinds"]:
            problems.append(f"institution {e['id']}: kind {e['kind']!r} not in vocabularies")
        for link in e.get("institutions", []):
            if link["role"] not in codes["institution_roles"]:
                problems.append(f"programme {e['id']}: role {link['role']!r} not in vocabularies")
    return problems


def link_problems(data):
    """Unique ids, links resolve, every programme linked."""
    problems = []
    inst_ids = [i["id"] for i in data.get("institutions", [])]
    prog_ids = [p["id"] for p in data.get("programmes", [])]
    for label, ids in (("institution", inst_ids), ("programme", prog_ids)):
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            problems.append(f"duplicate {label} ids: {sorted(dupes)}")
    for p in data.get("programmes", []):
        if not p.get("institutions"):
            problems.append(f"programme {p['id']}: no institution link")
        for link in p.get("institutions", []):
            if link["id"] not in inst_ids:
                problems.append(f"programme {p['id']}: unknown institution {link['id']}")
        pairs = [(link["id"], link["role"]) for link in p.get("institutions", [])]
        if len(pairs) != len(set(pairs)):
            problems.append(f"programme {p['id']}: duplicate institution/role pair")
    return problems


def seed_problems(data, seed):
    """MiSO exactly as seeded, keys in the same order."""
    expected = seed["institutions"][0]
    miso = next((i for i in data.get("institutions", []) if i["id"] == MISO_ID), None)
    if miso != expected or list(miso or {}) != list(expected):
        return ["MiSO entry differs from seed-miso.json"]
    return []


def wording_problems(data, today):
    problems = []
    for kind, e in entries(data):
        blob = json.dumps(e, ensure_ascii=False)
        if e["id"] != MISO_ID and "einbürger" in blob.lower():
            problems.append(f"{kind} {e['id']}: mentions Einbürgerung")
        for field in ("description", "goals"):
            if re.search(r"<[A-Za-z/!]", e.get(field, "")):
                problems.append(f"{kind} {e['id']}: raw HTML in {field}")
        for url in [e.get("website")] + e.get("sources", []) + [link["url"] for link in e.get("links", [])]:
            if url and (not url.isascii() or " " in url or not urlsplit(url).netloc):
                problems.append(f"{kind} {e['id']}: suspicious URL {url}")
        if e.get("last_checked") and not ("2025-01-01" <= e["last_checked"] <= today.isoformat()):
            problems.append(f"{kind} {e['id']}: last_checked {e['last_checked']} outside 2025..today")
    return problems


def source_problems(data):
    """Every entry names at least one source. MiSO is the seed as the original
    atlas shows it (without sources) and must stay byte-identical to it."""
    return [
        f"{kind} {e['id']}: no source"
        for kind, e in entries(data)
        if e["id"] != MISO_ID and not e.get("sources")
    ]


def completeness_problems(data):
    problems = []
    for kind, e in entries(data):
        missing = [f for f in REQUIRED[kind] if not e.get(f)]
        if e["id"] != MISO_ID and missing:
            problems.append(f"{kind} {e['id']}: missing {missing}")
    return problems


def consistency_problems(data):
    from catalogue.consistency import contradictions, stated_in_document

    return [
        f"programme {p['id']}: {found.field}: {found.message}"
        for p in data.get("programmes", [])
        for found in contradictions(stated_in_document(p))
    ]


def layout_problems(text, data):
    if text != json.dumps(data, ensure_ascii=False, indent=1) + "\n":
        return ["file is not written as json.dumps(ensure_ascii=False, indent=1) + newline"]
    return []


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    args = parser.parse_args(argv)
    setup_django()

    text = CATALOGUE.read_text(encoding="utf-8")
    data = json.loads(text)
    problems = layout_problems(text, data) + check(data, today=args.today)

    print(f"{len(data['institutions'])} institutions, {len(data['programmes'])} programmes")
    if problems:
        print("\nPROBLEMS:")
        for problem in problems:
            print("  -", problem)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
