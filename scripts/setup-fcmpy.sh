#!/usr/bin/env bash
# Makes the Python virtual environment FCMpy runs in (.venv-fcm/, or
# $HARK_FCM_VENV) for the map benchmark: PyPI fcmpy 0.0.21 without its pinned
# dependencies (they do not build on Python 3.11) plus the libraries it uses.
# Prints the environment's python path on stdout; progress goes to stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${HARK_FCM_VENV:-$root/.venv-fcm}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
  echo "fcmpy: making a virtual environment in $venv" >&2
  "$python" -m venv "$venv" >&2
fi
if ! "$venv/bin/python" -c "import fcmpy, numpy, pandas, scipy, skfuzzy" 2>/dev/null; then
  echo "fcmpy: installing fcmpy 0.0.21 and numpy, pandas<3, scipy, scikit-fuzzy, packaging, tqdm, openpyxl" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    numpy "pandas<3" scipy scikit-fuzzy packaging tqdm openpyxl >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps fcmpy==0.0.21 >&2
fi
echo "$venv/bin/python"
