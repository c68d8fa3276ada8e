#include "cli_context.hpp"

namespace filmgen::cli {

std::filesystem::path CliContext::cache_root() const {
  return cache_dir.empty() ? default_cache_dir() : std::filesystem::path(cache_dir);
}

Config CliContext::load_config() const {
  return Config::load(config_file.empty() ? std::nullopt
                                          : std::optional<std::filesystem::path>(config_file));
}

}  // namespace filmgen::cli
