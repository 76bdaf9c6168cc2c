#!/usr/bin/env bash
# The web benchmark (not a test): wrk against the panel item page a signed-in
# member sees, over loopback, 2 threads and 64 connections for 15 s. Prints
# requests per second and p99 latency beside the targets (at least 5,000
# requests/s, p99 at most 50 ms on the 2-core machine). HARK_BIN picks the
# hark to run (default: ./hark, which builds the release first).
set -euo pipefail
# shellcheck source=lib/debian-packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/debian-packages.sh"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

command -v wrk >/dev/null 2>&1 || install_missing_debian_packages bench-web wrk
hark="${HARK_BIN:-}"
if [ -z "$hark" ]; then
  ./hark --help >/dev/null # the release build, once
  hark="$root/.build/release/hark"
fi

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

project="$work/demo/demo.sqlite"
"$hark" demo --output "$work/demo" >/dev/null
"$hark" panels create Bench --project "$project" >/dev/null
link="$("$hark" panels add-member Bench "Bench Member" --project "$project" | grep -o '/join/[^[:space:]]*')"
"$hark" panels open Bench --all-candidates --project "$project" >/dev/null

"$hark" serve --project "$project" --port 0 >"$work/serve.log" 2>&1 &
server=$!
port=""
for _ in $(seq 1 100); do
  port="$(grep '^Hark is serving' "$work/serve.log" | grep -o 'http://127.0.0.1:[0-9]*' | head -1 | sed 's/.*://')" || true
  [ -n "$port" ] && break
  sleep 0.1
done
if [ -z "$port" ]; then
  cat "$work/serve.log" >&2
  echo "bench-web: hark serve did not start" >&2
  exit 1
fi
base="http://127.0.0.1:$port"

# Signing in by the member's link sets the session cookie.
curl -sS -o /dev/null -c "$work/cookies" -X POST "$base$link"
session="$(awk '$6 == "hark_session" { print $7 }' "$work/cookies")"
if [ -z "$session" ]; then
  echo "bench-web: signing in by $link set no hark_session cookie" >&2
  exit 1
fi
url="$base/panel/items/1"
status="$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: hark_session=$session" "$url")"
if [ "$status" != 200 ]; then
  echo "bench-web: $url answered $status, not 200" >&2
  exit 1
fi

echo "bench-web: load before the run: $(uptime | sed 's/.*load average: //') (2 cores, shared)"
wrk -t2 -c64 -d15s --latency -H "Cookie: hark_session=$session" "$url" | tee "$work/wrk.txt"
rate="$(awk '/^Requests\/sec:/ { print $2 }' "$work/wrk.txt")"
p99="$(awk '$1 == "99%" { print $2 }' "$work/wrk.txt")"
errors="$(grep -E 'Non-2xx|Socket errors' "$work/wrk.txt" || true)"
echo
echo "panel item page: $rate requests/s (target at least 5,000), p99 latency $p99 (target at most 50 ms)"
[ -n "$errors" ] && echo "errors: $errors"
exit 0
