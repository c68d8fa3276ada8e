// Prose fallback: chapter headings and paragraph groups become scenes (with a synthesised
// Fountain heading), quoted speech becomes dialogue for its named speaker or NARRATOR.
#include "prose_splitter.hpp"

#include <array>
#include <cctype>

#include "filmgen/story.hpp"
#include "fountain_parser.hpp"
#include "inline_markup.hpp"
#include "text_util.hpp"

namespace filmgen::story {

namespace {

constexpr int kMaxParagraphsPerScene = 6;

struct Paragraph {
  std::string text;  // lines joined with '\n'
  int line = 0;      // 1-based first line
  int lines = 0;
};

struct Place {
  std::string_view word;
  bool interior;
};
constexpr std::array<Place, 52> kPlaces = {{
    {"lamp room", true},  {"kitchen", true},     {"bedroom", true},    {"living room", true},
    {"hallway", true},    {"corridor", true},    {"office", true},     {"cottage", true},
    {"cabin", true},      {"church", true},      {"tavern", true},     {"bar", true},
    {"cafe", true},       {"café", true},        {"shop", true},       {"library", true},
    {"attic", true},      {"cellar", true},      {"basement", true},   {"stairwell", true},
    {"apartment", true},  {"flat", true},        {"hospital", true},   {"classroom", true},
    {"station", true},    {"warehouse", true},   {"garage", true},     {"studio", true},
    {"house", true},      {"room", true},        {"hall", true},       {"lighthouse", false},
    {"beach", false},     {"shore", false},      {"harbour", false},   {"harbor", false},
    {"street", false},    {"road", false},       {"forest", false},    {"woods", false},
    {"field", false},     {"garden", false},     {"cliffs", false},    {"cliff", false},
    {"dock", false},      {"pier", false},       {"village", false},   {"mountain", false},
    {"river", false},     {"lake", false},       {"rooftop", false},   {"island", false},
}};

constexpr std::array<std::string_view, 28> kSpeechVerbs = {
    "said",      "says",     "asked",     "asks",     "replied",   "replies",  "whispered",
    "whispers",  "shouted",  "shouts",    "called",   "calls",     "cried",    "cries",
    "answered",  "answers",  "muttered",  "murmured", "yelled",    "screamed", "added",
    "continued", "insisted", "told",      "snapped",  "laughed",   "sighed",   "breathed"};

constexpr std::array<std::string_view, 30> kNotNames = {
    "The", "A",   "An",   "He",  "She",  "They", "It",   "I",    "We",     "You",
    "His", "Her", "Their", "But", "And", "Then", "When", "Now",  "There",  "This",
    "That", "Someone", "Everyone", "Nobody", "One", "Mr", "Mrs", "Ms", "Dr", "Old"};

bool is_speech_verb(std::string_view w) {
  const std::string l = to_lower_ascii(w);
  for (auto v : kSpeechVerbs)
    if (l == v) return true;
  return false;
}

bool is_pronoun(std::string_view w) {
  const std::string l = to_lower_ascii(w);
  return l == "he" || l == "she" || l == "they" || l == "i" || l == "we" || l == "you";
}

bool is_name_word(std::string_view w) {
  if (w.empty()) return false;
  std::size_t i = 0;
  const char32_t cp = next_code_point(w, i);
  if (!is_upper(cp)) return false;
  for (auto n : kNotNames)
    if (w == n) return false;
  return true;
}

// Words of a fragment with their byte offsets, punctuation stripped from the edges.
struct Word {
  std::string_view text;
  std::size_t begin;
  std::size_t end;
};
std::vector<Word> split_words(std::string_view s) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    std::size_t j = i;
    while (j < s.size() && !is_space(s[j])) ++j;
    std::size_t b = i, e = j;
    auto punct = [](char c) {
      return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' ||
             c == '(' || c == ')' || c == '\'';
    };
    while (b < e && punct(s[b])) ++b;
    while (e > b && punct(s[e - 1])) --e;
    if (e > b) words.push_back({s.substr(b, e - b), b, e});
    i = j;
  }
  return words;
}

// Finds "said Mara" / "Mara said" at the start of after, or "Mara said:" at the end of before.
// Returns the name ("" if none, "-" for a pronoun) and the byte range consumed.
struct Attribution {
  std::string name;
  std::size_t begin = 0, end = 0;
  bool found = false;
};

