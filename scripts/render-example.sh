#!/usr/bin/env bash
# Installs dependencies, builds filmgen and renders the example film. The README's first command.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --target filmgen
build/bin/filmgen render examples/night_shift.fountain -o out/night_shift/night_shift.mp4 "$@"
