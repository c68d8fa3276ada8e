#include "filmgen/config.hpp"

#include <algorithm>
#include <set>

#include "filmgen/cache.hpp"
#include "filmgen/error.hpp"
#include "filmgen/fs_util.hpp"

using nlohmann::json;

namespace filmgen {

namespace {

constexpr const char* kStage = "config";
// Objects whose keys are user-chosen names; each value has the shape of the named template.
const std::vector<std::pair<std::string, std::string>> kOpenMaps = {{"/tiers", "standard"}};
const std::set<std::string> kX264Presets = {"ultrafast", "superfast", "veryfast", "faster", "fast",
                                            "medium",    "slow",      "slower",   "veryslow"};

int line_at_offset(const std::string& text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

std::string type_name(const json& v) {
  if (v.is_number_integer()) return "an integer";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_boolean()) return "true or false";
  if (v.is_object()) return "an object";
  if (v.is_array()) return "an array";
  return "null";
}

bool same_type(const json& schema, const json& value) {
  if (schema.is_number_float()) return value.is_number();
  if (schema.is_number_integer()) return value.is_number_integer();
  return schema.type() == value.type();
}

std::string pointer_of(const std::vector<std::string>& path) {
  std::string p;
  for (const auto& k : path) p += "/" + k;
  return p;
}

void validate_node(const json& schema, const json& user, const std::string& file,
                   const std::string& text, std::vector<std::string>& path) {
  auto fail = [&](const std::string& what, const std::string& expected) {
    throw_input_error(kStage, {file, line_of_key(text, path)}, what, expected);
  };
  if (!same_type(schema, user)) {
    std::string where = path.empty() ? "the file" : "'" + pointer_of(path).substr(1) + "'";
    fail(where + " is " + type_name(user), type_name(schema));
  }
  if (!schema.is_object()) return;
  const std::string here = pointer_of(path);
  auto open = std::find_if(kOpenMaps.begin(), kOpenMaps.end(),
                           [&](const auto& m) { return m.first == here; });
  for (auto it = user.begin(); it != user.end(); ++it) {
    path.push_back(it.key());
    if (open != kOpenMaps.end()) {
      const json& tmpl = schema.contains(it.key()) ? schema[it.key()] : schema[open->second];
      validate_node(tmpl, it.value(), file, text, path);
    } else if (!schema.contains(it.key())) {
      std::string known;
      for (auto k = schema.begin(); k != schema.end(); ++k) known += (known.empty() ? "" : ", ") + k.key();
      fail("unknown key '" + here.substr(here.empty() ? 0 : 1) + (here.empty() ? "" : "/") + it.key() + "'",
           "one of: " + known);
    } else {
      validate_node(schema[it.key()], it.value(), file, text, path);
    }
    path.pop_back();
  }
}

// Checks of values, beyond their types, on the merged configuration.
void validate_values(const json& values, const std::string& file, const std::string& text) {
  auto fail = [&](const std::vector<std::string>& path, const std::string& what,
                  const std::string& expected) {
    throw_input_error(kStage, {file, line_of_key(text, path)}, what, expected);
  };
  const json& tiers = values["tiers"];
  std::string tier = values["tier"];
  if (!tiers.contains(tier)) {
    std::string names;
    for (auto it = tiers.begin(); it != tiers.end(); ++it) names += (names.empty() ? "" : ", ") + it.key();
    fail({"tier"}, "unknown tier '" + tier + "'", "one of: " + names);
  }
  if (values["seed"].get<int64_t>() < 0) fail({"seed"}, "seed is negative", "an integer >= 0");
  for (auto it = tiers.begin(); it != tiers.end(); ++it) {
    const json& t = it.value();
    auto check = [&](const char* key, bool ok, const std::string& expected) {
      if (!ok) fail({"tiers", it.key(), key}, "invalid " + std::string(key) + " in tier '" + it.key() + "'", expected);
    };
    int w = t["width"], h = t["height"], fps = t["fps"], crf = t["crf"];
    check("width", w >= 16 && w <= 7680 && w % 2 == 0, "an even width from 16 to 7680");
    check("height", h >= 16 && h <= 4320 && h % 2 == 0, "an even height from 16 to 4320");
    check("fps", fps >= 1 && fps <= 120, "frames per second from 1 to 120");
    check("crf", crf >= 0 && crf <= 51, "a CRF from 0 to 51");
    check("x264_preset", kX264Presets.count(t["x264_preset"].get<std::string>()) > 0,
          "an x264 preset (ultrafast ... veryslow)");
  }
  if (!parse_size(values["cache"]["max_size"].get<std::string>()))
    fail({"cache", "max_size"}, "invalid cache max_size", "a size such as 500M or 20G");
}

}  // namespace

int line_of_key(const std::string& text, const std::vector<std::string>& path) {
  size_t pos = 0;
  int line = 0;
  for (const auto& key : path) {
    const std::string quoted = "\"" + key + "\"";
    size_t found = pos;
    while (true) {
      found = text.find(quoted, found);
      if (found == std::string::npos) return line;
      size_t after = text.find_first_not_of(" \t\r\n", found + quoted.size());
      if (after != std::string::npos && text[after] == ':') break;
      found += quoted.size();
    }
    line = line_at_offset(text, found);
    pos = found + quoted.size();
  }
  return line;
}

void validate_config(const json& schema, const json& user, const std::string& file,
                     const std::string& text) {
  std::vector<std::string> path;
  validate_node(schema, user, file, text, path);
}

Config Config::load(const std::optional<std::filesystem::path>& user_file) {
  Config config;
  config.values_ = json::parse(embedded_config("defaults.json"));
  config.sources_.push_back("defaults");
  if (!user_file) {
    validate_values(config.values_, "defaults.json", embedded_config("defaults.json"));
    return config;
  }
  const std::string file = user_file->string();
  std::string text = read_input_file(*user_file, kStage);
  json user;
  try {
    user = json::parse(text);
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    auto colon = what.rfind(": ");
    throw_input_error(kStage, {file, line_at_offset(text, e.byte > 0 ? e.byte - 1 : 0)},
                      "not valid JSON (" + (colon == std::string::npos ? what : what.substr(colon + 2)) + ")",
                      "a JSON object like configs/defaults.json");
  }
  validate_config(config.values_, user, file, text);
  config.values_.merge_patch(user);
  validate_values(config.values_, file, text);
  config.sources_.push_back(file);
  return config;
}

const json& Config::at(const std::string& pointer) const {
  return values_.at(json::json_pointer(pointer));
}

void Config::set(const std::string& pointer, json value) {
  values_[json::json_pointer(pointer)] = std::move(value);
}

std::vector<std::string> Config::tier_names() const {
  std::vector<std::string> names;
  for (auto it = values_["tiers"].begin(); it != values_["tiers"].end(); ++it) names.push_back(it.key());
  return names;
}

TierSettings Config::tier(const std::string& name) const {
  const json& tiers = values_.at("tiers");
  if (!tiers.contains(name)) {
    std::string names;
    for (const auto& n : tier_names()) names += (names.empty() ? "" : ", ") + n;
    throw Error(ErrorCode::kBadInput, kStage, "unknown tier '" + name + "'; expected one of: " + names);
  }
  const json& t = tiers[name];
  return {name, t["width"], t["height"], t["fps"], t["x264_preset"], t["crf"]};
}

const std::string& embedded_config(const std::string& name) {
  for (const auto& [n, text] : embedded_configs())
    if (n == name) return text;
  throw Error(ErrorCode::kInternal, kStage, "no embedded config named " + name);
}

}  // namespace filmgen
