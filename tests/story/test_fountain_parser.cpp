// Fountain parser: every syntax element of fountain.io, encodings, and source lines.
#include <catch2/catch.hpp>

#include <fstream>

#include "filmgen/error.hpp"
#include "filmgen/story.hpp"
#include "test_support.hpp"

using filmgen::DualSide;
using filmgen::Element;
using filmgen::ElementKind;
using filmgen::Screenplay;
using filmgen::story::parse_fountain;

namespace {

std::vector<const Element*> of_kind(const Screenplay& s, ElementKind kind) {
  std::vector<const Element*> out;
  for (const auto& e : s.elements)
    if (e.kind == kind) out.push_back(&e);
  return out;
}

std::string kinds(const Screenplay& s) {
  std::string out;
  for (const auto& e : s.elements) out += std::string(out.empty() ? "" : " ") + filmgen::to_string(e.kind);
  return out;
}

}  // namespace

TEST_CASE("title page: keys, indented multi-line values, lines", "[story][fountain]") {
  const auto s = parse_fountain(
      "Title:\n\t_**BRICK & STEEL**_\n\t_**FULL RETIRED**_\nCredit: Written by\nAuthor: Someone\n"
      "Contact:\n    1 Main St.\n    Springfield\n\nINT. HOUSE - DAY\n",
      "t.fountain");
  REQUIRE(s.title_page.size() == 4);
  CHECK(s.title_page[0].key == "Title");
  CHECK(s.title_page[0].value == "BRICK & STEEL\nFULL RETIRED");
  CHECK(s.title_page[0].line == 1);
  CHECK(s.title_page[3].key == "Contact");
  CHECK(s.title_page[3].value == "1 Main St.\nSpringfield");
  CHECK(s.title_page[3].line == 6);
  CHECK(s.title() == "BRICK & STEEL FULL RETIRED");
  REQUIRE(s.elements.size() == 1);
  CHECK(s.elements[0].kind == ElementKind::kSceneHeading);
  CHECK(s.elements[0].line == 10);
}

TEST_CASE("no title page unless the script starts with a known key", "[story][fountain]") {
  const auto s = parse_fountain("FADE IN:\n\nINT. HOUSE - DAY\n", "t.fountain");
  CHECK(s.title_page.empty());
  CHECK(s.title().empty());
  CHECK(kinds(s) == "action scene_heading");
}

TEST_CASE("scene headings: prefixes, forced, numbers, case", "[story][fountain]") {
  const auto s = parse_fountain(
      "INT. KITCHEN - NIGHT #1A#\n\next. roof - dawn\n\nINT./EXT. CAR - DAY\n\nI/E BUS - DAY\n\n"
      "EST. CITY - DUSK\n\nINT HALL - DAY\n\n.FLASHBACK\n\n...and then\n\nINTERIOR DESIGN\n\nEXT.\n",
      "h.fountain");
  const auto h = of_kind(s, ElementKind::kSceneHeading);
  REQUIRE(h.size() == 7);
  CHECK(h[0]->text == "INT. KITCHEN - NIGHT");
  CHECK(h[0]->scene_number == "1A");
  CHECK(h[1]->text == "ext. roof - dawn");
  CHECK(h[1]->line == 3);
  CHECK(h[2]->text == "INT./EXT. CAR - DAY");
  CHECK(h[3]->text == "I/E BUS - DAY");
  CHECK(h[4]->text == "EST. CITY - DUSK");
  CHECK(h[5]->text == "INT HALL - DAY");
  CHECK(h[6]->text == "FLASHBACK");
  CHECK(h[6]->forced);
  const auto a = of_kind(s, ElementKind::kAction);
  REQUIRE(a.size() == 3);  // "...and then", "INTERIOR DESIGN", "EXT."
  CHECK(a[0]->text == "...and then");
}

TEST_CASE("a heading needs a blank line after it (spec and fountain-js agree)", "[story][fountain]") {
  const auto s = parse_fountain("INT. HOUSE - DAY\nJohn enters.\n", "h.fountain");
  CHECK(of_kind(s, ElementKind::kSceneHeading).empty());
}

TEST_CASE("heading parts", "[story][fountain]") {
  using filmgen::story::parse_heading;
  auto p = parse_heading("INT./EXT. CAR - MOVING - NIGHT");
  CHECK(p.setting == "INT/EXT");
  CHECK(p.location == "CAR - MOVING");
  CHECK(p.time_of_day == "night");
  p = parse_heading("ext. brick's patio - day");
  CHECK(p.setting == "EXT");
  CHECK(p.location == "BRICK'S PATIO");
  CHECK(p.time_of_day == "day");
  p = parse_heading("INT. NIGHT BUS - CONTINUOUS");
  CHECK(p.location == "NIGHT BUS");
  CHECK(p.time_of_day.empty());
  CHECK(p.time_label == "CONTINUOUS");
  p = parse_heading("SNIPER SCOPE POV");
  CHECK(p.setting.empty());
  CHECK(p.location == "SNIPER SCOPE POV");
}

