#include "look.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <initializer_list>
#include <utility>

namespace filmgen::render {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool has_word(const std::string& text, const std::string& word) {
  size_t pos = 0;
  while ((pos = text.find(word, pos)) != std::string::npos) {
    bool start = pos == 0 || !std::isalpha(static_cast<unsigned char>(text[pos - 1]));
    size_t end = pos + word.size();
    // Allow plural/adjective endings: "curls", "curly", "greying".
    while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end])) && end - pos - word.size() < 3) ++end;
    bool stop = end >= text.size() || !std::isalpha(static_cast<unsigned char>(text[end]));
    if (start && stop) return true;
    pos += word.size();
  }
  return false;
}

template <class T>
bool find_in(const std::string& text, const std::vector<std::pair<const char*, T>>& table, T* out) {
  // The earliest mention wins ("white shirt under a red coat" -> white).
  size_t best = std::string::npos;
  for (const auto& [word, value] : table) {
    size_t pos = 0;
    while ((pos = text.find(word, pos)) != std::string::npos) {
      bool start = pos == 0 || !std::isalpha(static_cast<unsigned char>(text[pos - 1]));
      if (start && has_word(text.substr(pos), word)) break;
      pos += 1;
    }
    if (pos != std::string::npos && pos < best) {
      best = pos;
      *out = value;
    }
  }
  return best != std::string::npos;
}

const std::vector<std::pair<const char*, cv::Scalar>>& colour_words() {
  static const std::vector<std::pair<const char*, cv::Scalar>> words = {
      {"black", bgr(28, 28, 32)},       {"white", bgr(232, 232, 228)},  {"grey", bgr(128, 128, 132)},
      {"gray", bgr(128, 128, 132)},     {"silver", bgr(190, 192, 198)}, {"red", bgr(178, 34, 40)},
      {"crimson", bgr(150, 20, 40)},    {"maroon", bgr(110, 26, 36)},   {"burgundy", bgr(110, 24, 44)},
      {"pink", bgr(228, 130, 170)},     {"orange", bgr(230, 120, 30)},  {"yellow", bgr(236, 196, 40)},
      {"gold", bgr(212, 170, 60)},      {"mustard", bgr(200, 160, 40)}, {"green", bgr(50, 130, 70)},
      {"olive", bgr(110, 112, 50)},     {"khaki", bgr(170, 160, 110)},  {"teal", bgr(30, 128, 128)},
      {"blue", bgr(40, 80, 170)},       {"navy", bgr(28, 38, 84)},      {"denim", bgr(70, 100, 150)},
      {"jeans", bgr(60, 90, 140)},      {"purple", bgr(110, 50, 140)},  {"violet", bgr(130, 80, 170)},
      {"brown", bgr(110, 72, 44)},      {"tan", bgr(190, 150, 100)},    {"beige", bgr(214, 196, 160)},
      {"cream", bgr(236, 226, 200)},    {"leather", bgr(90, 56, 36)},   {"tweed", bgr(120, 100, 76)},
      {"camel", bgr(190, 150, 96)},     {"charcoal", bgr(60, 62, 66)},  {"dark", bgr(44, 46, 54)},
      {"suit", bgr(52, 56, 66)},        {"uniform", bgr(44, 62, 96)},   {"scrubs", bgr(90, 160, 170)},
      {"oilskin", bgr(230, 190, 40)},   {"hoodie", bgr(96, 100, 110)},  {"jumper", bgr(120, 80, 60)},
      {"sweater", bgr(120, 80, 60)},    {"tuxedo", bgr(24, 24, 28)},    {"overalls", bgr(60, 80, 120)},
  };
  return words;
}

const std::vector<std::pair<const char*, cv::Scalar>>& hair_words() {
  static const std::vector<std::pair<const char*, cv::Scalar>> words = {
      {"black", bgr(24, 20, 20)},     {"dark", bgr(40, 30, 26)},      {"brown", bgr(86, 56, 34)},
      {"brunette", bgr(80, 50, 30)},  {"chestnut", bgr(110, 60, 32)}, {"auburn", bgr(140, 60, 30)},
      {"red", bgr(170, 70, 30)},      {"ginger", bgr(190, 96, 40)},   {"blond", bgr(222, 192, 120)},
      {"blonde", bgr(222, 192, 120)}, {"fair", bgr(210, 180, 120)},   {"sandy", bgr(190, 160, 110)},
      {"grey", bgr(150, 150, 150)},   {"gray", bgr(150, 150, 150)},   {"silver", bgr(196, 196, 200)},
      {"white", bgr(232, 232, 232)},  {"salt", bgr(150, 146, 140)},   {"pink", bgr(230, 120, 170)},
      {"blue", bgr(60, 110, 200)},
  };
  return words;
}

