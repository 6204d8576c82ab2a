#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL cluster on a Unix socket in a
# temporary directory; DATABASE_URL points at it. The cluster is removed on exit.
#   scripts/with-postgres.sh .venv/bin/pytest
set -euo pipefail

bindir=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
workdir=$(mktemp -d /tmp/atlas-pg.XXXXXX)
chmod 755 "$workdir"
run_as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$workdir"

cleanup() {
  run_as_postgres "$bindir/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT

run_as_postgres "$bindir/initdb" -D "$workdir/data" -U atlas --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
run_as_postgres "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w \
  -o "-k $workdir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
run_as_postgres "$bindir/createdb" -h "$workdir" -U atlas atlas

export DATABASE_URL="postgres://atlas@/atlas?host=$workdir"
"$@"
