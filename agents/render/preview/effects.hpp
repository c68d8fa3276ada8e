// Physics effects for the plan's flags: rain, fire, smoke, water, crowd, vehicle, explosion,
// fight. Seeded by the shot and animated by time, so every frame is reproducible.
#pragma once

#include <opencv2/core.hpp>

#include "filmgen/plan.hpp"
#include "painter.hpp"
#include "set_dresser.hpp"

namespace filmgen::render {

// Effects that sit behind the actors (crowd, passing vehicle, water, fire).
void draw_background_effects(Painter& painter, const PhysicsFlags& flags, const SetStyle& set, const Grade& grade,
                             double t_seconds, double shot_seconds, uint64_t seed);
// Effects in front of the actors (rain, smoke, explosion, fight impacts), in frame pixels.
void draw_foreground_effects(Painter& painter, const PhysicsFlags& flags, const SetStyle& set, double t_seconds,
                             double shot_seconds, uint64_t seed);

}  // namespace filmgen::render
