#!/usr/bin/env bash
# Runs the Firefox end-to-end suite (Firefox ESR over WebDriver BiDi). As root, inside a
# private network namespace like the Chromium suite, but with one more interface: Firefox
# gathers no ICE candidates at all when loopback is the only interface up, so the namespace
# gets a veth pair with a private address and a default route. Both ends of the pair stay
# inside the namespace: nothing a test starts can reach beyond it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh

if ! command -v "${FIREFOX_PATH:-firefox-esr}" >/dev/null 2>&1; then
  echo "offhook: firefox-esr is not installed: the Firefox end-to-end suite is skipped (apt-get install -y firefox-esr)" >&2
  exit 3
fi

run=(node node_modules/vitest/vitest.mjs run --config vitest.firefox.config.ts "$@")
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 && unshare -n true 2>/dev/null; then
  exec unshare -n -- bash -c '
    ip link set lo up
    ip link add offhook0 type veth peer name offhook1
    ip addr add 10.203.0.1/24 dev offhook0
    ip link set offhook0 up && ip link set offhook1 up
    ip route add default via 10.203.0.2 dev offhook0
    exec "$@"' bash "${run[@]}"
fi
echo "offhook: not root or no unshare: the Firefox suite runs without a private network namespace" >&2
exec "${run[@]}"
