#!/usr/bin/env bash
# Runs the real-input suite (test/e2e-x11/): Chromium headed on a virtual X display (Xvfb) with
# a notification server (dunst) on a private session bus, keys and clicks from xdotool. The
# tests start the display, the bus and dunst themselves. As root, inside a private network
# namespace with only loopback up, like the headless suite. Exits 3, saying SKIPPED and the
# packages to install, when the X tools are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh

missing=()
for need in Xvfb:xvfb xdotool:xdotool xwd:x11-apps xlogo:x11-apps xwininfo:x11-utils dbus-daemon:dbus-daemon dunst:dunst dunstctl:dunst; do
  command -v "${need%%:*}" >/dev/null 2>&1 || missing+=("${need##*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  echo "offhook: real-input suite SKIPPED: no X server or notification server; missing Debian packages: ${pkgs}(apt-get install -y ${pkgs% })" >&2
  exit 3
fi

run=(node node_modules/vitest/vitest.mjs run --config vitest.x11.config.ts "$@")
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 && unshare -n true 2>/dev/null; then
  exec unshare -n -- bash -c 'ip link set lo up && exec "$@"' bash "${run[@]}"
fi
echo "offhook: not root or no unshare: the real-input suite runs without a private network namespace" >&2
exec "${run[@]}"
