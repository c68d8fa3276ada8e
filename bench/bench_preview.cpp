// Preview backend speed: drawing alone, x264 encoding alone and both together at each tier,
// on the shots of examples/night_shift.fountain. Drawing must be at least 3x faster than the
// encode at the same tier (so it is never the bottleneck).
#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include <opencv2/core.hpp>

#include "filmgen/bible_builder.hpp"
#include "filmgen/config.hpp"
#include "filmgen/media.hpp"
#include "filmgen/story.hpp"
#include "job_builder.hpp"
#include "preview_backend.hpp"

namespace fs = std::filesystem;

namespace {
double since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

class KeepSink : public filmgen::FrameSink {
 public:
  explicit KeepSink(bool keep) : keep_(keep) {}
  void consume(const filmgen::FrameView& f) override {
    if (keep_) frames.push_back(cv::Mat(f.height, f.width, CV_8UC3, const_cast<uint8_t*>(f.bgr), f.stride).clone());
    ++count;
  }
  std::vector<cv::Mat> frames;
  int count = 0;

 private:
  bool keep_;
};

class EncodeSink : public filmgen::FrameSink {
 public:
  explicit EncodeSink(filmgen::media::SegmentEncoder& e) : encoder_(e) {}
  void consume(const filmgen::FrameView& f) override { encoder_.add_frame(f.bgr, f.stride); }

 private:
  filmgen::media::SegmentEncoder& encoder_;
};
}  // namespace

int main(int argc, char** argv) {
  const int frames_wanted = argc > 1 ? std::atoi(argv[1]) : 240;
  auto screenplay = filmgen::story::load_script(fs::path(FILMGEN_SOURCE_DIR) / "examples/night_shift.fountain");
  auto plan = filmgen::story::plan_film(screenplay);
  filmgen::bible::attach_bibles(plan, screenplay);
  auto config = filmgen::Config::load(std::nullopt);
  const fs::path tmp = fs::temp_directory_path() / fmt::format("filmgen-bench-preview-{}", ::getpid());
  fs::create_directories(tmp);

  fmt::print("{} frames per tier from the shots of examples/night_shift.fountain\n", frames_wanted);
  fmt::print("{:<9} {:>10} {:>10} {:>12} {:>12} {:>10}\n", "tier", "draw fps", "x264 fps", "both fps", "draw/x264", "size");
  for (const char* tier_name : {"draft", "standard", "final"}) {
    auto tier = config.tier(tier_name);
    filmgen::router::JobOptions o;
    o.width = tier.width;
    o.height = tier.height;
    o.fps = tier.fps;
    auto cut = filmgen::router::build_cut(plan, o);
    // Jobs trimmed so the frames come from many different shots.
    std::vector<filmgen::RenderJob> jobs;
    int total = 0;
    for (size_t i = 0; total < frames_wanted; i = (i + 1) % cut.size()) {
      auto job = cut[i].job;
      job.frame_count = std::min({job.frame_count, 24, frames_wanted - total});
      total += job.frame_count;
      jobs.push_back(job);
    }
    filmgen::render::PreviewBackend backend;
    filmgen::media::VideoParams video{tier.width, tier.height, tier.fps, tier.x264_preset, tier.crf};
    video.x264_tune = "animation";

    KeepSink kept(true);
    for (const auto& job : jobs) backend.render(job, kept);  // warm-up, and the frames for x264 alone
    KeepSink discard(false);
    auto t0 = std::chrono::steady_clock::now();
    for (const auto& job : jobs) backend.render(job, discard);
    const double draw_s = since(t0);

    t0 = std::chrono::steady_clock::now();
    {
      filmgen::media::SegmentEncoder encoder(tmp / "x264.mp4", video);
      for (const auto& f : kept.frames) encoder.add_frame(f.data, f.step);
      encoder.finish();
    }
    const double encode_s = since(t0);

    t0 = std::chrono::steady_clock::now();
    {
      filmgen::media::SegmentEncoder encoder(tmp / "both.mp4", video);
      EncodeSink sink(encoder);
      for (const auto& job : jobs) backend.render(job, sink);
      encoder.finish();
    }
    const double both_s = since(t0);
    fmt::print("{:<9} {:>10.1f} {:>10.1f} {:>12.1f} {:>12.2f} {:>10}\n", tier_name, total / draw_s, total / encode_s, total / both_s,
               encode_s / draw_s, fmt::format("{}x{}", tier.width, tier.height));
  }
  fs::remove_all(tmp);
  return 0;
}
