#include "filmgen/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include "filmgen/log.hpp"

namespace filmgen {

Progress::Mode Progress::detect(bool quiet) {
  if (quiet) return Mode::kQuiet;
  return ::isatty(STDERR_FILENO) ? Mode::kTerminal : Mode::kPlain;
}

Progress::Progress(Mode mode, std::FILE* out) : mode_(mode), out_(out) {}

Progress::~Progress() {
  if (line_open_) std::fputc('\n', out_);
}

std::string format_progress(const std::string& stage, const std::string& item, size_t done,
                            size_t total, double elapsed_s) {
  std::string line = fmt::format("[{}]", stage);
  if (!item.empty()) line += " " + item;
  if (total > 0) {
    int percent = static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total));
    line += fmt::format("  {:3d}% ({}/{})", percent, done, total);
    if (done > 0 && done < total) {
      auto eta = static_cast<long>(elapsed_s / static_cast<double>(done) *
                                   static_cast<double>(total - done) + 0.5);
      line += fmt::format("  ETA {}:{:02d}", eta / 60, eta % 60);
    }
  }
  return line;
}

void Progress::begin_stage(const std::string& stage, size_t total_items) {
  stage_ = stage;
  total_ = total_items;
  done_ = 0;
  started_ = std::chrono::steady_clock::now();
  if (mode_ == Mode::kTerminal) draw("");
}

void Progress::item_done(const std::string& item, bool cached) {
  ++done_;
  if (mode_ == Mode::kTerminal) {
    draw(item);
  } else if (mode_ == Mode::kPlain) {
    double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    log::info("{}{}", format_progress(stage_, item, done_, total_, elapsed), cached ? " (cached)" : "");
  }
}

void Progress::end_stage() {
  if (mode_ == Mode::kTerminal && line_open_) {
    std::fputc('\n', out_);
    std::fflush(out_);
    line_open_ = false;
  }
}

void Progress::draw(const std::string& item) {
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  std::fprintf(out_, "\r\033[K%s", format_progress(stage_, item, done_, total_, elapsed).c_str());
  std::fflush(out_);
  line_open_ = true;
}

}  // namespace filmgen
