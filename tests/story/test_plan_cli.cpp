// `filmgen plan` end to end: shot list, --json, --cast, and exit code 2 for bad input.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using filmgen::test::run_filmgen;

namespace {
std::string example(const std::string& name) {
  return "'" + (filmgen::test::source_dir() / "examples" / name).string() + "'";
}
}  // namespace

TEST_CASE("filmgen plan prints a shot list", "[story][cli]") {
  const auto r = run_filmgen("plan " + example("tiny.fountain"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("S01.01") && Catch::Contains("EXT. PARK - DAY") && Catch::Contains("MAYA"));
}

TEST_CASE("filmgen plan --json has the plan fields", "[story][cli]") {
  const auto r = run_filmgen("plan --json " + example("night_shift.fountain") + " --cast " + example("cast.json"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j.at("title") == "The Night Shift");
  CHECK(j.at("stats").at("scenes") == 4);
  CHECK(j.at("scenes").at(0).at("shots").at(0).at("id") == "S01.01");
  bool ruth = false;
  for (const auto& c : j.at("characters"))
    if (c.at("name") == "RUTH") ruth = c.at("voice").at("variant") == "f4";
  CHECK(ruth);
}

TEST_CASE("filmgen plan: bad input exits 2 naming the file", "[story][cli]") {
  filmgen::test::TempDir dir;
  filmgen::test::write_file(dir / "cast.json", "{\n  \"characters\": {\"NOBODY\": {}}\n}\n");
  auto r = run_filmgen("plan " + example("tiny.fountain") + " --cast '" + (dir / "cast.json").string() + "'");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("cast.json:2") && Catch::Contains("NOBODY"));
  r = run_filmgen("plan '" + (dir / "missing.fountain").string() + "'");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("missing.fountain"));
}
