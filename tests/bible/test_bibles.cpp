// Character and location bibles, and the cast file.
#include <catch2/catch.hpp>

#include <set>

#include "cast_file.hpp"
#include "character_bible.hpp"
#include "filmgen/bible_builder.hpp"
#include "filmgen/error.hpp"
#include "filmgen/story.hpp"
#include "location_bible.hpp"
#include "test_support.hpp"

using filmgen::Bibles;
using filmgen::CharacterBible;

namespace {

struct Built {
  filmgen::Screenplay screenplay;
  filmgen::FilmPlan plan;
  Bibles bibles;
};

Built build(const std::string& text) {
  Built b;
  b.screenplay = filmgen::story::parse_fountain(text, "t.fountain");
  b.plan = filmgen::story::plan_film(b.screenplay);
  b.bibles = filmgen::bible::build_bibles(b.screenplay, b.plan);
  return b;
}

Built night_shift() {
  return build(filmgen::test::read_file(filmgen::test::source_dir() / "examples/night_shift.fountain"));
}

std::string error_of(Bibles& b, const std::string& cast) {
  try {
    filmgen::bible::apply_cast_text(b, cast, "cast.json");
  } catch (const filmgen::Error& e) {
    CHECK(e.code() == filmgen::ErrorCode::kBadInput);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("appearance from a description", "[bible]") {
  const auto a = filmgen::bible::appearance_from_description(
      "(40s), tall and wiry, close-cropped grey hair, a grey beard, weathered skin. He grins.", "");
  CHECK(a.age_range == "40s");
  CHECK(a.age_min == 40);
  CHECK(a.age_max == 49);
  CHECK(a.build == "tall, wiry");
  CHECK(a.hair == "close cropped grey");
  CHECK(a.face == "grey beard");
  CHECK(a.skin == "weathered");
  CHECK(a.gender == "male");
  const auto b = filmgen::bible::appearance_from_description("in her late twenties, petite, long red hair", "");
  CHECK(b.age_range == "late 20s");
  CHECK(b.age_min == 26);
  CHECK(b.gender == "female");
  CHECK(b.hair == "long red");
}

TEST_CASE("characters: canonical names, intro description, aliases", "[bible]") {
  const auto b = build(
      "INT. ROOM - DAY\n\nBRICK BRADDOCK (60s), retired police detective, stocky, sits.\n\n"
      "BRICK\nHey.\n\nBRICK (CONT'D)\nStill here.\n\nSTEEL (V.O.)\nComing!\n\nSTEEL ^\nNow!\n");
  REQUIRE(b.bibles.characters.size() == 2);
  const CharacterBible& brick = b.bibles.characters[0];
  CHECK(brick.id == "C01");
  CHECK(brick.name == "BRICK");
  CHECK(brick.aliases == std::vector<std::string>{"BRICK BRADDOCK"});
  CHECK(brick.description.rfind("(60s), retired police detective", 0) == 0);
  CHECK(brick.appearance.age_range == "60s");
  CHECK(brick.appearance.build == "stocky");
  CHECK(brick.dialogue_blocks == 2);
  CHECK(brick.first_line == 5);
  CHECK(b.bibles.characters[1].name == "STEEL");
  CHECK(b.bibles.characters[1].dialogue_blocks == 2);
}

TEST_CASE("defaults are hashed from the name: stable and distinct", "[bible]") {
  std::string script = "INT. ROOM - DAY\n\n";
  const std::vector<std::string> names = {"ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT"};
  for (const auto& n : names) script += n + "\nHello there.\n\n";
  const auto a = build(script);
  const auto b = build(script);
  CHECK(a.bibles == b.bibles);
  std::set<std::string> looks, voices;
  for (const auto& c : a.bibles.characters) {
    CHECK_FALSE(c.appearance.hair.empty());
    CHECK_FALSE(c.appearance.skin.empty());
    CHECK_FALSE(c.appearance.face.empty());
    CHECK(c.appearance.defaults.size() >= 4);
    looks.insert(c.appearance.hair + c.appearance.build + c.appearance.skin + c.appearance.face);
    voices.insert(c.voice.variant + "/" + std::to_string(c.voice.pitch));
    CHECK(c.voice.pitch >= 0);
    CHECK(c.voice.pitch <= 99);
    CHECK(c.voice.rate_wpm >= 120);
    CHECK(c.voice.rate_wpm <= 200);
    CHECK_FALSE(c.wardrobe.base.empty());
  }
  CHECK(looks.size() == names.size());
  CHECK(voices.size() == names.size());
}

TEST_CASE("voice follows gender, age and language", "[bible]") {
  const auto b = night_shift();
  const auto* ruth = b.bibles.find_character("RUTH");
  const auto* omar = b.bibles.find_character("omar");
  REQUIRE(ruth);
  REQUIRE(omar);
  CHECK(ruth->appearance.gender == "female");
  CHECK(ruth->voice.variant.front() == 'f');
  CHECK(ruth->appearance.age_range == "60s");
  CHECK(ruth->appearance.hair == "short white");
  CHECK(ruth->wardrobe.base == "a yellow oilskin coat");
  CHECK(omar->appearance.gender == "male");
  CHECK(omar->voice.variant.front() == 'm');
  CHECK(omar->appearance.face == "neat beard");
  CHECK(omar->voice.pitch < ruth->voice.pitch);
  CHECK(ruth->voice.voice == "en-us");
  const auto ru = build("INT. КОМНАТА - ДЕНЬ\n\nПЁТР\nПривет, как дела?\n");
  REQUIRE(ru.bibles.characters.size() == 1);
  CHECK(ru.bibles.characters[0].voice.voice == "ru");
  CHECK(ru.bibles.characters[0].emotional_range.max > 0);
}

TEST_CASE("emotional range from the lines", "[bible]") {
  const auto b = build("INT. ROOM - DAY\n\nMARA\n(calmly)\nTea?\n\nMARA\n(shouting)\nGet OUT! I hate you!\n");
  const auto& r = b.bibles.characters.at(0).emotional_range;
  CHECK(r.min < 0.35);
  CHECK(r.max > 0.8);
  CHECK(r.mean == Approx((r.min + r.max) / 2).margin(0.01));
  CHECK(std::find(r.dominant.begin(), r.dominant.end(), "anger") != r.dominant.end());
}

TEST_CASE("locations: one per name, lighting per time of day", "[bible]") {
  const auto b = build(
      "EXT. PIER - NIGHT\n\nWaves.\n\nINT. LAMP ROOM - DAY\n\nDust.\n\nEXT. PIER - DAY\n\nGulls.\n\nEXT. PIER - DUSK\n\nGold.\n");
  REQUIRE(b.bibles.locations.size() == 2);
  const auto& pier = b.bibles.locations[0];
  CHECK(pier.id == "L01");
  CHECK(pier.name == "PIER");
  CHECK_FALSE(pier.interior);
  CHECK(pier.setting == "EXT");
  CHECK(pier.scenes == std::vector<std::string>{"S01", "S03", "S04"});
  REQUIRE(pier.lighting.size() == 3);
  CHECK(pier.lighting[0].time_of_day == "night");
  CHECK(pier.lighting[1].time_of_day == "day");
  CHECK(pier.lighting[2].time_of_day == "dusk");
  CHECK(pier.lighting[0].kelvin > pier.lighting[2].kelvin);  // cool moonlight, warm dusk
  CHECK(pier.lighting[1].kelvin > 5000);
  CHECK(pier.lighting[0].key.size() == 7);
  CHECK(pier.description == "Waves.");
  CHECK(b.bibles.locations[1].interior);
  CHECK_FALSE(b.bibles.locations[1].camera_style.empty());
  CHECK(filmgen::bible::kelvin_to_hex(6600).substr(0, 5) == "#FFFF");  // near white
  CHECK(filmgen::bible::kelvin_to_hex(2000).substr(0, 3) == "#FF");
}

TEST_CASE("cast file overrides any field", "[bible][cast]") {
  auto b = night_shift();
  filmgen::bible::apply_cast_file(b.bibles, filmgen::test::source_dir() / "examples/cast.json");
  const auto* ruth = b.bibles.find_character("RUTH");
  REQUIRE(ruth);
  CHECK(ruth->appearance.age_range == "70s");
  CHECK(ruth->appearance.hair == "white, cropped");
  CHECK(ruth->voice.voice == "en-gb");
  CHECK(ruth->voice.variant == "f4");
  CHECK(ruth->voice.pitch == 58);
  CHECK(ruth->wardrobe.scenes.at("S04") == "soot-streaked oilskin, sleeves rolled up");
  CHECK(std::find(ruth->appearance.defaults.begin(), ruth->appearance.defaults.end(), "age_range") ==
        ruth->appearance.defaults.end());
  const auto* omar = b.bibles.find_character("OMAR");
  CHECK(omar->reference_frames == std::vector<std::string>{"refs/omar_front.png"});
  CHECK(omar->appearance.gender == "male");  // untouched fields stay
  const auto* pier = b.bibles.find_location("LIGHTHOUSE PIER");
  REQUIRE(pier);
  CHECK(pier->lighting.at(0).kelvin == 7800);
  CHECK(pier->camera_style.rfind("wide 24mm", 0) == 0);
}

TEST_CASE("cast file overrides reach the plan (voice rate re-times dialogue)", "[bible][cast]") {
  const auto sp = filmgen::story::load_script(filmgen::test::source_dir() / "examples/night_shift.fountain");
  filmgen::test::TempDir dir;
  filmgen::test::write_file(dir / "slow.json", R"({"characters": {"RUTH": {"voice": {"rate_wpm": 90}}}})");
  filmgen::FilmPlan fast = filmgen::story::plan_film(sp);
  filmgen::FilmPlan slow = fast;
  filmgen::bible::attach_bibles(fast, sp);
  filmgen::bible::attach_bibles(slow, sp, dir / "slow.json");
  CHECK_FALSE(slow.characters.empty());
  CHECK(slow.stats.duration_s > fast.stats.duration_s + 3);
  CHECK(slow.stats.shots == fast.stats.shots);
}

TEST_CASE("bad cast files name the file and line", "[bible][cast]") {
  auto b = night_shift();
  std::string e = error_of(b.bibles, "{\n  \"characters\": {\n    \"RUTH\": {\n      \"voice\": {\"pitch\": \"high\"}\n    }\n  }\n}\n");
  CHECK_THAT(e, Catch::StartsWith("cast.json:4:") && Catch::Contains("/characters/RUTH/voice/pitch") &&
                    Catch::Contains("expected an integer"));
  e = error_of(b.bibles, "{\n  \"characters\": {\n    \"RUTH\": {\n      \"haircut\": \"bob\"\n    }\n  }\n}\n");
  CHECK_THAT(e, Catch::StartsWith("cast.json:4:") && Catch::Contains("unknown key 'haircut'") &&
                    Catch::Contains("appearance"));
  e = error_of(b.bibles, "{\"characters\": {\n\"NOBODY\": {}}}");
  CHECK_THAT(e, Catch::StartsWith("cast.json:2:") && Catch::Contains("unknown character 'NOBODY'") &&
                    Catch::Contains("RUTH"));
  e = error_of(b.bibles, "{\n\"characters\": {\n\"RUTH\": {\"voice\": {\"pitch\": 7,}}}}");
  CHECK_THAT(e, Catch::StartsWith("cast.json:3:") && Catch::Contains("invalid JSON"));
  e = error_of(b.bibles, "{\"cast\": {}}");
  CHECK_THAT(e, Catch::StartsWith("cast.json:1:") && Catch::Contains("unknown key 'cast'"));
  e = error_of(b.bibles, "{\"characters\": {\"RUTH\": {\"voice\": {\"pitch\": 140}}}}");
  CHECK_THAT(e, Catch::Contains("out of range"));
  e = error_of(b.bibles, "{\"characters\": {\"RUTH\": {\"voice\": {\"rate_wpm\": 1.5}}}}");
  CHECK_THAT(e, Catch::Contains("expected an integer"));
  e = error_of(b.bibles, "{\"locations\": {\"LIGHTHOUSE PIER\": {\"lighting\": [{\"kelvn\": 3000}]}}}");
  CHECK_THAT(e, Catch::Contains("unknown key 'kelvn'") && Catch::Contains("/locations/LIGHTHOUSE PIER/lighting/0/kelvn"));
  e = error_of(b.bibles, "[1, 2]");
  CHECK_THAT(e, Catch::Contains("expected an object"));
  try {
    filmgen::bible::apply_cast_file(b.bibles, "/nonexistent/cast.json");
    FAIL("no error");
  } catch (const filmgen::Error& err) {
    CHECK(err.code() == filmgen::ErrorCode::kBadInput);
    CHECK_THAT(err.what(), Catch::Contains("/nonexistent/cast.json"));
  }
}

TEST_CASE("bibles JSON round-trips", "[bible]") {
  const auto b = night_shift();
  const nlohmann::json j = b.bibles;
  CHECK(j.get<Bibles>() == b.bibles);
  const auto lines = filmgen::bible::json_pointer_lines("{\n \"a\": [\n  1,\n  {\"b\": 2}\n ]\n}");
  CHECK(lines.at("/a") == 2);
  CHECK(lines.at("/a/1/b") == 4);
}
