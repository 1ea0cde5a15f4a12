#!/usr/bin/env bash
# npm test: lint, type-check, unit tests, then the end-to-end suites in real Chromium, the
# real-input suite (headed Chromium on a virtual X display) when its X tools are installed and,
# when firefox-esr is installed, in Firefox ESR, against a real Kamailio. Ends with one
# line "total: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh || exit 1
echo "== lint"; npx --no-install eslint . || exit 1
echo "== type-check"; npx --no-install tsc --noEmit || exit 1
echo "== Firefox add-on lint (web-ext lint)"; bash scripts/lint-firefox.sh || exit 1

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
echo "== unit tests"
node node_modules/vitest/vitest.mjs run --reporter=default --reporter=json --outputFile.json="$results/unit.json"
unit=$?
echo "== end-to-end tests"
bash scripts/e2e.sh --reporter=default --reporter=json --outputFile.json="$results/e2e.json"
e2e=$?
reports=("$results/unit.json" "$results/e2e.json")

echo "== end-to-end tests with real input (headed Chromium, X display, notification server)"
bash scripts/e2e-x11.sh --reporter=default --reporter=json --outputFile.json="$results/e2e-x11.json"
x11=$?
# 3: the X tools are missing; e2e-x11.sh said SKIPPED and what to install.
if [ $x11 -eq 3 ]; then
  echo "== end-to-end tests with real input: SKIPPED (see above)"
  x11=0
else
  reports+=("$results/e2e-x11.json")
fi

firefox=0
if command -v "${FIREFOX_PATH:-firefox-esr}" >/dev/null 2>&1; then
  echo "== end-to-end tests in Firefox ESR"
  bash scripts/e2e-firefox.sh --reporter=default --reporter=json --outputFile.json="$results/e2e-firefox.json"
  firefox=$?
  reports+=("$results/e2e-firefox.json")
else
  echo "== end-to-end tests in Firefox ESR: SKIPPED, firefox-esr is not installed (apt-get install -y firefox-esr)"
fi

node scripts/summarise-tests.mjs "${reports[@]}"
summary=$?
[ $unit -eq 0 ] && [ $e2e -eq 0 ] && [ $x11 -eq 0 ] && [ $firefox -eq 0 ] && [ $summary -eq 0 ]
