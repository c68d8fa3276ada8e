#include "text.hpp"

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include <sstream>

#include "../render_assets.hpp"

namespace filmgen::render {

namespace {
bool has_cjk(const std::string& text) {
  // Lead bytes of U+2E80..U+9FFF and U+AC00..U+D7AF (Hangul) in UTF-8.
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0xE2 && c <= 0xED && (c != 0xE2 || static_cast<unsigned char>(text[i + 1]) >= 0xBA)) return true;
  }
  return false;
}

bool ascii_only(const std::string& text) {
  for (unsigned char c : text)
    if (c >= 0x80) return false;
  return true;
}
}  // namespace

struct TextRenderer::Impl {
  cv::Ptr<cv::freetype::FreeType2> latin;
  cv::Ptr<cv::freetype::FreeType2> cjk;

  cv::freetype::FreeType2* pick(const std::string& text) {
    if (cjk && has_cjk(text)) return cjk.get();
    return latin.get();
  }
};

TextRenderer::TextRenderer() : impl_(std::make_unique<Impl>()) {
  if (auto path = font_path()) {
    impl_->latin = cv::freetype::createFreeType2();
    impl_->latin->loadFontData(path->string(), 0);
  }
  if (auto path = cjk_font_path()) {
    impl_->cjk = cv::freetype::createFreeType2();
    impl_->cjk->loadFontData(path->string(), 0);
  }
}

TextRenderer::~TextRenderer() = default;

cv::Size TextRenderer::measure(const std::string& text, int height_px) {
  if (auto* ft = impl_->pick(text)) {
    int baseline = 0;
    return ft->getTextSize(text, height_px, -1, &baseline);
  }
  int baseline = 0;
  return cv::getTextSize(text, cv::FONT_HERSHEY_DUPLEX, height_px / 30.0, 1, &baseline);
}

cv::Size TextRenderer::draw(cv::Mat& image, const std::string& text, cv::Point org, int height_px, const cv::Scalar& colour) {
  cv::Size size = measure(text, height_px);
  if (auto* ft = impl_->pick(text)) {
    ft->putText(image, text, cv::Point(org.x, org.y + height_px), height_px, colour, -1, cv::LINE_AA, true);
  } else {
    std::string shown = ascii_only(text) ? text : "?";
    cv::putText(image, shown, cv::Point(org.x, org.y + height_px), cv::FONT_HERSHEY_DUPLEX, height_px / 30.0, colour,
                std::max(1, height_px / 20), cv::LINE_AA);
  }
  return size;
}

std::vector<std::string> TextRenderer::wrap(const std::string& text, int height_px, int width_px) {
  std::vector<std::string> lines;
  std::istringstream words(text);
  std::string word, line;
  while (words >> word) {
    std::string candidate = line.empty() ? word : line + " " + word;
    if (!line.empty() && measure(candidate, height_px).width > width_px) {
      lines.push_back(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace filmgen::render
