#!/usr/bin/env bash
# `hark plugins run sentiment` against VADER, side by side on the same input:
# VADER's 4,200 rated texts (third_party/vader-tweets) ten times over, 42,000
# texts. Both are timed as whole commands a researcher would run (start-up,
# reading, analysing, writing every result), best of three, on this machine.
# Hark runs from a release build (./hark builds it); VADER from .venv-peers
# (scripts/bench-peers.sh installs the pinned vaderSentiment there).
#   scripts/bench-plugins-run.sh            # prints the figures and the ratio
#   COPIES=1 scripts/bench-plugins-run.sh   # 4,200 texts, for a quick look
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
copies="${COPIES:-10}"
venv="${HARK_PEERS_VENV:-$root/.venv-peers}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

./hark --version >/dev/null  # builds Hark and its plugins in release mode when needed
scripts/bench-peers.sh --help >/dev/null 2>&1 || true  # makes .venv-peers with vaderSentiment

python3 - "$copies" "$work" <<'PY'
import json, sys
copies, work = int(sys.argv[1]), sys.argv[2]
rows = []
with open("third_party/vader-tweets/tweets_GroundTruth.txt", encoding="utf-8", newline="") as f:
    for line in f.read().split("\r\n"):
        parts = line.split("\t")
        if len(parts) == 3:
            rows.append((parts[0], parts[2]))
with open(f"{work}/texts.jsonl", "w", encoding="utf-8") as j, open(f"{work}/texts.txt", "w", encoding="utf-8") as t:
    for copy in range(copies):
        for id_, text in rows:
            j.write(json.dumps({"id": f"{copy}-{id_}", "text": text}, ensure_ascii=False) + "\n")
            t.write(text.replace("\n", " ") + "\n")
PY

cat > "$work/vader.py" <<'PY'
import sys
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
analyzer = SentimentIntensityAnalyzer()
out = sys.stdout
for line in open(sys.argv[1], encoding="utf-8"):
    scores = analyzer.polarity_scores(line.rstrip("\n"))
    out.write(f"{scores['compound']}\n")
PY

python3 - "$work" "$venv/bin/python" "$copies" <<'PY'
import subprocess, sys, time
work, vader_python, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])

def best(command, stdin_path):
    """Best wall time of three runs of a whole command, and its output lines."""
    times = []
    for _ in range(3):
        with open(stdin_path, "rb") as stdin:
            start = time.perf_counter()
            done = subprocess.run(command, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(done.stderr.decode())
    return min(times), done.stdout.count(b"\n")

texts = sum(1 for _ in open(f"{work}/texts.txt", encoding="utf-8"))
words = sum(len(line.split()) for line in open(f"{work}/texts.txt", encoding="utf-8"))
hark, lines = best([".build/release/hark", "plugins", "run", "sentiment"], f"{work}/texts.jsonl")
vader, _ = best([vader_python, f"{work}/vader.py", f"{work}/texts.txt"], "/dev/null")
print(f"input: {texts} texts, {words} words (VADER's rated texts x {copies})")
print(f"hark plugins run sentiment  {hark:8.3f} s  ({lines} result lines)")
print(f"VADER polarity_scores       {vader:8.3f} s")
print(f"hark is {vader / hark:.1f}x VADER's speed")
PY