const std::vector<std::pair<const char*, cv::Scalar>>& skin_words() {
  static const std::vector<std::pair<const char*, cv::Scalar>> words = {
      {"pale", bgr(244, 220, 204)},    {"fair", bgr(240, 212, 190)},  {"freckled", bgr(236, 200, 170)},
      {"light", bgr(234, 200, 172)},   {"ruddy", bgr(226, 170, 140)}, {"weathered", bgr(200, 150, 112)},
      {"tan", bgr(206, 156, 110)},     {"olive", bgr(196, 156, 110)}, {"golden", bgr(214, 168, 116)},
      {"brown", bgr(150, 100, 66)},    {"bronze", bgr(170, 116, 70)}, {"dark", bgr(100, 66, 44)},
      {"ebony", bgr(74, 48, 34)},      {"black", bgr(84, 56, 40)},
  };
  return words;
}

// Distinct hues for characters without wardrobe colours: golden-angle steps by bible id.
cv::Scalar palette_colour(int index, double saturation, double value) {
  double hue = std::fmod(index * 137.508 + 20.0, 360.0);
  cv::Mat hsv(1, 1, CV_8UC3, cv::Scalar(hue / 2.0, saturation * 255, value * 255));
  cv::Mat out;
  cv::cvtColor(hsv, out, cv::COLOR_HSV2BGR);
  auto p = out.at<cv::Vec3b>(0, 0);
  return cv::Scalar(p[0], p[1], p[2]);
}

int id_number(const std::string& id, const std::string& name) {
  int n = 0;
  bool digits = false;
  for (char c : id)
    if (std::isdigit(static_cast<unsigned char>(c))) {
      n = n * 10 + (c - '0');
      digits = true;
    }
  return digits ? n : static_cast<int>(stable_hash64(name) % 97);
}

}  // namespace

uint64_t stable_hash64(const std::string& text) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a: stable across platforms and versions
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

cv::Scalar hex_colour(const std::string& hex, cv::Scalar fallback) {
  if (hex.size() != 7 || hex[0] != '#') return fallback;
  try {
    unsigned long v = std::stoul(hex.substr(1), nullptr, 16);
    return cv::Scalar(v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff);
  } catch (...) {
    return fallback;
  }
}

cv::Scalar mix(const cv::Scalar& a, const cv::Scalar& b, double t) { return a * (1.0 - t) + b * t; }
cv::Scalar scale(const cv::Scalar& c, double k) {
  return cv::Scalar(std::clamp(c[0] * k, 0.0, 255.0), std::clamp(c[1] * k, 0.0, 255.0),
                    std::clamp(c[2] * k, 0.0, 255.0));
}

cv::Vec3f kelvin_tint(int kelvin) {
  // Tanner Helland's black-body approximation, normalised so 6500 K is neutral.
  auto rgb = [](double k) {
    double t = k / 100.0, r, g, b;
    r = t <= 66 ? 255 : 329.698727446 * std::pow(t - 60, -0.1332047592);
    g = t <= 66 ? 99.4708025861 * std::log(t) - 161.1195681661 : 288.1221695283 * std::pow(t - 60, -0.0755148492);
    b = t >= 66 ? 255 : (t <= 19 ? 0 : 138.5177312231 * std::log(t - 10) - 305.0447927307);
    return cv::Vec3d(std::clamp(b, 0.0, 255.0), std::clamp(g, 0.0, 255.0), std::clamp(r, 0.0, 255.0));
  };
  cv::Vec3d c = rgb(std::clamp(kelvin, 1500, 15000));
  cv::Vec3d n = rgb(6500);
  // Half strength: a hint of warmth or coolness, not a colour cast.
  return cv::Vec3f(static_cast<float>(1 + 0.5 * (c[0] / n[0] - 1)), static_cast<float>(1 + 0.5 * (c[1] / n[1] - 1)),
                   static_cast<float>(1 + 0.5 * (c[2] / n[2] - 1)));
}

