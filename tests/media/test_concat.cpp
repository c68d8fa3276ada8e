// concat_segments, checked with ffprobe/ffmpeg and the file's own box order.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "filmgen/error.hpp"
#include "filmgen/media.hpp"
#include "media_test_support.hpp"
#include "test_support.hpp"

using namespace filmgen;
using namespace filmgen::test;
namespace fs = std::filesystem;

namespace {
const media::VideoParams kDraft{854, 480, 24, "veryfast", 26};

// Three segments of 13, 30 and 55 frames cut from one synthetic sequence.
struct ThreeSegments {
  TempDir dir{"filmgen-concat"};
  std::vector<fs::path> paths;
  std::vector<int> lengths{13, 30, 55};
  ThreeSegments() {
    int first = 0;
    for (size_t i = 0; i < lengths.size(); ++i) {
      paths.push_back(dir / ("seg" + std::to_string(i) + ".mp4"));
      encode_synthetic(paths.back(), kDraft, lengths[i], first);
      first += lengths[i];
    }
  }
};

ptrdiff_t index_of(const std::vector<std::string>& v, const std::string& x) {
  auto it = std::find(v.begin(), v.end(), x);
  return it == v.end() ? -1 : it - v.begin();
}

double num(const nlohmann::json& j) {
  return std::stod(j.get<std::string>());
}

media::ConcatOptions scene_options() {
  media::ConcatOptions o;
  o.chapters = {{"INT. KITCHEN - DAY", 0, 13 / 24.0},
                {"EXT. STREET - NIGHT", 13 / 24.0, 43 / 24.0},
                {"INT. CAR - NIGHT", 43 / 24.0, 98 / 24.0}};
  o.metadata = {{"title", "Brick and Steel"}, {"comment", "made by filmgen"}};
  return o;
}
}  // namespace

TEST_CASE("concat joins segments by remux into one faststart MP4 with chapters and tags",
          "[media][slow]") {
  ThreeSegments s;
  const fs::path film = s.dir / "film.mp4";
  media::concat_segments(s.paths, film, scene_options());
  REQUIRE(fs::exists(film));
  CHECK_FALSE(fs::exists(s.dir / ("film.mp4.part-" + std::to_string(::getpid()))));

  auto probe = ffprobe("-count_frames -show_streams -show_format -show_chapters", film);
  std::vector<nlohmann::json> video;
  for (const auto& st : probe["streams"])
    if (st["codec_type"] == "video") video.push_back(st);
  REQUIRE(video.size() == 1);
  CHECK(video[0]["codec_name"] == "h264");
  CHECK(video[0]["nb_read_frames"] == "98");
  CHECK(video[0]["avg_frame_rate"] == "24/1");
  CHECK(std::abs(num(probe["format"]["duration"]) - 98 / 24.0) <= 1 / 24.0);
  CHECK(probe["format"]["tags"]["title"] == "Brick and Steel");
  CHECK(probe["format"]["tags"]["comment"] == "made by filmgen");

  const auto& chapters = probe["chapters"];
  REQUIRE(chapters.size() == 3);
  CHECK(chapters[0]["tags"]["title"] == "INT. KITCHEN - DAY");
  CHECK(chapters[1]["tags"]["title"] == "EXT. STREET - NIGHT");
  CHECK(chapters[2]["tags"]["title"] == "INT. CAR - NIGHT");
  CHECK(std::abs(num(chapters[1]["start_time"]) - 13 / 24.0) < 0.002);
  CHECK(std::abs(num(chapters[1]["end_time"]) - 43 / 24.0) < 0.002);
  CHECK(std::abs(num(chapters[2]["end_time"]) - 98 / 24.0) < 0.002);

  // Timestamps continue across the joins: presentation times are exactly k / 24.
  auto frames = ffprobe("-select_streams v:0 -show_entries frame=pts_time,key_frame -show_frames",
                        film)["frames"];
  REQUIRE(frames.size() == 98);
  std::vector<double> pts;
  for (const auto& f : frames) pts.push_back(num(f["pts_time"]));
  std::sort(pts.begin(), pts.end());
  for (size_t k = 0; k < pts.size(); ++k) CHECK(std::abs(pts[k] - k / 24.0) < 0.001);
  // Each segment still starts on a keyframe.
  CHECK(frames[0]["key_frame"] == 1);
  CHECK(frames[13]["key_frame"] == 1);
  CHECK(frames[43]["key_frame"] == 1);

  CHECK(decode_errors(film).empty());

  auto boxes = top_level_boxes(film);
  INFO("boxes: " << nlohmann::json(boxes).dump());
  REQUIRE(index_of(boxes, "moov") >= 0);
  REQUIRE(index_of(boxes, "mdat") >= 0);
  CHECK(index_of(boxes, "moov") < index_of(boxes, "mdat"));
}

