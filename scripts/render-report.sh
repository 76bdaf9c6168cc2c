#!/usr/bin/env bash
# Renders a `hark map report` folder to a PNG with headless Chromium, so a person
# can look at the report as a reader would. Installs chromium (and a font with
# wide Unicode coverage) via apt only when missing, so a second run is quick.
# Usage: scripts/render-report.sh REPORT_FOLDER OUT.png [WIDTHxHEIGHT]
set -euo pipefail
# shellcheck source=lib/debian-packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/debian-packages.sh"
if [ "$#" -lt 2 ]; then
  echo "usage: $0 REPORT_FOLDER OUT.png [WIDTH,HEIGHT]" >&2
  exit 2
fi
folder=$(cd "$1" && pwd)
out=$2
size=${3:-1280,1600}
if [ ! -f "$folder/index.html" ]; then
  echo "render-report: no index.html in $folder (run \`hark map report --output $1\` first)" >&2
  exit 1
fi
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
install_missing_debian_packages render-report ${missing[@]+"${missing[@]}"}
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$out" --window-size="$size" \
  "file://$folder/index.html" >&2
echo "render-report: wrote $out" >&2
