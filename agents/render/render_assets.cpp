#include "render_assets.hpp"

#include <initializer_list>

namespace filmgen::render {

namespace {
std::optional<std::filesystem::path> first_existing(std::initializer_list<const char*> candidates) {
  std::error_code ec;
  for (const char* c : candidates)
    if (std::filesystem::is_regular_file(c, ec)) return std::filesystem::path(c);
  return std::nullopt;
}
}  // namespace

std::optional<std::filesystem::path> face_cascade_path() {
  return first_existing({"/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml",
                         "/usr/share/opencv/haarcascades/haarcascade_frontalface_default.xml"});
}

std::optional<std::filesystem::path> font_path() {
  return first_existing({"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"});
}

std::optional<std::filesystem::path> cjk_font_path() {
  return first_existing({"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"});
}

}  // namespace filmgen::render
