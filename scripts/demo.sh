#!/usr/bin/env bash
# npm run demo: a local PBX, an answering party and Chromium with Offhook set up.
# With a display it opens a window; without one (or with --headless) it places a call by
# itself and prints what happened.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
export OFFHOOK_OUT_DIR="$PWD/.output"
npx --no-install wxt build >/dev/null
exec npx --no-install tsx scripts/demo.ts "$@"