Attribution attribution_after(std::string_view after) {
  Attribution a;
  // Only the start matters; cut on a UTF-8 boundary so a name is never split mid-character.
  std::size_t cut = std::min<std::size_t>(after.size(), 80);
  while (cut > 0 && cut < after.size() && (static_cast<unsigned char>(after[cut]) & 0xC0) == 0x80) --cut;
  const auto w = split_words(after.substr(0, cut));
  if (w.size() >= 2 && w[0].begin <= 3) {
    std::size_t name_end = 0;
    std::string name;
    if (is_speech_verb(w[0].text) && is_name_word(w[1].text)) {
      name = std::string(w[1].text);
      name_end = w[1].end;
      if (w.size() >= 3 && is_name_word(w[2].text) && w[2].begin == w[1].end + 1) {
        name += " " + std::string(w[2].text);
        name_end = w[2].end;
      }
    } else if (is_speech_verb(w[1].text) && (is_name_word(w[0].text) || is_pronoun(w[0].text))) {
      name = is_pronoun(w[0].text) ? "-" : std::string(w[0].text);
      name_end = w[1].end;
    } else if (w.size() >= 3 && is_name_word(w[0].text) && is_name_word(w[1].text) &&
               is_speech_verb(w[2].text)) {
      name = std::string(w[0].text) + " " + std::string(w[1].text);
      name_end = w[2].end;
    } else if (is_speech_verb(w[0].text) && is_pronoun(w[1].text)) {
      name = "-";
      name_end = w[1].end;
    }
    if (!name.empty()) {
      a.name = name;
      a.found = true;
      a.begin = 0;
      a.end = name_end;
    }
  }
  return a;
}

Attribution attribution_before(std::string_view before) {
  Attribution a;
  std::string_view t = trim_right(before);
  if (t.empty() || (t.back() != ':' && t.back() != ',')) return a;
  const auto w = split_words(t);
  if (w.size() < 2 || !is_speech_verb(w.back().text)) return a;
  const auto& n = w[w.size() - 2];
  if (!is_name_word(n.text) && !is_pronoun(n.text)) return a;
  a.name = is_pronoun(n.text) ? "-" : std::string(n.text);
  a.found = true;
  a.begin = n.begin;
  a.end = before.size();
  return a;
}

class ProseSplitter {
 public:
  ProseSplitter(std::string_view text, const std::string& file_name) {
    out_.source_file = file_name;
    out_.format = "prose";
    SourceLines src = split_source(text);
    Paragraph cur;
    for (std::size_t i = 0; i <= src.lines.size(); ++i) {
      const bool end = i == src.lines.size();
      if (!end && src.removed[i]) continue;
      if (end || trim(src.lines[i]).empty()) {
        if (!cur.text.empty()) paragraphs_.push_back(std::move(cur));
        cur = Paragraph{};
        continue;
      }
      if (cur.text.empty()) cur.line = static_cast<int>(i + 1);
      else cur.text += '\n';
      cur.text += trim(src.lines[i]);
      ++cur.lines;
    }
  }

  Screenplay run() {
    std::size_t p = 0;
    if (paragraphs_.size() > 1 && paragraphs_[0].lines == 1 && looks_like_title(paragraphs_[0].text) &&
        !is_chapter_heading(paragraphs_[0].text)) {
      out_.title_page.push_back({"Title", strip_emphasis(paragraphs_[0].text).text, paragraphs_[0].line});
      p = 1;
    }
    std::vector<const Paragraph*> scene;
    int chapters = 0;
    auto close_scene = [&] {
      if (!scene.empty()) emit_scene(scene);
      scene.clear();
    };
    for (; p < paragraphs_.size(); ++p) {
      const Paragraph& para = paragraphs_[p];
      if (para.lines == 1 && is_chapter_heading(para.text)) {
        close_scene();
        if (chapters++ > 0) push(ElementKind::kTransition, "DISSOLVE TO:", para.line);
        chapter_ = heading_title(para.text);
        chapter_line_ = para.line;
        continue;
      }
      if (is_scene_break(para.text)) {
        close_scene();
        continue;
      }
      if (!scene.empty() && (scene.size() >= kMaxParagraphsPerScene || starts_time_shift(para.text)))
        close_scene();
      scene.push_back(&para);
    }
    close_scene();
    return std::move(out_);
  }

