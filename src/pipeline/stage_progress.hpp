// A stage's progress for the pipeline: begun on construction, ended on destruction.
#pragma once

#include <string>

#include "filmgen/progress.hpp"

namespace filmgen::pipeline {

class StageProgress {
 public:
  StageProgress(Progress* progress, const std::string& stage, size_t items) : progress_(progress) {
    if (progress_) progress_->begin_stage(stage, items);
  }
  ~StageProgress() {
    if (progress_) progress_->end_stage();
  }
  StageProgress(const StageProgress&) = delete;
  StageProgress& operator=(const StageProgress&) = delete;
  void done(const std::string& item, bool cached) {
    if (progress_) progress_->item_done(item, cached);
  }

 private:
  Progress* progress_;
};

}  // namespace filmgen::pipeline
