// State shared by the subcommands: the global options and what they resolve to.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <optional>
#include <string>

#include "filmgen/cache.hpp"
#include "filmgen/config.hpp"
#include "filmgen/progress.hpp"

namespace filmgen::cli {

struct CliContext {
  int verbosity = 0;  // -v count
  bool quiet = false;
  std::string cache_dir;    // --cache-dir; empty: default_cache_dir()
  std::string config_file;  // --config
  int exit_code = 0;        // set by a subcommand's callback

  std::filesystem::path cache_root() const;
  Config load_config() const;
  Progress::Mode progress_mode() const { return Progress::detect(quiet); }
};

// One per subcommand, each in its own file.
void set_render_command(CLI::App& app, CliContext& ctx);
void set_plan_command(CLI::App& app, CliContext& ctx);
void set_doctor_command(CLI::App& app, CliContext& ctx);
void set_cache_command(CLI::App& app, CliContext& ctx);
void set_storyboard_command(CLI::App& app, CliContext& ctx);

}  // namespace filmgen::cli
