// Replays every fuzz seed (tests/fuzz/corpus/) and example through the parser, planner,
// bibles and JSON, so the finding-free corpus stays a regression suite without libFuzzer.
#include <catch2/catch.hpp>

#include <filesystem>

#include "filmgen/bible_builder.hpp"
#include "filmgen/error.hpp"
#include "filmgen/story.hpp"
#include "test_support.hpp"

namespace {

void replay(const std::string& text) {
  for (const auto& sp : {filmgen::story::parse_fountain(text, "seed.fountain"),
                         filmgen::story::parse_prose(text, "seed.txt")}) {
    filmgen::FilmPlan plan = filmgen::story::plan_film(sp);
    const auto bibles = filmgen::bible::build_bibles(sp, plan);
    plan.characters = bibles.characters;
    plan.locations = bibles.locations;
    const auto back = nlohmann::json::parse(nlohmann::json(plan).dump()).get<filmgen::FilmPlan>();
    CHECK(back == plan);
    CHECK(nlohmann::json(sp).get<filmgen::Screenplay>() == sp);
  }
  if (!text.empty() && text[0] == '{') {
    const auto sp = filmgen::story::parse_fountain("INT. ROOM - DAY\n\nMARA\nHello.\n\nTOM\nHi.\n", "s.fountain");
    auto bibles = filmgen::bible::build_bibles(sp, filmgen::story::plan_film(sp));
    try {
      filmgen::bible::apply_cast_text(bibles, text, "seed.json");
    } catch (const filmgen::Error& e) {
      CHECK(e.code() == filmgen::ErrorCode::kBadInput);
    }
  }
}

}  // namespace

TEST_CASE("fuzz seed corpus and examples replay cleanly", "[story][fuzz]") {
  const auto src = filmgen::test::source_dir();
  int files = 0;
  for (const auto& dir : {src / "tests/fuzz/corpus", src / "examples"}) {
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      INFO("input " << entry.path());
      REQUIRE_NOTHROW(replay(filmgen::test::read_file(entry.path())));
      ++files;
    }
  }
  CHECK(files >= 10);
}
