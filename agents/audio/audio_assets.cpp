#include "audio_assets.hpp"

namespace filmgen::audio {

std::optional<std::filesystem::path> soundfont_path() {
  std::error_code ec;
  for (const char* c : {"/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/sounds/sf2/default-GM.sf2"})
    if (std::filesystem::is_regular_file(c, ec)) return std::filesystem::path(c);
  return std::nullopt;
}

}  // namespace filmgen::audio
