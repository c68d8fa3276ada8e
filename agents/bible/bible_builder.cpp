// Bibles stage entry points (include/filmgen/bible_builder.hpp).
#include "filmgen/bible_builder.hpp"

#include "character_bible.hpp"
#include "location_bible.hpp"

namespace filmgen::bible {

Bibles build_bibles(const Screenplay& screenplay, const FilmPlan& plan) {
  Bibles b;
  b.characters = build_characters(screenplay, plan);
  b.locations = build_locations(plan);
  return b;
}

void attach_bibles(FilmPlan& plan, const Screenplay& screenplay,
                   const std::optional<std::filesystem::path>& cast_json,
                   const story::PlanOptions& options) {
  Bibles b = build_bibles(screenplay, plan);
  if (cast_json) apply_cast_file(b, *cast_json);
  story::PlanOptions timed = options;
  for (const auto& c : b.characters) timed.voice_wpm[c.name] = c.voice.rate_wpm;
  plan = story::plan_film(screenplay, timed);
  plan.characters = std::move(b.characters);
  plan.locations = std::move(b.locations);
}

}  // namespace filmgen::bible
