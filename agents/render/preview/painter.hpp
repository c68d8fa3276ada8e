// Drawing in world units (metres, y down) onto a pixel canvas through a camera window.
#pragma once

#include <opencv2/core.hpp>

#include <vector>

namespace filmgen::render {

// A camera window onto the world: the world rectangle that fills the canvas.
struct View {
  double x0 = 0, y0 = 0;  // world position of the canvas' top-left corner
  double scale = 100;     // pixels per metre
};

class Painter {
 public:
  Painter(cv::Mat& canvas, const View& view) : canvas_(canvas), view_(view) {}

  cv::Point2d to_px(double x, double y) const { return {(x - view_.x0) * view_.scale, (y - view_.y0) * view_.scale}; }
  double px(double metres) const { return metres * view_.scale; }
  const View& view() const { return view_; }
  cv::Mat& canvas() { return canvas_; }

  void rect(double x, double y, double w, double h, const cv::Scalar& colour);
  void poly(const std::vector<cv::Point2d>& world_points, const cv::Scalar& colour);
  void ellipse(double cx, double cy, double rx, double ry, const cv::Scalar& colour, double angle_deg = 0);
  void ellipse_arc(double cx, double cy, double rx, double ry, double from_deg, double to_deg,
                   const cv::Scalar& colour, double thickness_m);
  void line(double x1, double y1, double x2, double y2, const cv::Scalar& colour, double thickness_m);
  // Vertical gradient over a world rectangle.
  void vgradient(double x, double y, double w, double h, const cv::Scalar& top, const cv::Scalar& bottom);
  // Blends a soft-edged ellipse, `opacity` at its centre fading out to its rim (glows,
  // shadows, pools of light).
  void glow(double cx, double cy, double rx, double ry, const cv::Scalar& colour, double opacity);

 private:
  cv::Mat& canvas_;
  View view_;
};

// A soft-edged ellipse blended onto an image in pixel coordinates (see Painter::glow).
void soft_blob(cv::Mat& image, cv::Point2d centre, cv::Size2d radii, const cv::Scalar& colour, double opacity);

}  // namespace filmgen::render
