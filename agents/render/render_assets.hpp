// Files the picture stages read from Debian packages.
#pragma once

#include <filesystem>
#include <optional>

namespace filmgen::render {

// OpenCV's frontal face Haar cascade from opencv-data, if installed.
std::optional<std::filesystem::path> face_cascade_path();
// DejaVu Sans from fonts-dejavu-core, if installed.
std::optional<std::filesystem::path> font_path();
// WenQuanYi Micro Hei from fonts-wqy-microhei, for CJK text, if installed.
std::optional<std::filesystem::path> cjk_font_path();

}  // namespace filmgen::render
