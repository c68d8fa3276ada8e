// How bible words become pictures: colours and proportions of figures and sets, derived
// deterministically from the bible text (and the name or id where the text says nothing).
#pragma once

#include <opencv2/core.hpp>

#include <string>
#include <vector>

#include "filmgen/bible.hpp"

namespace filmgen::render {

enum class HairStyle { kShort, kCropped, kLong, kBald, kPonytail, kCurly, kBun, kMohawk };

struct FigureStyle {
  std::string name;
  cv::Scalar skin, hair, top, bottom, shoes, eyes, accent;
  HairStyle hair_style = HairStyle::kShort;
  double height = 1.0;  // multiplier of 1.75 m
  double width = 1.0;   // build multiplier
  bool beard = false;
  bool moustache = false;
  bool glasses = false;
  bool wrinkles = false;
  bool female = false;
  bool coat = false;     // long outer garment
  bool tie = false;
};

FigureStyle figure_style(const CharacterBible& character, const std::string& scene_id);

enum class SetKind {
  kRoom, kKitchen, kOffice, kBar, kBedroom, kLivingRoom, kRestaurant, kWarehouse, kVehicle,
  kTrailer, kHospital, kLighthouse, kStreet, kForest, kBeach, kPatio, kParking, kField, kDesert,
  kRooftop, kPier
};

const char* to_string(SetKind kind);

struct SetStyle {
  SetKind kind = SetKind::kRoom;
  bool interior = true;
  std::string time_of_day;  // "day", "night", "dawn", "dusk", ...
  cv::Scalar wall, floor, trim, sky_top, sky_bottom, ground, key, fill, ambient;
  double darkness = 0;      // 0 day .. 1 deep night
  int kelvin = 5600;
  uint64_t layout_seed = 0;  // from the location, never from the shot
};

SetStyle set_style(const LocationBible& location, const std::string& time_of_day);

// A colour written as red, green, blue, in OpenCV's BGR order.
inline cv::Scalar bgr(int r, int g, int b) { return cv::Scalar(b, g, r); }
// "#RRGGBB" -> BGR scalar; fallback when malformed.
cv::Scalar hex_colour(const std::string& hex, cv::Scalar fallback);
cv::Scalar mix(const cv::Scalar& a, const cv::Scalar& b, double t);
cv::Scalar scale(const cv::Scalar& c, double k);
// An RGB tint (as BGR, around 1.0) for a colour temperature in kelvin.
cv::Vec3f kelvin_tint(int kelvin);
uint64_t stable_hash64(const std::string& text);

}  // namespace filmgen::render
