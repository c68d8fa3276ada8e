#!/usr/bin/env bash
# Builds and runs every benchmark; each prints a table. Figures go to docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
for b in build/bench/bench_*; do
  echo "== $(basename "$b")"
  "$b"
  echo
done
