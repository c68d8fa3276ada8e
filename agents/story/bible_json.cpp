// JSON for the bible types (include/filmgen/bible.hpp). Lives with the story library because
// the FilmPlan embeds the bibles; agents/bible builds them.
#include "filmgen/bible.hpp"
#include "text_util.hpp"

namespace filmgen {

void to_json(nlohmann::json& j, const Appearance& v) {
  j = {{"gender", v.gender}, {"age_range", v.age_range}, {"age_min", v.age_min},
       {"age_max", v.age_max}, {"build", v.build},       {"hair", v.hair},
       {"skin", v.skin},     {"face", v.face},           {"defaults", v.defaults}};
}
void from_json(const nlohmann::json& j, Appearance& v) {
  v.gender = j.value("gender", "");
  v.age_range = j.value("age_range", "");
  v.age_min = j.value("age_min", 0);
  v.age_max = j.value("age_max", 0);
  v.build = j.value("build", "");
  v.hair = j.value("hair", "");
  v.skin = j.value("skin", "");
  v.face = j.value("face", "");
  v.defaults = j.value("defaults", std::vector<std::string>{});
}

void to_json(nlohmann::json& j, const Wardrobe& v) {
  j = {{"base", v.base}, {"scenes", v.scenes}};
}
void from_json(const nlohmann::json& j, Wardrobe& v) {
  v.base = j.value("base", "");
  v.scenes = j.value("scenes", std::map<std::string, std::string>{});
}

void to_json(nlohmann::json& j, const VoiceProfile& v) {
  j = {{"voice", v.voice}, {"variant", v.variant}, {"pitch", v.pitch}, {"range", v.range},
       {"rate_wpm", v.rate_wpm}};
}
void from_json(const nlohmann::json& j, VoiceProfile& v) {
  v.voice = j.value("voice", "en-us");
  v.variant = j.value("variant", "");
  v.pitch = j.value("pitch", 50);
  v.range = j.value("range", 50);
  v.rate_wpm = j.value("rate_wpm", 165);
}

void to_json(nlohmann::json& j, const EmotionalRange& v) {
  j = {{"min", v.min}, {"max", v.max}, {"mean", v.mean}, {"dominant", v.dominant}};
}
void from_json(const nlohmann::json& j, EmotionalRange& v) {
  v.min = j.value("min", 0.0);
  v.max = j.value("max", 0.0);
  v.mean = j.value("mean", 0.0);
  v.dominant = j.value("dominant", std::vector<std::string>{});
}

void to_json(nlohmann::json& j, const CharacterBible& v) {
  j = {{"id", v.id},
       {"name", v.name},
       {"aliases", v.aliases},
       {"description", v.description},
       {"appearance", v.appearance},
       {"wardrobe", v.wardrobe},
       {"voice", v.voice},
       {"emotional_range", v.emotional_range},
       {"scenes", v.scenes},
       {"dialogue_blocks", v.dialogue_blocks},
       {"first_line", v.first_line},
       {"reference_frames", v.reference_frames}};
}
void from_json(const nlohmann::json& j, CharacterBible& v) {
  v.id = j.at("id").get<std::string>();
  v.name = j.at("name").get<std::string>();
  v.aliases = j.value("aliases", std::vector<std::string>{});
  v.description = j.value("description", "");
  v.appearance = j.value("appearance", Appearance{});
  v.wardrobe = j.value("wardrobe", Wardrobe{});
  v.voice = j.value("voice", VoiceProfile{});
  v.emotional_range = j.value("emotional_range", EmotionalRange{});
  v.scenes = j.value("scenes", std::vector<std::string>{});
  v.dialogue_blocks = j.value("dialogue_blocks", 0);
  v.first_line = j.value("first_line", 0);
  v.reference_frames = j.value("reference_frames", std::vector<std::string>{});
}

void to_json(nlohmann::json& j, const LightingSetup& v) {
  j = {{"time_of_day", v.time_of_day}, {"kelvin", v.kelvin}, {"key", v.key},
       {"fill", v.fill}, {"ambient", v.ambient}, {"contrast", v.contrast}};
}
void from_json(const nlohmann::json& j, LightingSetup& v) {
  v.time_of_day = j.value("time_of_day", "");
  v.kelvin = j.value("kelvin", 5600);
  v.key = j.value("key", "");
  v.fill = j.value("fill", "");
  v.ambient = j.value("ambient", "");
  v.contrast = j.value("contrast", 0.5);
}

void to_json(nlohmann::json& j, const LocationBible& v) {
  j = {{"id", v.id},
       {"name", v.name},
       {"setting", v.setting},
       {"interior", v.interior},
       {"time_of_day", v.time_of_day},
       {"description", v.description},
       {"lighting", v.lighting},
       {"camera_style", v.camera_style},
       {"scenes", v.scenes},
       {"approved_frames", v.approved_frames}};
}
void from_json(const nlohmann::json& j, LocationBible& v) {
  v.id = j.at("id").get<std::string>();
  v.name = j.at("name").get<std::string>();
  v.setting = j.value("setting", "");
  v.interior = j.value("interior", false);
  v.time_of_day = j.value("time_of_day", "");
  v.description = j.value("description", "");
  v.lighting = j.value("lighting", std::vector<LightingSetup>{});
  v.camera_style = j.value("camera_style", "");
  v.scenes = j.value("scenes", std::vector<std::string>{});
  v.approved_frames = j.value("approved_frames", std::vector<std::string>{});
}

void to_json(nlohmann::json& j, const Bibles& v) {
  j = {{"schema", "filmgen.bibles"},
       {"schema_version", v.schema_version},
       {"characters", v.characters},
       {"locations", v.locations}};
}
void from_json(const nlohmann::json& j, Bibles& v) {
  v.schema_version = j.value("schema_version", kBibleSchemaVersion);
  v.characters = j.value("characters", std::vector<CharacterBible>{});
  v.locations = j.value("locations", std::vector<LocationBible>{});
}

const CharacterBible* Bibles::find_character(const std::string& name_or_id) const {
  const std::string upper = story::to_upper(story::collapse_spaces(name_or_id));
  for (const auto& c : characters)
    if (c.id == name_or_id || c.name == upper) return &c;
  return nullptr;
}

const LocationBible* Bibles::find_location(const std::string& name_or_id) const {
  const std::string upper = story::to_upper(story::collapse_spaces(name_or_id));
  for (const auto& l : locations)
    if (l.id == name_or_id || l.name == upper) return &l;
  return nullptr;
}

}  // namespace filmgen
