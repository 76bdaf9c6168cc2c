#!/usr/bin/env bash
# Map speed benchmark (issue 5): a seeded random map of 1,000 concepts and
# 10,000 links, simulated to convergence (Kosko, sigmoid λ 1, threshold 0.001,
# FCMpy's convention) with all indices by a release build of hark-dev, side by side
# with FCMpy 0.0.21 in .venv-fcm (installed by scripts/setup-fcmpy.sh). Checks
# both reach the same final state to 1e-6 and prints both timings and the ratio.
#   scripts/bench-map.sh [CONCEPTS LINKS SEED]
# HARK_SCRATCH picks the build folder (default .build); HARK_DEV_BIN names an
# already built release hark-dev to use instead of building one.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
concepts="${1:-1000}"
links="${2:-10000}"
seed="${3:-5}"
scratch="${HARK_SCRATCH:-$root/.build}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python="$("$root/scripts/setup-fcmpy.sh")"
if [ -n "${HARK_DEV_BIN:-}" ]; then
  hark="$HARK_DEV_BIN"
else
  echo "== building hark (release)" >&2
  swift build -c release --product hark-dev --package-path "$root" --scratch-path "$scratch" >&2
  hark="$scratch/release/hark-dev"
fi

# One core each: numeric libraries must not start thread pools of their own.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONHASHSEED=0
"$python" "$root/scripts/fcm/bench_map.py" make "$concepts" "$links" "$seed" "$work/map.csv" "$work/initial.txt"
"$hark" bench-map --matrix "$work/map.csv" --initial "$(cat "$work/initial.txt")" \
  --rule kosko --transfer sigmoid --lambda 1 --threshold 0.001 --max-iterations 100 --repeats 201 > "$work/hark.json"
"$python" "$root/scripts/fcm/bench_map.py" fcmpy "$work/map.csv" "$work/initial.txt" 7 0.001 100 > "$work/fcmpy.json"
"$python" "$root/scripts/fcm/bench_map.py" compare "$work/hark.json" "$work/fcmpy.json"
"$python" "$root/scripts/fcm/bench_map.py" reference
