#include <catch2/catch.hpp>

#include "filmgen/error.hpp"
#include "filmgen/interrupt.hpp"
#include "filmgen/pipeline.hpp"
#include "test_support.hpp"

using filmgen::Cache;
using filmgen::Runner;
using filmgen::StageInfo;
using filmgen::test::TempDir;
using filmgen::test::read_file;
using filmgen::test::write_file;
using nlohmann::json;

namespace {
struct Segment {
  std::string file;
  int frames = 0;
};
void to_json(json& j, const Segment& s) { j = {{"file", s.file}, {"frames", s.frames}}; }
void from_json(const json& j, Segment& s) {
  j.at("file").get_to(s.file);
  j.at("frames").get_to(s.frames);
}
constexpr StageInfo kSegment{"segment", 2};
}  // namespace

TEST_CASE("the runner computes on a miss, reuses on a hit and records both", "[core][runner]") {
  TempDir dir;
  Cache cache(dir.path());
  Runner runner(cache);
  int calls = 0;
  auto produce = [&](const std::filesystem::path& out) {
    ++calls;
    write_file(out / "seg.h264", "encoded");
    return Segment{"seg.h264", 48};
  };
  auto first = runner.run<Segment>(kSegment, {.params = {{"shot", "S01.01"}}, .seed = 3, .item = "S01.01"}, produce);
  auto second = runner.run<Segment>(kSegment, {.params = {{"shot", "S01.01"}}, .seed = 3, .item = "S01.01"}, produce);
  CHECK(calls == 1);
  CHECK_FALSE(first.hit);
  CHECK(second.hit);
  CHECK(first.key == second.key);
  CHECK(first.hash == second.hash);
  CHECK(second.value.frames == 48);
  CHECK(read_file(second.dir / second.value.file) == "encoded");

  auto other_seed = runner.run<Segment>(kSegment, {.params = {{"shot", "S01.01"}}, .seed = 4, .item = "S01.01"}, produce);
  CHECK_FALSE(other_seed.hit);
  CHECK(calls == 2);

  const auto& m = runner.manifest();
  REQUIRE(m.records().size() == 3);
  CHECK(m.hits("segment") == 1);
  CHECK(m.misses("segment") == 2);
  CHECK(m.records()[0].item == "S01.01");
  CHECK(m.records()[1].hit);
  json j = m.to_json();
  CHECK(j["records"].size() == 3);
  CHECK(j["misses"] == 2);
}

TEST_CASE("upstream hashes chain stages: a changed input invalidates downstream", "[core][runner]") {
  TempDir dir;
  Cache cache(dir.path());
  Runner runner(cache);
  int downstream_calls = 0;
  auto run_both = [&](const std::string& script) {
    auto plan = runner.run<json>({"plan", 1}, {.params = {{"script", script}}}, [&] { return json{{"scenes", script.size()}}; });
    return runner.run<json>({"render", 1}, {.upstream = {plan.hash}}, [&] {
      ++downstream_calls;
      return json{{"scenes", plan.value["scenes"]}};
    });
  };
  run_both("INT. A");
  run_both("INT. A");
  CHECK(downstream_calls == 1);
  run_both("INT. AB");
  CHECK(downstream_calls == 2);
}

TEST_CASE("a forced stage recomputes and replaces the entry", "[core][runner]") {
  TempDir dir;
  Cache cache(dir.path());
  Runner runner(cache);
  int calls = 0;
  auto produce = [&] { return json{{"calls", ++calls}}; };
  runner.run<json>({"segment", 1}, {.item = "S01.01"}, produce);
  runner.set_force([](const std::string& stage, const std::string& item) { return item == "S01.01"; });
  auto forced = runner.run<json>({"segment", 1}, {.item = "S01.01"}, produce);
  CHECK_FALSE(forced.hit);
  CHECK(forced.value["calls"] == 2);
  CHECK(runner.manifest().records().back().forced);
  runner.set_force(nullptr);
  auto again = runner.run<json>({"segment", 1}, {.item = "S01.01"}, produce);
  CHECK(again.hit);
  CHECK(again.value["calls"] == 2);
}

TEST_CASE("a stage that throws stores nothing", "[core][runner]") {
  TempDir dir;
  Cache cache(dir.path());
  Runner runner(cache);
  auto failing = []() -> json { throw filmgen::Error(filmgen::ErrorCode::kBadInput, "plan", "bad"); };
  CHECK_THROWS_AS(runner.run<json>({"plan", 1}, {}, failing), filmgen::Error);
  CHECK(cache.list().empty());
  CHECK(std::filesystem::is_empty(dir.path() / "tmp"));
}

TEST_CASE("an interrupt stops the runner before the next stage", "[core][runner]") {
  TempDir dir;
  Cache cache(dir.path());
  Runner runner(cache);
  filmgen::set_interrupted(true);
  try {
    runner.run<json>({"plan", 1}, {}, [] { return json{}; });
    FAIL("expected an interrupt");
  } catch (const filmgen::Error& e) {
    CHECK(e.code() == filmgen::ErrorCode::kInterrupted);
    CHECK(e.exit_code() == 130);
  }
  filmgen::set_interrupted(false);
}

TEST_CASE("the manifest saves and loads", "[core][runner]") {
  TempDir dir;
  filmgen::RunManifest m;
  m.add({"plan", 3, "", "k1", "h1", true, false, 0.5});
  m.add({"segment", 1, "S01.01", "k2", "h2", false, true, 1.5});
  m.save(dir / "run_manifest.json");
  json j = json::parse(read_file(dir / "run_manifest.json"));
  CHECK(j["hits"] == 1);
  auto r = j["records"][1].get<filmgen::ManifestRecord>();
  CHECK(r.item == "S01.01");
  CHECK(r.forced);
  CHECK(r.seconds == Approx(1.5));
}
