#!/usr/bin/env bash
# The causal-links plugin's speed (its encoder is nearly all of its time) on a
# corpus `hark-dev bench` generates from the sample transcripts: one worker
# process per core, as `hark code` runs it. Prints words per second of wall
# time and per CPU second (the second is steadier on a shared machine), and
# the load average the machine had.
#   scripts/bench-encoder.sh                  # 200,000 words, seed 2026
#   WORDS=1000000 scripts/bench-encoder.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
words="${WORDS:-200000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

./hark --version >/dev/null  # builds Hark and its plugins in release mode when needed
hark=.build/release/hark-dev
"$hark" bench --words "$words" --output "$work/bench" --corpus-only --quiet >/dev/null
"$hark" bench --stage import --output "$work/bench" --quiet >"$work/import.json"
"$hark" bench --stage plugin:org.hark.causal-links --output "$work/bench" --quiet >"$work/plugin.json"

python3 - "$work/plugin.json" <<'PY'
import json, os, sys
stage = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
cores = os.cpu_count()
print(f"causal links, {cores} worker processes: {stage['words']:,} words in {stage['documents']} documents")
print(f"  wall  {stage['seconds']:8.2f} s  {stage['words'] / stage['seconds']:10,.0f} words/s")
print(f"  cpu   {stage['cpuSeconds']:8.2f} s  {stage['words'] / stage['cpuSeconds']:10,.0f} words per CPU second")
print(f"  load average {stage['loadAverage']:.2f} at the start ({cores} cores; above {cores} the wall figure is low)")
if stage["failures"]:
    sys.exit(f"{stage['failures']} documents failed")
PY
