// decode_frames and probe_media against the frames we encoded.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>

#include "filmgen/error.hpp"
#include "filmgen/media.hpp"
#include "media_test_support.hpp"
#include "test_support.hpp"

using namespace filmgen;
using namespace filmgen::test;
namespace fs = std::filesystem;

namespace {
double mean_abs_error(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
  REQUIRE(a.size() == b.size());
  double sum = 0;
  for (size_t i = 0; i < a.size(); ++i) sum += std::abs(int(a[i]) - int(b[i]));
  return sum / a.size();
}
}  // namespace

TEST_CASE("decode_frames returns the frames that were encoded", "[media][slow]") {
  TempDir dir("filmgen-decode");
  const media::VideoParams vp{854, 480, 24, "faster", 22};
  encode_synthetic(dir / "seg.mp4", vp, 30);
  auto frames = media::decode_frames(dir / "seg.mp4", {0, 7, 29, 7});
  REQUIRE(frames.size() == 4);
  const int expected[] = {0, 7, 29, 7};
  for (size_t i = 0; i < frames.size(); ++i) {
    CHECK(frames[i].index == expected[i]);
    CHECK(frames[i].width == 854);
    CHECK(frames[i].height == 480);
    const double own = mean_abs_error(frames[i].bgr, synthetic_frame(854, 480, expected[i]));
    const double other = mean_abs_error(frames[i].bgr, synthetic_frame(854, 480, expected[i] + 3));
    INFO("frame " << expected[i] << " MAE " << own << " vs neighbour " << other);
    CHECK(own < 6);
    CHECK(own < other);
  }
  CHECK(frames[1].bgr == frames[3].bgr);

  try {
    media::decode_frames(dir / "seg.mp4", {30});
    FAIL("frame 30 of 30 must be an error");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::kBadInput);
    CHECK_THAT(e.what(), Catch::Contains("30 frames"));
  }
}

TEST_CASE("decode_frames reads across concatenated segments", "[media][slow]") {
  TempDir dir("filmgen-decode");
  const media::VideoParams vp{320, 240, 24, "veryfast", 20};
  encode_synthetic(dir / "a.mp4", vp, 10);
  encode_synthetic(dir / "b.mp4", vp, 10, 10);
  media::concat_segments({dir / "a.mp4", dir / "b.mp4"}, dir / "film.mp4");
  auto frames = media::decode_frames(dir / "film.mp4", {9, 10, 19});
  REQUIRE(frames.size() == 3);
  CHECK(mean_abs_error(frames[0].bgr, synthetic_frame(320, 240, 9)) < 6);
  CHECK(mean_abs_error(frames[1].bgr, synthetic_frame(320, 240, 10)) < 6);
  CHECK(mean_abs_error(frames[2].bgr, synthetic_frame(320, 240, 19)) < 6);
}

TEST_CASE("probe_media reports streams, duration and chapters", "[media]") {
  TempDir dir("filmgen-decode");
  encode_synthetic(dir / "a.mp4", media::VideoParams{160, 96, 24, "ultrafast", 30}, 12);
  media::ConcatOptions o;
  o.chapters = {{"A", 0, 0.25}, {"B", 0.25, 1.0}};
  media::concat_segments({dir / "a.mp4", dir / "a.mp4"}, dir / "film.mp4", o);
  auto info = media::probe_media(dir / "film.mp4");
  CHECK(std::abs(info.duration_s - 1.0) < 1 / 24.0);
  CHECK(info.chapters == 2);
  REQUIRE_FALSE(info.streams.empty());
  CHECK(info.streams[0].type == "video");
  CHECK(info.streams[0].codec == "h264");
  CHECK(info.streams[0].width == 160);
  CHECK(info.streams[0].frames == 24);
  CHECK(info.streams[0].fps == Approx(24));
  CHECK_THROWS_AS(media::probe_media(dir / "missing.mp4"), Error);
}
