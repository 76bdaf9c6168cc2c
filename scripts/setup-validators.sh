#!/usr/bin/env bash
# Makes the Python virtual environment (.venv-xml/, or $HARK_XML_VENV) with
# xmlschema, the second XML Schema validator the REFI-QDA export tests use
# beside xmllint (it catches values libxml2 lets through, such as #RRGGBBAA).
# Prints the environment's python path on stdout; progress goes to stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${HARK_XML_VENV:-$root/.venv-xml}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
  echo "validators: making a virtual environment in $venv" >&2
  "$python" -m venv "$venv" >&2
fi
if ! "$venv/bin/python" -c "import xmlschema" 2>/dev/null; then
  echo "validators: installing xmlschema 4.3.2" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "xmlschema==4.3.2" >&2
fi
echo "$venv/bin/python"
