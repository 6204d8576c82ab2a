"""Check demo/catalogue.json: schema, vocabularies, links, MiSO seed, deadline mix.

Usage: .venv/bin/python demo/check_demo.py [--today YYYY-MM-DD]
Exit code 1 on any problem.
"""

import argparse
import calendar
import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator

HERE = Path(__file__).resolve().parent
INTERCHANGE = Path("/work/shared/interchange")
CATALOGUE = HERE / "catalogue.json"
SCHEMA = HERE.parent / "catalogue" / "interchange" / "foerderatlas-1.schema.json"
if not SCHEMA.exists():
    SCHEMA = INTERCHANGE / "foerderatlas-1.schema.json"
VOCABULARIES = HERE.parent / "catalogue" / "data" / "vocabularies.json"
if not VOCABULARIES.exists():
    VOCABULARIES = INTERCHANGE / "vocabularies.json"
SEED = INTERCHANGE / "seed-miso.json"
MISO_ID = "miso-netzwerk-hannover-e-v"


def yearly_occurrence(month_day, year):
    month, day = int(month_day[:2]), int(month_day[3:])
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def status(programme, on):
    """Mirror of catalogue.status.status_on (kept dependency-free)."""
    dl = programme.get("deadlines") or {"kind": "none"}
    end = (programme.get("period") or {}).get("end")
    if end and date.fromisoformat(end) < on:
        return "expired", None
    upcoming = None
    if dl["kind"] == "dates":
        cands = [date.fromisoformat(d) for d in dl.get("dates", []) if date.fromisoformat(d) >= on]
        for md in dl.get("yearly", []):
            this = yearly_occurrence(md, on.year)
            cands.append(this if this >= on else yearly_occurrence(md, on.year + 1))
        upcoming = min(cands, default=None)
        if upcoming is None:
            return "expired", None
    ws = dl.get("window_start")
    if ws and date.fromisoformat(ws) > on:
        return "upcoming", upcoming
    if upcoming and upcoming <= on + timedelta(days=30):
        return "closing_soon", upcoming
    return "open", upcoming


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--today", default="2026-11-25")
    args = parser.parse_args()
    today = date.fromisoformat(args.today)

    raw = CATALOGUE.read_bytes()
    text = raw.decode("utf-8")
    data = json.loads(text)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    problems = []

    if text != json.dumps(data, ensure_ascii=False, indent=1) + "\n":
        problems.append("file is not written as json.dumps(ensure_ascii=False, indent=1) + newline")

    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for err in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        problems.append(f"schema: {'/'.join(map(str, err.absolute_path))}: {err.message}")

    # Vocabularies (the schema enums should match; double-check against the file).
    vocab = json.loads(VOCABULARIES.read_text(encoding="utf-8"))
    codes = {k: {item["code"] for item in v} for k, v in vocab.items() if isinstance(v, list)}
    for kind, entries in (("institution", data["institutions"]), ("programme", data["programmes"])):
        for e in entries:
            for field in ("funding_kinds", "integration_areas", "target_groups", "regions"):
                for c in e.get(field, []):
                    if c not in codes[field]:
                        problems.append(f"{kind} {e['id']}: {field} code {c!r} not in vocabularies")
            for c in (e.get("eligible") or {}).get("applicant_types", []):
                if c not in codes["applicant_types"]:
                    problems.append(f"{kind} {e['id']}: applicant type {c!r} not in vocabularies")
            if kind == "institution" and e.get("kind") and e["kind"] not in codes["institution_kinds"]:
                problems.append(f"institution {e['id']}: kind {e['kind']!r} not in vocabularies")
            for link in e.get("institutions", []):
                if link["role"] not in codes["institution_roles"]:
                    problems.append(f"programme {e['id']}: role {link['role']!r} not in vocabularies")

    # Unique ids, links resolve, every programme linked.
    inst_ids = [i["id"] for i in data["institutions"]]
    prog_ids = [p["id"] for p in data["programmes"]]
    for label, ids in (("institution", inst_ids), ("programme", prog_ids)):
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            problems.append(f"duplicate {label} ids: {sorted(dupes)}")
    for p in data["programmes"]:
        if not p.get("institutions"):
            problems.append(f"programme {p['id']}: no institution link")
        for link in p.get("institutions", []):
            if link["id"] not in inst_ids:
                problems.append(f"programme {p['id']}: unknown institution {link['id']}")
        pairs = [(link["id"], link["role"]) for link in p.get("institutions", [])]
        if len(pairs) != len(set(pairs)):
            problems.append(f"programme {p['id']}: duplicate institution/role pair")

    # MiSO exactly as seeded.
    seed = json.loads(SEED.read_text(encoding="utf-8"))["institutions"][0]
    miso = next((i for i in data["institutions"] if i["id"] == MISO_ID), None)
    if miso != seed or list(miso or {}) != list(seed):
        problems.append("MiSO entry differs from seed-miso.json")

    # Wording rules.
    for kind, entries in (("institution", data["institutions"]), ("programme", data["programmes"])):
        for e in entries:
            blob = json.dumps(e, ensure_ascii=False)
            if e["id"] != MISO_ID and "einbürger" in blob.lower():
                problems.append(f"{kind} {e['id']}: mentions Einbürgerung")
            for field in ("description", "goals"):
                if re.search(r"<[A-Za-z/!]", e.get(field, "")):
                    problems.append(f"{kind} {e['id']}: raw HTML in {field}")
            for url in (
                [e.get("website")] + e.get("sources", []) + [link["url"] for link in e.get("links", [])]
            ):
                if url and (not url.isascii() or " " in url or not urlsplit(url).netloc):
                    problems.append(f"{kind} {e['id']}: suspicious URL {url}")
            if e.get("last_checked") and not ("2025-01-01" <= e["last_checked"] <= today.isoformat()):
                problems.append(f"{kind} {e['id']}: last_checked {e['last_checked']} outside 2025..today")
        for e in entries:
            if e["id"] == MISO_ID:
                continue
            missing = [
                f
                for f in (
                    "kind",
                    "website",
                    "description",
                    "funding_kinds",
                    "regions",
                    "integration_areas",
                    "target_groups",
                    "last_checked",
                    "sources",
                )
                if kind == "institution" and not e.get(f)
            ]
            missing += [
                f
                for f in (
                    "institutions",
                    "description",
                    "goals",
                    "amount",
                    "own_contribution",
                    "deadlines",
                    "eligible",
                    "links",
                    "funding_kinds",
                    "regions",
                    "integration_areas",
                    "target_groups",
                    "last_checked",
                    "sources",
                )
                if kind == "programme" and not e.get(f)
            ]
            if missing:
                problems.append(f"{kind} {e['id']}: missing {missing}")

    # Deadline mix relative to `today`.
    rows = []
    counts = {}
    for p in data["programmes"]:
        st, nxt = status(p, today)
        dl = p["deadlines"]
        rows.append((p["id"], dl["kind"], st, nxt))
        counts[st] = counts.get(st, 0) + 1
    kinds = [r[1] for r in rows]
    yearly = sum(1 for p in data["programmes"] if p["deadlines"].get("yearly"))
    one_off_expired = sum(
        1
        for p, r in zip(data["programmes"], rows, strict=True)
        if p["deadlines"].get("dates") and not p["deadlines"].get("yearly") and r[2] == "expired"
    )
    checks = {
        "institutions >= 14": len(inst_ids) >= 14,
        "programmes >= 44": len(prog_ids) >= 44,
        "rolling >= 3": kinds.count("rolling") >= 3,
        "yearly >= 3": yearly >= 3,
        "expired one-offs >= 3": one_off_expired >= 3,
        "closing soon >= 2": counts.get("closing_soon", 0) >= 2,
        "upcoming (future window) >= 1": counts.get("upcoming", 0) >= 1,
        "kind none >= 2": kinds.count("none") >= 2,
        "single-district programmes besides 03241 >= 2": sum(
            1
            for p in data["programmes"]
            if len(p.get("regions", [])) == 1
            and re.fullmatch(r"\d{5}", p["regions"][0])
            and p["regions"][0] != "03241"
        )
        >= 2,
    }
    for name, ok in checks.items():
        if not ok:
            problems.append(f"mix: {name} failed")

    print(f"{len(inst_ids)} institutions, {len(prog_ids)} programmes; status on {today}: {counts}")
    for pid, kind, st, nxt in rows:
        print(f"  {pid:70} {kind:8} {st:13} {nxt or ''}")
    for name, ok in checks.items():
        print(f"  [{'x' if ok else ' '}] {name}")
    if problems:
        print("\nPROBLEMS:")
        for p in problems:
            print("  -", p)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
