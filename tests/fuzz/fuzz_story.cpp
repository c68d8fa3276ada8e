// libFuzzer target: any bytes through the Fountain parser, the prose splitter, the planner,
// the bibles and JSON; and, for inputs that look like JSON, the cast-file merge.
// Built with -DFILMGEN_FUZZ=ON (clang); run by scripts/fuzz.sh SECONDS.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "filmgen/bible_builder.hpp"
#include "filmgen/error.hpp"
#include "filmgen/story.hpp"

namespace {

void plan_everything(const filmgen::Screenplay& sp) {
  filmgen::FilmPlan plan = filmgen::story::plan_film(sp);
  filmgen::Bibles bibles = filmgen::bible::build_bibles(sp, plan);
  plan.characters = bibles.characters;
  plan.locations = bibles.locations;
  // Serialising must never fail (valid UTF-8 everywhere) and must round-trip.
  const nlohmann::json j = plan;
  const std::string text = j.dump();
  const filmgen::FilmPlan back = nlohmann::json::parse(text).get<filmgen::FilmPlan>();
  if (!(back == plan)) __builtin_trap();
  const filmgen::Screenplay sp_back = nlohmann::json(sp).get<filmgen::Screenplay>();
  if (!(sp_back == sp)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  plan_everything(filmgen::story::parse_fountain(text, "fuzz.fountain"));
  plan_everything(filmgen::story::parse_prose(text, "fuzz.txt"));
  (void)filmgen::story::looks_like_fountain(text);
  if (!text.empty() && text[0] == '{') {
    const filmgen::Screenplay sp = filmgen::story::parse_fountain(
        "INT. ROOM - DAY\n\nMARA\nHello.\n\nTOM\nHi.\n", "seed.fountain");
    const filmgen::FilmPlan plan = filmgen::story::plan_film(sp);
    filmgen::Bibles bibles = filmgen::bible::build_bibles(sp, plan);
    try {
      filmgen::bible::apply_cast_text(bibles, std::string(text), "fuzz.json");
    } catch (const filmgen::Error& e) {
      if (e.code() != filmgen::ErrorCode::kBadInput) __builtin_trap();
    }
  }
  return 0;
}
