// Cast file: JSON overrides merged over the bibles. Every key must name an existing field and
// every value must have that field's type; errors name the file and line.
#include "cast_file.hpp"

#include <fstream>
#include <sstream>

#include "filmgen/bible_builder.hpp"
#include "filmgen/error.hpp"
#include "text_util.hpp"

namespace filmgen::bible {

using nlohmann::json;

std::string escape_pointer_token(const std::string& token) {
  std::string out;
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

namespace {

class PointerLines {
 public:
  explicit PointerLines(const std::string& text) : t_(text) {}
  std::map<std::string, int> run() {
    skip_ws();
    value("");
    return std::move(lines_);
  }

 private:
  void skip_ws() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\r' || t_[i_] == '\n')) {
      if (t_[i_] == '\n') ++line_;
      ++i_;
    }
  }
  std::string string_token() {
    std::string out;
    ++i_;  // opening quote
    while (i_ < t_.size() && t_[i_] != '"') {
      if (t_[i_] == '\\' && i_ + 1 < t_.size()) {
        const char e = t_[++i_];
        switch (e) {
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'r': out += '\r'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'u': {
            char32_t cp = static_cast<char32_t>(std::stoul(t_.substr(i_ + 1, 4), nullptr, 16));
            i_ += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && i_ + 6 < t_.size() && t_[i_ + 1] == '\\') {
              const char32_t lo = static_cast<char32_t>(std::stoul(t_.substr(i_ + 3, 4), nullptr, 16));
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              i_ += 6;
            }
            story::append_utf8(out, cp);
            break;
          }
          default: out += e;
        }
        ++i_;
        continue;
      }
      out += t_[i_++];
    }
    ++i_;  // closing quote
    return out;
  }
  void value(const std::string& path) {
    lines_[path] = line_;
    if (i_ >= t_.size()) return;
    if (t_[i_] == '{') {
      ++i_;
      skip_ws();
      while (i_ < t_.size() && t_[i_] != '}') {
        const int key_line = line_;
        const std::string key = string_token();
        skip_ws();
        ++i_;  // ':'
        skip_ws();
        const std::string child = path + "/" + escape_pointer_token(key);
        value(child);
        lines_[child] = key_line;
        skip_ws();
        if (i_ < t_.size() && t_[i_] == ',') ++i_;
        skip_ws();
      }
      ++i_;
    } else if (t_[i_] == '[') {
      ++i_;
      skip_ws();
      for (int n = 0; i_ < t_.size() && t_[i_] != ']'; ++n) {
        value(path + "/" + std::to_string(n));
        skip_ws();
        if (i_ < t_.size() && t_[i_] == ',') ++i_;
        skip_ws();
      }
      ++i_;
    } else if (t_[i_] == '"') {
      string_token();
    } else {
      while (i_ < t_.size() && t_[i_] != ',' && t_[i_] != '}' && t_[i_] != ']' && !story::is_space(t_[i_])) ++i_;
    }
  }

  const std::string& t_;
  std::size_t i_ = 0;
  int line_ = 1;
  std::map<std::string, int> lines_;
};

struct CastContext {
  std::string file;
  std::map<std::string, int> lines;
  int line(const std::string& pointer) const {
    auto it = lines.find(pointer);
    return it == lines.end() ? 0 : it->second;
  }
  [[noreturn]] void fail(const std::string& pointer, const std::string& what,
                         const std::string& expected) const {
    throw_input_error("bible", {file, line(pointer)}, what + " at " + (pointer.empty() ? "/" : pointer),
                      expected);
  }
};

const char* type_name(const json& v) {
  if (v.is_object()) return "an object";
  if (v.is_array()) return "an array";
  if (v.is_string()) return "a string";
  if (v.is_boolean()) return "true or false";
  if (v.is_number_float()) return "a number";
  if (v.is_number()) return "an integer";
  return "null";
}

std::string key_list(const json& obj) {
  std::string out;
  for (auto it = obj.begin(); it != obj.end(); ++it) out += (out.empty() ? "" : ", ") + it.key();
  return out;
}

// Free-form maps (any key): wardrobe.scenes.
bool is_free_map(const std::string& pointer) { return pointer.ends_with("/wardrobe/scenes"); }

void check_range(const CastContext& ctx, const std::string& pointer, const json& v) {
  auto range = [&](double lo, double hi, const char* what) {
    const double x = v.get<double>();
    if (x < lo || x > hi)
      ctx.fail(pointer, "value " + v.dump() + " is out of range",
               std::string(what) + " from " + json(lo).dump() + " to " + json(hi).dump());
  };
  if (pointer.ends_with("/voice/pitch") || pointer.ends_with("/voice/range")) range(0, 99, "an integer");
  else if (pointer.ends_with("/voice/rate_wpm")) range(80, 450, "words per minute");
  else if (pointer.ends_with("/kelvin")) range(1000, 20000, "kelvin");
  else if (pointer.ends_with("/contrast")) range(0, 1, "a number");
  else if (pointer.ends_with("/age_min") || pointer.ends_with("/age_max")) range(0, 120, "an age");
}

