#!/usr/bin/env bash
# npm test: lint, type-check, unit tests, then the end-to-end suites in real Chromium
# against a real Kamailio. Ends with one line "total: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh || exit 1
echo "== lint"; npx --no-install eslint . || exit 1
echo "== type-check"; npx --no-install tsc --noEmit || exit 1

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
echo "== unit tests"
node node_modules/vitest/vitest.mjs run --reporter=default --reporter=json --outputFile.json="$results/unit.json"
unit=$?
echo "== end-to-end tests"
bash scripts/e2e.sh --reporter=default --reporter=json --outputFile.json="$results/e2e.json"
e2e=$?

node scripts/summarise-tests.mjs "$results/unit.json" "$results/e2e.json"
summary=$?
[ $unit -eq 0 ] && [ $e2e -eq 0 ] && [ $summary -eq 0 ]
