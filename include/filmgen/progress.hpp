// Progress of a run: a live line (stage, item, percentage, ETA) on a terminal, plain log
// lines otherwise, nothing with --quiet.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace filmgen {

class Progress {
 public:
  enum class Mode { kTerminal, kPlain, kQuiet };
  // kTerminal when stderr is a terminal, kPlain otherwise, kQuiet when quiet.
  static Mode detect(bool quiet);

  explicit Progress(Mode mode, std::FILE* out = stderr);
  ~Progress();

  void begin_stage(const std::string& stage, size_t total_items);
  // One item (a shot, a line) of the current stage is done.
  void item_done(const std::string& item, bool cached);
  void end_stage();
  Mode mode() const { return mode_; }

 private:
  void draw(const std::string& item);
  Mode mode_;
  std::FILE* out_;
  std::string stage_;
  size_t total_ = 0;
  size_t done_ = 0;
  std::chrono::steady_clock::time_point started_;
  bool line_open_ = false;
};

// "[render] S03.02  45% (9/20)  ETA 0:12"; ETA is omitted until one item is done.
std::string format_progress(const std::string& stage, const std::string& item, size_t done,
                            size_t total, double elapsed_s);

}  // namespace filmgen
