// The preview backend: a weight-free procedural animatic on the CPU (OpenCV drawing). The
// default backend, so `filmgen render` makes a real film on any machine.
#pragma once

#include <opencv2/core.hpp>

#include <memory>

#include "filmgen/backend.hpp"

namespace filmgen::render {

class TextRenderer;

class PreviewBackend : public Backend {
 public:
  PreviewBackend();
  ~PreviewBackend() override;

  std::string name() const override { return "preview"; }
  std::string fingerprint() const override;
  bool available(std::string* why) const override { return true; }
  ShotFacts render(const RenderJob& job, FrameSink& sink) override;

  // One frame of the shot (index counts from the job's first frame), for storyboards.
  cv::Mat render_still(const RenderJob& job, int frame_index, ShotFacts* facts = nullptr);

 private:
  std::unique_ptr<TextRenderer> text_;
};

}  // namespace filmgen::render