TEST_CASE("concat without faststart puts moov after mdat", "[media][slow]") {
  TempDir dir("filmgen-concat");
  encode_synthetic(dir / "a.mp4", kDraft, 10);
  media::ConcatOptions o;
  o.faststart = false;
  media::concat_segments({dir / "a.mp4", dir / "a.mp4"}, dir / "film.mp4", o);
  auto boxes = top_level_boxes(dir / "film.mp4");
  CHECK(index_of(boxes, "moov") > index_of(boxes, "mdat"));
  CHECK(ffprobe("-count_frames -show_streams", dir / "film.mp4")["streams"][0]["nb_read_frames"] ==
        "20");
}

TEST_CASE("concat is deterministic", "[media][slow]") {
  ThreeSegments s;
  media::concat_segments(s.paths, s.dir / "a.mp4", scene_options());
  media::concat_segments(s.paths, s.dir / "b.mp4", scene_options());
  const std::string a = read_file(s.dir / "a.mp4");
  CHECK(a == read_file(s.dir / "b.mp4"));
  // Re-encoding one segment from the same frames reproduces the same film.
  encode_synthetic(s.paths[1], kDraft, 30, 13);
  media::concat_segments(s.paths, s.dir / "c.mp4", scene_options());
  CHECK(a == read_file(s.dir / "c.mp4"));
}

TEST_CASE("provenance tags beyond the iTunes set are kept", "[media]") {
  TempDir dir("filmgen-concat");
  encode_synthetic(dir / "a.mp4", media::VideoParams{128, 96, 24, "ultrafast", 30}, 4);
  media::ConcatOptions o;
  o.metadata = {{"title", "T"}, {"plan_hash", "abc123"}, {"filmgen_version", "0.1.0"}};
  media::concat_segments({dir / "a.mp4"}, dir / "film.mp4", o);
  auto tags = ffprobe("-show_format", dir / "film.mp4")["format"]["tags"];
  CHECK(tags["title"] == "T");
  CHECK(tags["plan_hash"] == "abc123");
  CHECK(tags["filmgen_version"] == "0.1.0");
}

