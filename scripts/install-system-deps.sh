#!/usr/bin/env bash
# Install the Debian packages the test suite needs, if they are missing:
# chromium (browser tests), PostgreSQL (second database), gettext (messages),
# wrk (load benchmark), nginx and redis-server (the production tests in ops/:
# a real reverse proxy and the shared cache). Needs root, as on CI and
# developer machines here.
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium)
[ -x "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | head -1)" ] || missing+=(postgresql postgresql-contrib)
command -v msgfmt >/dev/null || missing+=(gettext)
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v redis-server >/dev/null || missing+=(redis-server)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" != 0 ]; then
    echo "Need root to install ${missing[*]} (run as root or install them yourself)." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
