// SegmentEncoder, checked with the ffprobe/ffmpeg binaries and the raw bitstream.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>

#include "filmgen/error.hpp"
#include "filmgen/media.hpp"
#include "media_test_support.hpp"
#include "test_support.hpp"

using namespace filmgen;
using namespace filmgen::test;
namespace fs = std::filesystem;

namespace {
int count_files(const fs::path& dir) {
  return static_cast<int>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}
}  // namespace

TEST_CASE("a segment is H.264 yuv420p BT.709 at the tier size with exactly N frames",
          "[media][slow]") {
  struct Case {
    int w, h, frames;
    const char* preset;
    int crf;
  };
  const Case c = GENERATE(Case{854, 480, 60, "veryfast", 26}, Case{1280, 720, 30, "faster", 22});
  TempDir dir("filmgen-media");
  const fs::path seg = dir / "seg.mp4";
  media::VideoParams vp{c.w, c.h, 24, c.preset, c.crf};
  encode_synthetic(seg, vp, c.frames);
  REQUIRE(fs::exists(seg));
  CHECK(count_files(dir.path()) == 1);  // no temporary left beside it

  auto probe = ffprobe("-count_frames -show_streams", seg);
  REQUIRE(probe["streams"].size() == 1);
  const auto& s = probe["streams"][0];
  CHECK(s["codec_name"] == "h264");
  CHECK(s["pix_fmt"] == "yuv420p");
  CHECK(s["width"] == c.w);
  CHECK(s["height"] == c.h);
  CHECK(s["r_frame_rate"] == "24/1");
  CHECK(s["avg_frame_rate"] == "24/1");
  CHECK(s["nb_read_frames"] == std::to_string(c.frames));
  CHECK(s["color_space"] == "bt709");
  CHECK(s["color_primaries"] == "bt709");
  CHECK(s["color_transfer"] == "bt709");
  CHECK(s["color_range"] == "tv");

  auto frames = ffprobe("-select_streams v:0 -show_entries frame=key_frame,pict_type -show_frames",
                        seg)["frames"];
  REQUIRE(frames.size() == static_cast<size_t>(c.frames));
  CHECK(frames[0]["key_frame"] == 1);
  CHECK(frames[0]["pict_type"] == "I");
  // Keyframes at most 2 s apart, and each one an IDR (closed GOP): count them in the bitstream.
  int last_key = 0, keyframes = 0;
  for (int i = 0; i < c.frames; ++i) {
    if (frames[i]["key_frame"] == 1) {
      CHECK(i - last_key <= media::keyframe_interval(vp));
      last_key = i;
      ++keyframes;
    }
  }
  CHECK(c.frames - last_key <= media::keyframe_interval(vp));
  auto units = access_unit_nal_types(seg);
  REQUIRE(units.size() == static_cast<size_t>(c.frames));
  CHECK(std::count(units[0].begin(), units[0].end(), 5) == 1);
  int idr_units = 0;
  for (const auto& u : units) idr_units += std::count(u.begin(), u.end(), 5) > 0;
  CHECK(idr_units == keyframes);

  CHECK(decode_errors(seg).empty());
}

TEST_CASE("RGB is converted with the BT.709 matrix into limited range", "[media]") {
  TempDir dir("filmgen-media");
  const fs::path seg = dir / "red.mp4";
  media::VideoParams vp{64, 64, 24, "medium", 10};
  {
    media::SegmentEncoder enc(seg, vp);
    std::vector<uint8_t> red(64 * 64 * 3);
    for (size_t i = 0; i < red.size(); i += 3) red[i + 2] = 255;  // BGR
    for (int i = 0; i < 3; ++i) enc.add_frame(red.data(), 64 * 3);
    enc.finish();
  }
  const fs::path yuv = dir / "red.yuv";
  auto r = run_command("ffmpeg -nostdin -v error -i " + shell_quote(seg.string()) +
                       " -frames:v 1 -f rawvideo -pix_fmt yuv420p " + shell_quote(yuv.string()));
  REQUIRE(r.exit_code == 0);
  const std::string b = read_file(yuv);
  REQUIRE(b.size() == 64 * 64 * 3 / 2);
  auto at = [&](size_t i) { return static_cast<int>(static_cast<unsigned char>(b[i])); };
  const int y = at(32 * 64 + 32), cb = at(64 * 64 + 16 * 32 + 16),
            cr = at(64 * 64 + 32 * 32 + 16 * 32 + 16);
  // BT.709 limited: Y 63, Cb 102, Cr 240 (BT.601 would give Y 81, Cb 90; full range Y 54).
  CHECK(std::abs(y - 63) <= 2);
  CHECK(std::abs(cb - 102) <= 2);
  CHECK(std::abs(cr - 240) <= 2);
}

