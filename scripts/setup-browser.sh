#!/usr/bin/env bash
# Installs what the real-browser check needs, only when missing (a second run
# is quick and needs no network): Debian's chromium and chromium-driver, and a
# venv .venv-browser with Selenium and axe-selenium-python (which ships
# axe-core, the accessibility rules). Prints the venv's python.
# axe-selenium-python 3.0.0 (axe-core 4.10, WCAG 2.2 rules) needs Python 3.12+:
# the venv uses the newest such Python found (PATH, then pyenv's), else the
# system python3 with 2.1.6, whose axe-core 3.1 knows fewer rules.
set -euo pipefail
# shellcheck source=lib/debian-packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/debian-packages.sh"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv-browser"
selenium_version="4.38.0"

base_python=""
# A pyenv shim may exist for a version that is not selected: ask each
# candidate for its real path, which also proves it runs.
for candidate in python3.14 python3.13 python3.12 \
  $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do
  if found="$("$candidate" -c 'import sys; print(sys.executable)' 2>/dev/null)"; then
    base_python="$found"
    break
  fi
done
if [ -n "$base_python" ]; then
  axe_version="3.0.0"
else
  base_python="$(command -v python3)"
  axe_version="2.1.6"
  echo "setup-browser: no Python 3.12+ found; using $base_python with axe-selenium-python 2.1.6 (older axe-core)" >&2
fi

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
"$base_python" -c 'import ensurepip, venv' >/dev/null 2>&1 || missing+=(python3-venv)
install_missing_debian_packages setup-browser ${missing[@]+"${missing[@]}"}

wanted="$base_python selenium==$selenium_version axe-selenium-python==$axe_version"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.hark-wanted" 2>/dev/null)" != "$wanted" ]; then
  echo "setup-browser: making $venv: $wanted" >&2
  rm -rf "$venv"
  "$base_python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "selenium==$selenium_version" "axe-selenium-python==$axe_version" >&2
  echo "$wanted" >"$venv/.hark-wanted"
fi
echo "$venv/bin/python"
