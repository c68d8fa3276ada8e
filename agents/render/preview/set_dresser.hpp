// The location's set, drawn in world units: walls, windows, furniture or landscape, chosen
// from the location bible and laid out by the location's own seed, so a location looks the
// same in every shot of every scene.
#pragma once

#include <opencv2/core.hpp>

#include "look.hpp"
#include "painter.hpp"

namespace filmgen::render {

// The stage: 12 m wide and 6.75 m high (16:9); actors stand on the floor between
// kFloorY and kWorldH, the back wall (or horizon) meets the floor at kFloorY.
inline constexpr double kWorldW = 12.0;
inline constexpr double kWorldH = 6.75;
inline constexpr double kFloorY = 5.3;

// Scene lighting applied to a surface colour: time of day, colour temperature, ambient.
class Grade {
 public:
  explicit Grade(const SetStyle& style);
  cv::Scalar operator()(const cv::Scalar& colour) const;
  double darkness() const { return darkness_; }

 private:
  cv::Vec3f tint_;
  cv::Scalar ambient_;
  double darkness_;
};

void draw_set(Painter& painter, const SetStyle& style);

}  // namespace filmgen::render
