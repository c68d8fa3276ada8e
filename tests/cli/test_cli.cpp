// The filmgen binary as a user meets it: help, version, doctor, and bad arguments.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using filmgen::test::run_filmgen;

TEST_CASE("help and version exit 0 and describe the tool", "[cli]") {
  auto help = run_filmgen("--help");
  CHECK(help.exit_code == 0);
  for (const char* cmd : {"render", "plan", "doctor", "cache", "--cache-dir", "--config", "Exit codes"})
    CHECK(help.out.find(cmd) != std::string::npos);
  auto version = run_filmgen("--version");
  CHECK(version.exit_code == 0);
  CHECK(version.out.rfind("filmgen ", 0) == 0);
  for (const char* cmd : {"render", "plan", "doctor", "cache", "cache gc"}) {
    INFO(cmd);
    auto sub = run_filmgen(std::string(cmd) + " --help");
    CHECK(sub.exit_code == 0);
    CHECK_FALSE(sub.out.empty());
  }
}

TEST_CASE("an unknown subcommand or flag is bad input (exit 2) with a clear message", "[cli]") {
  auto unknown = run_filmgen("rendr script.fountain");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("rendr") != std::string::npos);
  CHECK(unknown.err.find("filmgen --help") != std::string::npos);

  auto flag = run_filmgen("doctor --frobnicate");
  CHECK(flag.exit_code == 2);
  CHECK(flag.err.find("--frobnicate") != std::string::npos);

  auto none = run_filmgen("");
  CHECK(none.exit_code == 2);

  auto missing_config = run_filmgen("--config /nonexistent.json doctor");
  CHECK(missing_config.exit_code == 2);
  CHECK(missing_config.err.find("/nonexistent.json") != std::string::npos);
}

TEST_CASE("doctor reports every dependency and passes on a set-up machine", "[cli][doctor]") {
  filmgen::test::TempDir cache;
  auto doctor = run_filmgen("--cache-dir " + cache.path().string() + " doctor");
  INFO(doctor.out << doctor.err);
  CHECK(doctor.exit_code == 0);
  for (const char* dep : {"libavformat", "libx264", "AAC encoder", "mov_text", "OpenCV", "face cascade",
                          "font", "espeak-ng voices", "FluidSynth", "General MIDI soundfont",
                          "libebur128", "libtorch", "CUDA", "libcurl", "cache folder", "config"})
    CHECK(doctor.out.find(dep) != std::string::npos);
  CHECK(doctor.out.find("The render path works.") != std::string::npos);

  auto json = run_filmgen("--cache-dir " + cache.path().string() + " doctor --json");
  CHECK(json.exit_code == 0);
  auto parsed = nlohmann::json::parse(json.out);
  CHECK(parsed["render_ok"] == true);
  CHECK(parsed["checks"].size() >= 16);
}

TEST_CASE("doctor exits 3 when the render path cannot work", "[cli][doctor]") {
  // A cache folder that cannot be created is an environment failure.
  filmgen::test::TempDir dir;
  filmgen::test::write_file(dir / "file", "not a folder");
  auto doctor = run_filmgen("--cache-dir " + (dir / "file").string() + "/cache doctor");
  CHECK(doctor.exit_code == 3);
  CHECK(doctor.out.find("FAIL") != std::string::npos);
  CHECK(doctor.out.find("cannot work") != std::string::npos);
}

TEST_CASE("a bad config file is bad input naming file and line", "[cli]") {
  filmgen::test::TempDir dir;
  filmgen::test::write_file(dir / "bad.json", "{\n \"tier\": \"imax\"\n}\n");
  auto r = run_filmgen("--config " + (dir / "bad.json").string() + " cache gc");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("bad.json:2: unknown tier 'imax'") != std::string::npos);
}
