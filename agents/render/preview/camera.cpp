#include "camera.hpp"

#include <algorithm>
#include <cmath>

namespace filmgen::render {

namespace {
double ease(double t) { return t * t * (3 - 2 * t); }

double noise(double t, uint64_t seed, int axis) {
  double a = static_cast<double>((seed >> (axis * 8)) & 0xff) / 40.0;
  double b = static_cast<double>((seed >> (axis * 8 + 16)) & 0xff) / 50.0;
  return 0.6 * std::sin(2.3 * t + a) + 0.3 * std::sin(5.9 * t + b) + 0.1 * std::sin(13.7 * t + a + b);
}
}  // namespace

const FigurePose* Blocking::find(const std::string& name) const {
  auto it = marks.find(name);
  return it == marks.end() ? nullptr : &it->second;
}

Blocking block_scene(const std::vector<std::string>& cast) {
  Blocking b;
  const int n = static_cast<int>(cast.size());
  const double spacing = n <= 1 ? 0 : std::min(2.4, 8.0 / (n - 1));
  for (int i = 0; i < n; ++i) {
    FigurePose pose;
    pose.x = kWorldW / 2 + (i - (n - 1) / 2.0) * spacing;
    pose.feet_y = kFloorY + 0.55 + (i % 2) * 0.18;
    pose.facing = n == 1 ? 0 : (pose.x < kWorldW / 2 ? 1 : (pose.x > kWorldW / 2 ? -1 : 0));
    b.marks[cast[i]] = pose;
  }
  return b;
}

CameraRect frame_shot(const Shot& shot, const Blocking& blocking, const std::map<std::string, FigureStyle>& styles,
                      double aspect) {
  CameraRect whole{kWorldW / 2, kWorldH / 2, kWorldH};
  if (shot.kind == ShotKind::kEstablishing || shot.size == ShotSize::kELS || blocking.marks.empty()) return whole;

  auto subject_name = [&]() -> std::string {
    if (!shot.speaker.empty() && blocking.find(shot.speaker)) return shot.speaker;
    for (const auto& c : shot.characters)
      if (blocking.find(c)) return c;
    return blocking.marks.begin()->first;
  }();
  const FigurePose& subject = *blocking.find(subject_name);
  auto style_it = styles.find(subject_name);
  FigureStyle fallback;
  const FigureStyle& style = style_it != styles.end() ? style_it->second : fallback;
  const cv::Point2d eyes = eye_point(style, subject);
  // Look room: the subject sits off-centre, facing into the larger part of the frame.
  const double look = subject.facing;

  auto single = [&](double h, double look_share) {
    CameraRect r;
    r.h = h;
    r.cx = eyes.x + look * h * aspect * look_share;
    r.cy = eyes.y + h / 6;  // eyes on the upper third
    return r;
  };

  switch (shot.size) {
    case ShotSize::kLS: {
      double lo = 1e9, hi = -1e9, feet = subject.feet_y;
      for (const auto& c : shot.characters)
        if (const auto* m = blocking.find(c)) lo = std::min(lo, m->x), hi = std::max(hi, m->x), feet = std::max(feet, m->feet_y);
      if (lo > hi) lo = hi = subject.x;
      double h = std::max(2.7, (hi - lo + 1.6) / aspect);
      return {(lo + hi) / 2, feet - h * 0.42, h};
    }
    case ShotSize::kMS: return single(1.45, 0.12);
    case ShotSize::kMCU: return single(0.95, 0.1);
    case ShotSize::kCU: return single(0.58, 0.08);
    case ShotSize::kECU: return {eyes.x, eyes.y + 0.03, 0.3};
    case ShotSize::kOTS: return single(1.1, -0.18);  // the listener's shoulder fills the near side
    case ShotSize::kTwoShot: {
      double lo = subject.x, hi = subject.x, eye_y = eyes.y;
      for (const auto& c : shot.characters)
        if (const auto* m = blocking.find(c)) lo = std::min(lo, m->x), hi = std::max(hi, m->x);
      double h = std::max(1.7, (hi - lo + 1.2) / aspect);
      return {(lo + hi) / 2, eye_y + h / 6, h};
    }
    case ShotSize::kInsert: return {subject.x + 0.9 * (look == 0 ? 1 : look), kFloorY - 0.3, 1.0};
    default: return single(1.45, 0.12);
  }
}

CameraRect camera_at(const CameraRect& base, const Shot& shot, double t, double seconds, uint64_t seed, double aspect) {
  CameraRect r = base;
  const double e = ease(std::clamp(t, 0.0, 1.0));
  switch (shot.camera) {
    case CameraMove::kPan: r.cx = base.cx + (e - 0.5) * 0.3 * base.h * aspect; break;
    case CameraMove::kPushIn: r.h = base.h * (1.25 - 0.25 * e); break;
    case CameraMove::kPullOut: r.h = base.h * (1.0 + 0.3 * e); break;
    default: break;
  }
  const bool shake = shot.camera == CameraMove::kHandheld || shot.physics.fight || shot.physics.explosion;
  if (shake) {
    const double amp = (shot.physics.fight || shot.physics.explosion ? 0.02 : 0.01) * r.h;
    const double time = t * seconds;
    r.cx += amp * noise(time, seed, 0) * aspect;
    r.cy += amp * noise(time, seed, 1);
  }
  // Never show past the edges of the stage.
  const double w = r.h * aspect;
  r.h = std::min(r.h, kWorldH);
  r.cx = std::clamp(r.cx, std::min(w / 2, kWorldW / 2), std::max(kWorldW - w / 2, kWorldW / 2));
  r.cy = std::clamp(r.cy, std::min(r.h / 2, kWorldH / 2), std::max(kWorldH - r.h / 2, kWorldH / 2));
  return r;
}

}  // namespace filmgen::render
