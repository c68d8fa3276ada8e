#include "figure.hpp"

#include <algorithm>
#include <cmath>

namespace filmgen::render {

namespace {
cv::Rect px_box(const Painter& p, double x0, double y0, double x1, double y1) {
  auto a = p.to_px(x0, y0);
  auto b = p.to_px(x1, y1);
  return cv::Rect(cv::Point(static_cast<int>(std::floor(a.x)), static_cast<int>(std::floor(a.y))),
                  cv::Point(static_cast<int>(std::ceil(b.x)), static_cast<int>(std::ceil(b.y))));
}
}  // namespace

cv::Point2d eye_point(const FigureStyle& style, const FigurePose& pose) {
  const double k = kFigureHeight * style.height / 1.75;
  return {pose.x + pose.facing * 0.012 * k, pose.feet_y - 1.615 * k};
}

DrawnFigure draw_figure(Painter& p, const FigureStyle& s, const FigurePose& pose, const Grade& grade) {
  const double k = kFigureHeight * s.height / 1.75;  // vertical scale
  const double w = s.width * k;                      // horizontal scale
  const double x = pose.x;
  const double fy = pose.feet_y;
  auto Y = [&](double h) { return fy - h * k; };     // height above the feet -> world y
  const cv::Scalar skin = grade(s.skin), hair = grade(s.hair), top = grade(s.top), bottom = grade(s.bottom);
  const cv::Scalar shoes = grade(s.shoes), shade = scale(top, 0.78);

  // Contact shadow.
  p.glow(x, fy, 0.32 * w, 0.05, cv::Scalar(0, 0, 0), 0.35);

  // Legs and shoes.
  const double hip = 0.92, leg_w = 0.12 * w;
  p.poly({{x - 0.16 * w, Y(hip)}, {x - 0.01, Y(hip)}, {x - 0.03, Y(0.06)}, {x - 0.03 - leg_w, Y(0.06)}}, bottom);
  p.poly({{x + 0.01, Y(hip)}, {x + 0.16 * w, Y(hip)}, {x + 0.03 + leg_w, Y(0.06)}, {x + 0.03, Y(0.06)}}, scale(bottom, 0.9));
  p.ellipse(x - 0.06 - leg_w / 2 + pose.facing * 0.03, Y(0.035), 0.09, 0.045, shoes);
  p.ellipse(x + 0.06 + leg_w / 2 + pose.facing * 0.03, Y(0.035), 0.09, 0.045, shoes);

  // Torso: shoulders to hips; a coat hangs to the knee.
  const double sh = 1.43, shoulder = 0.23 * w, waist = (s.female ? 0.15 : 0.17) * w;
  const double hem = s.coat ? 0.5 : 0.86;
  p.poly({{x - shoulder, Y(sh)}, {x + shoulder, Y(sh)}, {x + waist * (s.coat ? 1.25 : 1.0), Y(hem)},
          {x - waist * (s.coat ? 1.25 : 1.0), Y(hem)}}, top);
  p.ellipse(x - shoulder + 0.02, Y(sh - 0.03), 0.07 * w, 0.05, top);
  p.ellipse(x + shoulder - 0.02, Y(sh - 0.03), 0.07 * w, 0.05, top);
  if (!pose.from_behind) {
    p.poly({{x - 0.05, Y(sh + 0.01)}, {x + 0.05, Y(sh + 0.01)}, {x, Y(sh - 0.09)}}, skin);  // neckline
    if (s.tie) p.poly({{x - 0.018, Y(sh - 0.02)}, {x + 0.018, Y(sh - 0.02)}, {x + 0.028, Y(1.05)}, {x, Y(1.0)}, {x - 0.028, Y(1.05)}},
                     grade(s.accent));
    if (s.coat) p.line(x, Y(sh - 0.08), x, Y(hem), shade, 0.012);
  }

  // Arms: the left hangs; the right lifts its forearm with the gesture.
  const double arm_w = 0.075 * w;
  p.poly({{x - shoulder - 0.02, Y(sh - 0.02)}, {x - shoulder + arm_w, Y(sh - 0.02)}, {x - shoulder + arm_w - 0.01, Y(0.86)},
          {x - shoulder - 0.04, Y(0.86)}}, shade);
  p.ellipse(x - shoulder - 0.005, Y(0.83), 0.045, 0.05, skin);
  const double elbow_x = x + shoulder + 0.01, elbow_y = Y(1.12);
  p.poly({{x + shoulder - arm_w, Y(sh - 0.02)}, {x + shoulder + 0.03, Y(sh - 0.02)}, {elbow_x + 0.035, elbow_y}, {elbow_x - 0.04, elbow_y}},
         shade);
  const double g = std::clamp(pose.gesture, 0.0, 1.0);
  const double hand_x = elbow_x + 0.02;
  const double hand_y = elbow_y + (0.28 - g * 0.46) * k;
  p.line(elbow_x, elbow_y, hand_x, hand_y, shade, arm_w);
  p.ellipse(hand_x, hand_y, 0.045, 0.05, skin);

  // Neck and head.
  const double head_cy = 1.60, head_rx = 0.105, head_ry = 0.13;
  p.rect(x - 0.045, Y(sh + 0.08), 0.09, 0.1 * k, scale(skin, 0.9));
  const double hx = x + pose.facing * 0.01;
  const double hy = Y(head_cy);

  // Hair behind the head (long styles).
  if (s.hair_style == HairStyle::kLong)
    p.poly({{hx - head_rx * 1.15, hy - 0.02}, {hx + head_rx * 1.15, hy - 0.02}, {hx + head_rx * 1.25, Y(sh - 0.1)},
            {hx - head_rx * 1.25, Y(sh - 0.1)}}, hair);
  if (s.hair_style == HairStyle::kPonytail && pose.facing != 0)
    p.ellipse(hx - pose.facing * head_rx * 1.1, hy + 0.07, 0.04, 0.11, hair, pose.facing * 20);

  p.ellipse(hx, hy, head_rx, head_ry, pose.from_behind ? hair : skin);
  if (!pose.from_behind) {
    p.ellipse(hx - head_rx + 0.003, hy + 0.01, 0.02, 0.032, scale(skin, 0.92));  // ears
    p.ellipse(hx + head_rx - 0.003, hy + 0.01, 0.02, 0.032, scale(skin, 0.92));
  }

  // Hair on top.
  switch (s.hair_style) {
    case HairStyle::kBald:
      p.ellipse_arc(hx, hy + 0.005, head_rx * 1.0, head_ry * 0.9, 160, 200, hair, 0.02);
      p.ellipse_arc(hx, hy + 0.005, head_rx * 1.0, head_ry * 0.9, -20, 20, hair, 0.02);
      break;
    case HairStyle::kCurly:
      for (int i = 0; i < 9; ++i) {
        double a = CV_PI * (1.05 + i * 0.9 / 8.0);
        p.ellipse(hx + std::cos(a) * head_rx * 1.02, hy + std::sin(a) * head_ry * 0.95, 0.045, 0.045, hair);
      }
      break;
    case HairStyle::kMohawk:
      p.rect(hx - 0.02, hy - head_ry - 0.06, 0.04, 0.12, hair);
      break;
    case HairStyle::kCropped:
      p.poly({{hx - head_rx * 1.02, hy - 0.01}, {hx - head_rx * 0.8, hy - head_ry * 0.9}, {hx, hy - head_ry * 1.08},
              {hx + head_rx * 0.8, hy - head_ry * 0.9}, {hx + head_rx * 1.02, hy - 0.01}, {hx, hy - head_ry * 0.7}}, hair);
      break;
    default: {
      const double drop = s.hair_style == HairStyle::kShort ? 0.02 : 0.05;
      p.poly({{hx - head_rx * 1.08, hy + drop}, {hx - head_rx * 0.95, hy - head_ry * 0.75}, {hx - head_rx * 0.4, hy - head_ry * 1.12},
              {hx + head_rx * 0.4, hy - head_ry * 1.12}, {hx + head_rx * 0.95, hy - head_ry * 0.75}, {hx + head_rx * 1.08, hy + drop},
              {hx + head_rx * 0.75, hy - head_ry * 0.45}, {hx - pose.facing * 0.02, hy - head_ry * 0.62},
              {hx - head_rx * 0.75, hy - head_ry * 0.45}}, hair);
      if (s.hair_style == HairStyle::kBun) p.ellipse(hx, hy - head_ry * 1.15, 0.05, 0.045, hair);
      break;
    }
  }

  DrawnFigure drawn;
  drawn.body = px_box(p, x - std::max(shoulder, 0.2 * w) - 0.05, Y(head_cy) - head_ry - 0.05, x + std::max(shoulder, 0.2 * w) + 0.05, fy);
  drawn.face = px_box(p, hx - head_rx, hy - head_ry, hx + head_rx, hy + head_ry);
  if (pose.from_behind) return drawn;

  // Face: eyes look toward `facing`, blink closes them; brows, nose, mouth.
  const double eye_y = hy - 0.015, eye_dx = 0.042, look = pose.facing * 0.008;
  const double open = std::clamp(pose.eyes, 0.0, 1.0);
  for (int side : {-1, 1}) {
    double ex = hx + side * eye_dx + pose.facing * 0.006;
    if (open > 0.2) {
      p.ellipse(ex, eye_y, 0.021, 0.013 * open, cv::Scalar(245, 245, 245));
      p.ellipse(ex + look, eye_y, 0.0095, 0.0095 * std::min(1.0, open * 1.2), grade(s.eyes));
      p.ellipse(ex + look, eye_y, 0.0045, 0.0045 * open, cv::Scalar(10, 10, 10));
    } else {
      p.line(ex - 0.02, eye_y, ex + 0.02, eye_y, scale(skin, 0.55), 0.004);
    }
    p.line(ex - 0.022, eye_y - 0.027, ex + 0.022, eye_y - 0.031 + side * 0.002, scale(hair, 0.8), 0.007);
    if (s.glasses) p.ellipse_arc(ex, eye_y, 0.03, 0.024, 0, 360, cv::Scalar(30, 30, 30), 0.004);
    if (s.wrinkles) p.line(ex + side * 0.028, eye_y + 0.004, ex + side * 0.04, eye_y + 0.012, scale(skin, 0.75), 0.0025);
  }
  if (s.glasses) p.line(hx - 0.012, eye_y, hx + 0.012, eye_y, cv::Scalar(30, 30, 30), 0.004);
  p.line(hx + pose.facing * 0.015, eye_y + 0.005, hx + pose.facing * 0.022, hy + 0.045, scale(skin, 0.72), 0.006);  // nose
  if (s.wrinkles) {
    p.line(hx - 0.035, hy - 0.075, hx + 0.035, hy - 0.075, scale(skin, 0.8), 0.003);
    p.line(hx - 0.03, hy - 0.062, hx + 0.03, hy - 0.062, scale(skin, 0.8), 0.003);
  }
  if (s.beard)
    p.poly({{hx - head_rx * 0.98, hy + 0.0}, {hx - head_rx * 0.7, hy + head_ry * 0.85}, {hx, hy + head_ry * 1.12},
            {hx + head_rx * 0.7, hy + head_ry * 0.85}, {hx + head_rx * 0.98, hy + 0.0}, {hx + 0.05, hy + 0.06},
            {hx - 0.05, hy + 0.06}}, hair);
  const double mouth_y = hy + 0.075, mouth_open = std::clamp(pose.mouth, 0.0, 1.0);
  const double mx = hx + pose.facing * 0.012;
  if (mouth_open > 0.05) {
    p.ellipse(mx, mouth_y, 0.026, 0.004 + 0.022 * mouth_open, cv::Scalar(40, 30, 90));
    p.ellipse(mx, mouth_y - 0.004 - 0.016 * mouth_open, 0.018, 0.004, cv::Scalar(235, 235, 240));
  } else {
    p.line(mx - 0.024, mouth_y, mx + 0.024, mouth_y, scale(skin, 0.5) + cv::Scalar(0, 0, 40), 0.006);
  }
  if (s.moustache || s.beard) p.ellipse(mx, mouth_y - 0.018, 0.032, 0.01, hair);
  return drawn;
}

}  // namespace filmgen::render
