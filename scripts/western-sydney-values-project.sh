#!/bin/sh
# Builds a project of the 26 Western Sydney oral-history transcripts
# (third_party/western-sydney-interviews), imported as `hark import` reads
# them with no flags, and coded by the Values plugin alone; its codings are
# what scripts/value-judgements.py samples for judging.
#   sh scripts/western-sydney-values-project.sh PROJECT.sqlite
# Needs a release build (swift build -c release). PROJECT.sqlite must not exist.
set -eu
if [ $# -ne 1 ]; then
  echo "usage: sh scripts/western-sydney-values-project.sh PROJECT.sqlite" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")/.." && pwd)"
hark="$here/.build/release/hark"
if [ ! -x "$hark" ]; then
  echo "no release build at $hark: run swift build -c release first" >&2
  exit 1
fi
"$hark" init "$1"
"$hark" import --project "$1" "$here"/third_party/western-sydney-interviews/*.txt
"$hark" code --project "$1" --plugin org.hark.values --quiet
