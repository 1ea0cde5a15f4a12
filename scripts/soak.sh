#!/usr/bin/env bash
# npm run soak [-- --restarts N --cuts N --blackholes N --worker-stops N --idle-grant S --idle-periods N]
# Compressed long-run faults against the built extension, loopback only (private network
# namespace when root). Prints what recovered and how fast. Not part of npm test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
out=.output-soak
OFFHOOK_OUT_DIR="$out" node node_modules/wxt/bin/wxt.mjs build --mode e2e >/dev/null
run=(node node_modules/tsx/dist/cli.mjs scripts/soak.ts "$out/chrome-mv3-e2e" "$@")
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 && unshare -n true 2>/dev/null; then
  exec unshare -n -- bash -c 'ip link set lo up && exec "$@"' bash "${run[@]}"
fi
exec "${run[@]}"
