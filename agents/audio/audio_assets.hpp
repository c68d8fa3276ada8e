// Files the sound stages read from Debian packages.
#pragma once

#include <filesystem>
#include <optional>

namespace filmgen::audio {

// The General MIDI soundfont from fluid-soundfont-gm (FluidR3_GM.sf2), if installed.
std::optional<std::filesystem::path> soundfont_path();

}  // namespace filmgen::audio
