#!/usr/bin/env bash
# Times Hark's peers (VADER, YAKE) on the input `hark-dev bench --peers` wrote.
# Makes a Python virtual environment in .venv-peers/ (or $HARK_PEERS_VENV) and
# installs the pinned vaderSentiment and yake from PyPI when they are missing,
# then runs scripts/peers/run_peers.py with the arguments given, e.g.
#   scripts/bench-peers.sh --sentences S.txt --documents D.jsonl
# The figures (JSON) go to stdout; installing and progress go to stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${HARK_PEERS_VENV:-$root/.venv-peers}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
  echo "peers: making a virtual environment in $venv" >&2
  "$python" -m venv "$venv" >&2
fi
if ! "$venv/bin/python" -c "import vaderSentiment, yake" 2>/dev/null; then
  echo "peers: installing vaderSentiment and yake from PyPI" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check vaderSentiment==3.3.2 yake==0.7.3 >&2
fi

# One core: numeric libraries must not start thread pools of their own.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONHASHSEED=0
exec "$venv/bin/python" "$root/scripts/peers/run_peers.py" "$@"
