// Fountain parser: blank-line separated blocks classified as the spec (and fountain-js, the
// reference implementation) do, with every element keeping its 1-based source line.
#include "fountain_parser.hpp"

#include <array>
#include <cctype>

#include "filmgen/story.hpp"
#include "inline_markup.hpp"
#include "text_util.hpp"

namespace filmgen::story {

SourceLines split_source(std::string_view raw) {
  if (raw.size() >= 3 && raw.compare(0, 3, "\xEF\xBB\xBF") == 0) raw.remove_prefix(3);
  std::string text = sanitize_utf8(raw);
  std::string norm;
  norm.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      norm += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      norm += text[i];
    }
  }

  SourceLines out;
  std::string cleaned;
  cleaned.reserve(norm.size());
  std::vector<int> touched;  // 0-based lines that held boneyard text
  int line = 0;
  bool boneyard_possible = true;
  for (std::size_t i = 0; i < norm.size();) {
    if (boneyard_possible && norm[i] == '/' && i + 1 < norm.size() && norm[i + 1] == '*') {
      const std::size_t close = norm.find("*/", i + 2);
      if (close == std::string::npos) {
        boneyard_possible = false;  // unclosed: literal, and so is every later "/*"
        continue;
      }
      out.boneyard.emplace_back(std::string(trim(std::string_view(norm).substr(i + 2, close - i - 2))),
                                line + 1);
      touched.push_back(line);
      for (std::size_t k = i; k < close; ++k) {
        if (norm[k] == '\n') {
          cleaned += '\n';
          touched.push_back(++line);
        }
      }
      i = close + 2;
      continue;
    }
    if (norm[i] == '\n') ++line;
    cleaned += norm[i++];
  }

  std::size_t start = 0;
  for (std::size_t i = 0; i <= cleaned.size(); ++i) {
    if (i == cleaned.size() || cleaned[i] == '\n') {
      out.lines.emplace_back(cleaned.substr(start, i - start));
      start = i + 1;
    }
  }
  if (!cleaned.empty() && cleaned.back() == '\n') out.lines.pop_back();
  out.removed.assign(out.lines.size(), false);
  for (int t : touched)
    if (t < static_cast<int>(out.lines.size()) && trim(out.lines[t]).empty()) out.removed[t] = true;
  return out;
}

namespace {

bool has_lowercase(std::string_view s) {
  for (std::size_t i = 0; i < s.size();)
    if (is_lower(next_code_point(s, i))) return true;
  return false;
}

bool has_letter(std::string_view s) {
  for (std::size_t i = 0; i < s.size();)
    if (is_letter(next_code_point(s, i))) return true;
  return false;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string_view trim_markers(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '*' || s.back() == '_' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

Cue parse_cue(std::string_view line) {
  Cue cue;
  std::string_view t = trim(line);
  if (t.empty() || t.starts_with("\\@")) return cue;
  if (std::string_view("!.>~=#").find(t[0]) != std::string_view::npos) return cue;
  cue.forced = t[0] == '@';
  if (cue.forced) t.remove_prefix(1);
  std::size_t name_end = 0;
  while (name_end < t.size() && t[name_end] != '(' && t[name_end] != '^') ++name_end;
  std::string_view name = t.substr(0, name_end);
  std::string_view rest = trim_right(t.substr(name_end));
  if (name.find(')') != std::string_view::npos || trim(name).empty()) return cue;
  if (!cue.forced) {
    if (has_lowercase(name) || !has_letter(name)) return cue;
    const std::string_view bare = trim_markers(name);
    if (ends_with(bare, "BLACK.") || ends_with(bare, "OUT.") || ends_with(bare, "TO:")) return cue;
  }
  if (!rest.empty() && rest.back() == '^') {
    cue.dual = true;
    rest.remove_suffix(1);
  }
  rest = trim_markers(rest);
  if (!rest.empty()) {
    if (rest.front() != '(' || rest.back() != ')') return cue;
    // "(V.O.) (CONT'D)" -> two extensions; anything else between the outer parens is one.
    std::size_t i = 0;
    while (i < rest.size()) {
      const std::size_t open = rest.find('(', i);
      if (open == std::string_view::npos) break;
      const std::size_t close = rest.find(')', open);
      if (close == std::string_view::npos) break;
      const std::string_view ext = trim(rest.substr(open + 1, close - open - 1));
      if (!ext.empty()) cue.extensions.emplace_back(ext);
      i = close + 1;
    }
  } else if (t.find('^', name_end) != std::string_view::npos && !cue.dual) {
    return cue;
  }
  cue.name = strip_emphasis(trim(name)).text;
  cue.name = std::string(trim(cue.name));
  cue.ok = !cue.name.empty();
  return cue;
}

namespace {

constexpr std::array<std::string_view, 12> kTitleKeys = {
    "title", "credit", "author", "authors", "source", "notes", "draft date", "draftdate",
    "date", "contact", "copyright", "revision"};

bool is_known_title_key(std::string_view key) {
  std::string k = to_lower_ascii(trim(key));
  if (k == "revisions") return true;
  for (auto known : kTitleKeys)
    if (k == known) return true;
  return false;
}

// "Key: value" at the start of a title-page line: returns the key length (to the colon) or 0.
std::size_t title_key_length(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (c == ':') break;
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ' ' || c == '\t'))
      return 0;
    ++i;
  }
  if (i == line.size() || trim(line.substr(0, i)).empty()) return 0;
  return i;
}

bool is_blank(const std::string& line) { return line != "  " && trim(line).empty(); }

bool is_indented(const std::string& line) {
  return line.starts_with("   ") || (!line.empty() && line[0] == '\t');
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& file_name) : src_(split_source(text)) {
    out_.source_file = file_name;
    out_.format = "fountain";
  }

