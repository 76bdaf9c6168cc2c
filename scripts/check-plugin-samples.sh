#!/usr/bin/env bash
# Builds the plugin samples in docs/writing-plugins.md (the C++ block, and the
# Rust block when rustc is installed) and the SDK's C example, each against
# the SDK's header alone, and runs `hark plugins check` on every one.
# Usage: scripts/check-plugin-samples.sh [path/to/hark]   (default .build/debug/hark)
set -euo pipefail
cd "$(dirname "$0")/.."
hark="${1:-.build/debug/hark}"
include=SDK/Sources/HarkPluginABI/include
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The body of the first ```LANG block of the guide.
block() {
  awk -v fence="\`\`\`$1" '$0 == fence { on = 1; next } on && $0 == "```" { exit } on { print }' docs/writing-plugins.md
}

cc -std=c11 -Wall -Wextra -Werror -shared -fPIC -fvisibility=hidden -I "$include" SDK/ExampleC/example.c \
  -o "$work/libexample.so"
echo "C example:   $("$hark" plugins check "$work/libexample.so" | tail -1)"

block cpp > "$work/questions.cpp"
clang++ -std=c++17 -Wall -Wextra -Werror -shared -fPIC -fvisibility=hidden -fvisibility-inlines-hidden \
  -I "$include" "$work/questions.cpp" -o "$work/libquestions.so"
echo "C++ sample:  $("$hark" plugins check "$work/libquestions.so" | tail -1)"

rustc="$(command -v rustc || true)"
[ -z "$rustc" ] && [ -x "$HOME/.cargo/bin/rustc" ] && rustc="$HOME/.cargo/bin/rustc"
if [ -n "$rustc" ]; then
  block rust > "$work/lib.rs"
  "$rustc" --edition 2024 --crate-type cdylib -O -D warnings "$work/lib.rs" -o "$work/libturns.so"
  echo "Rust sample: $("$hark" plugins check "$work/libturns.so" | tail -1) ($("$rustc" --version))"
else
  echo "Rust sample: not built: rustc is not installed (https://rustup.rs)"
fi