FigureStyle figure_style(const CharacterBible& character, const std::string& scene_id) {
  const Appearance& a = character.appearance;
  const int index = id_number(character.id, character.name);
  const uint64_t h = stable_hash64(character.name);
  FigureStyle s;
  s.name = character.name;
  s.female = a.gender == "female";

  std::string skin = lower(a.skin);
  if (!find_in(skin, skin_words(), &s.skin)) {
    static const cv::Scalar tones[] = {bgr(240, 208, 182), bgr(222, 180, 146), bgr(196, 150, 110),
                                       bgr(160, 112, 76),  bgr(118, 80, 54),   bgr(232, 194, 160)};
    s.skin = tones[h % 6];
  }

  std::string hair = lower(a.hair);
  int age = a.age_max > 0 ? (a.age_min + a.age_max) / 2 : 35;
  if (!find_in(hair, hair_words(), &s.hair)) {
    static const cv::Scalar shades[] = {bgr(30, 24, 22), bgr(86, 56, 34), bgr(140, 70, 36),
                                        bgr(210, 176, 110), bgr(60, 40, 28)};
    s.hair = age >= 62 ? bgr(200, 200, 200) : shades[(h >> 8) % 5];
  }
  if (has_word(hair, "bald") || has_word(hair, "shaved")) s.hair_style = HairStyle::kBald;
  else if (has_word(hair, "ponytail") || has_word(hair, "braid")) s.hair_style = HairStyle::kPonytail;
  else if (has_word(hair, "bun")) s.hair_style = HairStyle::kBun;
  else if (has_word(hair, "curl") || has_word(hair, "afro")) s.hair_style = HairStyle::kCurly;
  else if (has_word(hair, "mohawk")) s.hair_style = HairStyle::kMohawk;
  else if (has_word(hair, "long") || has_word(hair, "shoulder")) s.hair_style = HairStyle::kLong;
  else if (has_word(hair, "crop") || has_word(hair, "buzz") || has_word(hair, "short")) s.hair_style = HairStyle::kCropped;
  else s.hair_style = s.female ? ((h >> 12) % 3 == 0 ? HairStyle::kPonytail : HairStyle::kLong)
                               : ((h >> 12) % 4 == 0 ? HairStyle::kCropped : HairStyle::kShort);

  std::string build = lower(a.build);
  s.height = 1.0;
  if (has_word(build, "tall") || has_word(build, "lanky")) s.height = 1.08;
  if (has_word(build, "short") || has_word(build, "small") || has_word(build, "petite")) s.height = 0.92;
  if (age > 0 && age < 13) s.height = 0.68;
  s.width = s.female ? 0.92 : 1.0;
  if (has_word(build, "broad") || has_word(build, "stock") || has_word(build, "heavy") ||
      has_word(build, "burly") || has_word(build, "muscular") || has_word(build, "big"))
    s.width *= 1.22;
  if (has_word(build, "slim") || has_word(build, "thin") || has_word(build, "wiry") || has_word(build, "slight") ||
      has_word(build, "skinny"))
    s.width *= 0.86;
  if (has_word(build, "fat") || has_word(build, "portly") || has_word(build, "round")) s.width *= 1.35;

  std::string face = lower(a.face + " " + character.description);
  s.beard = has_word(face, "beard") || has_word(face, "bearded");
  s.moustache = has_word(face, "moustache") || has_word(face, "mustache");
  s.glasses = has_word(face, "glasses") || has_word(face, "spectacles");
  s.wrinkles = age >= 55 || has_word(face, "wrinkle") || has_word(face, "weathered");
  s.eyes = (h >> 20) % 3 == 0 ? bgr(70, 110, 150) : ((h >> 20) % 3 == 1 ? bgr(80, 60, 40) : bgr(60, 100, 60));

  auto outfit_it = character.wardrobe.scenes.find(scene_id);
  std::string outfit = lower(outfit_it != character.wardrobe.scenes.end() ? outfit_it->second : character.wardrobe.base);
  s.top = palette_colour(index, 0.55, 0.72);
  s.bottom = palette_colour(index + 3, 0.35, 0.35);
  cv::Scalar found;
  if (find_in(outfit, colour_words(), &found)) s.top = found;
  // A second colour word after the first dresses the legs ("white shirt, jeans").
  auto first_comma = outfit.find_first_of(",;");
  if (first_comma != std::string::npos && find_in(outfit.substr(first_comma), colour_words(), &found)) s.bottom = found;
  else if (has_word(outfit, "jeans")) s.bottom = bgr(60, 90, 140);
  s.coat = has_word(outfit, "coat") || has_word(outfit, "oilskin") || has_word(outfit, "trench") || has_word(outfit, "robe");
  s.tie = has_word(outfit, "tie") || has_word(outfit, "suit");
  s.shoes = bgr(30, 26, 24);
  s.accent = palette_colour(index + 1, 0.7, 0.85);
  return s;
}

