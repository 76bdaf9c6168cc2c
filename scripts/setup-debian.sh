#!/usr/bin/env bash
# Installs the Debian packages Hark's tests call as real subprocesses, only
# when missing (so a second run is quick and needs no network).
# libxml2-utils: xmllint, which validates REFI-QDA exports against the schemas.
set -euo pipefail
missing=()
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
# graphviz: dot, which checks that map exports in DOT parse.
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
# curl: members' votes sent to a real `hark serve` while `hark code` writes.
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup-debian: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >&2
fi
