// Stats against an independent parser: ../shared/corpus/oracle.json holds, per screenplay in
// that folder, what fountain-js computed. Every entry is checked, so adding a screenplay and
// its oracle entry there tests it with no code change.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "filmgen/story.hpp"
#include "test_support.hpp"

TEST_CASE("stats agree with the independent parser on every corpus screenplay", "[story][oracle]") {
  const auto corpus = filmgen::test::shared_dir() / "corpus";
  const auto oracle_path = corpus / "oracle.json";
  if (!std::filesystem::exists(oracle_path)) {
    WARN("no " << oracle_path << "; skipped");
    return;
  }
  const auto oracle = nlohmann::json::parse(filmgen::test::read_file(oracle_path));
  REQUIRE(oracle.is_object());
  REQUIRE_FALSE(oracle.empty());
  for (const auto& [file, want] : oracle.items()) {
    INFO("screenplay " << file);
    const auto screenplay = filmgen::story::load_script(corpus / file);
    const auto plan = filmgen::story::plan_film(screenplay);
    CHECK(plan.stats.scenes == want.at("scenes").get<int>());
    CHECK(plan.stats.dialogue_blocks == want.at("dialogue_blocks").get<int>());
    CHECK(plan.stats.transitions == want.at("transitions").get<int>());
    CHECK(plan.stats.parentheticals == want.at("parentheticals").get<int>());
    CHECK(plan.stats.dual_dialogue == want.at("dual_dialogue").get<int>());
    auto expected = want.at("characters").get<std::vector<std::string>>();
    auto got = plan.speaking_characters;
    std::sort(expected.begin(), expected.end());
    std::sort(got.begin(), got.end());
    CHECK(got == expected);
    CHECK(plan.stats.characters == static_cast<int>(expected.size()));
    if (want.contains("title")) CHECK(plan.title == want.at("title").get<std::string>());
  }
}
