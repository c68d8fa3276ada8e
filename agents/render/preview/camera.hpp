// Where the camera looks: blocking of a scene's cast on the stage, framing by shot size, and
// camera moves over the shot.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "figure.hpp"
#include "filmgen/plan.hpp"

namespace filmgen::render {

// Marks on the stage for a scene's cast, in order of appearance; stable for the scene.
struct Blocking {
  std::map<std::string, FigurePose> marks;
  const FigurePose* find(const std::string& name) const;
};
Blocking block_scene(const std::vector<std::string>& cast);

// The world rectangle that fills the frame: centre and height (width = height * aspect).
struct CameraRect {
  double cx = 6, cy = 3.375, h = 6.75;
};

// The shot's framing: who it is on and how close, by its size and kind.
CameraRect frame_shot(const Shot& shot, const Blocking& blocking, const std::map<std::string, FigureStyle>& styles,
                      double aspect);

// The camera at time t (0..1 over the shot) for the shot's move; handheld and fight shots
// shake from a seeded noise.
CameraRect camera_at(const CameraRect& base, const Shot& shot, double t, double seconds, uint64_t seed, double aspect);

}  // namespace filmgen::render
