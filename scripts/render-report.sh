#!/usr/bin/env bash
# Renders a `hark report` folder to a PNG with headless Chromium, so a person
# can look at the report as a reader would. Installs chromium (and a font with
# wide Unicode coverage) via apt only when missing, so a second run is quick.
# Usage: scripts/render-report.sh REPORT_FOLDER OUT.png [WIDTHxHEIGHT]
set -euo pipefail
if [ "$#" -lt 2 ]; then
  echo "usage: $0 REPORT_FOLDER OUT.png [WIDTH,HEIGHT]" >&2
  exit 2
fi
folder=$(cd "$1" && pwd)
out=$2
size=${3:-1280,1600}
if [ ! -f "$folder/index.html" ]; then
  echo "render-report: no index.html in $folder (run \`hark report --output $1\` first)" >&2
  exit 1
fi
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "render-report: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >&2
fi
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$out" --window-size="$size" \
  "file://$folder/index.html" >&2
echo "render-report: wrote $out" >&2
