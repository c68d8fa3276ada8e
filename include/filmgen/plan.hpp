// The film plan: scenes of shots with size, who is on screen, what is said and done, timing,
// intensity, physics, camera and transitions; plus the bibles and summary statistics.
// Produced by story::plan_film (agents/story); bibles filled by agents/bible.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "filmgen/bible.hpp"

namespace filmgen {

inline constexpr int kPlanSchemaVersion = 1;

enum class ShotSize { kELS, kLS, kMS, kMCU, kCU, kECU, kOTS, kInsert, kTwoShot };
// What a shot is for; drives routing and coverage.
enum class ShotKind { kEstablishing, kAction, kDialogue, kReaction, kInsert, kTitleCard, kLyrics };
enum class CameraMove { kStatic, kPan, kPushIn, kPullOut, kHandheld };
enum class Transition { kCut, kFadeIn, kFadeOut, kDissolve, kSmashCut, kMatchCut, kJumpCut, kWipe };

const char* to_string(ShotSize v);  // "ELS", "LS", "MS", "MCU", "CU", "ECU", "OTS", "INSERT", "TWO_SHOT"
const char* to_string(ShotKind v);  // "establishing", "action", ...
const char* to_string(CameraMove v);  // "static", "pan", "push_in", "pull_out", "handheld"
const char* to_string(Transition v);  // "cut", "fade_in", "fade_out", "dissolve", "smash_cut", ...

struct PhysicsFlags {
  bool water = false;
  bool rain = false;
  bool fire = false;
  bool smoke = false;
  bool fight = false;
  bool crowd = false;
  bool vehicle = false;
  bool explosion = false;
  bool any() const { return water || rain || fire || smoke || fight || crowd || vehicle || explosion; }
  bool operator==(const PhysicsFlags&) const = default;
};

// One spoken or sung part of a shot, in order (a dialogue block split at its parentheticals).
struct SpokenLine {
  std::string speaker;        // canonical character name
  std::string parenthetical;  // "(pause)" or ""
  std::string text;
  std::vector<std::string> extensions;  // "V.O.", "O.S.", ...
  bool sung = false;                    // lyrics
  double duration_s = 0;
  bool operator==(const SpokenLine&) const = default;
};

struct Shot {
  std::string id;  // "S03.02"
  ShotKind kind = ShotKind::kAction;
  ShotSize size = ShotSize::kMS;
  std::vector<std::string> characters;  // canonical names on screen
  std::string speaker;                  // first speaker, "" when nobody speaks
  std::string listener;                 // who the line is addressed to, "" if nobody
  std::string dialogue;                 // all spoken text of the shot, joined
  std::string parenthetical;            // first parenthetical
  std::vector<SpokenLine> lines;
  std::string action;  // the action beat or title text shown
  double duration_s = 0;
  double emotional_intensity = 0;  // 0..1
  PhysicsFlags physics;
  CameraMove camera = CameraMove::kStatic;
  Transition transition_in = Transition::kCut;
  Transition transition_out = Transition::kCut;
  bool dual = false;  // dual dialogue two-shot
  int source_line = 0;
  bool operator==(const Shot&) const = default;
};

struct Scene {
  std::string id;  // "S01"
  std::string heading;
  std::string scene_number;  // from `#12A#`, "" if none
  std::string location;      // normalised name, e.g. "BRICK'S PATIO"
  std::string location_id;   // "L01"; same name -> same id
  std::string setting;       // "INT", "EXT", "INT/EXT" or ""
  bool interior = false;
  std::string time_of_day;  // "day", "night", "dawn", "dusk", "morning", "afternoon", "evening", "" ...
  std::vector<std::string> characters;  // canonical names present
  std::vector<Shot> shots;
  double duration_s = 0;
  int source_line = 0;
  bool operator==(const Scene&) const = default;
};

struct PlanStats {
  int scenes = 0;           // scene headings in the script
  int dialogue_blocks = 0;  // character cues
  int characters = 0;       // distinct speaking characters
  int transitions = 0;
  int parentheticals = 0;
  int dual_dialogue = 0;  // pairs
  int shots = 0;
  double duration_s = 0;
  bool operator==(const PlanStats&) const = default;
};

struct FilmPlan {
  int schema_version = kPlanSchemaVersion;
  std::string title;
  std::string source_file;
  std::string format;  // "fountain" or "prose"
  std::vector<Scene> scenes;
  std::vector<CharacterBible> characters;  // filled by bible::attach_bibles
  std::vector<LocationBible> locations;
  std::vector<std::string> speaking_characters;  // canonical names, first-appearance order
  PlanStats stats;
  bool operator==(const FilmPlan&) const = default;
};

void to_json(nlohmann::json& j, const PhysicsFlags& v);  // array of the set flags' names
void from_json(const nlohmann::json& j, PhysicsFlags& v);
void to_json(nlohmann::json& j, const SpokenLine& v);
void from_json(const nlohmann::json& j, SpokenLine& v);
void to_json(nlohmann::json& j, const Shot& v);
void from_json(const nlohmann::json& j, Shot& v);
void to_json(nlohmann::json& j, const Scene& v);
void from_json(const nlohmann::json& j, Scene& v);
void to_json(nlohmann::json& j, const PlanStats& v);
void from_json(const nlohmann::json& j, PlanStats& v);
// Throws filmgen::Error (kBadInput) for a schema_version newer than this build knows.
void to_json(nlohmann::json& j, const FilmPlan& v);
void from_json(const nlohmann::json& j, FilmPlan& v);

}  // namespace filmgen
