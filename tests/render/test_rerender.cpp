// Re-rendering: one shot costs one shot, an edit costs the shots it touched, and the same
// inputs give the same bytes whatever the cache or the number of CPUs.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using filmgen::test::TempDir;
using filmgen::test::example;
using filmgen::test::read_file;
using filmgen::test::run_command;
using filmgen::test::run_filmgen;
using filmgen::test::write_file;
using nlohmann::json;

namespace {

// Renders at the draft tier; returns the manifest's missed (recomputed) render items.
std::vector<std::string> render(const TempDir& dir, const std::string& script, const std::string& extra = "",
                                const std::string& prefix = "") {
  auto r = run_command(prefix + std::string(FILMGEN_BINARY) + " -q --cache-dir " + (dir / "cache").string() + " render " + script +
                       " --tier draft -o " + (dir / "out" / "film.mp4").string() + " " + extra);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json manifest = json::parse(read_file(dir / "out" / "run_manifest.json"));
  std::vector<std::string> missed;
  for (const auto& rec : manifest["records"])
    if (!rec["hit"].get<bool>() && (rec["stage"] == "shot" || rec["stage"] == "dissolve")) missed.push_back(rec["item"]);
  return missed;
}
}  // namespace

TEST_CASE("re-rendering one shot with --force re-renders one shot and the film stays the same", "[render][rerender][slow]") {
  TempDir dir;
  auto first = render(dir, example("tiny.fountain"));
  CHECK(first.size() >= 5);
  const std::string film = read_file(dir / "out" / "film.mp4");
  CHECK(render(dir, example("tiny.fountain")).empty());  // nothing changed: assembly only
  CHECK(read_file(dir / "out" / "film.mp4") == film);
  CHECK(render(dir, example("tiny.fountain"), "--shot S01.02 --force") == std::vector<std::string>{"S01.02"});
  CHECK(read_file(dir / "out" / "film.mp4") == film);
}

TEST_CASE("re-rolling one shot with --seed re-rolls one shot and keeps it", "[render][rerender][slow]") {
  TempDir dir;
  render(dir, example("tiny.fountain"));
  const std::string film = read_file(dir / "out" / "film.mp4");
  CHECK(render(dir, example("tiny.fountain"), "--shot S01.02 --seed 99") == std::vector<std::string>{"S01.02"});
  CHECK(read_file(dir / "out" / "film.mp4") != film);
  CHECK(json::parse(read_file(dir / "out" / "shot_seeds.json")) == json{{"S01.02", 99}});
  // A plain render later keeps the re-rolled take.
  const std::string rerolled = read_file(dir / "out" / "film.mp4");
  CHECK(render(dir, example("tiny.fountain")).empty());
  CHECK(read_file(dir / "out" / "film.mp4") == rerolled);
}

TEST_CASE("an unknown --shot is bad input", "[render][rerender]") {
  TempDir dir;
  auto r = run_filmgen("-q --cache-dir " + (dir / "cache").string() + " render " + example("tiny.fountain") +
                       " --tier draft --shot S42.01 -o " + (dir / "film.mp4").string());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--shot S42.01: no such shot") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "film.mp4"));
}

TEST_CASE("editing one line re-renders only the shot that says it", "[render][rerender][slow]") {
  TempDir dir;
  std::string script = read_file(example("tiny.fountain"));
  write_file(dir / "tiny.fountain", script);
  render(dir, (dir / "tiny.fountain").string());
  const auto at = script.find("Tomorrow we try again.");
  REQUIRE(at != std::string::npos);
  script.replace(at, 22, "Tomorrow we try again, Teo.");
  write_file(dir / "tiny.fountain", script);
  auto missed = render(dir, (dir / "tiny.fountain").string());
  REQUIRE(missed.size() == 1);
  CHECK(missed[0].rfind("S02.", 0) == 0);
}

TEST_CASE("two clean renders are byte-identical, on one CPU or all", "[render][determinism][slow]") {
  TempDir a, b;
  render(a, example("tiny.fountain"));
  render(b, example("tiny.fountain"), "", "taskset -c 0 env OPENCV_FOR_THREADS_NUM=1 ");
  CHECK(read_file(a / "out" / "film.mp4") == read_file(b / "out" / "film.mp4"));
}
