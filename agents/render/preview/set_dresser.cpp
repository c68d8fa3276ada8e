#include "set_dresser.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace filmgen::render {

namespace {

// Everything a set piece needs: the painter, the grade and a layout random source.
struct Dresser {
  Painter& p;
  const SetStyle& s;
  Grade g;
  std::mt19937_64 rng;

  double uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); }
  int pick(int n) { return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng)); }
  bool night() const { return s.darkness > 0.6; }

  void sky(double y0, double y1) {
    p.vgradient(0, y0, kWorldW, y1 - y0, s.sky_top, s.sky_bottom);
    if (night()) {
      std::mt19937_64 stars(s.layout_seed ^ 0x5a5a);
      for (int i = 0; i < 90; ++i) {
        double x = std::uniform_real_distribution<double>(0, kWorldW)(stars);
        double y = std::uniform_real_distribution<double>(y0, y0 + (y1 - y0) * 0.7)(stars);
        double r = std::uniform_real_distribution<double>(0.006, 0.016)(stars);
        p.ellipse(x, y, r, r, bgr(230, 230, 240));
      }
      p.glow(9.6, y0 + 0.9, 0.55, 0.55, bgr(120, 130, 170), 0.25);
      p.ellipse(9.6, y0 + 0.9, 0.26, 0.26, bgr(236, 236, 220));
    } else if (s.darkness > 0.2) {
      p.glow(2.5, y1 - 0.3, 1.2, 0.7, bgr(255, 190, 120), 0.45);
      p.ellipse(2.5, y1 - 0.2, 0.32, 0.32, bgr(255, 214, 150));
    } else {
      p.glow(2.2, y0 + 0.8, 0.7, 0.7, bgr(255, 250, 220), 0.35);
      p.ellipse(2.2, y0 + 0.8, 0.3, 0.3, bgr(255, 252, 236));
      for (int i = 0; i < 3; ++i) {
        double cx = uniform(4, 11), cy = uniform(y0 + 0.4, y0 + 1.6);
        for (int k = 0; k < 4; ++k)
          p.ellipse(cx + k * 0.28 - 0.4, cy + (k % 2) * 0.06, 0.32, 0.18, bgr(248, 250, 252));
      }
    }
  }

  // A window on the back wall with the outside seen through it.
  void window(double x, double y, double w, double h) {
    p.rect(x - 0.08, y - 0.08, w + 0.16, h + 0.16, g(s.trim));
    p.vgradient(x, y, w, h, s.sky_top, s.sky_bottom);
    if (night()) {
      std::mt19937_64 r(s.layout_seed ^ static_cast<uint64_t>(x * 100));
      for (int i = 0; i < 6; ++i) {
        double bx = x + std::uniform_real_distribution<double>(0, w - 0.3)(r);
        double bh = std::uniform_real_distribution<double>(0.3, h * 0.7)(r);
        p.rect(bx, y + h - bh, 0.3, bh, bgr(20, 22, 34));
        p.rect(bx + 0.08, y + h - bh + 0.1, 0.06, 0.06, bgr(250, 210, 120));
      }
    } else {
      p.rect(x, y + h * 0.7, w, h * 0.3, g(bgr(110, 150, 96)));
    }
    p.rect(x + w / 2 - 0.03, y, 0.06, h, g(s.trim));
    p.rect(x, y + h / 2 - 0.03, w, 0.06, g(s.trim));
  }

  void lamp(double x, double floor_y) {
    p.rect(x - 0.02, floor_y - 1.5, 0.04, 1.5, g(bgr(60, 56, 50)));
    p.poly({{x - 0.22, floor_y - 1.45}, {x + 0.22, floor_y - 1.45}, {x + 0.14, floor_y - 1.75}, {x - 0.14, floor_y - 1.75}},
           s.darkness > 0.2 ? bgr(250, 226, 170) : g(bgr(236, 220, 190)));
    if (s.darkness > 0.2) p.glow(x, floor_y - 1.55, 1.3, 1.0, bgr(255, 214, 150), 0.22);
  }

  void table(double x, double w, double floor_y, const cv::Scalar& wood) {
    p.rect(x, floor_y - 0.76, w, 0.06, g(wood));
    p.rect(x + 0.06, floor_y - 0.7, 0.05, 0.7, g(scale(wood, 0.8)));
    p.rect(x + w - 0.11, floor_y - 0.7, 0.05, 0.7, g(scale(wood, 0.8)));
  }

  void chair(double x, double floor_y, const cv::Scalar& c) {
    p.rect(x, floor_y - 0.46, 0.44, 0.05, g(c));
    p.rect(x, floor_y - 0.95, 0.05, 0.95, g(scale(c, 0.85)));
    p.rect(x + 0.39, floor_y - 0.46, 0.05, 0.46, g(scale(c, 0.85)));
  }

  void picture(double x, double y, double w, double h) {
    p.rect(x, y, w, h, g(bgr(70, 50, 30)));
    cv::Scalar a = bgr(60 + pick(150), 60 + pick(150), 60 + pick(150));
    p.rect(x + 0.05, y + 0.05, w - 0.1, h - 0.1, g(a));
    p.ellipse(x + w * 0.6, y + h * 0.4, w * 0.15, h * 0.15, g(scale(a, 1.4)));
  }

  void shelf_with_bottles(double x, double y, double w) {
    p.rect(x, y, w, 0.05, g(bgr(90, 60, 40)));
    for (double bx = x + 0.08; bx < x + w - 0.1; bx += uniform(0.12, 0.2)) {
      cv::Scalar c = pick(3) == 0 ? bgr(40, 110, 60) : (pick(2) ? bgr(140, 80, 30) : bgr(180, 200, 210));
      double bh = uniform(0.22, 0.34);
      p.rect(bx, y - bh, 0.07, bh, g(c));
      p.rect(bx + 0.02, y - bh - 0.08, 0.03, 0.08, g(c));
    }
  }

  void back_wall(double top = 0) {
    p.rect(0, top, kWorldW, kFloorY - top, g(s.wall));
    p.rect(0, kFloorY - 0.14, kWorldW, 0.14, g(s.trim));          // skirting
    p.vgradient(0, kFloorY, kWorldW, kWorldH - kFloorY, g(scale(s.floor, 0.8)), g(s.floor));
    for (double x = 0.0; x < kWorldW; x += 0.6)                     // floorboards
      p.line(x, kFloorY, x - (x - 6) * 0.25, kWorldH, g(scale(s.floor, 0.85)), 0.012);
  }

  void door(double x) {
    p.rect(x - 0.06, kFloorY - 2.16, 1.02, 2.16, g(s.trim));
    p.rect(x, kFloorY - 2.1, 0.9, 2.1, g(scale(s.wall, 0.62)));
    p.ellipse(x + 0.78, kFloorY - 1.05, 0.04, 0.04, g(bgr(200, 180, 90)));
  }

  void ceiling_light(double x) {
    p.line(x, 0, x, 0.6, g(bgr(40, 40, 40)), 0.02);
    p.ellipse(x, 0.68, 0.25, 0.1, s.darkness > 0.2 ? bgr(255, 236, 190) : g(bgr(220, 210, 190)));
    if (s.darkness > 0.2) p.glow(x, 1.4, 2.2, 1.6, bgr(255, 220, 160), 0.15);
  }

  // ---- interiors ----
  void room() {
    back_wall();
    window(uniform(1.0, 2.0), 1.6, 2.0, 1.8);
    door(uniform(8.5, 9.8));
    picture(uniform(4.5, 6.0), 1.9, 1.1, 0.8);
    table(uniform(4.0, 5.0), 1.8, kFloorY + 0.3, bgr(130, 90, 56));
    lamp(11.2, kFloorY + 0.1);
    ceiling_light(6);
  }
  void kitchen() {
    back_wall();
    p.rect(0.4, kFloorY - 0.92, 5.2, 0.92, g(bgr(180, 160, 130)));       // counter
    p.rect(0.4, kFloorY - 0.96, 5.2, 0.06, g(bgr(70, 70, 76)));
    for (double x = 0.5; x < 5.5; x += 0.65) p.rect(x, kFloorY - 0.8, 0.55, 0.62, g(bgr(200, 184, 150)));
    p.rect(0.4, 1.0, 5.2, 1.0, g(bgr(196, 176, 144)));                  // wall cabinets
    for (double x = 0.45; x < 5.5; x += 0.87) p.rect(x, 1.05, 0.8, 0.9, g(bgr(214, 196, 164)));
    p.rect(2.4, kFloorY - 1.0, 0.7, 0.08, g(bgr(40, 40, 44)));          // stove top
    p.rect(6.2, kFloorY - 1.9, 0.8, 1.9, g(bgr(226, 226, 230)));        // fridge
    p.line(6.9, kFloorY - 1.6, 6.9, kFloorY - 1.2, g(bgr(120, 120, 120)), 0.03);
    window(7.6, 1.7, 1.8, 1.5);
    table(8.2, 1.6, kFloorY + 0.45, bgr(150, 110, 70));
    chair(7.6, kFloorY + 0.5, bgr(150, 110, 70));
    ceiling_light(8.8);
  }
  void office() {
    back_wall();
    for (int i = 0; i < 3; ++i) window(0.8 + i * 2.3, 1.3, 1.8, 2.2);
    p.rect(8.0, kFloorY - 2.2, 1.4, 2.2, g(bgr(110, 90, 70)));          // bookcase
    for (int r = 0; r < 4; ++r)
      for (double x = 8.1; x < 9.3; x += 0.12)
        p.rect(x, kFloorY - 2.1 + r * 0.52, 0.09, 0.4, g(bgr(60 + pick(150), 60 + pick(120), 60 + pick(120))));
    table(4.0, 2.4, kFloorY + 0.35, bgr(100, 80, 60));                   // desk
    p.rect(4.9, kFloorY + 0.35 - 1.22, 0.7, 0.44, g(bgr(30, 30, 34)));  // monitor
    p.rect(5.0, kFloorY + 0.35 - 1.16, 0.5, 0.32, s.darkness > 0.2 ? bgr(170, 200, 230) : g(bgr(80, 120, 160)));
    p.rect(5.2, kFloorY + 0.35 - 0.78, 0.1, 0.06, g(bgr(30, 30, 34)));
    ceiling_light(3);
    ceiling_light(9);
  }
  void bar() {
    back_wall();
    p.rect(0, 0.9, kWorldW, 0.1, g(bgr(70, 40, 26)));
    for (int i = 0; i < 3; ++i) shelf_with_bottles(1.0 + i * 3.6, 2.4, 2.8), shelf_with_bottles(1.0 + i * 3.6, 3.4, 2.8);
    p.rect(0.5, kFloorY - 0.2 - 1.05, 11.0, 1.05, g(bgr(90, 50, 30)));  // bar counter
    p.rect(0.4, kFloorY - 0.2 - 1.12, 11.2, 0.1, g(bgr(130, 80, 46)));
    for (double x = 1.2; x < 11; x += 1.5) {                              // stools
      p.rect(x, kFloorY + 0.2 - 0.75, 0.42, 0.08, g(bgr(150, 30, 30)));
      p.rect(x + 0.18, kFloorY + 0.2 - 0.7, 0.05, 0.7, g(bgr(60, 60, 60)));
    }
    for (double x = 2; x < 11; x += 3) {
      p.ellipse(x, 0.95, 0.18, 0.08, bgr(255, 200, 120));
      p.glow(x, 1.3, 1.1, 0.8, bgr(255, 190, 110), 0.2);
    }
    p.rect(9.0, 1.4, 1.4, 0.5, bgr(40, 40, 200));                        // neon sign
    p.rect(9.1, 1.5, 1.2, 0.3, bgr(120, 120, 255));
  }
  void bedroom() {
    back_wall();
    window(7.8, 1.4, 2.0, 1.9);
    p.rect(1.4, kFloorY - 1.2, 0.2, 1.2, g(bgr(110, 76, 50)));          // headboard
    p.rect(1.4, kFloorY - 0.55, 3.4, 0.35, g(bgr(226, 226, 236)));      // bed
    p.rect(1.6, kFloorY - 0.7, 0.8, 0.2, g(bgr(240, 240, 244)));        // pillow
    p.rect(2.4, kFloorY - 0.62, 2.4, 0.2, g(s.wall * 0.5 + bgr(60, 80, 140) * 0.5));
    p.rect(1.4, kFloorY - 0.2, 3.4, 0.2, g(bgr(110, 76, 50)));
    lamp(5.4, kFloorY);
    picture(2.2, 2.2, 1.4, 0.9);
    p.rect(10.2, kFloorY - 1.9, 1.2, 1.9, g(bgr(130, 96, 64)));         // wardrobe
  }
  void living_room() {
    back_wall();
    window(1.0, 1.5, 2.2, 2.0);
    picture(5.0, 1.8, 1.6, 1.0);
    p.rect(4.2, kFloorY - 0.85, 3.2, 0.5, g(bgr(120, 70, 60)));         // sofa back
    p.rect(4.0, kFloorY - 0.45, 3.6, 0.4, g(bgr(140, 84, 70)));
    p.rect(4.0, kFloorY - 0.75, 0.3, 0.7, g(bgr(130, 76, 64)));
    p.rect(7.3, kFloorY - 0.75, 0.3, 0.7, g(bgr(130, 76, 64)));
    lamp(8.4, kFloorY);
    p.rect(9.6, kFloorY - 0.6, 1.4, 0.6, g(bgr(60, 50, 44)));           // tv stand
    p.rect(9.7, kFloorY - 1.4, 1.2, 0.75, g(bgr(20, 20, 24)));
    door(0.1 + 11.0);
  }
  void restaurant() {
    back_wall();
    for (int i = 0; i < 3; ++i) window(0.8 + i * 3.8, 1.3, 2.2, 2.0);
    for (int i = 0; i < 3; ++i) {
      double x = 1.2 + i * 3.8;
      table(x, 1.3, kFloorY + 0.2, bgr(230, 230, 226));
      p.rect(x - 0.02, kFloorY + 0.2 - 0.78, 1.34, 0.25, g(bgr(236, 236, 240)));  // tablecloth
      chair(x - 0.5, kFloorY + 0.25, bgr(120, 80, 50));
      p.ellipse(x + 0.65, kFloorY - 0.66, 0.05, 0.12, s.darkness > 0.2 ? bgr(255, 220, 140) : g(bgr(230, 230, 220)));
    }
    ceiling_light(2.5);
    ceiling_light(9.5);
  }
  void warehouse() {
    back_wall(0);
    for (double x = 0.5; x < kWorldW; x += 2.4) p.rect(x, 0, 0.25, kFloorY, g(bgr(90, 86, 80)));  // columns
    for (double x = 1.0; x < kWorldW; x += 2.4) p.rect(x, 0.5, 1.6, 0.7, night() ? bgr(30, 34, 50) : g(bgr(190, 210, 220)));
    for (int i = 0; i < 7; ++i) {                                          // crates
      double x = uniform(0.3, 11.0), w = uniform(0.6, 1.1);
      int stack = 1 + pick(3);
      for (int k = 0; k < stack; ++k) {
        p.rect(x, kFloorY - (k + 1) * w, w, w, g(bgr(150, 116, 70)));
        p.line(x, kFloorY - (k + 1) * w, x + w, kFloorY - k * w, g(bgr(110, 80, 46)), 0.03);
      }
    }
    for (double x = 2; x < 12; x += 4) ceiling_light(x);
  }
  void vehicle() {
    p.rect(0, 0, kWorldW, kWorldH, g(s.wall));
    for (int i = 0; i < 4; ++i) {                                          // side windows
      double x = 0.4 + i * 2.95;
      p.rect(x - 0.08, 1.2, 2.5, 1.7, g(bgr(40, 40, 46)));
      p.vgradient(x, 1.3, 2.34, 1.5, s.sky_top, s.sky_bottom);
      if (night()) {
        std::mt19937_64 r(s.layout_seed + i);
        for (int k = 0; k < 4; ++k)
          p.glow(x + std::uniform_real_distribution<double>(0.2, 2.1)(r), 2.3 + std::uniform_real_distribution<double>(0, 0.4)(r),
                 0.08, 0.08, bgr(255, 200, 120), 0.8);
      }
    }
    p.rect(0, 3.0, kWorldW, 0.18, g(bgr(150, 150, 156)));                 // rail
    for (double x = 0.3; x < kWorldW; x += 2.95) {                        // seats
      p.rect(x, kFloorY - 1.25, 0.25, 1.0, g(bgr(40, 70, 120)));
      p.rect(x, kFloorY - 0.5, 1.1, 0.25, g(bgr(40, 70, 120)));
    }
    p.rect(0, 0.4, kWorldW, 0.1, g(bgr(200, 200, 196)));
    if (s.darkness > 0.2) p.rect(0, 0.5, kWorldW, 0.06, bgr(240, 240, 220));  // strip light
    p.rect(0, kFloorY, kWorldW, kWorldH - kFloorY, g(s.floor));
  }
  void trailer() {
    back_wall();
    for (double x = 0; x < kWorldW; x += 0.3) p.line(x, 0, x, kFloorY, g(scale(s.wall, 0.86)), 0.015);  // panelling
    window(2.0, 1.8, 1.4, 1.0);
    window(8.0, 1.8, 1.4, 1.0);
    p.rect(0.5, kFloorY - 0.45, 3.0, 0.45, g(bgr(150, 60, 50)));        // bench
    p.rect(0.5, kFloorY - 1.0, 0.3, 0.6, g(bgr(150, 60, 50)));
    table(4.0, 1.2, kFloorY + 0.05, bgr(190, 170, 120));
    p.rect(9.8, kFloorY - 0.9, 1.8, 0.9, g(bgr(190, 170, 120)));
    lamp(6.2, kFloorY - 0.7);
  }
  void hospital() {
    back_wall();
    window(1.0, 1.4, 2.0, 1.8);
    p.rect(4.0, kFloorY - 0.7, 2.6, 0.25, g(bgr(236, 240, 244)));       // bed
    p.rect(4.0, kFloorY - 1.1, 0.1, 1.1, g(bgr(160, 166, 176)));
    p.rect(6.5, kFloorY - 0.9, 0.1, 0.9, g(bgr(160, 166, 176)));
    p.rect(7.2, kFloorY - 1.8, 0.6, 0.45, g(bgr(40, 44, 50)));          // monitor
    p.line(7.25, kFloorY - 1.6, 7.75, kFloorY - 1.6, bgr(80, 230, 120), 0.015);
    p.rect(9.0, 0.6, 0.05, kFloorY - 0.6, g(bgr(170, 170, 176)));
    p.rect(9.05, 0.6, 1.6, kFloorY - 0.8, g(bgr(150, 190, 200)));       // curtain
    ceiling_light(5.3);
  }
  void lighthouse_room() {
    sky(0, kFloorY);
    for (double x = 0; x <= kWorldW; x += 1.5) p.rect(x - 0.05, 0, 0.1, kFloorY, g(bgr(40, 40, 44)));  // glazing bars
    p.rect(0, 3.9, kWorldW, 0.08, g(bgr(40, 40, 44)));
    p.rect(0, kFloorY - 1.0, kWorldW, 1.0, g(bgr(150, 40, 30)));        // red wall band
    p.rect(0, kFloorY, kWorldW, kWorldH - kFloorY, g(s.floor));
    p.ellipse(6.0, 2.7, 0.9, 1.3, g(bgr(210, 226, 220)));               // the lens
    for (int i = -3; i <= 3; ++i) p.line(5.1, 2.7 + i * 0.3, 6.9, 2.7 + i * 0.3, g(bgr(170, 196, 190)), 0.03);
    p.glow(6.0, 2.7, 1.0, 1.0, bgr(255, 240, 180), s.darkness > 0.2 ? 0.55 : 0.2);
    p.rect(5.6, 4.0, 0.8, kFloorY - 4.0, g(bgr(90, 90, 96)));           // pedestal
  }

  // ---- exteriors ----
  void ground(const cv::Scalar& c) {
    p.vgradient(0, kFloorY, kWorldW, kWorldH - kFloorY, g(scale(c, 0.85)), g(c));
  }
  void skyline(double base, double max_h) {
    double x = -0.2;
    while (x < kWorldW) {
      double w = uniform(0.8, 1.8), h = uniform(max_h * 0.4, max_h);
      p.rect(x, base - h, w, h, g(bgr(80 + pick(40), 80 + pick(40), 90 + pick(40))));
      for (double wy = base - h + 0.25; wy < base - 0.4; wy += 0.5)
        for (double wx = x + 0.15; wx < x + w - 0.2; wx += 0.35)
          p.rect(wx, wy, 0.16, 0.24, night() && pick(3) ? bgr(250, 214, 130) : g(bgr(60, 70, 90)));
      x += w + uniform(0.05, 0.3);
    }
  }
  void street_lamp(double x) {
    p.rect(x - 0.04, kFloorY - 3.6, 0.08, 3.6, g(bgr(50, 54, 60)));
    p.rect(x - 0.04, kFloorY - 3.6, 0.6, 0.06, g(bgr(50, 54, 60)));
    p.ellipse(x + 0.55, kFloorY - 3.5, 0.14, 0.06, night() || s.darkness > 0.3 ? bgr(255, 226, 160) : g(bgr(200, 200, 190)));
    if (s.darkness > 0.3) {
      p.glow(x + 0.55, kFloorY - 3.4, 0.7, 0.7, bgr(255, 214, 140), 0.35);
      p.glow(x + 0.55, kFloorY + 0.4, 1.4, 0.3, bgr(255, 214, 140), 0.25);
    }
  }
  void tree(double x, double base, double h) {
    p.rect(x - 0.1, base - h * 0.45, 0.2, h * 0.45, g(bgr(90, 64, 40)));
    cv::Scalar leaf = g(bgr(50 + pick(30), 110 + pick(40), 50 + pick(20)));
    p.ellipse(x, base - h * 0.65, h * 0.3, h * 0.32, leaf);
    p.ellipse(x - h * 0.16, base - h * 0.55, h * 0.22, h * 0.2, scale(leaf, 0.9));
    p.ellipse(x + h * 0.17, base - h * 0.58, h * 0.2, h * 0.22, scale(leaf, 1.1));
  }
  void sea(double y0, double y1) {
    p.vgradient(0, y0, kWorldW, y1 - y0, g(bgr(40, 90, 140)), g(bgr(30, 70, 110)));
    for (double y = y0 + 0.1; y < y1; y += 0.18)
      for (double x = uniform(0, 0.6); x < kWorldW; x += uniform(0.7, 1.4))
        p.line(x, y, x + 0.3, y, g(bgr(150, 190, 220)), 0.01);
    if (night()) p.glow(9.6, y0 + 0.3, 0.4, 0.9, bgr(200, 200, 180), 0.2);
  }
  void car(double x, double base, const cv::Scalar& c) {
    p.poly({{x, base - 0.35}, {x + 0.3, base - 0.8}, {x + 2.2, base - 0.8}, {x + 3.0, base - 0.4}, {x + 3.6, base - 0.3},
            {x + 3.6, base - 0.15}, {x, base - 0.15}}, g(c));
    p.poly({{x + 0.9, base - 0.8}, {x + 1.2, base - 1.2}, {x + 2.3, base - 1.2}, {x + 2.7, base - 0.8}}, g(scale(c, 0.9)));
    p.poly({{x + 1.0, base - 0.82}, {x + 1.25, base - 1.14}, {x + 2.25, base - 1.14}, {x + 2.6, base - 0.82}}, g(bgr(120, 150, 170)));
    p.ellipse(x + 0.8, base - 0.15, 0.28, 0.28, g(bgr(20, 20, 22)));
    p.ellipse(x + 2.8, base - 0.15, 0.28, 0.28, g(bgr(20, 20, 22)));
    if (s.darkness > 0.3) p.glow(x + 3.6, base - 0.4, 0.3, 0.15, bgr(255, 240, 200), 0.8);
  }

  void street() {
    sky(0, kFloorY);
    skyline(kFloorY - 0.5, 4.2);
    p.rect(0, kFloorY - 0.5, kWorldW, 0.5, g(bgr(150, 146, 140)));      // pavement
    ground(s.ground);
    for (double x = 0.5; x < kWorldW; x += 2.0) p.rect(x, kFloorY + 0.75, 1.0, 0.08, g(bgr(230, 220, 150)));
    street_lamp(2.0);
    street_lamp(8.5);
  }
  void forest() {
    sky(0, kFloorY);
    for (int layer = 0; layer < 3; ++layer)
      for (double x = uniform(-0.5, 0.5); x < kWorldW + 1; x += uniform(1.0, 2.0))
        tree(x, kFloorY - 0.2 + layer * 0.15, uniform(2.5, 4.5) - layer * 0.3);
    ground(s.ground);
  }
  void beach() {
    sky(0, kFloorY - 1.4);
    sea(kFloorY - 1.4, kFloorY - 0.2);
    p.rect(0, kFloorY - 0.25, kWorldW, 0.12, g(bgr(240, 244, 246)));    // surf
    ground(s.ground);
    p.rect(0, kFloorY - 0.15, kWorldW, 0.15, g(s.ground));
  }
  void pier() {
    sky(0, kFloorY - 1.2);
    sea(kFloorY - 1.2, kWorldH);
    // The lighthouse on the headland.
    p.poly({{8.8, kFloorY - 1.2}, {9.1, kFloorY - 4.4}, {9.5, kFloorY - 4.4}, {9.8, kFloorY - 1.2}}, g(bgr(236, 232, 226)));
    for (int i = 0; i < 3; ++i) p.rect(8.9 + i * 0.03, kFloorY - 2.0 - i * 0.9, 0.8 - i * 0.06, 0.3, g(bgr(180, 40, 30)));
    p.rect(9.05, kFloorY - 4.8, 0.5, 0.4, night() ? bgr(255, 244, 190) : g(bgr(80, 90, 96)));
    if (s.darkness > 0.3) p.poly({{9.3, kFloorY - 4.6}, {3.0, kFloorY - 5.1}, {3.0, kFloorY - 4.3}}, bgr(120, 120, 100));
    p.poly({{0, kFloorY}, {kWorldW, kFloorY}, {kWorldW, kWorldH}, {0, kWorldH}}, g(s.ground));  // deck
    for (double y = kFloorY; y < kWorldH; y += 0.22) p.line(0, y, kWorldW, y, g(scale(s.ground, 0.75)), 0.015);
    for (double x = 0.3; x < kWorldW; x += 1.8) p.rect(x, kFloorY - 0.9, 0.14, 0.9, g(bgr(90, 70, 50)));  // posts
    p.rect(0, kFloorY - 0.85, kWorldW, 0.07, g(bgr(110, 86, 60)));
  }
  void patio() {
    sky(0, 2.0);
    p.rect(0, 2.0, kWorldW, kFloorY - 2.0, g(bgr(220, 210, 190)));       // house wall
    p.poly({{-0.5, 2.1}, {6, 0.9}, {12.5, 2.1}}, g(bgr(130, 70, 50)));   // roof edge
    window(1.2, 2.6, 1.8, 1.4);
    door(5.5);
    window(8.6, 2.6, 1.8, 1.4);
    ground(s.ground);
    for (double x = 0; x < kWorldW; x += 0.5) p.line(x, kFloorY, x, kWorldH, g(scale(s.ground, 0.85)), 0.012);
    p.rect(2.8, kFloorY - 0.2, 0.05, 2.1, g(bgr(200, 200, 200)));        // umbrella
    p.poly({{1.6, kFloorY - 2.2}, {2.8, kFloorY - 2.7}, {4.0, kFloorY - 2.2}}, g(bgr(200, 60, 50)));
    table(2.2, 1.3, kFloorY + 0.3, bgr(230, 230, 230));
    p.rect(10.2, kFloorY - 0.9, 0.8, 0.6, g(bgr(40, 40, 44)));           // grill
    p.rect(10.3, kFloorY - 0.3, 0.06, 0.3, g(bgr(40, 40, 44)));
    p.rect(10.85, kFloorY - 0.3, 0.06, 0.3, g(bgr(40, 40, 44)));
  }
  void parking() {
    sky(0, kFloorY);
    skyline(kFloorY - 0.2, 2.2);
    ground(s.ground);
    for (double x = 0.2; x < kWorldW; x += 2.6) p.line(x, kFloorY + 0.1, x - 0.4, kWorldH, g(bgr(230, 230, 230)), 0.05);
    car(0.6, kFloorY + 0.2, bgr(170, 40, 40));
    car(7.6, kFloorY + 0.2, bgr(60, 80, 150));
    street_lamp(5.6);
  }
  void field() {
    sky(0, kFloorY);
    p.ellipse(3, kFloorY + 0.6, 5, 1.4, g(bgr(90, 130, 70)));
    p.ellipse(10, kFloorY + 0.8, 5, 1.6, g(bgr(80, 120, 64)));
    ground(s.ground);
    for (double x = 0; x < kWorldW; x += 1.2) p.rect(x, kFloorY - 0.7, 0.08, 0.7, g(bgr(120, 90, 60)));  // fence
    p.rect(0, kFloorY - 0.6, kWorldW, 0.05, g(bgr(120, 90, 60)));
    p.rect(0, kFloorY - 0.3, kWorldW, 0.05, g(bgr(120, 90, 60)));
    tree(10.5, kFloorY - 0.1, 3.4);
  }
  void desert() {
    sky(0, kFloorY);
    p.poly({{0.5, kFloorY}, {1.2, kFloorY - 1.6}, {3.4, kFloorY - 1.6}, {4.0, kFloorY}}, g(bgr(180, 110, 70)));
    p.poly({{7.5, kFloorY}, {8.0, kFloorY - 1.1}, {9.6, kFloorY - 1.1}, {10.2, kFloorY}}, g(bgr(170, 100, 64)));
    ground(s.ground);
    p.rect(6.0, kFloorY - 1.6, 0.22, 1.6, g(bgr(60, 120, 60)));         // cactus
    p.rect(5.7, kFloorY - 1.2, 0.3, 0.14, g(bgr(60, 120, 60)));
    p.rect(5.7, kFloorY - 1.6, 0.14, 0.5, g(bgr(60, 120, 60)));
  }
  void rooftop() {
    sky(0, kFloorY);
    skyline(kFloorY, 3.4);
    p.rect(0, kFloorY - 0.9, kWorldW, 0.9, g(bgr(120, 110, 104)));      // parapet
    ground(s.ground);
    p.rect(9.0, kFloorY - 2.8, 1.5, 1.6, g(bgr(110, 80, 60)));          // water tank
    p.poly({{8.9, kFloorY - 2.8}, {9.75, kFloorY - 3.3}, {10.6, kFloorY - 2.8}}, g(bgr(90, 64, 48)));
    p.rect(9.2, kFloorY - 1.2, 0.08, 1.2, g(bgr(60, 60, 60)));
    p.rect(10.2, kFloorY - 1.2, 0.08, 1.2, g(bgr(60, 60, 60)));
  }
};

}  // namespace

