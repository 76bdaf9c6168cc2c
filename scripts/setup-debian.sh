#!/usr/bin/env bash
# Installs the Debian packages Hark's tests call as real subprocesses, only
# when missing (so a second run is quick and needs no network).
# libxml2-utils: xmllint, which validates REFI-QDA exports against the schemas.
set -euo pipefail
# shellcheck source=lib/debian-packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/debian-packages.sh"
missing=()
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
# graphviz: dot, which checks that map exports in DOT parse.
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
# curl: members' votes sent to a real `hark serve` while `hark code` writes.
command -v curl >/dev/null 2>&1 || missing+=(curl)
install_missing_debian_packages setup-debian ${missing[@]+"${missing[@]}"}
