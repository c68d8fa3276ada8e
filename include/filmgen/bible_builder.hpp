// Bibles from a screenplay (agents/bible): characters (appearance, wardrobe, voice, emotional
// range) and locations (lighting, camera style), merged with an optional user cast file.
//
//   auto plan = filmgen::story::plan_film(screenplay);
//   filmgen::bible::attach_bibles(plan, screenplay, cast_path);  // plan.characters/locations
#pragma once

#include <filesystem>
#include <optional>

#include "filmgen/bible.hpp"
#include "filmgen/plan.hpp"
#include "filmgen/screenplay.hpp"
#include "filmgen/story.hpp"

namespace filmgen::bible {

// Bump when the bibles for the same input change (part of the plan stage's cache key).
inline constexpr int kBibleStageVersion = 3;

// Characters from the plan's speaking characters (description from their first CAPS mention,
// else deterministic defaults hashed from the name) and locations from its scenes.
Bibles build_bibles(const Screenplay& screenplay, const FilmPlan& plan);

// Merges a cast file over the bibles; any field may be overridden (see docs/cast-file.md).
// Throws filmgen::Error (kBadInput) "file:line: ..." for bad JSON, unknown keys or names, and
// wrong types.
void apply_cast_file(Bibles& bibles, const std::filesystem::path& cast_json);
// Same, from text already read (file_name is used in messages).
void apply_cast_text(Bibles& bibles, const std::string& text, const std::string& file_name);

// build_bibles + apply_cast_file, then re-plans with each voice's speaking rate (options as
// given to plan_film) and stores the bibles in plan.characters / plan.locations.
void attach_bibles(FilmPlan& plan, const Screenplay& screenplay,
                   const std::optional<std::filesystem::path>& cast_json = std::nullopt,
                   const story::PlanOptions& options = {});

}  // namespace filmgen::bible
