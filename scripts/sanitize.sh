#!/usr/bin/env bash
# Builds with AddressSanitizer + UndefinedBehaviorSanitizer in build-asan/ and runs the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DFILMGEN_SANITIZE=ON -DFILMGEN_WITH_TORCH=OFF
cmake --build build-asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$(nproc)" "$@"