 private:
  static bool looks_like_title(std::string_view s) {
    const std::string_view t = trim(s);
    if (t.empty() || t.size() > 80) return false;
    const char last = t.back();
    return last != '.' && last != ',' && last != ';' && last != '"' && split_words(t).size() <= 10;
  }

  static bool is_scene_break(std::string_view s) {
    const std::string_view t = trim(s);
    if (t.empty()) return false;
    for (char c : t)
      if (c != '*' && c != '#' && c != '-' && c != '~' && c != ' ' && c != '=') return false;
    return true;
  }

  static bool starts_time_shift(std::string_view s) {
    for (std::string_view p : {"Later", "That night", "That evening", "The next morning",
                               "Next morning", "Meanwhile", "Hours later", "The next day",
                               "At dawn", "By nightfall", "Morning came"})
      if (s.starts_with(p)) return true;
    return false;
  }

  static std::string heading_title(std::string_view s) {
    std::string_view t = trim(s);
    while (!t.empty() && t[0] == '#') t.remove_prefix(1);
    return collapse_spaces(strip_emphasis(trim(t)).text);
  }

  void push(ElementKind kind, std::string text, int line, std::string name = {},
            std::vector<std::string> extensions = {}) {
    Element e;
    e.kind = kind;
    e.text = std::move(text);
    e.line = line;
    e.name = std::move(name);
    e.extensions = std::move(extensions);
    out_.elements.push_back(std::move(e));
  }

  void emit_scene(const std::vector<const Paragraph*>& paras) {
    // Location and time from the scene's words; otherwise carried over.
    std::string lower;
    for (const auto* p : paras) lower += to_lower_ascii(p->text) + " ";
    std::string place;
    bool interior = last_interior_;
    std::size_t best = std::string::npos;
    for (const auto& pl : kPlaces) {
      const std::string needle = "the " + std::string(pl.word);
      std::size_t pos = lower.find(needle);
      while (pos != std::string::npos) {
        const std::size_t after = pos + needle.size();
        if (after >= lower.size() || !std::isalpha(static_cast<unsigned char>(lower[after]))) break;
        pos = lower.find(needle, pos + 1);
      }
      if (pos != std::string::npos && pos < best) {
        best = pos;
        place = std::string(pl.word);
        interior = pl.interior;
        const std::size_t from = pos >= 12 ? pos - 12 : 0;
        const std::string_view before = std::string_view(lower).substr(from, pos - from);
        if (before.find("inside") != std::string_view::npos || before.find("into") != std::string_view::npos)
          interior = true;
      }
    }
    if (place.empty()) place = !last_place_.empty() ? last_place_ : (chapter_.empty() ? "STORY" : chapter_);
    std::string time = last_time_.empty() ? "DAY" : last_time_;
    // The time word that comes first in the scene wins ("That night ... until dawn": night).
    auto first_at = [&](std::string_view w) {
      std::size_t pos = lower.find(w);
      while (pos != std::string::npos) {
        const bool left = pos == 0 || !std::isalpha(static_cast<unsigned char>(lower[pos - 1]));
        const std::size_t e = pos + w.size();
        const bool right = e >= lower.size() || !std::isalpha(static_cast<unsigned char>(lower[e]));
        if (left && right) return pos;
        pos = lower.find(w, pos + 1);
      }
      return std::string::npos;
    };
    struct TimeCue {
      std::string_view word, time;
    };
    static constexpr TimeCue kTimeCues[] = {
        {"dawn", "DAWN"},   {"sunrise", "DAWN"}, {"daybreak", "DAWN"}, {"night", "NIGHT"},
        {"midnight", "NIGHT"}, {"moon", "NIGHT"}, {"stars", "NIGHT"},  {"dark", "NIGHT"},
        {"dusk", "DUSK"},   {"sunset", "DUSK"},  {"evening", "DUSK"},  {"morning", "MORNING"},
        {"noon", "DAY"},    {"afternoon", "DAY"}};
    std::size_t best_time = std::string::npos;
    for (const auto& cue : kTimeCues) {
      const std::size_t at = first_at(cue.word);
      if (at < best_time) {
        best_time = at;
        time = std::string(cue.time);
      }
    }
    last_place_ = place;
    last_interior_ = interior;
    last_time_ = time;
    const int line = paras.front()->line;
    push(ElementKind::kSceneHeading,
         std::string(interior ? "INT. " : "EXT. ") + to_upper(place) + " - " + time, line);
    out_.elements.back().forced = true;
    if (!chapter_.empty() && chapter_line_ > 0) {
      push(ElementKind::kSection, chapter_, chapter_line_);
      out_.elements.back().depth = 1;
      chapter_line_ = 0;
    }
    for (const auto* p : paras) emit_paragraph(*p);
  }