  Screenplay run() {
    std::size_t i = parse_title_page();
    std::vector<std::size_t> block;
    for (; i <= src_.lines.size(); ++i) {
      if (i < src_.lines.size() && src_.removed[i]) continue;
      if (i == src_.lines.size() || is_blank(src_.lines[i])) {
        if (!block.empty()) classify(block);
        block.clear();
        continue;
      }
      block.push_back(i);
    }
    for (auto& [text, line] : src_.boneyard) out_.boneyard.push_back({text, line});
    return std::move(out_);
  }

 private:
  std::size_t parse_title_page() {
    const auto& lines = src_.lines;
    std::size_t i = 0;
    while (i < lines.size() && (src_.removed[i] || trim(lines[i]).empty())) ++i;
    if (i >= lines.size()) return i;
    {
      const std::string_view first = trim_left(lines[i]);
      const std::size_t klen = title_key_length(first);
      if (klen == 0 || !is_known_title_key(first.substr(0, klen))) return 0;
      const bool inline_value = !trim(first.substr(klen + 1)).empty();
      const bool next_value = i + 1 < lines.size() && is_indented(lines[i + 1]) &&
                              !trim(lines[i + 1]).empty();
      if (!inline_value && !next_value) return 0;
    }
    std::vector<TitleEntry> entries;
    std::vector<std::string> raw_values;
    while (i < lines.size()) {
      if (src_.removed[i]) {
        ++i;
        continue;
      }
      const std::string& line = lines[i];
      if (trim(line).empty()) break;
      const std::size_t klen = is_indented(line) && !entries.empty() ? 0 : title_key_length(trim_left(line));
      if (klen > 0) {
        const std::string_view l = trim_left(line);
        entries.push_back({std::string(trim(l.substr(0, klen))), "", static_cast<int>(i + 1)});
        raw_values.emplace_back(trim(l.substr(klen + 1)));
      } else if (!entries.empty() && is_indented(line)) {
        std::string& v = raw_values.back();
        if (!v.empty()) v += '\n';
        v += trim(line);
      } else {
        break;
      }
      ++i;
    }
    // A key with no value ends the title page before it (fountain-js does the same).
    for (std::size_t k = 0; k < entries.size(); ++k) {
      if (raw_values[k].empty()) {
        i = static_cast<std::size_t>(entries[k].line - 1);
        entries.resize(k);
        break;
      }
      std::vector<std::string> notes;
      entries[k].value = strip_emphasis(extract_notes(raw_values[k], notes)).text;
    }
    out_.title_page = std::move(entries);
    return i;
  }

  Element make(ElementKind kind, std::string_view raw, std::size_t line_index) {
    Element e;
    e.kind = kind;
    e.line = static_cast<int>(line_index + 1);
    StyledText st = strip_emphasis(extract_notes(raw, e.notes));
    e.text = std::move(st.text);
    e.emphasis = std::move(st.spans);
    return e;
  }

  void push(Element e) { out_.elements.push_back(std::move(e)); }

  void classify(const std::vector<std::size_t>& block) {
    const auto& lines = src_.lines;
    const std::string_view first = lines[block[0]];
    const std::string_view t = trim(first);
    const bool single = block.size() == 1;
    const bool was_dialogue = last_block_dialogue_;
    last_block_dialogue_ = false;

    if (single && scene_heading(t, block[0])) return;
    if (centered(block)) return;
    if (single && transition(t, block[0])) return;
    if (whole_note(block)) return;
    if (block.size() >= 2 && dialogue(block, was_dialogue)) return;
    if (single && !t.empty() && t[0] == '#') {
      std::size_t depth = 0;
      while (depth < t.size() && t[depth] == '#') ++depth;
      Element e = make(ElementKind::kSection, trim(t.substr(depth)), block[0]);
      e.depth = static_cast<int>(depth);
      push(std::move(e));
      return;
    }
    if (single && t.size() >= 1 && t[0] == '=' && (t.size() == 1 || t[1] != '=')) {
      push(make(ElementKind::kSynopsis, trim(t.substr(1)), block[0]));
      return;
    }
    if (single && t.size() >= 3 && t.find_first_not_of('=') == std::string_view::npos) {
      Element e;
      e.kind = ElementKind::kPageBreak;
      e.line = static_cast<int>(block[0] + 1);
      push(std::move(e));
      return;
    }
    if (lyrics_block(block)) return;
    action(block);
  }