TEST_CASE("action: forced, indentation and tabs kept, multi-line", "[story][fountain]") {
  const auto s = parse_fountain("!SCREAMS FROM BELOW\nkeep going.\n\n\t\tCentered-ish action.\n   Three spaces.\n", "a.fountain");
  const auto a = of_kind(s, ElementKind::kAction);
  REQUIRE(a.size() == 2);
  CHECK(a[0]->forced);
  CHECK(a[0]->text == "SCREAMS FROM BELOW\nkeep going.");
  CHECK(a[1]->text == "        Centered-ish action.\n   Three spaces.");
  CHECK(a[1]->line == 4);
}

TEST_CASE("character cues: extensions, forced, non-ASCII, not-cues", "[story][fountain]") {
  const auto s = parse_fountain(
      "STEEL (V.O.) (CONT'D)\nHi.\n\n@McCLANE\nYippee.\n\nПЁТР\nПривет.\n\n约翰\n你好。\n\n"
      "Мара пошла домой\nи легла спать.\n\nFADE OUT.\nnext\n\nCUT TO:\nnext\n\n123\nnumbers\n",
      "c.fountain");
  const auto c = of_kind(s, ElementKind::kCharacter);
  REQUIRE(c.size() == 4);
  CHECK(c[0]->name == "STEEL");
  CHECK(c[0]->extensions == std::vector<std::string>{"V.O.", "CONT'D"});
  CHECK(c[0]->text == "STEEL (V.O.) (CONT'D)");
  CHECK(c[1]->name == "McCLANE");
  CHECK(c[1]->forced);
  CHECK(c[2]->name == "ПЁТР");
  CHECK(c[3]->name == "约翰");
  CHECK(c[3]->line == 10);
  CHECK(of_kind(s, ElementKind::kAction).size() == 4);  // lower-case Cyrillic, FADE OUT., CUT TO:, 123
}

TEST_CASE("canonical character names", "[story][fountain]") {
  using filmgen::story::canonical_character_name;
  CHECK(canonical_character_name("STEEL (V.O.)") == "STEEL");
  CHECK(canonical_character_name("BRICK ^") == "BRICK");
  CHECK(canonical_character_name("@McCoy") == "MCCOY");
  CHECK(canonical_character_name("  HANDSOME   MAN (CONT'D) ") == "HANDSOME MAN");
  CHECK(canonical_character_name("STEEL CONT'D") == "STEEL");
  CHECK(canonical_character_name("пётр") == "ПЁТР");
  CHECK(canonical_character_name("_**JACK**_") == "JACK");
}

TEST_CASE("dialogue: parentheticals, two-space line breaks, lyrics", "[story][fountain]") {
  const auto s = parse_fountain(
      "STEEL\nThey're coming!\n(pause)\nNo, everybody!\n  \nEverybody.\n_(oh crap)_\n~La la\n~la.\n", "d.fountain");
  REQUIRE(kinds(s) == "character dialogue parenthetical dialogue parenthetical lyrics");
  CHECK(s.elements[1].text == "They're coming!");
  CHECK(s.elements[2].text == "(pause)");
  CHECK(s.elements[2].line == 3);
  CHECK(s.elements[3].text == "No, everybody!\n\nEverybody.");
  CHECK(s.elements[3].line == 4);
  CHECK(s.elements[4].text == "(oh crap)");
  CHECK(s.elements[5].text == "La la\nla.");
}

TEST_CASE("dual dialogue marks both sides", "[story][fountain]") {
  const auto s = parse_fountain("STEEL\nScrew retirement.\n\nBRICK ^\nScrew retirement.\n\nLONE ^\nNobody before me.\n", "dd.fountain");
  const auto c = of_kind(s, ElementKind::kCharacter);
  REQUIRE(c.size() == 3);
  CHECK(c[0]->dual == DualSide::kLeft);
  CHECK(c[1]->dual == DualSide::kRight);
  CHECK(c[1]->name == "BRICK");
  CHECK(s.elements[1].dual == DualSide::kLeft);
  CHECK(s.elements[3].dual == DualSide::kRight);
  // Only pairs: a third ^ block right after a pair stays single.
  CHECK(c[2]->dual == DualSide::kNone);
  const auto s2 = parse_fountain("Action.\n\nLONE ^\nNobody before me.\n", "dd.fountain");
  CHECK(of_kind(s2, ElementKind::kCharacter)[0]->dual == DualSide::kNone);
}

