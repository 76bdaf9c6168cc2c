#!/usr/bin/env bash
# The importer fuzz harness (Tests/HarkStoreTests/ImportFuzzTests.swift) for longer runs:
# one process per seed under a time limit, so a crash or a hang in one seed is counted and
# the others go on. Prints cases, cases refused or read, broken cases, crashes and hangs.
#
#   scripts/fuzz-import.sh [SEEDS] [CASES PER SEED] [SECONDS PER SEED]   (default 10 5000 900)
#
# The input of the last case of each seed is kept in out/fuzz/SEED/ with its log, so a
# crash or a hang can be replayed: HARK_FUZZ_SEED=SEED HARK_FUZZ_CASES=N reruns it.
set -uo pipefail
cd "$(dirname "$0")/.."
seeds="${1:-10}"
cases="${2:-5000}"
limit="${3:-900}"

swift build --build-tests 2>&1 | tail -1
total=0
read_ok=0
refused=0
broken=0
crashes=0
hangs=0
started=$(date +%s)
for seed in $(seq 1 "$seeds"); do
  keep="out/fuzz/$seed"
  rm -rf "$keep"
  mkdir -p "$keep"
  HARK_FUZZ_SEED="$seed" HARK_FUZZ_CASES="$cases" HARK_FUZZ_KEEP="$keep" \
    timeout "$limit" swift test --skip-build --filter 'ImportFuzzTests/fuzz' >"$keep/log" 2>&1
  status=$?
  summary=$(grep -o 'fuzz: .*' "$keep/log" | head -1)
  if [ "$status" -eq 124 ]; then
    hangs=$((hangs + 1))
    echo "seed $seed: HANG (no result within $limit s); input in $keep/"
    continue
  fi
  if grep -q 'signal code\|Fatal error\|crashed' "$keep/log" && [ -z "$summary" ]; then
    crashes=$((crashes + 1))
    echo "seed $seed: CRASH; input in $keep/, log in $keep/log"
    continue
  fi
  echo "seed $seed: ${summary:-no summary (exit $status), see $keep/log}"
  # "fuzz: N cases from seed S: A read, R refused with a message, B broken; slowest ..."
  if [ -n "$summary" ]; then
    set -- $(echo "$summary" | sed -E 's/fuzz: ([0-9]+) cases from seed [0-9]+: ([0-9]+) read, ([0-9]+) refused with a message, ([0-9]+) broken.*/\1 \2 \3 \4/')
    total=$((total + $1))
    read_ok=$((read_ok + $2))
    refused=$((refused + $3))
    broken=$((broken + $4))
  fi
done
echo "importer fuzz: $total cases over $seeds seeds in $(($(date +%s) - started)) s: $read_ok read, $refused refused with a message, $broken broken, $crashes crashes, $hangs hangs"
[ "$broken" -eq 0 ] && [ "$crashes" -eq 0 ] && [ "$hangs" -eq 0 ]
