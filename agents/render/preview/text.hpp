// Text on frames with a real font (DejaVu Sans; WenQuanYi for CJK), falling back to OpenCV's
// Hershey font when no font file is installed.
#pragma once

#include <opencv2/core.hpp>

#include <memory>
#include <string>
#include <vector>

namespace filmgen::render {

class TextRenderer {
 public:
  TextRenderer();
  ~TextRenderer();
  // Draws text with its top-left at org; returns the size it took.
  cv::Size draw(cv::Mat& image, const std::string& text, cv::Point org, int height_px, const cv::Scalar& colour);
  cv::Size measure(const std::string& text, int height_px);
  // Splits text into lines no wider than width_px.
  std::vector<std::string> wrap(const std::string& text, int height_px, int width_px);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace filmgen::render