const char* to_string(SetKind kind) {
  switch (kind) {
    case SetKind::kRoom: return "room";
    case SetKind::kKitchen: return "kitchen";
    case SetKind::kOffice: return "office";
    case SetKind::kBar: return "bar";
    case SetKind::kBedroom: return "bedroom";
    case SetKind::kLivingRoom: return "living room";
    case SetKind::kRestaurant: return "restaurant";
    case SetKind::kWarehouse: return "warehouse";
    case SetKind::kVehicle: return "vehicle";
    case SetKind::kTrailer: return "trailer";
    case SetKind::kHospital: return "hospital";
    case SetKind::kLighthouse: return "lighthouse";
    case SetKind::kStreet: return "street";
    case SetKind::kForest: return "forest";
    case SetKind::kBeach: return "beach";
    case SetKind::kPatio: return "patio";
    case SetKind::kParking: return "parking";
    case SetKind::kField: return "field";
    case SetKind::kDesert: return "desert";
    case SetKind::kRooftop: return "rooftop";
    case SetKind::kPier: return "pier";
  }
  return "room";
}

SetStyle set_style(const LocationBible& location, const std::string& time_of_day) {
  SetStyle s;
  s.interior = location.interior || location.setting == "INT";
  if (location.setting == "EXT") s.interior = false;
  s.time_of_day = time_of_day.empty() ? (location.time_of_day.empty() ? "day" : location.time_of_day) : time_of_day;
  s.layout_seed = stable_hash64(location.id + "|" + location.name);
  const std::string words = lower(location.name + " " + location.description);

  static const std::vector<std::pair<const char*, SetKind>> interiors = {
      {"kitchen", SetKind::kKitchen},   {"office", SetKind::kOffice},      {"study", SetKind::kOffice},
      {"bar", SetKind::kBar},           {"pub", SetKind::kBar},            {"saloon", SetKind::kBar},
      {"club", SetKind::kBar},          {"bedroom", SetKind::kBedroom},    {"living", SetKind::kLivingRoom},
      {"apartment", SetKind::kLivingRoom}, {"house", SetKind::kLivingRoom}, {"home", SetKind::kLivingRoom},
      {"lounge", SetKind::kLivingRoom}, {"restaurant", SetKind::kRestaurant}, {"cafe", SetKind::kRestaurant},
      {"diner", SetKind::kRestaurant},  {"warehouse", SetKind::kWarehouse}, {"factory", SetKind::kWarehouse},
      {"garage", SetKind::kWarehouse},  {"hangar", SetKind::kWarehouse},  {"car", SetKind::kVehicle},
      {"bus", SetKind::kVehicle},       {"truck", SetKind::kVehicle},     {"van", SetKind::kVehicle},
      {"taxi", SetKind::kVehicle},      {"train", SetKind::kVehicle},     {"trailer", SetKind::kTrailer},
      {"caravan", SetKind::kTrailer},   {"hospital", SetKind::kHospital}, {"clinic", SetKind::kHospital},
      {"ward", SetKind::kHospital},     {"lamp room", SetKind::kLighthouse}, {"lighthouse", SetKind::kLighthouse}};
  static const std::vector<std::pair<const char*, SetKind>> exteriors = {
      {"street", SetKind::kStreet},   {"road", SetKind::kStreet},     {"alley", SetKind::kStreet},
      {"city", SetKind::kStreet},     {"town", SetKind::kStreet},     {"avenue", SetKind::kStreet},
      {"forest", SetKind::kForest},   {"wood", SetKind::kForest},     {"park", SetKind::kForest},
      {"garden", SetKind::kForest},   {"beach", SetKind::kBeach},     {"shore", SetKind::kBeach},
      {"sea", SetKind::kBeach},       {"ocean", SetKind::kBeach},     {"coast", SetKind::kBeach},
      {"lake", SetKind::kBeach},      {"pier", SetKind::kPier},       {"dock", SetKind::kPier},
      {"harbour", SetKind::kPier},    {"harbor", SetKind::kPier},     {"jetty", SetKind::kPier},
      {"patio", SetKind::kPatio},     {"deck", SetKind::kPatio},      {"porch", SetKind::kPatio},
      {"terrace", SetKind::kPatio},   {"backyard", SetKind::kPatio},  {"yard", SetKind::kPatio},
      {"parking", SetKind::kParking}, {"car park", SetKind::kParking}, {"lot", SetKind::kParking},
      {"field", SetKind::kField},     {"farm", SetKind::kField},      {"meadow", SetKind::kField},
      {"hill", SetKind::kField},      {"desert", SetKind::kDesert},   {"canyon", SetKind::kDesert},
      {"roof", SetKind::kRooftop},    {"lighthouse", SetKind::kPier}};
  // The location name decides first; its description only when the name says nothing.
  const std::string name = lower(location.name);
  SetKind kind = s.interior ? SetKind::kRoom : SetKind::kStreet;
  bool found = find_in(name, s.interior ? interiors : exteriors, &kind) ||
               find_in(words, s.interior ? interiors : exteriors, &kind);
  if (!found && !s.interior) kind = SetKind::kField;
  s.kind = kind;

  const std::string& tod = s.time_of_day;
  const bool night = tod == "night" || tod == "midnight";
  const bool dusk = tod == "dusk" || tod == "evening" || tod == "sunset";
  const bool dawn = tod == "dawn" || tod == "sunrise" || tod == "morning";
  s.darkness = night ? 0.78 : (dusk ? 0.38 : (dawn ? 0.25 : 0.0));
  if (night) {
    s.sky_top = bgr(6, 8, 22);
    s.sky_bottom = bgr(22, 30, 58);
  } else if (dusk) {
    s.sky_top = bgr(58, 48, 110);
    s.sky_bottom = bgr(244, 132, 72);
  } else if (dawn) {
    s.sky_top = bgr(120, 140, 196);
    s.sky_bottom = bgr(250, 196, 150);
  } else {
    s.sky_top = bgr(86, 148, 224);
    s.sky_bottom = bgr(196, 222, 244);
  }
  const uint64_t h = s.layout_seed;
  static const cv::Scalar walls[] = {bgr(196, 178, 150), bgr(164, 176, 170), bgr(206, 196, 180), bgr(150, 126, 104),
                                     bgr(176, 160, 176), bgr(120, 140, 150)};
  static const cv::Scalar floors[] = {bgr(120, 84, 56), bgr(96, 96, 100), bgr(150, 120, 90), bgr(70, 60, 56)};
  s.wall = walls[h % 6];
  s.floor = floors[(h >> 5) % 4];
  s.trim = scale(s.wall, 0.7);
  s.ground = bgr(92, 120, 64);
  switch (kind) {
    case SetKind::kKitchen: s.wall = bgr(222, 214, 190); s.floor = bgr(170, 164, 150); break;
    case SetKind::kOffice: s.wall = bgr(190, 196, 200); s.floor = bgr(90, 96, 110); break;
    case SetKind::kBar: s.wall = bgr(96, 52, 40); s.floor = bgr(70, 46, 30); break;
    case SetKind::kHospital: s.wall = bgr(214, 230, 226); s.floor = bgr(180, 196, 196); break;
    case SetKind::kWarehouse: s.wall = bgr(120, 116, 106); s.floor = bgr(96, 94, 90); break;
    case SetKind::kVehicle: s.wall = bgr(70, 72, 80); s.floor = bgr(50, 50, 56); break;
    case SetKind::kTrailer: s.wall = bgr(200, 184, 140); s.floor = bgr(130, 110, 80); break;
    case SetKind::kLighthouse: s.wall = bgr(214, 208, 196); s.floor = bgr(110, 100, 96); break;
    case SetKind::kStreet: s.ground = bgr(78, 78, 84); break;
    case SetKind::kParking: s.ground = bgr(70, 70, 74); break;
    case SetKind::kBeach: s.ground = bgr(222, 200, 150); break;
    case SetKind::kPier: s.ground = bgr(120, 96, 70); break;
    case SetKind::kPatio: s.ground = bgr(170, 130, 96); break;
    case SetKind::kDesert: s.ground = bgr(214, 176, 120); break;
    case SetKind::kRooftop: s.ground = bgr(100, 100, 104); break;
    default: break;
  }
  s.kelvin = night ? 7000 : (dusk ? 3600 : (dawn ? 4200 : 5600));
  s.key = bgr(255, 246, 230);
  s.fill = bgr(120, 120, 130);
  s.ambient = bgr(60, 60, 70);
  const LightingSetup* light = nullptr;
  for (const auto& l : location.lighting)
    if (l.time_of_day == tod) {
      light = &l;
      break;
    }
  if (!light && !location.lighting.empty()) light = &location.lighting.front();
  if (light) {
    s.kelvin = light->kelvin > 0 ? light->kelvin : s.kelvin;
    s.key = hex_colour(light->key, s.key);
    s.fill = hex_colour(light->fill, s.fill);
    s.ambient = hex_colour(light->ambient, s.ambient);
  }
  return s;
}

}  // namespace filmgen::render
