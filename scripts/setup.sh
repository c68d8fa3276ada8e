#!/usr/bin/env bash
# Installs every build and run dependency of filmgen by Debian package name.
# Non-interactive and idempotent; run as root (or with sudo) on Debian 12.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git clang
  # core
  nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev libxxhash-dev catch2
  # media (libav*, plus ffmpeg/ffprobe as the independent checker in tests)
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev ffmpeg
  # picture
  libopencv-dev libopencv-contrib-dev opencv-data fonts-dejavu-core fonts-wqy-microhei
  # sound
  libespeak-ng-dev espeak-ng-data libfluidsynth-dev fluid-soundfont-gm libebur128-dev
  # models and remote backends
  libtorch-dev libcurl4-openssl-dev
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
