// A character's figure, drawn from the character bible's look: the same person in every
// shot (colours, build, hair, face come only from the bible), different from everyone else.
#pragma once

#include <opencv2/core.hpp>

#include "look.hpp"
#include "painter.hpp"
#include "set_dresser.hpp"

namespace filmgen::render {

inline constexpr double kFigureHeight = 1.75;  // metres, before FigureStyle::height

struct FigurePose {
  double x = 6;         // world x of the feet's centre
  double feet_y = 5.6;  // world y of the feet
  double facing = 0;    // -1 looks left, +1 looks right, 0 at the camera
  double mouth = 0;     // 0 closed .. 1 wide open
  double eyes = 1;      // 1 open .. 0 closed (blink)
  double gesture = 0;   // 0 arms down .. 1 a raised forearm
  bool from_behind = false;  // the back of the head and shoulders (OTS foreground)
};

// Draws the figure; returns the pixel boxes of the whole body and the face on the canvas.
struct DrawnFigure {
  cv::Rect body;
  cv::Rect face;
};
DrawnFigure draw_figure(Painter& painter, const FigureStyle& style, const FigurePose& pose, const Grade& grade);

// World position of the eyes' midpoint for a pose (framing aims at it).
cv::Point2d eye_point(const FigureStyle& style, const FigurePose& pose);

}  // namespace filmgen::render
