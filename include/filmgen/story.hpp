// StorySplitter: script text -> Screenplay -> FilmPlan (agents/story).
//
//   auto screenplay = filmgen::story::load_script("examples/night_shift.fountain");
//   auto plan = filmgen::story::plan_film(screenplay);   // bibles: see bible_builder.hpp
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "filmgen/plan.hpp"
#include "filmgen/screenplay.hpp"

namespace filmgen::story {

// Bump when the parse or plan output for the same input changes (part of cache keys).
inline constexpr int kStoryStageVersion = 1;

// Parses Fountain (fountain.io). Never throws: every byte sequence gives a Screenplay
// (invalid UTF-8 becomes U+FFFD). Linear in the input size.
Screenplay parse_fountain(std::string_view text, const std::string& file_name);

// True when the text has screenplay structure (title page, scene headings, transitions,
// or repeated character cues); false for plain prose.
bool looks_like_fountain(std::string_view text);

// Plain prose: chapter headings and paragraph groups become scenes, quoted speech becomes
// dialogue for the named speaker ("...," said Mara) or NARRATOR. Never throws.
Screenplay parse_prose(std::string_view text, const std::string& file_name);

// Fountain for a .fountain/.spmd/.ftn file name or when looks_like_fountain, else prose.
// Never throws.
Screenplay parse_script(std::string_view text, const std::string& file_name);

// Reads and parses a script file. Throws filmgen::Error (kBadInput) naming the file when it
// is missing, unreadable, not UTF-8 (a UTF-8 BOM is accepted) or has no content at all.
Screenplay load_script(const std::filesystem::path& path);

struct PlanOptions {
  double words_per_minute = 160;         // default speaking pace
  std::map<std::string, int> voice_wpm;  // canonical name -> pace (from the voice bible)
  double action_words_per_minute = 130;  // screen time for action prose
  double establishing_s = 3.0;
  double min_shot_s = 1.2;
  double max_action_shot_s = 8.0;
  int max_beat_words = 28;          // action beats split at sentence ends beyond this
  int max_dialogue_shot_words = 45; // long speeches split into several shots
  double parenthetical_pause_s = 0.4;
  double beat_pause_s = 1.0;        // (beat), (pause)
  double reaction_threshold = 0.6;  // intensity above which the listener gets a reaction shot
  double reaction_s = 1.5;
};

// Plans scenes and shots. Deterministic; never throws on a parsed Screenplay. The plan's
// characters/locations (bibles) are left empty; see bible::plan_with_bibles.
FilmPlan plan_film(const Screenplay& screenplay, const PlanOptions& options = {});

// "STEEL (V.O.) ^" -> "STEEL": upper case, extensions, `@`, `^` and emphasis removed.
std::string canonical_character_name(std::string_view cue);

// Parts of a scene heading. "INT./EXT. CAR - NIGHT" -> {"INT/EXT", "CAR", "night", "NIGHT"}.
struct HeadingParts {
  std::string setting;      // "INT", "EXT", "INT/EXT", "EST" or "" (forced/unknown)
  std::string location;     // normalised upper-case name
  std::string time_of_day;  // normalised lower-case: day, night, dawn, dusk, morning, ...
  std::string time_label;   // as written, e.g. "MOMENTS LATER"
};
HeadingParts parse_heading(std::string_view heading);

}  // namespace filmgen::story