  // Line of a byte offset in p; offsets arrive in increasing order, so this stays linear.
  int line_of(const Paragraph& p, std::size_t offset) {
    if (cursor_para_ != &p || offset < cursor_offset_) {
      cursor_para_ = &p;
      cursor_offset_ = 0;
      cursor_line_ = p.line;
    }
    for (; cursor_offset_ < offset && cursor_offset_ < p.text.size(); ++cursor_offset_)
      if (p.text[cursor_offset_] == '\n') ++cursor_line_;
    return cursor_line_;
  }

  void emit_action(std::string_view text, int line) {
    std::string t = collapse_spaces(text);
    while (!t.empty() && (t[0] == ',' || t[0] == '.' || t[0] == ';' || t[0] == ' ' || t[0] == '-'))
      t.erase(0, 1);
    if (split_words(t).size() < 2) return;
    push(ElementKind::kAction, strip_emphasis(t).text, line);
  }

  // Narration left after a speech tag ("..., climbing the stairs.") gets its subject back.
  static std::string with_subject(std::string_view text, const std::string& subject) {
    std::string t = collapse_spaces(text);
    const std::size_t first = t.find_first_not_of(",;.- ");
    if (first == std::string::npos) return "";
    t.erase(0, first);
    if (!subject.empty() && std::islower(static_cast<unsigned char>(t[0]))) t = subject + ", " + t;
    return t;
  }