  // A block that is one [[note]] and nothing else.
  bool whole_note(const std::vector<std::size_t>& block) {
    std::string joined;
    for (std::size_t k = 0; k < block.size(); ++k) {
      if (k) joined += '\n';
      const std::string& l = src_.lines[block[k]];
      if (l != "  ") joined += trim(l);
    }
    if (!joined.starts_with("[[") || !joined.ends_with("]]") || joined.find("]]") != joined.size() - 2)
      return false;
    Element e;
    e.kind = ElementKind::kNote;
    e.line = static_cast<int>(block[0] + 1);
    e.text = std::string(trim(std::string_view(joined).substr(2, joined.size() - 4)));
    push(std::move(e));
    return true;
  }

  bool scene_heading(std::string_view t, std::size_t index) {
    std::string_view heading;
    bool forced = false;
    if (t.size() >= 2 && t[0] == '.' && t[1] != '.' && !is_space(t[1])) {
      heading = t.substr(1);
      forced = true;
    } else {
      std::size_t p = 0;
      while (p < t.size() && p < 3 && t[p] == '*') ++p;
      if (p < t.size() && t[p] == '_') ++p;
      const std::string_view s = t.substr(p);
      std::size_t len = 0;
      for (std::string_view a : {"int", "i"}) {
        if (len || !starts_with_ci(s, a)) continue;
        std::size_t q = a.size();
        if (q < s.size() && s[q] == '.') ++q;
        if (q < s.size() && s[q] == '/') {
          ++q;
          for (std::string_view b : {"ext", "e"}) {
            if (starts_with_ci(s.substr(q), b) && q + b.size() + 1 < s.size() &&
                (s[q + b.size()] == '.' || s[q + b.size()] == ' ')) {
              len = q + b.size();
              break;
            }
          }
        }
      }
      if (!len) {
        for (std::string_view a : {"int", "ext", "est"}) {
          if (starts_with_ci(s, a) && a.size() + 1 < s.size() && (s[a.size()] == '.' || s[a.size()] == ' ')) {
            len = a.size();
            break;
          }
        }
      }
      if (!len) return false;
      heading = t;
    }
    std::string_view h = trim(heading);
    std::string number;
    if (h.size() >= 3 && h.back() == '#') {
      const std::size_t open = h.rfind('#', h.size() - 2);
      if (open != std::string_view::npos && open + 1 < h.size() - 1) {
        const std::string_view n = h.substr(open + 1, h.size() - open - 2);
        bool ok = true;
        for (char c : n)
          ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_');
        if (ok) {
          number = std::string(n);
          h = trim(h.substr(0, open));
        }
      }
    }
    Element e = make(ElementKind::kSceneHeading, h, index);
    e.forced = forced;
    e.scene_number = std::move(number);
    push(std::move(e));
    return true;
  }

  bool centered(const std::vector<std::size_t>& block) {
    std::string raw;
    for (std::size_t k = 0; k < block.size(); ++k) {
      const std::string_view t = trim(src_.lines[block[k]]);
      if (t.size() < 3 || t.front() != '>' || t.back() != '<') return false;
      if (k) raw += '\n';
      raw += trim(t.substr(1, t.size() - 2));
    }
    Element e = make(ElementKind::kCentered, raw, block[0]);
    e.forced = true;
    push(std::move(e));
    return true;
  }

  bool transition(std::string_view t, std::size_t index) {
    if (t[0] == '>') {
      const std::string_view rest = trim(t.substr(1));
      if (rest.empty()) return false;
      Element e = make(ElementKind::kTransition, rest, index);
      e.forced = true;
      push(std::move(e));
      return true;
    }
    const bool fixed = t == "FADE TO BLACK." || t == "FADE OUT." || t == "CUT TO BLACK.";
    if (!fixed && !(t.size() > 4 && ends_with(t, " TO:") && !has_lowercase(t))) return false;
    push(make(ElementKind::kTransition, t, index));
    return true;
  }

  static bool is_parenthetical(std::string_view s) {
    while (s.size() >= 2 && (s.front() == '*' || s.front() == '_') && (s.back() == '*' || s.back() == '_')) {
      s.remove_prefix(1);
      s.remove_suffix(1);
    }
    return s.size() >= 3 && s.front() == '(' && s.back() == ')';
  }

