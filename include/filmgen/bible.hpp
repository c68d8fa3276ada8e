// Character and location bibles: what every render prompt, voice and grade is built from.
// Built by bible::build_bibles (agents/bible) and overridable by a user cast file.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace filmgen {

inline constexpr int kBibleSchemaVersion = 1;

struct Appearance {
  std::string gender;     // "male", "female" or "unspecified"
  std::string age_range;  // e.g. "40s"
  int age_min = 0;
  int age_max = 0;
  std::string build;  // e.g. "tall, wiry"
  std::string hair;   // colour and style, e.g. "grey, cropped"
  std::string skin;
  std::string face;                   // e.g. "grey beard, deep-set eyes"
  std::vector<std::string> defaults;  // names of the fields not given by the script or cast
  bool operator==(const Appearance&) const = default;
};

struct Wardrobe {
  std::string base;                          // what the character usually wears
  std::map<std::string, std::string> scenes;  // scene id -> outfit where the script says
  bool operator==(const Wardrobe&) const = default;
};

// Parameters for espeak-ng: voice "en-us", variant "m3", pitch/range 0..99, rate in wpm.
struct VoiceProfile {
  std::string voice = "en-us";
  std::string variant;
  int pitch = 50;
  int range = 50;
  int rate_wpm = 165;
  bool operator==(const VoiceProfile&) const = default;
};

struct EmotionalRange {
  double min = 0;
  double max = 0;
  double mean = 0;
  std::vector<std::string> dominant;  // e.g. "anger", "joy", "fear", "sadness", "calm"
  bool operator==(const EmotionalRange&) const = default;
};

struct CharacterBible {
  std::string id;    // "C01"
  std::string name;  // canonical: upper case, no extensions
  std::vector<std::string> aliases;  // other spellings seen (full names from action)
  std::string description;           // first description the script gives, "" if none
  Appearance appearance;
  Wardrobe wardrobe;
  VoiceProfile voice;
  EmotionalRange emotional_range;
  std::vector<std::string> scenes;  // scene ids where the character speaks or is named
  int dialogue_blocks = 0;
  int first_line = 0;
  std::vector<std::string> reference_frames;  // filled by the render stage
  bool operator==(const CharacterBible&) const = default;
};

struct LightingSetup {
  std::string time_of_day;  // "day", "night", ...
  int kelvin = 5600;        // key-light colour temperature
  std::string key;          // "#RRGGBB"
  std::string fill;
  std::string ambient;
  double contrast = 0.5;  // key:fill contrast, 0 flat .. 1 hard
  bool operator==(const LightingSetup&) const = default;
};

struct LocationBible {
  std::string id;       // "L01"
  std::string name;     // normalised: "BRICK'S PATIO"
  std::string setting;  // "INT", "EXT", "INT/EXT" or "" (forced headings)
  bool interior = false;
  std::string time_of_day;  // first time of day seen
  std::string description;  // first action paragraph there
  std::vector<LightingSetup> lighting;  // one per time of day seen
  std::string camera_style;
  std::vector<std::string> scenes;
  std::vector<std::string> approved_frames;  // filled by the continuity stage
  bool operator==(const LocationBible&) const = default;
};

struct Bibles {
  int schema_version = kBibleSchemaVersion;
  std::vector<CharacterBible> characters;
  std::vector<LocationBible> locations;

  // nullptr when absent; name is matched in canonical form, id ("C01") also accepted.
  const CharacterBible* find_character(const std::string& name_or_id) const;
  const LocationBible* find_location(const std::string& name_or_id) const;
  bool operator==(const Bibles&) const = default;
};

void to_json(nlohmann::json& j, const Appearance& v);
void from_json(const nlohmann::json& j, Appearance& v);
void to_json(nlohmann::json& j, const Wardrobe& v);
void from_json(const nlohmann::json& j, Wardrobe& v);
void to_json(nlohmann::json& j, const VoiceProfile& v);
void from_json(const nlohmann::json& j, VoiceProfile& v);
void to_json(nlohmann::json& j, const EmotionalRange& v);
void from_json(const nlohmann::json& j, EmotionalRange& v);
void to_json(nlohmann::json& j, const CharacterBible& v);
void from_json(const nlohmann::json& j, CharacterBible& v);
void to_json(nlohmann::json& j, const LightingSetup& v);
void from_json(const nlohmann::json& j, LightingSetup& v);
void to_json(nlohmann::json& j, const LocationBible& v);
void from_json(const nlohmann::json& j, LocationBible& v);
void to_json(nlohmann::json& j, const Bibles& v);
void from_json(const nlohmann::json& j, Bibles& v);

}  // namespace filmgen
