// Configuration: configs/defaults.json (compiled in), then the user's --config file, then
// command-line flags. Every user file is validated against the defaults' shape on load.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace filmgen {

struct TierSettings {
  std::string name;
  int width = 0;
  int height = 0;
  int fps = 24;
  std::string x264_preset;
  int crf = 23;
};

class Config {
 public:
  // The compiled-in defaults merged with the user file, if any. Throws Error{kBadInput}
  // naming the file and line of an unknown key, a wrong type or an invalid value.
  static Config load(const std::optional<std::filesystem::path>& user_file);

  const nlohmann::json& values() const { return values_; }
  // Value at a JSON pointer such as "/tiers/draft/width".
  const nlohmann::json& at(const std::string& pointer) const;
  void set(const std::string& pointer, nlohmann::json value);

  TierSettings tier(const std::string& name) const;  // throws kBadInput for an unknown tier
  std::vector<std::string> tier_names() const;
  // Where each value came from: "defaults" and the user file, for provenance.
  const std::vector<std::string>& sources() const { return sources_; }

 private:
  nlohmann::json values_;
  std::vector<std::string> sources_;
};

// Names and texts of the JSON files in configs/, compiled into the binary.
const std::vector<std::pair<std::string, std::string>>& embedded_configs();
const std::string& embedded_config(const std::string& name);

// Checks `user` against the shape of `schema` (same keys, same JSON types, recursively);
// errors name `file` and the line of the offending key in `text`.
void validate_config(const nlohmann::json& schema, const nlohmann::json& user,
                     const std::string& file, const std::string& text);

// 1-based line of a JSON key path (e.g. {"tiers","draft","crf"}) in the text, 0 if not found.
int line_of_key(const std::string& text, const std::vector<std::string>& path);

}  // namespace filmgen
