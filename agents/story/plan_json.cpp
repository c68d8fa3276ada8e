// JSON for the FilmPlan types (include/filmgen/plan.hpp).
#include <array>
#include <stdexcept>
#include <string>

#include "filmgen/error.hpp"
#include "filmgen/plan.hpp"

namespace filmgen {

namespace {

constexpr std::array<const char*, 9> kSizes = {"ELS", "LS",  "MS",     "MCU",     "CU",
                                               "ECU", "OTS", "INSERT", "TWO_SHOT"};
constexpr std::array<const char*, 7> kKinds = {"establishing", "action",     "dialogue", "reaction",
                                               "insert",       "title_card", "lyrics"};
constexpr std::array<const char*, 5> kMoves = {"static", "pan", "push_in", "pull_out", "handheld"};
constexpr std::array<const char*, 8> kTransitions = {"cut",       "fade_in",   "fade_out",
                                                     "dissolve",  "smash_cut", "match_cut",
                                                     "jump_cut",  "wipe"};

template <typename E, std::size_t N>
E parse_enum(const std::array<const char*, N>& names, const std::string& s, const char* what) {
  for (std::size_t i = 0; i < N; ++i)
    if (s == names[i]) return static_cast<E>(i);
  throw std::invalid_argument(std::string("unknown ") + what + " '" + s + "'");
}

}  // namespace

const char* to_string(ShotSize v) { return kSizes[static_cast<int>(v)]; }
const char* to_string(ShotKind v) { return kKinds[static_cast<int>(v)]; }
const char* to_string(CameraMove v) { return kMoves[static_cast<int>(v)]; }
const char* to_string(Transition v) { return kTransitions[static_cast<int>(v)]; }

void to_json(nlohmann::json& j, const PhysicsFlags& v) {
  j = nlohmann::json::array();
  const std::pair<bool, const char*> flags[] = {
      {v.water, "water"}, {v.rain, "rain"},   {v.fire, "fire"},       {v.smoke, "smoke"},
      {v.fight, "fight"}, {v.crowd, "crowd"}, {v.vehicle, "vehicle"}, {v.explosion, "explosion"}};
  for (const auto& [on, name] : flags)
    if (on) j.push_back(name);
}

void from_json(const nlohmann::json& j, PhysicsFlags& v) {
  v = PhysicsFlags{};
  for (const auto& f : j) {
    const auto s = f.get<std::string>();
    if (s == "water") v.water = true;
    else if (s == "rain") v.rain = true;
    else if (s == "fire") v.fire = true;
    else if (s == "smoke") v.smoke = true;
    else if (s == "fight") v.fight = true;
    else if (s == "crowd") v.crowd = true;
    else if (s == "vehicle") v.vehicle = true;
    else if (s == "explosion") v.explosion = true;
    else throw std::invalid_argument("unknown physics flag '" + s + "'");
  }
}

void to_json(nlohmann::json& j, const SpokenLine& v) {
  j = {{"speaker", v.speaker}, {"text", v.text}, {"duration_s", v.duration_s}};
  if (!v.parenthetical.empty()) j["parenthetical"] = v.parenthetical;
  if (!v.extensions.empty()) j["extensions"] = v.extensions;
  if (v.sung) j["sung"] = true;
}

void from_json(const nlohmann::json& j, SpokenLine& v) {
  v.speaker = j.at("speaker").get<std::string>();
  v.text = j.at("text").get<std::string>();
  v.duration_s = j.value("duration_s", 0.0);
  v.parenthetical = j.value("parenthetical", "");
  v.extensions = j.value("extensions", std::vector<std::string>{});
  v.sung = j.value("sung", false);
}

void to_json(nlohmann::json& j, const Shot& v) {
  j = {{"id", v.id},
       {"kind", to_string(v.kind)},
       {"size", to_string(v.size)},
       {"characters", v.characters},
       {"speaker", v.speaker},
       {"listener", v.listener},
       {"dialogue", v.dialogue},
       {"parenthetical", v.parenthetical},
       {"lines", v.lines},
       {"action", v.action},
       {"duration_s", v.duration_s},
       {"emotional_intensity", v.emotional_intensity},
       {"physics", v.physics},
       {"camera", to_string(v.camera)},
       {"transition_in", to_string(v.transition_in)},
       {"transition_out", to_string(v.transition_out)},
       {"dual", v.dual},
       {"source_line", v.source_line}};
}

void from_json(const nlohmann::json& j, Shot& v) {
  v = Shot{};
  v.id = j.at("id").get<std::string>();
  v.kind = parse_enum<ShotKind>(kKinds, j.at("kind").get<std::string>(), "shot kind");
  v.size = parse_enum<ShotSize>(kSizes, j.at("size").get<std::string>(), "shot size");
  v.characters = j.value("characters", std::vector<std::string>{});
  v.speaker = j.value("speaker", "");
  v.listener = j.value("listener", "");
  v.dialogue = j.value("dialogue", "");
  v.parenthetical = j.value("parenthetical", "");
  v.lines = j.value("lines", std::vector<SpokenLine>{});
  v.action = j.value("action", "");
  v.duration_s = j.at("duration_s").get<double>();
  v.emotional_intensity = j.value("emotional_intensity", 0.0);
  v.physics = j.value("physics", PhysicsFlags{});
  v.camera = parse_enum<CameraMove>(kMoves, j.value("camera", "static"), "camera move");
  v.transition_in = parse_enum<Transition>(kTransitions, j.value("transition_in", "cut"), "transition");
  v.transition_out = parse_enum<Transition>(kTransitions, j.value("transition_out", "cut"), "transition");
  v.dual = j.value("dual", false);
  v.source_line = j.value("source_line", 0);
}

void to_json(nlohmann::json& j, const Scene& v) {
  j = {{"id", v.id},
       {"heading", v.heading},
       {"scene_number", v.scene_number},
       {"location", v.location},
       {"location_id", v.location_id},
       {"setting", v.setting},
       {"interior", v.interior},
       {"time_of_day", v.time_of_day},
       {"characters", v.characters},
       {"duration_s", v.duration_s},
       {"source_line", v.source_line},
       {"shots", v.shots}};
}

void from_json(const nlohmann::json& j, Scene& v) {
  v = Scene{};
  v.id = j.at("id").get<std::string>();
  v.heading = j.value("heading", "");
  v.scene_number = j.value("scene_number", "");
  v.location = j.value("location", "");
  v.location_id = j.value("location_id", "");
  v.setting = j.value("setting", "");
  v.interior = j.value("interior", false);
  v.time_of_day = j.value("time_of_day", "");
  v.characters = j.value("characters", std::vector<std::string>{});
  v.duration_s = j.value("duration_s", 0.0);
  v.source_line = j.value("source_line", 0);
  v.shots = j.at("shots").get<std::vector<Shot>>();
}

void to_json(nlohmann::json& j, const PlanStats& v) {
  j = {{"scenes", v.scenes},         {"dialogue_blocks", v.dialogue_blocks},
       {"characters", v.characters}, {"transitions", v.transitions},
       {"parentheticals", v.parentheticals}, {"dual_dialogue", v.dual_dialogue},
       {"shots", v.shots},           {"duration_s", v.duration_s}};
}

void from_json(const nlohmann::json& j, PlanStats& v) {
  v.scenes = j.at("scenes").get<int>();
  v.dialogue_blocks = j.at("dialogue_blocks").get<int>();
  v.characters = j.at("characters").get<int>();
  v.transitions = j.at("transitions").get<int>();
  v.parentheticals = j.at("parentheticals").get<int>();
  v.dual_dialogue = j.at("dual_dialogue").get<int>();
  v.shots = j.at("shots").get<int>();
  v.duration_s = j.at("duration_s").get<double>();
}

void to_json(nlohmann::json& j, const FilmPlan& v) {
  j = {{"schema", "filmgen.plan"},
       {"schema_version", v.schema_version},
       {"title", v.title},
       {"source_file", v.source_file},
       {"format", v.format},
       {"stats", v.stats},
       {"speaking_characters", v.speaking_characters},
       {"characters", v.characters},
       {"locations", v.locations},
       {"scenes", v.scenes}};
}

void from_json(const nlohmann::json& j, FilmPlan& v) {
  v = FilmPlan{};
  v.schema_version = j.value("schema_version", kPlanSchemaVersion);
  if (v.schema_version > kPlanSchemaVersion)
    throw Error(ErrorCode::kBadInput, "story",
                "film plan schema_version " + std::to_string(v.schema_version) +
                    " is newer than this filmgen understands (" + std::to_string(kPlanSchemaVersion) +
                    ")");
  v.title = j.value("title", "");
  v.source_file = j.value("source_file", "");
  v.format = j.value("format", "fountain");
  v.stats = j.at("stats").get<PlanStats>();
  v.speaking_characters = j.value("speaking_characters", std::vector<std::string>{});
  v.characters = j.value("characters", std::vector<CharacterBible>{});
  v.locations = j.value("locations", std::vector<LocationBible>{});
  v.scenes = j.at("scenes").get<std::vector<Scene>>();
}

}  // namespace filmgen
