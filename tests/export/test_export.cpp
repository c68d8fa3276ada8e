#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "export_film.hpp"
#include "test_support.hpp"

using filmgen::exporter::ExportRequest;
using filmgen::test::TempDir;
using filmgen::test::read_file;
using filmgen::test::run_filmgen;
using nlohmann::json;

namespace {
ExportRequest three_clips() {
  ExportRequest r;
  r.title = "Cut";
  r.fps = 24;
  r.clips = {{"S01.01", "S01", "a.mp4", 48}, {"S01.02", "S01", "b.mp4", 24}, {"S01.02>S02.01", "S02", "c.mp4", 12},
             {"S02.01", "S02", "d.mp4", 36}};
  r.scene_titles = {{"S01", "INT. KITCHEN - DAY"}, {"S02", "EXT. BEACH - DAY"}};
  return r;
}
}  // namespace

TEST_CASE("one chapter per scene, from its first frame to the next scene", "[export]") {
  auto chapters = filmgen::exporter::scene_chapters(three_clips());
  REQUIRE(chapters.size() == 2);
  CHECK(chapters[0].title == "INT. KITCHEN - DAY");
  CHECK(chapters[0].start_s == 0);
  CHECK(chapters[0].end_s == Approx(3.0));
  CHECK(chapters[1].start_s == Approx(3.0));
  CHECK(chapters[1].end_s == Approx(5.0));
}

TEST_CASE("the OTIO timeline has a clip per piece and a marker per scene", "[export][otio]") {
  json t = filmgen::exporter::otio_timeline(three_clips(), "media/");
  CHECK(t["OTIO_SCHEMA"] == "Timeline.1");
  CHECK(t["tracks"]["OTIO_SCHEMA"] == "Stack.1");
  const json& track = t["tracks"]["children"][0];
  CHECK(track["OTIO_SCHEMA"] == "Track.1");
  CHECK(track["kind"] == "Video");
  REQUIRE(track["children"].size() == 4);
  const json& clip = track["children"][2];
  CHECK(clip["OTIO_SCHEMA"] == "Clip.1");
  CHECK(clip["media_reference"]["OTIO_SCHEMA"] == "ExternalReference.1");
  CHECK(clip["media_reference"]["target_url"] == "media/S01.02_S02.01.mp4");
  CHECK(clip["source_range"]["duration"]["value"] == 12);
  CHECK(clip["source_range"]["duration"]["rate"] == 24);
  REQUIRE(track["markers"].size() == 2);
  CHECK(track["markers"][1]["name"] == "EXT. BEACH - DAY");
  CHECK(track["markers"][1]["marked_range"]["start_time"]["value"] == 72);
}

TEST_CASE("render --otio writes a timeline whose clips add up to the film", "[export][otio][slow]") {
  TempDir dir;
  auto r = run_filmgen("-q --cache-dir " + (dir / "cache").string() + " render " +
                       (filmgen::test::source_dir() / "examples" / "tiny.fountain").string() + " --tier draft -o " +
                       (dir / "film.mp4").string() + " --otio " + (dir / "cut.otio").string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json t = json::parse(read_file(dir / "cut.otio"));
  double frames = 0;
  for (const auto& clip : t["tracks"]["children"][0]["children"]) {
    frames += clip["source_range"]["duration"]["value"].get<double>();
    CHECK(std::filesystem::exists(dir / clip["media_reference"]["target_url"].get<std::string>()));
  }
  auto probe = filmgen::test::run_command("ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 " +
                                          (dir / "film.mp4").string());
  CHECK(frames == std::stod(probe.out));
}