TEST_CASE("concat rejects segments encoded differently and missing ones", "[media]") {
  TempDir dir("filmgen-concat");
  encode_synthetic(dir / "a.mp4", media::VideoParams{128, 96, 24, "ultrafast", 30}, 4);
  encode_synthetic(dir / "b.mp4", media::VideoParams{160, 96, 24, "ultrafast", 30}, 4);
  auto code_of = [&](std::vector<fs::path> segs) {
    try {
      media::concat_segments(segs, dir / "film.mp4", {});
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::kInternal;
  };
  CHECK(code_of({dir / "a.mp4", dir / "b.mp4"}) == ErrorCode::kBadInput);
  CHECK(code_of({dir / "a.mp4", dir / "missing.mp4"}) == ErrorCode::kBadInput);
  CHECK(code_of({}) == ErrorCode::kBadInput);
  CHECK_FALSE(fs::exists(dir / "film.mp4"));
  CHECK_THROWS_WITH(media::concat_segments({dir / "a.mp4", dir / "b.mp4"}, dir / "film.mp4", {}),
                    Catch::Contains("b.mp4") && Catch::Contains("VideoParams"));
}

TEST_CASE("concat adds AAC audio and mov_text subtitle tracks with languages", "[media][slow]") {
  TempDir dir("filmgen-concat");
  const media::VideoParams vp{320, 240, 24, "veryfast", 26};
  encode_synthetic(dir / "a.mp4", vp, 24);
  encode_synthetic(dir / "b.mp4", vp, 24, 24);
  media::ConcatOptions o;
  for (const char* lang : {"eng", "fr"}) {
    media::AudioTrackInput a;
    a.language = lang;
    a.samples.resize(2 * 48000 * 2);
    for (size_t i = 0; i < a.samples.size() / 2; ++i)
      a.samples[2 * i] = a.samples[2 * i + 1] =
          0.25f * static_cast<float>(std::sin(2 * M_PI * 440 * i / 48000.0));
    o.audio_tracks.push_back(std::move(a));
  }
  media::SubtitleTrackInput sub;
  sub.language = "eng";
  sub.cues = {{0.2, 1.0, "Hello there."}, {1.2, 1.8, "Second line\nwith a break"}};
  o.subtitle_tracks.push_back(sub);
  o.chapters = {{"One", 0, 1}, {"Two", 1, 2}};
  media::concat_segments({dir / "a.mp4", dir / "b.mp4"}, dir / "film.mp4", o);

  auto probe = ffprobe("-show_streams -show_chapters", dir / "film.mp4");
  std::vector<nlohmann::json> audio, subs;
  for (const auto& st : probe["streams"]) {
    if (st["codec_type"] == "audio") audio.push_back(st);
    if (st["codec_type"] == "subtitle") subs.push_back(st);
  }
  REQUIRE(audio.size() == 2);
  CHECK(audio[0]["codec_name"] == "aac");
  CHECK(audio[0]["sample_rate"] == "48000");
  CHECK(audio[0]["channels"] == 2);
  CHECK(audio[0]["tags"]["language"] == "eng");
  CHECK(audio[1]["tags"]["language"] == "fra");
  CHECK(audio[0]["disposition"]["default"] == 1);
  CHECK(audio[1]["disposition"]["default"] == 0);
  CHECK(std::abs(num(audio[0]["duration"]) - 2.0) < 0.05);
  REQUIRE(subs.size() == 1);
  CHECK(subs[0]["codec_name"] == "mov_text");
  CHECK(subs[0]["tags"]["language"] == "eng");
  CHECK(probe["chapters"].size() == 2);
  const std::string errors = decode_errors(dir / "film.mp4");
  INFO(errors);
  CHECK(errors.empty());

  auto srt = run_command("ffmpeg -nostdin -v error -i " + shell_quote((dir / "film.mp4").string()) +
                         " -map 0:s:0 -f srt -");
  REQUIRE(srt.exit_code == 0);
  CHECK_THAT(srt.out, Catch::Contains("00:00:00,200 --> 00:00:01,000"));
  CHECK_THAT(srt.out, Catch::Contains("Hello there."));
  CHECK_THAT(srt.out, Catch::Contains("Second line") && Catch::Contains("with a break"));

  auto boxes = top_level_boxes(dir / "film.mp4");
  CHECK(index_of(boxes, "moov") < index_of(boxes, "mdat"));

  // Deterministic with audio and subtitles too.
  media::concat_segments({dir / "a.mp4", dir / "b.mp4"}, dir / "again.mp4", o);
  CHECK(read_file(dir / "film.mp4") == read_file(dir / "again.mp4"));

  media::ConcatOptions bad = o;
  bad.audio_tracks[0].language = "english";
  CHECK_THROWS_AS(media::concat_segments({dir / "a.mp4"}, dir / "bad.mp4", bad), Error);
  bad = o;
  bad.subtitle_tracks[0].cues.push_back({1.5, 1.4, "backwards"});
  CHECK_THROWS_AS(media::concat_segments({dir / "a.mp4"}, dir / "bad.mp4", bad), Error);
  CHECK_FALSE(fs::exists(dir / "bad.mp4"));
}

TEST_CASE("segments too short for B-frames join segments with them", "[media]") {
  TempDir dir("filmgen-concat");
  const media::VideoParams vp{320, 240, 24, "medium", 22};  // B-frames with a pyramid
  std::vector<fs::path> segs;
  int first = 0;
  for (int len : {1, 2, 5, 1, 3}) {
    segs.push_back(dir / ("s" + std::to_string(segs.size()) + ".mp4"));
    encode_synthetic(segs.back(), vp, len, first);
    first += len;
  }
  media::concat_segments(segs, dir / "film.mp4");
  auto streams = ffprobe("-count_frames -show_streams", dir / "film.mp4")["streams"];
  CHECK(streams[0]["nb_read_frames"] == "12");
  CHECK(decode_errors(dir / "film.mp4").empty());
  auto frames = ffprobe("-select_streams v:0 -show_entries frame=pts_time -show_frames",
                        dir / "film.mp4")["frames"];
  REQUIRE(frames.size() == 12);
  for (size_t k = 0; k < frames.size(); ++k)
    CHECK(std::abs(num(frames[k]["pts_time"]) - k / 24.0) < 0.001);
}
