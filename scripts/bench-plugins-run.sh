#!/usr/bin/env bash
# `hark plugins run sentiment` against VADER, side by side on the same input:
# VADER's 4,200 rated texts (third_party/vader-tweets) ten times over, 42,000
# texts. Both are timed as whole commands a researcher would run (start-up,
# reading, analysing, writing every result); the headline ratio is the best
# wall time of three runs each, as issue 12's target states it.
# Hark runs from a release build (./hark builds it); VADER from .venv-peers
# (scripts/bench-peers.sh installs the pinned vaderSentiment there).
# Hark writes more than VADER (every sentence's and turn's score, span, quote
# and explanation; VADER's script prints one compound score a text) and
# spreads the texts over the cores where VADER uses one, so CPU time (user +
# system, summed over threads) is printed too, as the median of RUNS runs.
# A second, separately labelled ratio leaves out both tools' start-up (each
# command run on empty input: process start, imports, lexicon), which is the
# cost per text once running. It does not replace the headline ratio.
#   scripts/bench-plugins-run.sh            # prints the figures and the ratios
#   COPIES=1 scripts/bench-plugins-run.sh   # 4,200 texts, for a quick look
#   RUNS=9 scripts/bench-plugins-run.sh     # more runs for the medians (default 5)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
copies="${COPIES:-10}"
runs="${RUNS:-5}"
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
open(f"{work}/empty.txt", "w").close()
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

python3 - "$work" "$venv/bin/python" "$copies" "$runs" <<'PY'
import os, resource, statistics, subprocess, sys, time
work, vader_python, copies, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
median = statistics.median

def timed(command, stdin_path, count):
    """Wall and CPU seconds (user + system, all threads) of `count` runs of a
    whole command, and the number of lines the last run printed."""
    walls, cpus = [], []
    for _ in range(count):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        with open(stdin_path, "rb") as stdin:
            start = time.perf_counter()
            done = subprocess.run(command, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            sys.exit(done.stderr.decode())
    return walls, cpus, done.stdout.count(b"\n")

texts = sum(1 for _ in open(f"{work}/texts.txt", encoding="utf-8"))
words = sum(len(line.split()) for line in open(f"{work}/texts.txt", encoding="utf-8"))
hark = [".build/release/hark", "plugins", "run", "sentiment"]
vader = [vader_python, f"{work}/vader.py"]
load_before = os.getloadavg()[0]
# The headline: best wall time of three whole runs each.
hark_best, _, lines = timed(hark, f"{work}/texts.jsonl", 3)
vader_best, _, _ = timed(vader + [f"{work}/texts.txt"], "/dev/null", 3)
# Medians of more runs, and each command's start-up alone (empty input).
hark_wall, hark_cpu, _ = timed(hark, f"{work}/texts.jsonl", runs)
vader_wall, vader_cpu, _ = timed(vader + [f"{work}/texts.txt"], "/dev/null", runs)
hark_start_wall, hark_start_cpu, _ = timed(hark, "/dev/null", runs)
vader_start_wall, vader_start_cpu, _ = timed(vader + [f"{work}/empty.txt"], "/dev/null", runs)
load_after = os.getloadavg()[0]

def row(name, wall, cpu, best=None):
    shown = f"best wall {min(best):7.3f} s   " if best else " " * 26
    print(f"{name:28} {shown}median wall {median(wall):7.3f} s   median CPU {median(cpu):7.3f} s")

print(
    f"input: {texts} texts, {words} words (VADER's rated texts x {copies}); {os.cpu_count()} cores; "
    f"load average {load_before:.1f} before, {load_after:.1f} after; medians of {runs} runs")
row("hark plugins run sentiment", hark_wall, hark_cpu, hark_best)
print(f"{'':28} ({lines} result lines)")
row("VADER polarity_scores", vader_wall, vader_cpu, vader_best)
row("start-up alone, hark", hark_start_wall, hark_start_cpu)
row("start-up alone, VADER", vader_start_wall, vader_start_cpu)
print(f"hark is {min(vader_best) / min(hark_best):.1f}x VADER's speed (whole commands, best wall time)")
print(f"  whole commands, median CPU time: {median(vader_cpu) / median(hark_cpu):.1f}x")

def after_start(total, start):
    """Seconds per text once running; never below a microsecond in all."""
    return max(median(total) - median(start), 1e-6) / texts

print("Start-up excluded (per-text throughput once running; a different measure from the one above):")
for name, h, hs, v, vs in [
    ("CPU time", hark_cpu, hark_start_cpu, vader_cpu, vader_start_cpu),
    ("wall time", hark_wall, hark_start_wall, vader_wall, vader_start_wall),
]:
    hark_each, vader_each = after_start(h, hs), after_start(v, vs)
    print(
        f"  {name:9}  hark {hark_each * 1e6:6.2f} us/text, VADER {vader_each * 1e6:6.2f} us/text: "
        f"{vader_each / hark_each:.1f}x")
PY