TEST_CASE("transitions: TO:, fixed ones, forced, centered text", "[story][fountain]") {
  const auto s = parse_fountain(
      "CUT TO:\n\nSMASH CUT TO:\n\nFADE OUT.\n\nFADE TO BLACK.\n\n> BURN TO PINK.\n\nhe walks to:\n\n> THE END <\n\n"
      ">  OPENING  <\n>TITLES<\n",
      "tr.fountain");
  const auto t = of_kind(s, ElementKind::kTransition);
  REQUIRE(t.size() == 5);
  CHECK(t[4]->text == "BURN TO PINK.");
  CHECK(t[4]->forced);
  const auto c = of_kind(s, ElementKind::kCentered);
  REQUIRE(c.size() == 2);
  CHECK(c[0]->text == "THE END");
  CHECK(c[1]->text == "OPENING\nTITLES");
  CHECK(c[1]->line == 15);
  CHECK(of_kind(s, ElementKind::kAction).size() == 1);
}

TEST_CASE("sections, synopses, notes, page breaks", "[story][fountain]") {
  const auto s = parse_fountain(
      "# Act One\n\n## Sequence\n\n= Mara finds the letter.\n\n[[A note\nover two lines]]\n\n===\n\n"
      "He waits. [[check timing]] Then leaves.\n",
      "m.fountain");
  REQUIRE(kinds(s) == "section section synopsis note page_break action");
  CHECK(s.elements[0].text == "Act One");
  CHECK(s.elements[0].depth == 1);
  CHECK(s.elements[1].depth == 2);
  CHECK(s.elements[2].text == "Mara finds the letter.");
  CHECK(s.elements[3].text == "A note\nover two lines");
  CHECK(s.elements[3].line == 7);
  CHECK(s.elements[4].line == 10);
  CHECK(s.elements[5].text == "He waits. Then leaves.");
  CHECK(s.elements[5].notes == std::vector<std::string>{"check timing"});
}

TEST_CASE("boneyard is cut out, multi-line, keeping later line numbers", "[story][fountain]") {
  const auto s = parse_fountain(
      "INT. A - DAY\n\n/* INT. CUT - DAY\n\nGone.\n*/\n\nKept /* not this */ text.\n\nSTEEL\n/* aside */\nHello.\n",
      "b.fountain");
  REQUIRE(kinds(s) == "scene_heading action character dialogue");
  CHECK(s.elements[1].text == "Kept  text.");
  CHECK(s.elements[1].line == 8);
  CHECK(s.elements[3].line == 12);
  REQUIRE(s.boneyard.size() == 3);
  CHECK(s.boneyard[0].line == 3);
  CHECK(s.boneyard[0].text == "INT. CUT - DAY\n\nGone.");
  const auto open = parse_fountain("/* never closed\n\nINT. A - DAY\n", "b.fountain");
  CHECK(of_kind(open, ElementKind::kSceneHeading).size() == 1);
}

TEST_CASE("emphasis: markup removed, spans kept, escapes", "[story][fountain]") {
  const auto s = parse_fountain("She reads **bold**, *italic*, _underline_, ***both***, _*mixed*_ and \\*not\\*.\n", "e.fountain");
  const auto& e = s.elements.at(0);
  CHECK(e.text == "She reads bold, italic, underline, both, mixed and *not*.");
  REQUIRE(e.emphasis.size() == 6);
  auto span_text = [&](const filmgen::EmphasisSpan& sp) { return e.text.substr(sp.begin, sp.end - sp.begin); };
  CHECK(span_text(e.emphasis[0]) == "bold");
  CHECK(e.emphasis[0].style == filmgen::kBold);
  CHECK(span_text(e.emphasis[1]) == "italic");
  CHECK(e.emphasis[1].style == filmgen::kItalic);
  CHECK(e.emphasis[2].style == filmgen::kUnderline);
  CHECK(e.emphasis[3].style == (filmgen::kBold | filmgen::kItalic));
  CHECK(span_text(e.emphasis[4]) == "mixed");
  const auto u = parse_fountain("5 * 3 and a lone * star, **unclosed\n", "e.fountain");
  CHECK(u.elements.at(0).text == "5 * 3 and a lone * star, **unclosed");
  CHECK(u.elements.at(0).emphasis.empty());
}