Grade::Grade(const SetStyle& style)
    : tint_(kelvin_tint(style.kelvin)),
      ambient_(style.ambient),
      // Practical lights keep interiors brighter at night than the street outside.
      darkness_(style.interior ? style.darkness * 0.6 : style.darkness) {}

cv::Scalar Grade::operator()(const cv::Scalar& c) const {
  const double lit = 1.0 - 0.75 * darkness_;
  cv::Scalar out;
  for (int i = 0; i < 3; ++i) out[i] = std::clamp(c[i] * tint_[i] * lit + ambient_[i] * 0.4 * darkness_, 0.0, 255.0);
  return out;
}

void draw_set(Painter& painter, const SetStyle& style) {
  Dresser d{painter, style, Grade(style), std::mt19937_64(style.layout_seed)};
  switch (style.kind) {
    case SetKind::kRoom: d.room(); break;
    case SetKind::kKitchen: d.kitchen(); break;
    case SetKind::kOffice: d.office(); break;
    case SetKind::kBar: d.bar(); break;
    case SetKind::kBedroom: d.bedroom(); break;
    case SetKind::kLivingRoom: d.living_room(); break;
    case SetKind::kRestaurant: d.restaurant(); break;
    case SetKind::kWarehouse: d.warehouse(); break;
    case SetKind::kVehicle: d.vehicle(); break;
    case SetKind::kTrailer: d.trailer(); break;
    case SetKind::kHospital: d.hospital(); break;
    case SetKind::kLighthouse: d.lighthouse_room(); break;
    case SetKind::kStreet: d.street(); break;
    case SetKind::kForest: d.forest(); break;
    case SetKind::kBeach: d.beach(); break;
    case SetKind::kPatio: d.patio(); break;
    case SetKind::kParking: d.parking(); break;
    case SetKind::kField: d.field(); break;
    case SetKind::kDesert: d.desert(); break;
    case SetKind::kRooftop: d.rooftop(); break;
    case SetKind::kPier: d.pier(); break;
  }
}

}  // namespace filmgen::render
