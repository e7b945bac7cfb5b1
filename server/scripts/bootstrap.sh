#!/usr/bin/env bash
# Installs what Switchboard needs on a fresh Debian machine that has Node 20, npm 11 and Go.
#   bootstrap.sh run   npm packages + the embedded FerretDB build (enough for `npm start`)
#   bootstrap.sh test  the above + Debian packages the tests drive (Chromium, Kamailio, Redis)
# Idempotent: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:-run}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ "$mode" = test ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v kamailio >/dev/null 2>&1 || [ -x /usr/sbin/kamailio ] || missing+=(kamailio)
  ls /usr/lib/x86_64-linux-gnu/kamailio/modules/websocket.so >/dev/null 2>&1 \
    || ls /usr/lib/*/kamailio/modules/websocket.so >/dev/null 2>&1 || missing+=(kamailio-websocket-modules)
  # evapi + jansson (queue calls), auth_ephemeral (SIP credentials): server/sip/kamailio.cfg loads them.
  ls /usr/lib/*/kamailio/modules/evapi.so >/dev/null 2>&1 || missing+=(kamailio-extra-modules)
  ls /usr/lib/*/kamailio/modules/auth_ephemeral.so >/dev/null 2>&1 || missing+=(kamailio-autheph-modules)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "bootstrap: installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # Debian enables these services on install; the tests start their own instances.
  as_root systemctl disable --now kamailio redis-server >/dev/null 2>&1 || true
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "bootstrap: npm ci"
  npm ci --no-audit --no-fund
fi

# Builds .data/bin/ferretdb-embedded when missing or older than its sources.
npx tsx server/scripts/build-ferretdb.ts