TEST_CASE("CRLF, CR, BOM, trailing spaces and tabs", "[story][fountain]") {
  const std::string crlf = "\xEF\xBB\xBFTitle: X\r\n\r\nINT. A - DAY   \r\n\r\nMARA\t\r\nHello.  \r\n\r\nCUT TO:  \r\n";
  const auto s = parse_fountain(crlf, "crlf.fountain");
  CHECK(s.title() == "X");
  REQUIRE(kinds(s) == "scene_heading character dialogue transition");
  CHECK(s.elements[0].text == "INT. A - DAY");
  CHECK(s.elements[1].name == "MARA");
  CHECK(s.elements[1].line == 5);
  CHECK(s.elements[2].text == "Hello.");
  CHECK(s.elements[3].line == 8);
  const auto cr = parse_fountain("INT. A - DAY\r\rTOM\rHi.\r", "cr.fountain");
  REQUIRE(kinds(cr) == "scene_heading character dialogue");
  CHECK(cr.elements[2].line == 4);
}

TEST_CASE("any bytes parse, invalid UTF-8 becomes U+FFFD", "[story][fountain]") {
  const std::string bad = "INT. BAD \xff BYTES - DAY\n\nMARA\nBroken \xc3 utf8 \xed\xa0\x80.\n";
  Screenplay s;
  REQUIRE_NOTHROW(s = parse_fountain(bad, "bad.fountain"));
  CHECK(s.elements.at(0).text == "INT. BAD \xEF\xBF\xBD BYTES - DAY");
  REQUIRE_NOTHROW(nlohmann::json(s).dump());
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  REQUIRE_NOTHROW(parse_fountain(all + "\n\n" + all, "all.fountain"));
  REQUIRE_NOTHROW(parse_fountain("", "empty.fountain"));
}

TEST_CASE("load_script: missing, not UTF-8, empty are bad input naming the file", "[story][fountain]") {
  filmgen::test::TempDir dir;
  try {
    filmgen::story::load_script(dir / "missing.fountain");
    FAIL("no error");
  } catch (const filmgen::Error& e) {
    CHECK(e.code() == filmgen::ErrorCode::kBadInput);
    CHECK(std::string(e.what()).find("missing.fountain") != std::string::npos);
  }
  filmgen::test::write_file(dir / "latin1.fountain", "INT. A - DAY\n\nCaf\xe9.\n");
  try {
    filmgen::story::load_script(dir / "latin1.fountain");
    FAIL("no error");
  } catch (const filmgen::Error& e) {
    CHECK(e.code() == filmgen::ErrorCode::kBadInput);
    CHECK_THAT(e.what(), Catch::Contains("latin1.fountain:3") && Catch::Contains("UTF-8"));
  }
  filmgen::test::write_file(dir / "empty.fountain", "  \n\n");
  CHECK_THROWS_AS(filmgen::story::load_script(dir / "empty.fountain"), filmgen::Error);
  filmgen::test::write_file(dir / "ok.fountain", "\xEF\xBB\xBFINT. A - DAY\n");
  CHECK(filmgen::story::load_script(dir / "ok.fountain").elements.size() == 1);
}

TEST_CASE("fountain or prose", "[story][fountain]") {
  using filmgen::story::looks_like_fountain;
  CHECK(looks_like_fountain("INT. A - DAY\n\nAction.\n"));
  CHECK(looks_like_fountain("Title: X\n\nSomething.\n"));
  CHECK(looks_like_fountain("MARA\nHi.\n\nTOM\nHi.\n\nMARA\nBye.\n"));
  CHECK_FALSE(looks_like_fountain("It was a dark night.\n\n\"Hello,\" said Mara.\n"));
  const auto prose = filmgen::test::read_file(filmgen::test::source_dir() / "examples/lighthouse.txt");
  CHECK_FALSE(looks_like_fountain(prose));
  CHECK(filmgen::story::parse_script(prose, "lighthouse.txt").format == "prose");
  // The file name decides for .fountain, whatever the content.
  CHECK(filmgen::story::parse_script("Just words.\n", "x.fountain").format == "fountain");
}

TEST_CASE("screenplay JSON round-trips", "[story][fountain]") {
  const auto text = filmgen::test::read_file(filmgen::test::source_dir() / "examples/night_shift.fountain");
  const auto s = parse_fountain(text, "night_shift.fountain");
  const nlohmann::json j = s;
  CHECK(j.at("schema_version") == filmgen::kScreenplaySchemaVersion);
  CHECK(j.get<Screenplay>() == s);
  nlohmann::json newer = j;
  newer["schema_version"] = filmgen::kScreenplaySchemaVersion + 1;
  CHECK_THROWS(newer.get<Screenplay>());
}
