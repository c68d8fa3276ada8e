#include <catch2/catch.hpp>

#include "filmgen/config.hpp"
#include "filmgen/error.hpp"
#include "test_support.hpp"

using filmgen::Config;
using filmgen::test::TempDir;
using filmgen::test::write_file;

namespace {
// The message of the Error that loading `text` as a config throws.
std::string load_error(const std::string& text) {
  TempDir dir;
  write_file(dir / "user.json", text);
  try {
    Config::load(dir / "user.json");
  } catch (const filmgen::Error& e) {
    CHECK(e.code() == filmgen::ErrorCode::kBadInput);
    std::string msg = e.what();
    // Messages name the file.
    CHECK(msg.find("user.json") != std::string::npos);
    return msg.substr(msg.find("user.json") + 9);
  }
  FAIL("expected a bad-input error");
  return "";
}
}  // namespace

TEST_CASE("every embedded config file parses and the defaults validate", "[core][config]") {
  REQUIRE_FALSE(filmgen::embedded_configs().empty());
  for (const auto& [name, text] : filmgen::embedded_configs()) {
    INFO(name);
    CHECK_NOTHROW(nlohmann::json::parse(text));
  }
  auto config = Config::load(std::nullopt);
  CHECK(config.at("/tier") == "standard");
  auto draft = config.tier("draft");
  CHECK(draft.width == 854);
  CHECK(draft.height == 480);
  CHECK(config.tier("standard").width == 1280);
  CHECK(config.tier("final").height == 1080);
  CHECK(config.tier("final").fps == 24);
}

TEST_CASE("a user config overrides defaults and may add a tier", "[core][config]") {
  TempDir dir;
  write_file(dir / "c.json", R"({"seed": 42, "tier": "tiny",
    "tiers": {"tiny": {"width": 320, "height": 180, "fps": 12, "x264_preset": "ultrafast", "crf": 30}}})");
  auto config = Config::load(dir / "c.json");
  CHECK(config.at("/seed") == 42);
  CHECK(config.tier("tiny").width == 320);
  CHECK(config.tier("draft").width == 854);  // untouched defaults remain
  CHECK(config.sources().size() == 2);
}

TEST_CASE("bad configs name the file, the line and what was expected", "[core][config]") {
  CHECK(load_error("{\n  \"seed\": 1,\n  \"colour\": \"red\"\n}") ==
        ":3: unknown key 'colour'; expected one of: cache, output_dir, seed, tier, tiers");
  CHECK(load_error("{\n\"seed\": \"one\"\n}") == ":2: 'seed' is a string; expected an integer");
  CHECK(load_error("{\n \"tier\": \"cinema\"\n}") ==
        ":2: unknown tier 'cinema'; expected one of: draft, final, standard");
  CHECK(load_error("{\"tiers\": {\n \"draft\": {\n  \"crf\": 99 }}}") ==
        ":3: invalid crf in tier 'draft'; expected a CRF from 0 to 51");
  auto parse = load_error("{\n  \"seed\": 1,\n  \"tier\": \n}");
  CHECK(parse.rfind(":4: not valid JSON", 0) == 0);
  CHECK(load_error("[1, 2]").find("the file is an array; expected an object") != std::string::npos);
}

TEST_CASE("line_of_key follows the key path", "[core][config]") {
  std::string text = "{\n \"a\": {\n  \"x\": 1\n },\n \"b\": {\n  \"x\": 2\n }\n}";
  CHECK(filmgen::line_of_key(text, {"a", "x"}) == 3);
  CHECK(filmgen::line_of_key(text, {"b", "x"}) == 6);
  CHECK(filmgen::line_of_key(text, {"c"}) == 0);
}
