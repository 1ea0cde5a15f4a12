#!/usr/bin/env bash
# npm run bench [-- --quick] [-- --real N] [-- --runs N] [-- --skip detection,calls,bundle]
# Builds the extension into bench/.cache/ext (never .output), then runs the bench. As root,
# inside a private network namespace with only loopback up, like the end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
out=bench/.cache/ext
if [ -z "${OFFHOOK_EXTENSION_DIR:-}" ]; then
  echo "bench: building the extension into $out" >&2
  OFFHOOK_OUT_DIR="$out" node node_modules/wxt/bin/wxt.mjs build >/dev/null
fi
run=(node node_modules/tsx/dist/cli.mjs bench/main.ts "$@")
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 && unshare -n true 2>/dev/null; then
  exec unshare -n -- bash -c 'ip link set lo up && exec "$@"' bash "${run[@]}"
fi
echo "bench: not root or no unshare: running without a private network namespace" >&2
exec "${run[@]}"