// Merges patch into target where target's shape is the schema.
void merge(const CastContext& ctx, json& target, const json& patch, const std::string& pointer) {
  if (target.is_object() && !is_free_map(pointer)) {
    if (!patch.is_object()) ctx.fail(pointer, std::string("found ") + type_name(patch), "an object");
    for (auto it = patch.begin(); it != patch.end(); ++it) {
      const std::string child = pointer + "/" + escape_pointer_token(it.key());
      if (it.key().starts_with("_")) continue;  // comments
      if (!target.contains(it.key()) || it.key() == "id" || it.key() == "name")
        ctx.fail(child, "unknown key '" + it.key() + "'", "one of: " + key_list(target));
      merge(ctx, target[it.key()], it.value(), child);
    }
    return;
  }
  if (is_free_map(pointer)) {
    if (!patch.is_object()) ctx.fail(pointer, std::string("found ") + type_name(patch), "an object of scene id -> outfit");
    for (auto it = patch.begin(); it != patch.end(); ++it) {
      if (!it.value().is_string())
        ctx.fail(pointer + "/" + escape_pointer_token(it.key()), std::string("found ") + type_name(it.value()), "a string");
      target[it.key()] = it.value();
    }
    return;
  }
  if (target.is_array()) {
    if (!patch.is_array()) ctx.fail(pointer, std::string("found ") + type_name(patch), "an array");
    // Arrays of objects (lighting): each element must fit the element schema.
    json element_schema;
    if (pointer.ends_with("/lighting")) element_schema = json(LightingSetup{});
    json out = json::array();
    for (std::size_t k = 0; k < patch.size(); ++k) {
      const std::string child = pointer + "/" + std::to_string(k);
      if (element_schema.is_object()) {
        json e = element_schema;
        merge(ctx, e, patch[k], child);
        out.push_back(e);
      } else {
        if (!patch[k].is_string()) ctx.fail(child, std::string("found ") + type_name(patch[k]), "a string");
        out.push_back(patch[k]);
      }
    }
    target = out;
    return;
  }
  const bool ok = (target.is_string() && patch.is_string()) ||
                  (target.is_boolean() && patch.is_boolean()) ||
                  (target.is_number_float() && patch.is_number()) ||
                  (target.is_number_integer() && patch.is_number_integer());
  if (!ok) {
    std::string expected = type_name(target);
    ctx.fail(pointer, std::string("found ") + type_name(patch), expected);
  }
  if (patch.is_number()) check_range(ctx, pointer, patch);
  target = patch;
}

template <typename Entry>
Entry* find_entry(std::vector<Entry>& entries, const std::string& key) {
  const std::string upper = story::to_upper(story::collapse_spaces(key));
  for (auto& e : entries) {
    if (e.id == key || e.name == upper) return &e;
    if constexpr (requires { e.aliases; }) {
      for (const auto& a : e.aliases)
        if (a == upper) return &e;
    }
  }
  return nullptr;
}

template <typename Entry>
void apply_section(const CastContext& ctx, std::vector<Entry>& entries, const json& section,
                   const std::string& pointer, const char* what) {
  if (!section.is_object())
    ctx.fail(pointer, std::string("found ") + type_name(section), std::string("an object of ") + what + " name -> fields");
  for (auto it = section.begin(); it != section.end(); ++it) {
    if (it.key().starts_with("_")) continue;
    const std::string child = pointer + "/" + escape_pointer_token(it.key());
    Entry* e = find_entry(entries, it.key());
    if (!e) {
      std::string names;
      for (const auto& x : entries) names += (names.empty() ? "" : ", ") + x.name;
      ctx.fail(child, std::string("unknown ") + what + " '" + it.key() + "'",
               "a name from the script (" + (names.empty() ? std::string("none") : names) + ")");
    }
    json current = *e;
    merge(ctx, current, it.value(), child);
    Entry updated = current.get<Entry>();
    if constexpr (requires { updated.appearance.defaults; }) {
      // Fields the cast sets are no longer defaults.
      if (it.value().contains("appearance") && it.value()["appearance"].is_object()) {
        auto& d = updated.appearance.defaults;
        for (auto f = it.value()["appearance"].begin(); f != it.value()["appearance"].end(); ++f)
          std::erase(d, f.key() == "age_min" || f.key() == "age_max" ? "age_range" : f.key());
      }
    }
    *e = std::move(updated);
  }
}

}  // namespace

std::map<std::string, int> json_pointer_lines(const std::string& text) { return PointerLines(text).run(); }

void apply_cast_text(Bibles& bibles, const std::string& text, const std::string& file_name) {
  CastContext ctx;
  ctx.file = file_name;
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    int line = 1;
    for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i)
      if (text[i] == '\n') ++line;
    std::string what = e.what();
    const std::size_t colon = what.find(": ", what.find("column"));
    if (colon != std::string::npos) what = what.substr(colon + 2);
    throw_input_error("bible", {file_name, line}, "invalid JSON: " + what, "a JSON cast file (docs/cast-file.md)");
  }
  ctx.lines = json_pointer_lines(text);
  if (!root.is_object())
    ctx.fail("", std::string("found ") + type_name(root), "an object with \"characters\" and/or \"locations\"");
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string child = "/" + escape_pointer_token(it.key());
    if (it.key().starts_with("_") || it.key() == "$schema") continue;
    if (it.key() == "characters") apply_section(ctx, bibles.characters, it.value(), child, "character");
    else if (it.key() == "locations") apply_section(ctx, bibles.locations, it.value(), child, "location");
    else ctx.fail(child, "unknown key '" + it.key() + "'", "\"characters\" or \"locations\"");
  }
}

void apply_cast_file(Bibles& bibles, const std::filesystem::path& cast_json) {
  const std::string name = cast_json.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(cast_json, ec))
    throw_input_error("bible", {name, 0}, "cast file not found", "a readable JSON file");
  std::ifstream in(cast_json, std::ios::binary);
  if (!in) throw_input_error("bible", {name, 0}, "cannot read cast file", "a readable JSON file");
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  apply_cast_text(bibles, text, name);
}

}  // namespace filmgen::bible
