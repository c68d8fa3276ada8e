#include "filmgen/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>

namespace filmgen::log {

namespace {
std::atomic<Level> g_level{Level::kInfo};

spdlog::logger& logger() {
  static std::shared_ptr<spdlog::logger> instance = [] {
    auto l = spdlog::stderr_color_st("filmgen");
    l->set_pattern("%^%l%$: %v");
    l->set_level(spdlog::level::trace);
    return l;
  }();
  return *instance;
}

spdlog::level::level_enum to_spdlog(Level level) {
  switch (level) {
    case Level::kDebug: return spdlog::level::debug;
    case Level::kInfo: return spdlog::level::info;
    case Level::kWarn: return spdlog::level::warn;
    case Level::kError: return spdlog::level::err;
    case Level::kOff: return spdlog::level::off;
  }
  return spdlog::level::info;
}
}  // namespace

void set_level(Level level) { g_level = level; }
Level level() { return g_level; }
bool enabled(Level l) { return l != Level::kOff && static_cast<int>(l) >= static_cast<int>(g_level.load()); }
void write(Level l, std::string_view message) { logger().log(to_spdlog(l), "{}", message); }

}  // namespace filmgen::log
