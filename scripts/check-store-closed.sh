#!/usr/bin/env bash
# The store is closed: HarkStore is the only module of the app that uses GRDB
# (so the only one that can hold SQL), and the pure modules below it
# (HarkTranscripts, HarkPanels, HarkAccounts) do not reach the store at all.
# Checked on the sources and on Package.swift's target dependencies. CI runs it
# (.ci/run); test-only targets (Tests/) may reach the database.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0

if grep -rnE '^[[:space:]]*(@[A-Za-z_]+[[:space:]]+)*import[[:space:]]+(GRDB|GRDBSQLite)([[:space:]]|$)' \
  --include='*.swift' Sources Plugins SDK | grep -v '^Sources/HarkStore/'; then
  echo "FAIL: GRDB imported outside Sources/HarkStore; add a named method to the store instead" >&2
  status=1
fi
for pure in HarkTranscripts HarkPanels HarkAccounts; do
  if grep -rnE '^[[:space:]]*(@[A-Za-z_]+[[:space:]]+)*import[[:space:]]+(HarkStore|GRDB|GRDBSQLite)([[:space:]]|$)' \
    --include='*.swift' "Sources/$pure"; then
    echo "FAIL: $pure is below the store and must not import it (or GRDB)" >&2
    status=1
  fi
done

swift package dump-package >"${TMPDIR:-/tmp}/hark-package.json"
python3 - "${TMPDIR:-/tmp}/hark-package.json" <<'PY' || status=1
import json, sys

package = json.load(open(sys.argv[1]))
pure = {"HarkTranscripts", "HarkPanels", "HarkAccounts"}
bad = []
for target in package["targets"]:
    if target["type"] == "test" or (target.get("path") or "").startswith("Tests/"):
        continue
    for dependency in target["dependencies"]:
        kind, value = next(iter(dependency.items()))
        name = value[0]
        if kind == "product" and value[1] == "GRDB.swift" and target["name"] != "HarkStore":
            bad.append(f"{target['name']} depends on {name}; only HarkStore may")
        if target["name"] in pure and name == "HarkStore":
            bad.append(f"{target['name']} depends on HarkStore; it is below the store")
for line in bad:
    print("FAIL: Package.swift:", line, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
if [ "$status" -eq 0 ]; then echo "the store is closed: GRDB only in HarkStore; HarkTranscripts, HarkPanels, HarkAccounts below it"; fi
exit "$status"
