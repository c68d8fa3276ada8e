#!/usr/bin/env bash
# Fuzzes the script parser + planner + bibles with libFuzzer for SECONDS (default 60).
#   scripts/fuzz.sh 660            # 11 minutes
# Builds build-fuzz/ with clang, ASan and UBSan; new inputs go to fuzz-corpus-work/ (ignored),
# the committed seeds in tests/fuzz/corpus/ are read but never written. A crash, leak, timeout
# or out-of-memory leaves its input in fuzz-corpus-work/ and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (apt-get install clang)" >&2; exit 3; }
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link \
  -DFILMGEN_FUZZ=ON -DFILMGEN_SANITIZE=ON -DFILMGEN_BUILD_TESTS=OFF -DFILMGEN_WITH_TORCH=OFF >/dev/null
cmake --build build-fuzz --target fuzz_story -j "${FUZZ_BUILD_JOBS:-2}"
mkdir -p fuzz-corpus-work
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
exec build-fuzz/fuzz/fuzz_story fuzz-corpus-work tests/fuzz/corpus \
  -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=16384 \
  -artifact_prefix=fuzz-corpus-work/ -print_final_stats=1 "${@:2}"
