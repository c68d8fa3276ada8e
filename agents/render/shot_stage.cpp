#include "shot_stage.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "filmgen/error.hpp"

namespace filmgen::render {

namespace {

// Encodes every frame on a second thread, so drawing the next frame overlaps encoding this
// one (x264's own threads leave room); keeps a copy of the middle frame. Frames reach the
// encoder in order, so the bytes are the same as encoding inline.
class EncodingSink : public FrameSink {
 public:
  EncodingSink(media::SegmentEncoder& encoder, int still_index)
      : encoder_(encoder), still_index_(still_index), worker_([this] { encode_loop(); }) {}
  ~EncodingSink() override { stop(); }

  void consume(const FrameView& f) override {
    cv::Mat frame = cv::Mat(f.height, f.width, CV_8UC3, const_cast<uint8_t*>(f.bgr), f.stride).clone();
    if (index_++ == still_index_) still_ = frame;
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return queue_.size() < kDepth || error_; });
    if (error_) std::rethrow_exception(error_);
    queue_.push_back(std::move(frame));
    ready_.notify_one();
  }

  // Waits for every frame to be encoded; rethrows an encoder error.
  void finish() {
    stop();
    if (error_) std::rethrow_exception(error_);
  }
  const cv::Mat& still() const { return still_; }

 private:
  static constexpr size_t kDepth = 4;

  void encode_loop() {
    for (;;) {
      cv::Mat frame;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return !queue_.empty() || done_; });
        if (queue_.empty()) return;
        frame = std::move(queue_.front());
        queue_.pop_front();
        space_.notify_one();
      }
      try {
        encoder_.add_frame(frame.data, frame.step);
      } catch (...) {
        std::lock_guard lock(mutex_);
        error_ = std::current_exception();
        queue_.clear();
        space_.notify_all();
        return;
      }
    }
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    ready_.notify_all();
    if (worker_.joinable()) worker_.join();
  }

  media::SegmentEncoder& encoder_;
  int still_index_;
  int index_ = 0;
  cv::Mat still_;
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<cv::Mat> queue_;
  bool done_ = false;
  std::exception_ptr error_;
  std::thread worker_;  // last: started after everything it uses
};

// Keeps every frame (the two halves of a dissolve are short).
class CollectingSink : public FrameSink {
 public:
  void consume(const FrameView& f) override {
    frames.push_back(cv::Mat(f.height, f.width, CV_8UC3, const_cast<uint8_t*>(f.bgr), f.stride).clone());
  }
  std::vector<cv::Mat> frames;
};

void write_still(const std::filesystem::path& path, const cv::Mat& still) {
  if (still.empty() || !cv::imwrite(path.string(), still, {cv::IMWRITE_PNG_COMPRESSION, 6}))
    throw Error(ErrorCode::kInternal, "render", "cannot write " + path.string());
}

void check_job(const RenderJob& job, const media::VideoParams& video) {
  if (job.frame_count <= 0)
    throw Error(ErrorCode::kInternal, "render", "shot " + job.shot.id + " has no frames to render");
  if (job.width != video.width || job.height != video.height || job.fps != video.fps)
    throw Error(ErrorCode::kInternal, "render", "shot " + job.shot.id + " does not match the encoder's size and rate");
}

}  // namespace

ShotClip render_shot(const RenderJob& job, Backend& backend, const media::VideoParams& video,
                     const std::filesystem::path& dir) {
  check_job(job, video);
  ShotClip clip;
  clip.shot_id = job.shot.id;
  clip.segment = "segment.mp4";
  clip.still = "still.png";
  media::SegmentEncoder encoder(dir / clip.segment, video);
  EncodingSink sink(encoder, job.frame_count / 2);
  clip.facts = backend.render(job, sink);
  sink.finish();
  encoder.finish();
  clip.frames = static_cast<int>(encoder.frames_written());
  write_still(dir / clip.still, sink.still());
  return clip;
}

ShotClip render_dissolve(const RenderJob& from, const RenderJob& to, Backend& backend,
                         const media::VideoParams& video, const std::filesystem::path& dir) {
  check_job(from, video);
  check_job(to, video);
  if (from.frame_count != to.frame_count)
    throw Error(ErrorCode::kInternal, "render", "a dissolve needs two halves of equal length");
  CollectingSink a, b;
  backend.render(from, a);
  ShotFacts facts = backend.render(to, b);
  ShotClip clip;
  clip.shot_id = from.shot.id + ">" + to.shot.id;
  clip.segment = "segment.mp4";
  clip.still = "still.png";
  media::SegmentEncoder encoder(dir / clip.segment, video);
  cv::Mat blend;
  const int n = from.frame_count;
  for (int i = 0; i < n; ++i) {
    const double k = (i + 0.5) / n;
    cv::addWeighted(a.frames[static_cast<size_t>(i)], 1.0 - k, b.frames[static_cast<size_t>(i)], k, 0, blend);
    encoder.add_frame(blend.data, blend.step);
    if (i == n / 2) write_still(dir / clip.still, blend);
  }
  encoder.finish();
  clip.frames = static_cast<int>(encoder.frames_written());
  clip.facts = facts;
  clip.facts.frames = clip.frames;
  return clip;
}

}  // namespace filmgen::render
