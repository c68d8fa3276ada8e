// Prose fallback: chapters and paragraph groups become scenes, quotes become dialogue.
#include <catch2/catch.hpp>

#include "filmgen/story.hpp"
#include "test_support.hpp"

using filmgen::ElementKind;

namespace {

std::vector<std::pair<std::string, std::string>> spoken(const filmgen::Screenplay& s) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string who;
  for (const auto& e : s.elements) {
    if (e.kind == ElementKind::kCharacter) who = e.name;
    if (e.kind == ElementKind::kDialogue) out.emplace_back(who, e.text);
  }
  return out;
}

}  // namespace

TEST_CASE("prose: title, chapters and scene breaks make scenes", "[story][prose]") {
  const auto s = filmgen::story::parse_prose(
      "The Keeper\n\nChapter One\n\nThe lighthouse stood on the cliffs above the sea.\n\n* * *\n\n"
      "Inside the kitchen, the kettle sang.\n\nCHAPTER TWO\n\nThat night the storm came.\n",
      "k.txt");
  CHECK(s.format == "prose");
  CHECK(s.title() == "The Keeper");
  std::vector<std::string> headings;
  for (const auto& e : s.elements)
    if (e.kind == ElementKind::kSceneHeading) headings.push_back(e.text);
  REQUIRE(headings.size() == 3);
  CHECK(headings[0] == "EXT. LIGHTHOUSE - DAY");
  CHECK(headings[1] == "INT. KITCHEN - DAY");
  CHECK(headings[2] == "INT. KITCHEN - NIGHT");
  int transitions = 0;
  for (const auto& e : s.elements) transitions += e.kind == ElementKind::kTransition;
  CHECK(transitions == 1);  // between the chapters
}

TEST_CASE("prose: quoted speech goes to the named speaker or NARRATOR", "[story][prose]") {
  const auto s = filmgen::story::parse_prose(
      "Chapter 1\n\n\"Keep the lamp lit,\" said Mara, climbing the stairs. \"The ship is close.\"\n\n"
      "Tom looked up. \"You say that every night,\" Tom replied.\n\n\"And every night I am right.\"\n\n"
      "\"There,\" whispered Tom.\n\n“Curly quotes work,” Mara said.\n",
      "q.txt");
  const auto lines = spoken(s);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == std::pair<std::string, std::string>{"MARA", "Keep the lamp lit. The ship is close."});
  CHECK(lines[1].first == "TOM");
  CHECK(lines[2].first == "MARA");  // untagged: the other party of the conversation
  CHECK(lines[3] == std::pair<std::string, std::string>{"TOM", "There."});
  CHECK(lines[4] == std::pair<std::string, std::string>{"MARA", "Curly quotes work."});
  const auto n = filmgen::story::parse_prose("Chapter 1\n\n\"Once upon a time.\"\n", "n.txt");
  REQUIRE(spoken(n).size() == 1);
  CHECK(spoken(n)[0].first == "NARRATOR");
  for (const auto& e : n.elements)
    if (e.kind == ElementKind::kCharacter) CHECK(e.extensions == std::vector<std::string>{"V.O."});
}

TEST_CASE("prose: elements keep their source lines", "[story][prose]") {
  const auto s = filmgen::story::parse_prose("Chapter 1\n\nFirst line\nsecond line \"Hi,\" said Ann.\n", "l.txt");
  int dialogue_line = 0;
  for (const auto& e : s.elements)
    if (e.kind == ElementKind::kDialogue) dialogue_line = e.line;
  CHECK(dialogue_line == 4);
}

TEST_CASE("prose example plans into several scenes with speakers", "[story][prose]") {
  const auto s = filmgen::story::load_script(filmgen::test::source_dir() / "examples/lighthouse.txt");
  const auto plan = filmgen::story::plan_film(s);
  CHECK(plan.title == "The Lighthouse Keeper");
  CHECK(plan.scenes.size() >= 2);
  CHECK(std::find(plan.speaking_characters.begin(), plan.speaking_characters.end(), "MARA") !=
        plan.speaking_characters.end());
  CHECK(std::find(plan.speaking_characters.begin(), plan.speaking_characters.end(), "TOM") !=
        plan.speaking_characters.end());
}
