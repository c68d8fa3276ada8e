#include "painter.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace filmgen::render {

namespace {
constexpr int kShift = 4;  // sub-pixel bits for smooth edges at any scale
constexpr double kOne = 1 << kShift;

cv::Point fixed(const cv::Point2d& p) {
  auto clamp = [](double v) { return static_cast<int>(std::clamp(v * kOne, -1.0e8, 1.0e8)); };
  return {clamp(p.x), clamp(p.y)};
}
}  // namespace

void Painter::rect(double x, double y, double w, double h, const cv::Scalar& colour) {
  poly({{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}, colour);
}

void Painter::poly(const std::vector<cv::Point2d>& world_points, const cv::Scalar& colour) {
  std::vector<cv::Point> pts;
  pts.reserve(world_points.size());
  for (const auto& p : world_points) pts.push_back(fixed(to_px(p.x, p.y)));
  const cv::Point* data = pts.data();
  int n = static_cast<int>(pts.size());
  cv::fillPoly(canvas_, &data, &n, 1, colour, cv::LINE_AA, kShift);
}

void Painter::ellipse(double cx, double cy, double rx, double ry, const cv::Scalar& colour, double angle_deg) {
  auto c = fixed(to_px(cx, cy));
  cv::Size axes(std::max(1, static_cast<int>(px(rx) * kOne)), std::max(1, static_cast<int>(px(ry) * kOne)));
  cv::ellipse(canvas_, c, axes, angle_deg, 0, 360, colour, cv::FILLED, cv::LINE_AA, kShift);
}

void Painter::ellipse_arc(double cx, double cy, double rx, double ry, double from_deg, double to_deg,
                          const cv::Scalar& colour, double thickness_m) {
  auto c = fixed(to_px(cx, cy));
  cv::Size axes(std::max(1, static_cast<int>(px(rx) * kOne)), std::max(1, static_cast<int>(px(ry) * kOne)));
  int t = std::max(1, static_cast<int>(std::lround(px(thickness_m))));
  cv::ellipse(canvas_, c, axes, 0, from_deg, to_deg, colour, t, cv::LINE_AA, kShift);
}

void Painter::line(double x1, double y1, double x2, double y2, const cv::Scalar& colour, double thickness_m) {
  int t = std::max(1, static_cast<int>(std::lround(px(thickness_m))));
  cv::line(canvas_, fixed(to_px(x1, y1)), fixed(to_px(x2, y2)), colour, t, cv::LINE_AA, kShift);
}

void Painter::vgradient(double x, double y, double w, double h, const cv::Scalar& top, const cv::Scalar& bottom) {
  auto a = to_px(x, y);
  auto b = to_px(x + w, y + h);
  int x0 = std::clamp(static_cast<int>(std::floor(a.x)), 0, canvas_.cols);
  int x1 = std::clamp(static_cast<int>(std::ceil(b.x)), 0, canvas_.cols);
  int y0 = std::clamp(static_cast<int>(std::floor(a.y)), 0, canvas_.rows);
  int y1 = std::clamp(static_cast<int>(std::ceil(b.y)), 0, canvas_.rows);
  if (x1 <= x0 || y1 <= y0) return;
  const double span = std::max(1.0, b.y - a.y);
  for (int row = y0; row < y1; ++row) {
    double t = std::clamp((row - a.y) / span, 0.0, 1.0);
    cv::Scalar c = top * (1 - t) + bottom * t;
    canvas_.row(row).colRange(x0, x1).setTo(c);
  }
}

void Painter::glow(double cx, double cy, double rx, double ry, const cv::Scalar& colour, double opacity) {
  soft_blob(canvas_, to_px(cx, cy), {px(rx), px(ry)}, colour, opacity);
}

void soft_blob(cv::Mat& image, cv::Point2d c, cv::Size2d r, const cv::Scalar& colour, double opacity) {
  cv::Rect box(static_cast<int>(std::floor(c.x - r.width)) - 2, static_cast<int>(std::floor(c.y - r.height)) - 2,
               static_cast<int>(std::ceil(2 * r.width)) + 5, static_cast<int>(std::ceil(2 * r.height)) + 5);
  box &= cv::Rect(0, 0, image.cols, image.rows);
  if (box.empty() || r.width < 0.5 || r.height < 0.5) return;
  cv::Mat roi = image(box);
  // Four nested rings of a quarter of the opacity each: full at the centre, fading to the rim.
  constexpr int kRings = 4;
  const double step = 1.0 - std::pow(1.0 - opacity, 1.0 / kRings);
  cv::Mat layer;
  for (int k = 0; k < kRings; ++k) {
    const double shrink = 1.0 - 0.22 * k;
    roi.copyTo(layer);
    cv::ellipse(layer, cv::Point2d(c.x - box.x, c.y - box.y), cv::Size2d(r.width * shrink, r.height * shrink), 0, 0, 360, colour,
                cv::FILLED, cv::LINE_AA);
    cv::addWeighted(layer, step, roi, 1 - step, 0, roi);
  }
}

}  // namespace filmgen::render
