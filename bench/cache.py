"""Names of the cached benchmark databases under bench/out/.

A catalogue is cached by `data_key()`: the generator's version
(GENERATOR_VERSION, bumped whenever its output changes); a cached database
is migrated before each use, so new migrations apply as they would on a
live atlas. Its search index is stamped with `index_key()`, a hash of the
search code that shapes the index (INDEX_SOURCES): a change there rebuilds
only the index.
"""

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def digest(patterns, extra=""):
    """A short hash of the files matching `patterns` (tests excluded)."""
    sha = hashlib.sha1(extra.encode())
    for pattern in patterns:
        for path in sorted(ROOT.glob(pattern)):
            if "tests" not in path.parts and path.is_file():
                sha.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    return sha.hexdigest()[:10]


def data_key():
    from bench.generate import GENERATOR_VERSION

    return f"g{GENERATOR_VERSION}"


# The search code that decides what the index holds (not how it is queried).
INDEX_SOURCES = [
    "search/migrations/*.py",
    "search/models.py",
    "search/documents.py",
    "search/index.py",
    "search/text.py",
    "search/fulltext.py",
]


def index_key():
    return digest(INDEX_SOURCES, extra=data_key())


def label(size):
    """10000 → "10k"."""
    return f"{size // 1000}k" if size >= 1000 else str(size)


def prune(pattern, keep):
    """Remove the cached files matching `pattern` (under bench/out/) except
    `keep`: each new cache entry makes the stale ones of its kind useless."""
    for path in OUT.glob(pattern):
        if path != keep:
            path.unlink()
