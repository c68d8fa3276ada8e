// `filmgen render` and `filmgen storyboard` end to end, checked with ffprobe and ffmpeg.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>

#include "test_support.hpp"

using filmgen::test::TempDir;
using filmgen::test::example;
using filmgen::test::read_file;
using filmgen::test::run_command;
using filmgen::test::run_filmgen;
using nlohmann::json;

namespace {

json ffprobe(const std::filesystem::path& file, const std::string& what) {
  auto r = run_command("ffprobe -v error -of json " + what + " " + file.string());
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

// Top-level MP4 box types in file order, read from the bytes.
std::vector<std::string> top_level_boxes(const std::filesystem::path& file) {
  std::string bytes = read_file(file);
  std::vector<std::string> boxes;
  size_t pos = 0;
  while (pos + 8 <= bytes.size()) {
    uint64_t size = 0;
    for (int i = 0; i < 4; ++i) size = (size << 8) | static_cast<unsigned char>(bytes[pos + i]);
    boxes.push_back(bytes.substr(pos + 4, 4));
    if (size == 1) {
      size = 0;
      for (int i = 0; i < 8; ++i) size = (size << 8) | static_cast<unsigned char>(bytes[pos + 8 + i]);
    }
    if (size < 8) break;
    pos += size;
  }
  return boxes;
}
}  // namespace

TEST_CASE("render makes a film that ffprobe and ffmpeg accept", "[render][film][slow]") {
  TempDir dir;
  const auto film = dir / "tiny" / "tiny.mp4";
  auto r = run_filmgen("-q --cache-dir " + (dir / "cache").string() + " render " + example("tiny.fountain") +
                       " --tier draft -o " + film.string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(std::filesystem::exists(film));
  for (const char* beside : {"plan.json", "run_manifest.json", "review_queue.json"})
    CHECK(std::filesystem::exists(dir / "tiny" / beside));

  json streams = ffprobe(film, "-count_frames -show_streams -show_format -show_chapters");
  json video;
  for (const auto& s : streams["streams"])
    if (s["codec_type"] == "video") video = s;
  CHECK(video["codec_name"] == "h264");
  CHECK(video["width"] == 854);
  CHECK(video["height"] == 480);
  CHECK(video["r_frame_rate"] == "24/1");
  CHECK(video["pix_fmt"] == "yuv420p");

  // One chapter per scene, titled with its heading; duration = the shots' durations.
  json plan = json::parse(read_file(dir / "tiny" / "plan.json"));
  REQUIRE(streams["chapters"].size() == plan["scenes"].size());
  CHECK(streams["chapters"][0]["tags"]["title"] == plan["scenes"][0]["heading"]);
  double planned = 3.0;  // the title card
  size_t shots = 1;
  for (const auto& scene : plan["scenes"])
    for (const auto& shot : scene["shots"]) planned += shot["duration_s"].get<double>(), ++shots;
  const double frames = std::stod(video["nb_read_frames"].get<std::string>());
  CHECK(std::abs(frames / 24.0 - planned) <= shots / 24.0);
  CHECK(streams["format"]["tags"]["title"] == "Tiny");

  auto boxes = top_level_boxes(film);
  auto moov = std::find(boxes.begin(), boxes.end(), "moov");
  auto mdat = std::find(boxes.begin(), boxes.end(), "mdat");
  REQUIRE(moov != boxes.end());
  REQUIRE(mdat != boxes.end());
  CHECK(moov < mdat);

  auto decode = run_command("ffmpeg -v error -i " + film.string() + " -f null -");
  CHECK(decode.exit_code == 0);
  CHECK(decode.err.empty());

  // A second render finds every shot cached and gives the same bytes.
  auto again = run_filmgen("-q --cache-dir " + (dir / "cache").string() + " render " + example("tiny.fountain") +
                           " --tier draft -o " + (dir / "again.mp4").string());
  REQUIRE(again.exit_code == 0);
  CHECK(read_file(film) == read_file(dir / "again.mp4"));
  json manifest = json::parse(read_file(dir / "run_manifest.json"));
  CHECK(manifest["misses"] == 0);
}

TEST_CASE("storyboard writes a contact sheet and an HTML shot list", "[render][storyboard]") {
  TempDir dir;
  auto r = run_filmgen("-q --cache-dir " + (dir / "cache").string() + " storyboard " + example("tiny.fountain") + " -o " +
                       dir.path().string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto png = run_command("ffprobe -v error -of json -show_streams " + (dir / "storyboard.png").string());
  REQUIRE(png.exit_code == 0);
  CHECK(json::parse(png.out)["streams"][0]["codec_name"] == "png");
  std::string html = read_file(dir / "storyboard.html");
  auto count = [&](const std::string& what) {
    size_t n = 0;
    for (size_t p = html.find(what); p != std::string::npos; p = html.find(what, p + 1)) ++n;
    return n;
  };
  json plan = json::parse(run_filmgen("plan --json " + example("tiny.fountain")).out);
  size_t shots = 1;  // the title card
  for (const auto& scene : plan["scenes"]) shots += scene["shots"].size();
  CHECK(count("<img ") == shots);
  CHECK(html.find("S01.01") != std::string::npos);
}

TEST_CASE("render of a missing script is bad input and writes nothing", "[render][film]") {
  TempDir dir;
  auto r = run_filmgen("--cache-dir " + (dir / "cache").string() + " render " + (dir / "nope.fountain").string() + " -o " +
                       (dir / "out" / "film.mp4").string());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("nope.fountain: no such file") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "out" / "film.mp4"));
}
