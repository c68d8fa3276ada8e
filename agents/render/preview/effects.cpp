#include "effects.hpp"

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <random>

namespace filmgen::render {

namespace {
double hash01(uint64_t seed, int i, int salt) {
  uint64_t h = seed ^ (static_cast<uint64_t>(i) * 0x9E3779B97F4A7C15ull) ^ (static_cast<uint64_t>(salt) << 32);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return static_cast<double>(h >> 11) / static_cast<double>(1ull << 53);
}

void fire(Painter& p, double x, double base, double t, uint64_t seed, double size) {
  p.rect(x - 0.3 * size, base - 0.5 * size, 0.6 * size, 0.5 * size, bgr(60, 50, 46));  // a barrel
  p.glow(x, base - 0.8 * size, 1.1 * size, 0.9 * size, bgr(255, 140, 40), 0.25);
  for (int i = 0; i < 7; ++i) {
    double phase = hash01(seed, i, 7) * 6.28;
    double h = size * (0.55 + 0.35 * std::sin(t * 9 + phase) * std::sin(t * 4.3 + phase * 2));
    double cx = x + (i - 3) * 0.07 * size;
    cv::Scalar c = i % 2 ? bgr(255, 200, 60) : bgr(250, 110, 30);
    p.poly({{cx - 0.09 * size, base - 0.5 * size}, {cx + 0.04 * std::sin(t * 7 + phase), base - 0.5 * size - h},
            {cx + 0.09 * size, base - 0.5 * size}}, c);
  }
}
}  // namespace

void draw_background_effects(Painter& p, const PhysicsFlags& f, const SetStyle& set, const Grade& grade, double t,
                             double shot_s, uint64_t seed) {
  if (f.water && set.kind != SetKind::kBeach && set.kind != SetKind::kPier) {
    // A pool or river across the front of the stage.
    const double y0 = kWorldH - 0.55;
    p.vgradient(0, y0, kWorldW, kWorldH - y0, grade(bgr(70, 160, 210)), grade(bgr(40, 110, 170)));
    for (int i = 0; i < 40; ++i) {
      double x = std::fmod(hash01(seed, i, 1) * kWorldW + t * 0.3, kWorldW);
      double y = y0 + 0.05 + hash01(seed, i, 2) * 0.45;
      p.line(x, y + 0.02 * std::sin(t * 3 + i), x + 0.25, y, grade(bgr(200, 230, 245)), 0.012);
    }
  } else if (f.water) {
    for (int i = 0; i < 30; ++i) {
      double x = std::fmod(hash01(seed, i, 1) * kWorldW + t * 0.5, kWorldW);
      double y = kFloorY - 1.3 + hash01(seed, i, 2) * 1.1 + 0.03 * std::sin(t * 2 + i);
      p.line(x, y, x + 0.4, y, grade(bgr(220, 236, 246)), 0.015);
    }
  }
  if (f.crowd) {
    for (int i = 0; i < 26; ++i) {
      double x = 0.3 + i * (kWorldW - 0.6) / 25 + (hash01(seed, i, 3) - 0.5) * 0.2;
      double bob = 0.03 * std::sin(t * (2 + hash01(seed, i, 4) * 2) + i);
      double h = 1.5 + hash01(seed, i, 5) * 0.3;
      cv::Scalar c = grade(bgr(60 + static_cast<int>(hash01(seed, i, 6) * 90), 60 + static_cast<int>(hash01(seed, i, 8) * 80),
                               70 + static_cast<int>(hash01(seed, i, 9) * 80)));
      double base = kFloorY + 0.12 + bob;
      p.rect(x - 0.17, base - h + 0.25, 0.34, h - 0.25, scale(c, 0.7));
      p.ellipse(x, base - h + 0.12, 0.11, 0.13, scale(c, 0.8));
    }
  }
  if (f.vehicle && !set.interior) {
    double x = -4.5 + (kWorldW + 5.0) * (t / std::max(1.0, shot_s));
    double base = kFloorY + 0.35;
    cv::Scalar body = grade(bgr(160, 30, 30));
    p.poly({{x, base - 0.4}, {x + 0.4, base - 0.9}, {x + 2.4, base - 0.9}, {x + 3.2, base - 0.45}, {x + 3.8, base - 0.35},
            {x + 3.8, base - 0.15}, {x, base - 0.15}}, body);
    p.poly({{x + 1.0, base - 0.9}, {x + 1.3, base - 1.3}, {x + 2.4, base - 1.3}, {x + 2.8, base - 0.9}}, scale(body, 0.85));
    p.poly({{x + 1.1, base - 0.92}, {x + 1.35, base - 1.24}, {x + 2.35, base - 1.24}, {x + 2.7, base - 0.92}}, grade(bgr(120, 150, 170)));
    p.ellipse(x + 0.9, base - 0.15, 0.3, 0.3, bgr(20, 20, 22));
    p.ellipse(x + 3.0, base - 0.15, 0.3, 0.3, bgr(20, 20, 22));
    if (set.darkness > 0.3) p.glow(x + 3.8, base - 0.45, 0.5, 0.2, bgr(255, 240, 200), 0.7);
  }
  if (f.fire) fire(p, 10.2, kFloorY + 0.3, t, seed, 1.0);
}

void draw_foreground_effects(Painter& p, const PhysicsFlags& f, const SetStyle& set, double t, double shot_s,
                             uint64_t seed) {
  cv::Mat& img = p.canvas();
  const int w = img.cols, h = img.rows;
  if (f.rain) {
    const int drops = set.interior ? 90 : 260;
    const cv::Scalar c = set.darkness > 0.5 ? bgr(120, 130, 150) : bgr(190, 200, 215);
    const double fall = h * 2.2;  // pixels per second
    for (int i = 0; i < drops; ++i) {
      double x = hash01(seed, i, 11) * (w + 100) - 50;
      double y = std::fmod(hash01(seed, i, 12) * h + t * fall, static_cast<double>(h + 60)) - 30;
      double len = h * (0.025 + 0.02 * hash01(seed, i, 13));
      cv::line(img, cv::Point2d(x, y), cv::Point2d(x - len * 0.18, y + len), c, std::max(1, h / 540), cv::LINE_AA);
    }
  }
  if (f.smoke) {
    // Wisps rising and spreading: many small soft puffs, most transparent as they grow.
    for (int i = 0; i < 28; ++i) {
      double life = std::fmod(t * 0.2 + hash01(seed, i, 21), 1.0);
      double x = (0.05 + 0.9 * hash01(seed, i, 22)) * w + std::sin(t * 0.7 + i) * w * 0.03 + life * w * 0.05;
      double y = h * (1.0 - life * 0.95);
      double r = h * (0.04 + life * 0.12);
      soft_blob(img, {x, y}, {r * 1.3, r}, bgr(160, 160, 166), 0.22 * (1 - life));
    }
  }
  if (f.explosion) {
    const double mid = shot_s * 0.35, age = t - mid;
    if (age >= 0 && age < 1.6) {
      double k = age / 1.6;
      double r = h * (0.1 + 0.6 * k);
      cv::Point2d c(w * 0.62, h * 0.55);
      cv::Mat layer = img.clone();
      cv::circle(layer, c, static_cast<int>(r * 1.4), bgr(255, 120, 30), cv::FILLED, cv::LINE_AA);
      cv::circle(layer, c, static_cast<int>(r), bgr(255, 220, 120), cv::FILLED, cv::LINE_AA);
      cv::addWeighted(layer, 0.85 * (1 - k), img, 1 - 0.85 * (1 - k), 0, img);
      for (int i = 0; i < 24; ++i) {
        double a = hash01(seed, i, 31) * 6.283, d = r * (0.8 + hash01(seed, i, 32));
        cv::circle(img, c + cv::Point2d(std::cos(a) * d, std::sin(a) * d), std::max(2, h / 120), bgr(40, 30, 26), cv::FILLED,
                   cv::LINE_AA);
      }
    }
  }
  if (f.fight) {
    // Impact flashes on the beat.
    const double beat = std::fmod(t, 0.8);
    if (beat < 0.12) {
      int i = static_cast<int>(t / 0.8);
      cv::Point2d c((0.35 + 0.3 * hash01(seed, i, 41)) * w, (0.3 + 0.3 * hash01(seed, i, 42)) * h);
      for (int k = 0; k < 8; ++k) {
        double a = k * 0.785 + hash01(seed, i, 43);
        cv::line(img, c + cv::Point2d(std::cos(a), std::sin(a)) * (h * 0.03), c + cv::Point2d(std::cos(a), std::sin(a)) * (h * 0.09),
                 bgr(255, 250, 210), std::max(2, h / 200), cv::LINE_AA);
      }
    }
  }
}

}  // namespace filmgen::render
