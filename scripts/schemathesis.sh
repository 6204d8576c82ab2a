#!/usr/bin/env bash
# schemathesis over every operation of /api/v1/openapi.json with all checks,
# against `gunicorn -c deploy/gunicorn.conf.py` (two workers, DEBUG off) with
# the demo catalogue on a throw-away SQLite file. The API rate limit is lifted
# for this run (thousands of requests from one client); that the limit answers
# 429 is tested in the suite (api/tests/test_http.py, ops/tests/test_serve.py).
#   scripts/schemathesis.sh            # 30 examples per operation
#   EXAMPLES=100 scripts/schemathesis.sh
set -euo pipefail
cd "$(dirname "$0")/.."

workdir=$(mktemp -d /tmp/atlas-schemathesis.XXXXXX)
port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
server=""
cleanup() {
  [ -n "$server" ] && kill -TERM -- "-$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$workdir"
}
trap cleanup EXIT

export SECRET_KEY="schemathesis-run-only-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1 DATABASE_URL="sqlite:///$workdir/atlas.db" ATLAS_STATIC_ROOT="$workdir/static"
export ATLAS_DEBUG=0 ATLAS_TODAY=2026-11-25 ATLAS_API_RATE_LIMIT=0 HOST="127.0.0.1:$port" PYTHONWARNINGS=ignore
unset ATLAS_CACHE PYTEST_VERSION

.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py import_catalogue demo/catalogue.json >/dev/null 2>&1
.venv/bin/python manage.py rebuild_search_index >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0
setsid .venv/bin/gunicorn -c deploy/gunicorn.conf.py >"$workdir/gunicorn.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 0.3
done

.venv/bin/st run --checks all --max-examples "${EXAMPLES:-30}" --seed "${SEED:-1}" --no-color \
  --url "http://127.0.0.1:$port/api/v1" "http://127.0.0.1:$port/api/v1/openapi.json"
