#!/usr/bin/env bash
# Makes sure the Debian packages that the demo and the end-to-end tests need are present:
# Chromium (the browser under test), Kamailio with its WebSocket module (the PBX), and
# iproute2 (to bring up loopback in the tests' private network namespace), and Chromium's
# translations (without them Chromium's UI language, and so Offhook's dates and numbers,
# stay English whatever --lang says; the German and French tests need them). Firefox ESR
# (the Firefox suite) is optional: installed with the rest where possible, otherwise only
# named, and the Firefox suite is skipped. So are the real-input suite's X tools: Xvfb, xdotool,
# xwd and xlogo (x11-apps), xwininfo (x11-utils), a session bus (dbus-daemon) and a
# notification server (dunst); without them that suite is skipped.
# As root with apt available it installs what is missing; otherwise it prints the command.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v kamailio >/dev/null 2>&1 || missing+=(kamailio)
dpkg -s kamailio-websocket-modules >/dev/null 2>&1 || missing+=(kamailio-websocket-modules)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
dpkg -s chromium-l10n >/dev/null 2>&1 || missing+=(chromium-l10n)
optional=()
command -v firefox-esr >/dev/null 2>&1 || optional+=(firefox-esr)
command -v Xvfb >/dev/null 2>&1 || optional+=(xvfb)
command -v xdotool >/dev/null 2>&1 || optional+=(xdotool)
{ command -v xwd && command -v xlogo; } >/dev/null 2>&1 || optional+=(x11-apps)
command -v xwininfo >/dev/null 2>&1 || optional+=(x11-utils)
command -v dbus-daemon >/dev/null 2>&1 || optional+=(dbus-daemon)
{ command -v dunst && command -v dunstctl; } >/dev/null 2>&1 || optional+=(dunst)

[ ${#missing[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "offhook: installing ${missing[*]} from Debian…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # policy-rc.d keeps the packaged kamailio service from starting: the tests run their own.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get install -y -qq --no-install-recommends "${missing[@]}" "${optional[@]}" >/dev/null
  echo "offhook: installed ${missing[*]} ${optional[*]}" >&2
elif [ ${#missing[@]} -gt 0 ]; then
  echo "offhook: missing Debian packages: ${missing[*]} ${optional[*]}" >&2
  echo "offhook: run: sudo apt-get update && sudo apt-get install -y ${missing[*]} ${optional[*]}" >&2
  exit 1
else
  echo "offhook: ${optional[*]} not installed, so the suites that need them (Firefox, real input) will be skipped." >&2
  echo "offhook: to run them: sudo apt-get update && sudo apt-get install -y ${optional[*]}" >&2
fi
