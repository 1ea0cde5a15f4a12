#!/usr/bin/env bash
# Runs the end-to-end suites. As root, inside a private network namespace with only
# loopback up, so nothing a test starts can reach beyond 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh

run=(node node_modules/vitest/vitest.mjs run --config vitest.e2e.config.ts "$@")
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 && unshare -n true 2>/dev/null; then
  exec unshare -n -- bash -c 'ip link set lo up && exec "$@"' bash "${run[@]}"
fi
echo "offhook: not root or no unshare: end-to-end tests run without a private network namespace" >&2
exec "${run[@]}"