  bool dialogue(const std::vector<std::size_t>& block, bool previous_was_dialogue) {
    const Cue cue = parse_cue(src_.lines[block[0]]);
    if (!cue.ok) return false;
    const std::size_t begin = out_.elements.size();
    DualSide side = DualSide::kNone;
    // Only two blocks side by side: a ^ after a block that is already paired stays single.
    if (cue.dual && previous_was_dialogue && out_.elements[last_dialogue_begin_].dual == DualSide::kNone) {
      side = DualSide::kRight;
      for (std::size_t k = last_dialogue_begin_; k < begin; ++k) out_.elements[k].dual = DualSide::kLeft;
    }
    Element c;
    c.kind = ElementKind::kCharacter;
    c.line = static_cast<int>(block[0] + 1);
    c.name = cue.name;
    c.extensions = cue.extensions;
    c.forced = cue.forced;
    c.dual = side;
    c.text = cue.name;
    for (const auto& x : cue.extensions) c.text += " (" + x + ")";
    push(std::move(c));

    std::string pending;  // dialogue or lyrics lines collected for one element
    std::size_t pending_line = 0;
    ElementKind pending_kind = ElementKind::kDialogue;
    auto flush = [&] {
      if (pending_line == 0) return;
      Element e = make(pending_kind, pending, pending_line - 1);
      e.dual = side;
      push(std::move(e));
      pending.clear();
      pending_line = 0;
    };
    for (std::size_t k = 1; k < block.size(); ++k) {
      const std::string& raw = src_.lines[block[k]];
      const std::string_view text = raw == "  " ? std::string_view() : trim(raw);
      if (!text.empty() && is_parenthetical(text)) {
        flush();
        Element e = make(ElementKind::kParenthetical, text, block[k]);
        e.dual = side;
        push(std::move(e));
        continue;
      }
      const bool lyric = text.size() >= 2 && text[0] == '~';
      const ElementKind kind = lyric ? ElementKind::kLyrics : ElementKind::kDialogue;
      if (pending_line != 0 && pending_kind != kind) flush();
      if (pending_line == 0) {
        pending_kind = kind;
        pending_line = block[k] + 1;
      } else {
        pending += '\n';
      }
      pending += lyric ? trim_left(text.substr(1)) : text;
    }
    flush();
    last_dialogue_begin_ = begin;
    last_block_dialogue_ = true;
    return true;
  }

  bool lyrics_block(const std::vector<std::size_t>& block) {
    std::string raw;
    for (std::size_t k = 0; k < block.size(); ++k) {
      const std::string_view t = trim(src_.lines[block[k]]);
      if (t.size() < 2 || t[0] != '~') return false;
      if (k) raw += '\n';
      raw += trim_left(t.substr(1));
    }
    push(make(ElementKind::kLyrics, raw, block[0]));
    return true;
  }

  void action(const std::vector<std::size_t>& block) {
    std::string raw;
    bool forced = false;
    for (std::size_t k = 0; k < block.size(); ++k) {
      std::string_view l = src_.lines[block[k]];
      if (l == "  ") l = {};
      l = trim_right(l);
      std::string line;
      std::size_t p = 0;
      while (p < l.size() && (l[p] == ' ' || l[p] == '\t')) {
        line += l[p] == '\t' ? std::string(4, ' ') : std::string(1, ' ');
        ++p;
      }
      if (k == 0 && p < l.size() && l[p] == '!') {
        forced = true;
        ++p;
      }
      line += l.substr(p);
      if (k) raw += '\n';
      raw += line;
    }
    Element e = make(ElementKind::kAction, raw, block[0]);
    e.forced = forced;
    push(std::move(e));
  }

  SourceLines src_;
  Screenplay out_;
  bool last_block_dialogue_ = false;
  std::size_t last_dialogue_begin_ = 0;
};

}  // namespace

Screenplay parse_fountain(std::string_view text, const std::string& file_name) {
  return Parser(text, file_name).run();
}

bool looks_like_fountain(std::string_view text) {
  const Screenplay s = parse_fountain(text, "");
  if (!s.title_page.empty()) return true;
  int cues = 0;
  std::vector<std::string> names;
  for (const auto& e : s.elements) {
    switch (e.kind) {
      case ElementKind::kSceneHeading:
        if (!e.forced) return true;
        break;
      case ElementKind::kTransition:
        if (!e.forced) return true;
        break;
      case ElementKind::kParenthetical:
        return true;
      case ElementKind::kCharacter: {
        const std::string n = canonical_character_name(e.name);
        for (const auto& seen : names)
          if (seen == n) return true;
        if (names.size() < 64) names.push_back(n);
        ++cues;
        break;
      }
      default:
        break;
    }
  }
  return false;
}

}  // namespace filmgen::story
