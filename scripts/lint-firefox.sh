#!/usr/bin/env bash
# Builds the Firefox store package from the current sources into a folder of its own and
# runs Mozilla's add-on linter (web-ext lint) on it: any error fails, warnings are shown.
set -euo pipefail
cd "$(dirname "$0")/.."
out=".output-e2e/lint-firefox-$$"
# A fresh clone has no .output-e2e yet (the e2e runs create it later).
mkdir -p .output-e2e
trap 'rm -rf "$out" "$out.log"' EXIT
OFFHOOK_OUT_DIR="$out" node node_modules/wxt/bin/wxt.mjs build -b firefox >"$out.log" 2>&1 || { cat "$out.log"; exit 1; }
node node_modules/web-ext/bin/web-ext.js lint --source-dir "$out/firefox-mv3" --output text --no-config-discovery
