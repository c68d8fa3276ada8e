// Screenplay-level text helpers: canonical character names, scene-heading parts, loading.
#include <array>
#include <cctype>
#include <fstream>
#include <sstream>

#include "filmgen/error.hpp"
#include "filmgen/story.hpp"
#include "text_util.hpp"

namespace filmgen {

std::string Screenplay::title() const {
  for (const auto& t : title_page) {
    if (story::to_lower_ascii(t.key) != "title") continue;
    std::string out;
    for (char c : t.value) out += c == '\n' ? ' ' : c;
    return story::collapse_spaces(out);
  }
  return "";
}

}  // namespace filmgen

namespace filmgen::story {

std::string canonical_character_name(std::string_view cue) {
  std::string s;
  s.reserve(cue.size());
  int depth = 0;
  for (char c : cue) {
    if (c == '(') {
      ++depth;
      continue;
    }
    if (c == ')') {
      if (depth > 0) --depth;
      continue;
    }
    if (depth > 0 || c == '^' || c == '*' || c == '_' || c == '\\') continue;
    s += c;
  }
  std::string name = collapse_spaces(s);
  if (!name.empty() && name[0] == '@') name = collapse_spaces(std::string_view(name).substr(1));
  name = to_upper(name);
  for (std::string_view suffix : {" CONT'D", " CONT’D", " CONT.", " CONTD"}) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) name.resize(name.size() - suffix.size());
  }
  while (!name.empty() && (name.back() == ':' || name.back() == ' ')) name.pop_back();
  return name;
}

namespace {

struct TimeWord {
  std::string_view word;
  std::string_view normalised;
};
constexpr std::array<TimeWord, 22> kTimeWords = {{
    {"DAY", "day"},          {"DAYTIME", "day"},     {"NOON", "day"},
    {"MIDDAY", "day"},       {"NIGHT", "night"},     {"NIGHTTIME", "night"},
    {"MIDNIGHT", "night"},   {"MORNING", "morning"}, {"AFTERNOON", "afternoon"},
    {"EVENING", "evening"},  {"DUSK", "dusk"},       {"SUNSET", "dusk"},
    {"TWILIGHT", "dusk"},    {"DAWN", "dawn"},       {"SUNRISE", "dawn"},
    {"DAYBREAK", "dawn"},    {"CONTINUOUS", ""},     {"LATER", ""},
    {"SAME", ""},            {"SIMULTANEOUS", ""},   {"MOMENTS", ""},
    {"FLASHBACK", ""},
}};

// True when the tail names a time ("DAY", "MOMENTS LATER"); normalised is "" for continuity
// words (CONTINUOUS, LATER), which the planner resolves from the previous scene.
bool time_of(std::string_view tail, std::string& normalised) {
  std::string word;
  bool found = false;
  normalised.clear();
  for (std::size_t i = 0; i <= tail.size(); ++i) {
    const char c = i < tail.size() ? tail[i] : ' ';
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      continue;
    }
    for (const auto& tw : kTimeWords) {
      if (word != tw.word) continue;
      if (!found || (normalised.empty() && !tw.normalised.empty())) normalised = std::string(tw.normalised);
      found = true;
    }
    word.clear();
  }
  return found;
}

}  // namespace

HeadingParts parse_heading(std::string_view heading) {
  HeadingParts parts;
  std::string h = to_upper(collapse_spaces(heading));
  std::string_view rest = h;
  struct Prefix {
    std::string_view text;
    std::string_view setting;
  };
  static constexpr std::array<Prefix, 14> kPrefixes = {{
      {"INT./EXT.", "INT/EXT"}, {"INT./EXT", "INT/EXT"}, {"INT/EXT.", "INT/EXT"},
      {"INT/EXT", "INT/EXT"},   {"EXT./INT.", "INT/EXT"}, {"EXT/INT", "INT/EXT"},
      {"I./E.", "INT/EXT"},     {"I/E.", "INT/EXT"},      {"I/E", "INT/EXT"},
      {"INT.", "INT"},          {"INT", "INT"},           {"EXT.", "EXT"},
      {"EXT", "EXT"},           {"EST", "EXT"},
  }};
  for (const auto& p : kPrefixes) {
    if (!rest.starts_with(p.text)) continue;
    const std::string_view after = rest.substr(p.text.size());
    if (!after.empty() && after[0] != ' ' && after[0] != '.' && p.text.back() != '.') continue;
    parts.setting = std::string(p.setting);
    rest = after;
    while (!rest.empty() && (rest[0] == '.' || rest[0] == ' ')) rest.remove_prefix(1);
    break;
  }
  // Time of day: the part after the last dash, if it names a time.
  std::size_t dash = std::string_view::npos;
  for (std::string_view sep : {" - ", " -- ", " — ", " – "}) {
    const std::size_t p = rest.rfind(sep);
    if (p != std::string_view::npos && (dash == std::string_view::npos || p > dash)) dash = p;
  }
  std::string tod;
  if (dash != std::string_view::npos) {
    std::size_t tail_start = dash + 1;
    while (tail_start < rest.size() && (rest[tail_start] == '-' || rest[tail_start] == ' ' ||
                                        static_cast<unsigned char>(rest[tail_start]) >= 0x80))
      ++tail_start;
    const std::string_view tail = trim(rest.substr(tail_start));
    if (time_of(tail, tod)) {
      parts.time_label = std::string(tail);
      parts.time_of_day = tod;
      rest = rest.substr(0, dash);
    }
  } else {
    const std::size_t sp = rest.rfind(' ');
    if (sp != std::string_view::npos) {
      const std::string_view last = rest.substr(sp + 1);
      if (time_of(last, tod) && !tod.empty()) {
        parts.time_label = std::string(last);
        parts.time_of_day = tod;
        rest = rest.substr(0, sp);
      }
    }
  }
  std::string loc = collapse_spaces(rest);
  while (!loc.empty() && (loc.back() == '-' || loc.back() == '.' || loc.back() == ',' || loc.back() == ' '))
    loc.pop_back();
  parts.location = loc;
  return parts;
}

Screenplay parse_script(std::string_view text, const std::string& file_name) {
  const std::string ext = to_lower_ascii(std::filesystem::path(file_name).extension().string());
  if (ext == ".fountain" || ext == ".spmd" || ext == ".ftn") return parse_fountain(text, file_name);
  return looks_like_fountain(text) ? parse_fountain(text, file_name) : parse_prose(text, file_name);
}

Screenplay load_script(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw_input_error("story", {name, 0}, "script file not found", "a readable .fountain or .txt file");
  if (std::filesystem::is_directory(path, ec))
    throw_input_error("story", {name, 0}, "script path is a folder", "a .fountain or .txt file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_input_error("story", {name, 0}, "cannot read script file", "a readable file");
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  // Report the first line that is not UTF-8.
  int line = 1;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(text, i);
    if (cp == '\n') ++line;
    if (cp == 0xFFFD && !(i - start == 3 && text.compare(start, 3, "\xEF\xBF\xBD") == 0))
      throw_input_error("story", {name, line}, "the script is not valid UTF-8 text",
                        "UTF-8 (re-save the file as UTF-8)");
    if (cp == 0)
      throw_input_error("story", {name, line}, "the script contains a NUL byte (binary file?)",
                        "a plain-text screenplay");
  }
  if (trim(text).empty() ||
      (text.size() == 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0))
    throw_input_error("story", {name, 0}, "the script is empty", "a screenplay or prose text");
  return parse_script(text, path.filename().string());
}

}  // namespace filmgen::story
