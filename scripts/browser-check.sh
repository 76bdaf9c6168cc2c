#!/usr/bin/env bash
# The real-browser check: sets up Chromium, chromedriver and the Selenium venv
# (scripts/setup-browser.sh), then runs scripts/browser-check.py against
# `hark serve` on a fresh demo project. HARK_BIN picks the hark to run (default:
# ./hark, which builds the release first); screenshots go to $HARK_SCREENSHOTS
# (default out/screenshots).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="$(./scripts/setup-browser.sh)"
hark_bin="${HARK_BIN:-}"
if [ -z "$hark_bin" ]; then
  ./hark --help >/dev/null # builds the release build (and plugins) once
  hark_bin="$root/.build/release/hark"
fi
shots="${HARK_SCREENSHOTS:-$root/out/screenshots}"
rm -rf "$shots"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$python" "$root/scripts/browser-check.py" "$hark_bin" "$work" "$shots"
