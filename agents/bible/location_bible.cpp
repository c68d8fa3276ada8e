// Location bible: the same name is the same place; lighting per time of day with colour
// temperature, and a camera style from interior/exterior and time.
#include "location_bible.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "text_util.hpp"

namespace filmgen::bible {

std::string kelvin_to_hex(int kelvin, double brightness) {
  // Tanner Helland's fit of the black-body colour, 1000 K .. 40000 K.
  const double t = std::clamp(kelvin, 1000, 40000) / 100.0;
  double r, g, b;
  if (t <= 66) {
    r = 255;
    g = 99.4708025861 * std::log(t) - 161.1195681661;
    b = t <= 19 ? 0 : 138.5177312231 * std::log(t - 10) - 305.0447927307;
  } else {
    r = 329.698727446 * std::pow(t - 60, -0.1332047592);
    g = 288.1221695283 * std::pow(t - 60, -0.0755148492);
    b = 255;
  }
  auto channel = [&](double v) {
    return static_cast<int>(std::lround(std::clamp(v, 0.0, 255.0) * std::clamp(brightness, 0.0, 1.0)));
  };
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02X%02X%02X", channel(r), channel(g), channel(b));
  return buf;
}

LightingSetup lighting_for(const std::string& location, const std::string& time_of_day, bool interior) {
  struct Base {
    int key, fill, ambient;
    double fill_level, ambient_level, contrast;
  };
  // Key/fill/ambient colour temperatures by time of day (exterior, then interior).
  static const std::map<std::string, std::pair<Base, Base>> kBases = {
      {"day", {{5600, 7500, 6500, 0.7, 0.45, 0.55}, {4300, 5600, 3800, 0.6, 0.35, 0.45}}},
      {"morning", {{4800, 7000, 6000, 0.65, 0.4, 0.5}, {4200, 5600, 3600, 0.55, 0.3, 0.5}}},
      {"afternoon", {{5200, 7000, 6000, 0.65, 0.4, 0.6}, {4200, 5600, 3600, 0.55, 0.3, 0.5}}},
      {"evening", {{3600, 6500, 5000, 0.5, 0.25, 0.65}, {3200, 4500, 3000, 0.45, 0.2, 0.6}}},
      {"dusk", {{3200, 7500, 6000, 0.5, 0.25, 0.65}, {3200, 5000, 3000, 0.45, 0.2, 0.6}}},
      {"dawn", {{3400, 8000, 6500, 0.5, 0.25, 0.6}, {3600, 6000, 3400, 0.45, 0.2, 0.55}}},
      {"night", {{7500, 9000, 8000, 0.3, 0.1, 0.8}, {2900, 4000, 2700, 0.35, 0.12, 0.75}}},
  };
  auto it = kBases.find(time_of_day);
  if (it == kBases.end()) it = kBases.find("day");
  const Base& b = interior ? it->second.second : it->second.first;
  // A small, stable per-location shift so two day exteriors are not graded identically.
  const int shift = static_cast<int>(story::stable_hash(location) % 7) * 50 - 150;
  LightingSetup l;
  l.time_of_day = it->first;
  l.kelvin = b.key + shift;
  l.key = kelvin_to_hex(l.kelvin);
  l.fill = kelvin_to_hex(b.fill + shift, b.fill_level);
  l.ambient = kelvin_to_hex(b.ambient + shift, b.ambient_level);
  l.contrast = b.contrast;
  return l;
}

namespace {

std::string camera_style(const LocationBible& loc) {
  const std::string& name = loc.name;
  const bool vehicle = name.find("CAR") != std::string::npos || name.find("TRUCK") != std::string::npos ||
                       name.find("PORSCHE") != std::string::npos || name.find("BUS") != std::string::npos ||
                       name.find("TRAIN") != std::string::npos || name.find("BOAT") != std::string::npos;
  if (vehicle) return "tight 24-35mm through the windows, rig-mounted, a little handheld energy";
  const bool night = loc.time_of_day == "night" || loc.time_of_day == "dusk";
  if (!loc.interior && !night) return "wide 24-35mm, deep focus, steady tripod and slow pans";
  if (!loc.interior) return "fast 35-50mm primes, shallow focus, slow deliberate moves";
  if (night) return "50-85mm, shallow focus, low-key motivated light, static frames";
  return "35-50mm at eye level, natural motivated light, mostly static";
}

}  // namespace

std::vector<LocationBible> build_locations(const FilmPlan& plan) {
  std::vector<LocationBible> out;
  std::map<std::string, std::size_t> index;
  for (const auto& sc : plan.scenes) {
    if (sc.location_id.empty()) continue;
    auto [it, inserted] = index.emplace(sc.location_id, out.size());
    if (inserted) {
      LocationBible l;
      l.id = sc.location_id;
      l.name = sc.location;
      l.setting = sc.setting;
      l.interior = sc.interior;
      l.time_of_day = sc.time_of_day;
      for (const auto& s : sc.shots) {
        if (s.kind == ShotKind::kAction) {
          l.description = s.action;
          break;
        }
      }
      out.push_back(std::move(l));
    }
    LocationBible& l = out[it->second];
    l.scenes.push_back(sc.id);
    const bool have = std::any_of(l.lighting.begin(), l.lighting.end(),
                                  [&](const LightingSetup& x) { return x.time_of_day == sc.time_of_day; });
    if (!have) l.lighting.push_back(lighting_for(l.name, sc.time_of_day, l.interior));
  }
  for (auto& l : out) l.camera_style = camera_style(l);
  return out;
}

}  // namespace filmgen::bible