  void emit_paragraph(const Paragraph& p) {
    const std::string& s = p.text;
    struct Quote {
      std::size_t open, close;  // byte offsets of the quote marks
      std::size_t open_len, close_len;
    };
    std::vector<Quote> quotes;
    for (std::size_t i = 0; i < s.size();) {
      std::size_t open_len = 0;
      if (s[i] == '"') open_len = 1;
      else if (s.compare(i, 3, "“") == 0) open_len = 3;
      if (!open_len) {
        ++i;
        continue;
      }
      std::size_t j = i + open_len;
      std::size_t close_len = 0;
      while (j < s.size()) {
        if (s[j] == '"') { close_len = 1; break; }
        if (s.compare(j, 3, "”") == 0) { close_len = 3; break; }
        ++j;
      }
      if (!close_len) break;
      quotes.push_back({i, j, open_len, close_len});
      i = j + close_len;
    }
    std::size_t pos = 0;
    std::string paragraph_speaker, speaker_as_written;
    // Narration between two quotes of the same speaker waits until their block ends, so one
    // speech stays one dialogue block ("...," said Mara, climbing. "...").
    std::string held;
    int held_line = 0;
    auto flush_held = [&] {
      if (!held.empty()) {
        emit_action(held, held_line);
        current_speaker_.clear();
      }
      held.clear();
    };
    for (std::size_t q = 0; q < quotes.size(); ++q) {
      const Quote& qt = quotes[q];
      const std::size_t next_open = q + 1 < quotes.size() ? quotes[q + 1].open : s.size();
      std::string_view before = std::string_view(s).substr(pos, qt.open - pos);
      const std::size_t after_begin = qt.close + qt.close_len;
      std::string_view after = std::string_view(s).substr(after_begin, next_open - after_begin);
      Attribution a = attribution_before(before);
      std::size_t before_keep = before.size();
      std::size_t after_skip = 0;
      if (a.found) {
        before_keep = a.begin;
      } else {
        a = attribution_after(after);
        if (a.found) after_skip = a.end;
      }
      std::string speaker;
      if (a.found && a.name != "-") {
        speaker = to_upper(a.name);
        speaker_as_written = a.name;
      } else if (!paragraph_speaker.empty()) {
        speaker = paragraph_speaker;
      } else if (a.found || !last_speaker_.empty()) {
        // A pronoun or no tag: the other party of the running conversation.
        speaker = !previous_speaker_.empty() && previous_speaker_ != last_speaker_ ? previous_speaker_
                                                                                   : last_speaker_;
        if (speaker.empty()) speaker = "NARRATOR";
      } else {
        speaker = "NARRATOR";
      }
      const std::string narration =
          q > 0 ? with_subject(before.substr(0, before_keep), speaker_as_written)
                : collapse_spaces(before.substr(0, before_keep));
      const int narration_line = line_of(p, pos);
      if (q > 0 && speaker == current_speaker_) {
        if (!narration.empty()) {
          if (held.empty()) held_line = narration_line;
          held += (held.empty() ? "" : " ") + narration;
        }
      } else {
        flush_held();
        emit_action(narration, narration_line);
        if (split_words(narration).size() >= 2) current_speaker_.clear();
      }
      std::string line = collapse_spaces(std::string_view(s).substr(qt.open + qt.open_len,
                                                                    qt.close - qt.open - qt.open_len));
      if (!line.empty() && line.back() == ',') line.back() = '.';
      if (!line.empty()) {
        const int l = line_of(p, qt.open);
        const bool same_block = !out_.elements.empty() &&
                                out_.elements.back().kind == ElementKind::kDialogue &&
                                current_speaker_ == speaker;
        if (same_block) {
          out_.elements.back().text += " " + strip_emphasis(line).text;
        } else {
          std::vector<std::string> ext;
          if (speaker == "NARRATOR") ext.push_back("V.O.");
          push(ElementKind::kCharacter, speaker, l, speaker, ext);
          if (!ext.empty()) out_.elements.back().text += " (V.O.)";
          push(ElementKind::kDialogue, strip_emphasis(line).text, l);
        }
        current_speaker_ = speaker;
        if (speaker != "NARRATOR" && speaker != last_speaker_) {
          previous_speaker_ = last_speaker_;
          last_speaker_ = speaker;
        }
        paragraph_speaker = speaker;
      }
      pos = after_begin + after_skip;
    }
    const std::string_view tail = std::string_view(s).substr(std::min(pos, s.size()));
    std::string rest = quotes.empty() ? collapse_spaces(tail) : with_subject(tail, speaker_as_written);
    const int rest_line = line_of(p, std::min(pos, s.size()));
    const int line = held.empty() ? rest_line : held_line;
    if (!held.empty()) rest = held + (rest.empty() ? "" : " " + rest);
    held.clear();
    const std::size_t before_count = out_.elements.size();
    emit_action(rest, line);
    if (out_.elements.size() != before_count) current_speaker_.clear();
  }

  std::vector<Paragraph> paragraphs_;
  Screenplay out_;
  std::string chapter_;
  int chapter_line_ = 0;
  std::string last_place_;
  std::string last_time_;
  bool last_interior_ = false;
  std::string last_speaker_, previous_speaker_, current_speaker_;
  const Paragraph* cursor_para_ = nullptr;
  std::size_t cursor_offset_ = 0;
  int cursor_line_ = 0;
};

}  // namespace

bool is_chapter_heading(std::string_view line) {
  const std::string_view t = trim(line);
  if (t.empty() || t.size() > 70) return false;
  if (t[0] == '#') return true;
  for (std::string_view w : {"chapter ", "part ", "book ", "prologue", "epilogue", "interlude"})
    if (starts_with_ci(t, w)) return true;
  // "IV." or "12" alone
  bool numeral = true;
  for (char c : t)
    numeral = numeral && (std::isdigit(static_cast<unsigned char>(c)) || c == '.' ||
                          std::string_view("IVXLC").find(c) != std::string_view::npos);
  if (numeral) return true;
  // A short upper-case line without sentence punctuation.
  const char last = t.back();
  if (last == '.' || last == '!' || last == '?' || last == '"' || last == ',') return false;
  bool has_upper = false;
  for (std::size_t i = 0; i < t.size();) {
    const char32_t cp = next_code_point(t, i);
    if (is_lower(cp)) return false;
    has_upper = has_upper || is_upper(cp);
  }
  return has_upper && split_words(t).size() <= 8;
}

Screenplay parse_prose(std::string_view text, const std::string& file_name) {
  return ProseSplitter(text, file_name).run();
}

}  // namespace filmgen::story