TEST_CASE("encoding is deterministic and uses the fixed thread count", "[media][slow]") {
  TempDir dir("filmgen-media");
  media::VideoParams vp{854, 480, 24, "veryfast", 26};
  CHECK(vp.threads == 2);
  encode_synthetic(dir / "a.mp4", vp, 40);
  encode_synthetic(dir / "b.mp4", vp, 40);
  const std::string a = read_file(dir / "a.mp4");
  CHECK(a == read_file(dir / "b.mp4"));
  // x264 records its settings in the stream; the fixed count, not "auto", must be there.
  CHECK(a.find("threads=2 ") != std::string::npos);
  CHECK(media::encoder_fingerprint(vp).find("threads=2") != std::string::npos);

  media::VideoParams one = vp;
  one.threads = 1;
  encode_synthetic(dir / "t1.mp4", one, 40);
  const std::string t1 = read_file(dir / "t1.mp4");
  CHECK(t1.find("threads=1 ") != std::string::npos);
  // Recorded, not required: x264's output depends on its frame-thread count, which is why the
  // count is a parameter and part of the fingerprint.
  WARN("threads=1 and threads=2 segments are " << (t1 == a ? "identical" : "different"));
  CHECK(media::encoder_fingerprint(one) != media::encoder_fingerprint(vp));
}

TEST_CASE("an abandoned encode leaves nothing under the final name", "[media]") {
  TempDir dir("filmgen-media");
  const fs::path seg = dir / "shot.mp4";
  {
    media::SegmentEncoder enc(seg, media::VideoParams{128, 96, 24, "ultrafast", 30});
    for (int t = 0; t < 5; ++t) {
      auto f = synthetic_frame(128, 96, t);
      enc.add_frame(f.data(), 128 * 3);
    }
    CHECK(enc.frames_written() == 5);
    CHECK(count_files(dir.path()) == 1);  // the temporary file
    CHECK_FALSE(fs::exists(seg));
  }
  CHECK_FALSE(fs::exists(seg));
  CHECK(count_files(dir.path()) == 0);
}

TEST_CASE("bad video params are input errors", "[media]") {
  TempDir dir("filmgen-media");
  auto code_of = [&](media::VideoParams vp) {
    try {
      media::SegmentEncoder enc(dir / "x.mp4", vp);
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::kInternal;
  };
  CHECK(code_of({853, 480, 24, "veryfast", 26}) == ErrorCode::kBadInput);
  CHECK(code_of({854, 481, 24, "veryfast", 26}) == ErrorCode::kBadInput);
  CHECK(code_of({854, 480, 0, "veryfast", 26}) == ErrorCode::kBadInput);
  CHECK(code_of({854, 480, 24, "warp", 26}) == ErrorCode::kBadInput);
  CHECK(code_of({854, 480, 24, "veryfast", 60}) == ErrorCode::kBadInput);
  CHECK(code_of({854, 480, 24, "veryfast", 26, 0}) == ErrorCode::kBadInput);
  CHECK_THROWS_WITH(media::SegmentEncoder(dir / "x.mp4", {853, 480, 24, "veryfast", 26}),
                    Catch::Contains("853x480") && Catch::Contains("even"));

  media::SegmentEncoder empty(dir / "empty.mp4", {64, 64, 24, "veryfast", 26});
  try {
    empty.finish();
    FAIL("finish without frames must throw");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::kBadInput);
  }
  CHECK_FALSE(fs::exists(dir / "empty.mp4"));
}

// Run by the next test as a child process pinned to one CPU.
TEST_CASE("encode helper for the CPU-count test", "[.media-helper]") {
  const char* out = std::getenv("FILMGEN_MEDIA_HELPER_OUT");
  REQUIRE(out != nullptr);
  encode_synthetic(out, media::VideoParams{854, 480, 24, "faster", 22}, 30);
}

TEST_CASE("the encoded bytes do not depend on how many CPUs the process may use", "[media][slow]") {
  if (run_command("taskset -c 0 true").exit_code != 0) {
    WARN("taskset is not available; skipped");
    return;
  }
  TempDir dir("filmgen-media");
  encode_synthetic(dir / "all.mp4", media::VideoParams{854, 480, 24, "faster", 22}, 30);
  const fs::path self = fs::read_symlink("/proc/self/exe");
  auto r = run_command("FILMGEN_MEDIA_HELPER_OUT=" + shell_quote((dir / "one.mp4").string()) +
                       " taskset -c 0 " + shell_quote(self.string()) + " '[.media-helper]'");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(read_file(dir / "all.mp4") == read_file(dir / "one.mp4"));
}
