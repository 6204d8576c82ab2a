"""Cache headers of static files served by WhiteNoise (and the same in the
nginx site config): a file whose name carries its content hash never changes,
so browsers keep it a year without asking again."""

IMMUTABLE = "public, max-age=31536000, immutable"


def cache_headers(headers, path, url):
    # The manifest storage names copies site.<12 hex digits>.css; WhiteNoise
    # knows which files those are (`immutable_file_test`) and marks them already.
    if "immutable" in headers.get("Cache-Control", ""):
        headers["Cache-Control"] = IMMUTABLE
