// Golden plan JSON for the project's examples (tests/golden/<example>.plan.json).
// A planner or bible change that alters a plan fails here until the goldens are regenerated
// on purpose:   FILMGEN_UPDATE_GOLDEN=1 ctest -R golden   (then review and commit the diff).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>

#include "filmgen/bible_builder.hpp"
#include "filmgen/story.hpp"
#include "test_support.hpp"

namespace {

void check_golden(const std::string& example, const std::string& golden_name,
                  const std::optional<std::string>& cast = std::nullopt) {
  const auto src = filmgen::test::source_dir();
  const auto screenplay = filmgen::story::load_script(src / "examples" / example);
  filmgen::FilmPlan plan = filmgen::story::plan_film(screenplay);
  std::optional<std::filesystem::path> cast_path;
  if (cast) cast_path = src / "examples" / *cast;
  filmgen::bible::attach_bibles(plan, screenplay, cast_path);
  const nlohmann::json actual = plan;
  const auto golden_path = src / "tests/golden" / golden_name;
  const char* update = std::getenv("FILMGEN_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    filmgen::test::write_file(golden_path, actual.dump(2) + "\n");
    WARN("updated " << golden_path);
    return;
  }
  REQUIRE(std::filesystem::exists(golden_path));
  const auto expected = nlohmann::json::parse(filmgen::test::read_file(golden_path));
  const auto diff = nlohmann::json::diff(expected, actual);
  INFO("golden " << golden_path << " differs (FILMGEN_UPDATE_GOLDEN=1 regenerates): "
                 << diff.dump().substr(0, 2000));
  CHECK(diff.empty());
}

}  // namespace

TEST_CASE("golden plan: night_shift.fountain", "[story][golden]") {
  check_golden("night_shift.fountain", "night_shift.plan.json");
}

TEST_CASE("golden plan: night_shift.fountain with examples/cast.json", "[story][golden]") {
  check_golden("night_shift.fountain", "night_shift.cast.plan.json", "cast.json");
}

TEST_CASE("golden plan: tiny.fountain", "[story][golden]") {
  check_golden("tiny.fountain", "tiny.plan.json");
}

TEST_CASE("golden plan: lighthouse.txt (prose)", "[story][golden]") {
  check_golden("lighthouse.txt", "lighthouse.plan.json");
}
