#!/usr/bin/env bash
# Whole-film render time against a plain x264 encode of the same frames at the same settings,
# per tier, plus the cost of re-rendering one shot and of a render with nothing changed, all as
# ratios measured in the same run. Usage: scripts/bench-render.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
filmgen="$build/bin/filmgen"
cmake --build "$build" --target filmgen >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{print a/b}'; }
# "draft": { ..., "x264_preset": "veryfast", "crf": 26 } in configs/defaults.json
tier_setting() { grep "\"$1\":" configs/defaults.json | sed -E "s/.*\"$2\": \"?([^\",}]*)\"?.*/\1/"; }

printf '%-9s %-18s %7s %9s %9s %11s %9s %9s %11s\n' tier script frames render_s x264_s render/x264 shot_s shot/full nochange/full
for tier in draft standard final; do
  script=examples/night_shift.fountain
  [ "$tier" = final ] && script=examples/tiny.fountain
  shot=$([ "$tier" = final ] && echo S01.02 || echo S02.03)
  out="$work/$tier/film.mp4"
  cache="$work/$tier/cache"
  full=$(seconds "$filmgen" -q --cache-dir "$cache" render "$script" --tier "$tier" -o "$out")
  frames=$(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$out")
  preset=$(tier_setting "$tier" x264_preset)
  crf=$(tier_setting "$tier" crf)
  x264=$(seconds ffmpeg -v error -i "$out" -an -c:v libx264 -preset "$preset" -crf "$crf" -tune animation -threads 2 -f null -)
  one=$(seconds "$filmgen" -q --cache-dir "$cache" render "$script" --tier "$tier" -o "$out" --shot "$shot" --force)
  none=$(seconds "$filmgen" -q --cache-dir "$cache" render "$script" --tier "$tier" -o "$out")
  printf '%-9s %-18s %7d %9.2f %9.2f %11.2f %9.2f %9.3f %11.3f\n' "$tier" "$(basename "$script")" "$frames" "$full" "$x264" \
    "$(ratio "$full" "$x264")" "$one" "$(ratio "$one" "$full")" "$(ratio "$none" "$full")"
done
