// Shot planner: Screenplay -> FilmPlan. Establishing shots for new locations, action beats,
// dialogue coverage (speaker, listener, OTS, reactions, dual two-shots), timing from spoken
// length and reading pace, intensity, physics, camera and transitions. Deterministic.
#include "shot_planner.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>

#include "filmgen/story.hpp"
#include "shot_analysis.hpp"
#include "text_util.hpp"

namespace filmgen::story {

namespace {

struct Token {
  std::string key;  // upper case, possessive removed
  std::size_t begin, end;
  bool capital;
};

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    std::string key;
    bool capital = false;
    bool first = true;
    while (i < text.size()) {
      const std::size_t cp_start = i;
      const char32_t cp = next_code_point(text, i);
      const bool word_char = (cp < 0x80 && (std::isalnum(static_cast<int>(cp)) || cp == '\'')) ||
                             (cp >= 0x80 && (is_letter(cp) || cp == 0x2019));
      if (!word_char) {
        if (first) start = i;
        else {
          i = cp_start;
          break;
        }
        continue;
      }
      if (first) {
        capital = is_upper(cp) || (cp >= 0x80 && !is_lower(cp));
        first = false;
      }
      append_utf8(key, cp == 0x2019 ? U'\'' : to_upper(cp));
    }
    if (key.empty()) continue;
    if (key.size() > 2 && key.ends_with("'S")) key.resize(key.size() - 2);
    while (!key.empty() && key.back() == '\'') key.pop_back();
    while (!key.empty() && key.front() == '\'') key.erase(0, 1);
    if (!key.empty()) out.push_back({std::move(key), start, i, capital});
  }
  return out;
}

double r2(double x) { return std::round(x * 100) / 100; }

std::string two_digits(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

}  // namespace

CharacterMatcher::CharacterMatcher(const std::vector<std::string>& names) {
  for (const auto& n : names) {
    Entry e{n, {}};
    for (auto& t : tokenize(n)) e.words.push_back(t.key);
    if (e.words.empty()) continue;
    by_first_word_[e.words[0]].push_back(std::move(e));
  }
  for (auto& [_, entries] : by_first_word_)
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.words.size() > b.words.size(); });
}

std::vector<std::string> CharacterMatcher::find(std::string_view text) const {
  std::vector<std::string> found;
  if (by_first_word_.empty()) return found;
  const auto tokens = tokenize(text);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].capital) continue;
    auto it = by_first_word_.find(tokens[i].key);
    if (it == by_first_word_.end()) continue;
    for (const auto& e : it->second) {
      if (i + e.words.size() > tokens.size()) continue;
      bool match = true;
      for (std::size_t k = 1; k < e.words.size() && match; ++k) match = tokens[i + k].key == e.words[k];
      if (!match) continue;
      if (std::find(found.begin(), found.end(), e.name) == found.end()) found.push_back(e.name);
      i += e.words.size() - 1;
      break;
    }
  }
  return found;
}

std::size_t CharacterMatcher::first_mention(std::string_view text, const std::string& name,
                                            std::size_t* end) const {
  const auto tokens = tokenize(text);
  const auto want = tokenize(name);
  if (want.empty()) return std::string_view::npos;
  for (std::size_t i = 0; i + want.size() <= tokens.size(); ++i) {
    if (!tokens[i].capital) continue;
    bool match = true;
    for (std::size_t k = 0; k < want.size() && match; ++k) match = tokens[i + k].key == want[k].key;
    if (!match) continue;
    if (end) *end = tokens[i + want.size() - 1].end;
    return tokens[i].begin;
  }
  return std::string_view::npos;
}

namespace {

// A dialogue block as the planner sees it: one cue and its parts.
struct Block {
  std::string speaker;
  std::vector<std::string> extensions;
  std::vector<SpokenLine> lines;
  std::string parentheticals;  // all of them, for intensity
  DualSide dual = DualSide::kNone;
  int line = 0;
};

struct SceneRange {
  std::size_t heading = std::string::npos;  // element index, npos for an implicit opening
  std::size_t begin = 0, end = 0;          // body elements [begin, end)
};

// Splits action text into sentences (also at line breaks); abbreviations do not end one.
std::vector<std::string> sentences(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string s = collapse_spaces(cur);
    if (!s.empty()) out.push_back(std::move(s));
    cur.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      flush();
      continue;
    }
    cur += c;
    if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n')) {
      if (c == '.') {
        std::size_t w = cur.size() - 1;
        while (w > 0 && cur[w - 1] != ' ') --w;
        const std::string word = cur.substr(w);
        if (word == "Mr." || word == "Mrs." || word == "Ms." || word == "Dr." || word == "St." ||
            word == "Jr." || word == "Sr." || word == "vs." || word == "Mt." || (word.size() == 2 && std::isupper(static_cast<unsigned char>(word[0]))))
          continue;
      }
      while (i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == ')')) cur += text[++i];
      flush();
    }
  }
  flush();
  return out;
}

bool is_fade_in_action(std::string_view text) {
  std::string t = to_upper(collapse_spaces(text));
  while (!t.empty() && (t.back() == ':' || t.back() == '.')) t.pop_back();
  return t == "FADE IN" || t == "FADE UP" || t == "FADE IN FROM BLACK";
}

bool has_any_word(const std::vector<std::string>& words, std::initializer_list<std::string_view> set) {
  for (const auto& w : words)
    for (auto s : set)
      if (w == s) return true;
  return false;
}

class Planner {
 public:
  Planner(const Screenplay& sp, const PlanOptions& opt) : sp_(sp), opt_(opt) {}

  FilmPlan run() {
    plan_.title = sp_.title();
    plan_.source_file = sp_.source_file;
    plan_.format = sp_.format;
    collect_characters();
    matcher_.emplace(plan_.speaking_characters);
    for (const auto& range : split_scenes()) plan_scene(range);
    finish();
    return std::move(plan_);
  }

 private:
  void collect_characters() {
    std::set<std::string> seen;
    auto& st = plan_.stats;
    for (const auto& e : sp_.elements) {
      switch (e.kind) {
        case ElementKind::kSceneHeading: ++st.scenes; break;
        case ElementKind::kTransition: ++st.transitions; break;
        case ElementKind::kParenthetical: ++st.parentheticals; break;
        case ElementKind::kCharacter: {
          ++st.dialogue_blocks;
          if (e.dual == DualSide::kRight) ++st.dual_dialogue;
          std::string n = canonical_character_name(e.name.empty() ? e.text : e.name);
          if (!n.empty() && seen.insert(n).second) plan_.speaking_characters.push_back(n);
          break;
        }
        default: break;
      }
    }
    st.characters = static_cast<int>(plan_.speaking_characters.size());
  }

  std::vector<SceneRange> split_scenes() const {
    std::vector<SceneRange> ranges;
    const auto& els = sp_.elements;
    SceneRange cur;
    cur.begin = 0;
    for (std::size_t i = 0; i < els.size(); ++i) {
      if (els[i].kind != ElementKind::kSceneHeading) continue;
      cur.end = i;
      if (cur.heading != std::string::npos || produces_shots(cur)) ranges.push_back(cur);
      else carry_.insert(carry_.end(), els.begin() + cur.begin, els.begin() + cur.end);
      cur = SceneRange{i, i + 1, 0};
    }
    cur.end = els.size();
    if (cur.heading != std::string::npos || produces_shots(cur)) ranges.push_back(cur);
    return ranges;
  }

  bool produces_shots(const SceneRange& r) const {
    for (std::size_t i = r.begin; i < r.end; ++i) {
      const auto& e = sp_.elements[i];
      switch (e.kind) {
        case ElementKind::kAction:
          if (!is_fade_in_action(e.text) && !trim(e.text).empty()) return true;
          break;
        case ElementKind::kCharacter:
        case ElementKind::kLyrics:
        case ElementKind::kCentered:
          return true;
        default: break;
      }
    }
    return false;
  }

  void plan_scene(const SceneRange& r) {
    const auto& els = sp_.elements;
    Scene sc;
    sc.id = "S" + two_digits(static_cast<int>(plan_.scenes.size()) + 1);
    // Transitions and FADE IN before the first heading apply to the first shot.
    for (const auto& e : carry_) apply_non_shot(e);
    carry_.clear();
    if (r.heading != std::string::npos) {
      const Element& h = els[r.heading];
      sc.heading = h.text;
      sc.scene_number = h.scene_number;
      sc.source_line = h.line;
      const HeadingParts parts = parse_heading(h.text);
      sc.setting = parts.setting;
      sc.location = parts.location;
      sc.interior = parts.setting.empty() ? last_interior_ : parts.setting != "EXT";
      sc.time_of_day = parts.time_of_day.empty() ? (last_time_.empty() ? "day" : last_time_)
                                                 : parts.time_of_day;
    } else {
      sc.source_line = r.begin < els.size() ? els[r.begin].line : 1;
      sc.interior = last_interior_;
      sc.time_of_day = last_time_.empty() ? "day" : last_time_;
    }
    last_interior_ = sc.interior;
    last_time_ = sc.time_of_day;
    bool new_location = false;
    if (!sc.location.empty()) {
      auto [it, inserted] = location_ids_.emplace(sc.location, "");
      if (inserted) it->second = "L" + two_digits(static_cast<int>(location_ids_.size()));
      sc.location_id = it->second;
      new_location = inserted;
    }

    // Who is in the scene: speakers and named characters, in order of appearance.
    std::vector<std::string> speakers;
    std::string scene_text = sc.heading + "\n";
    std::unordered_set<std::string> seen;
    auto add_present = [&](const std::string& n) {
      if (!n.empty() && seen.insert(n).second) sc.characters.push_back(n);
    };
    for (std::size_t i = r.begin; i < r.end; ++i) {
      const auto& e = els[i];
      if (e.kind == ElementKind::kCharacter) {
        const std::string n = canonical_character_name(e.name.empty() ? e.text : e.name);
        if (!is_off_screen(e.extensions) && n != "NARRATOR") add_present(n);
        speakers.push_back(n);
      } else if (e.kind == ElementKind::kAction) {
        for (const auto& n : matcher_->find(e.text)) add_present(n);
        scene_text += e.text + "\n";
      }
    }
    scene_ = &sc;
    scene_speakers_ = std::move(speakers);
    present_ = std::unordered_set<std::string>(sc.characters.begin(), sc.characters.end());
    // Nearest different speaker before and after each block, in one pass each way.
    const std::size_t n = scene_speakers_.size();
    prev_other_.assign(n, "");
    next_other_.assign(n, "");
    std::string last, other;
    for (std::size_t k = 0; k < n; ++k) {
      const std::string& sp = scene_speakers_[k];
      prev_other_[k] = sp != last ? last : other;
      if (sp != last) {
        other = last;
        last = sp;
      }
    }
    last.clear();
    other.clear();
    for (std::size_t k = n; k-- > 0;) {
      const std::string& sp = scene_speakers_[k];
      next_other_[k] = sp != last ? last : other;
      if (sp != last) {
        other = last;
        last = sp;
      }
    }
    speaker_index_ = 0;
    dialogue_shots_ = 0;
    last_on_screen_.clear();
    const PhysicsFlags scene_flags = detect_physics(scene_text);
    weather_ = PhysicsFlags{};
    if (!sc.interior) {
      weather_.rain = scene_flags.rain;
      weather_.smoke = scene_flags.smoke && !scene_flags.fire;
    }

    if (new_location && !sc.setting.empty()) {
      Shot s = new_shot(ShotKind::kEstablishing, sc.interior ? ShotSize::kLS : ShotSize::kELS,
                        sc.source_line);
      s.action = sc.location + (sc.time_of_day.empty() ? "" : ", " + sc.time_of_day);
      s.physics = detect_physics(sc.heading);
      merge(s.physics, weather_);
      s.camera = sc.interior ? CameraMove::kStatic : CameraMove::kPan;
      s.duration_s = opt_.establishing_s;
      s.emotional_intensity = 0.1;
      add(std::move(s));
    }

    for (std::size_t i = r.begin; i < r.end;) {
      const Element& e = els[i];
      switch (e.kind) {
        case ElementKind::kAction:
          if (is_fade_in_action(e.text)) pending_in_ = Transition::kFadeIn;
          else plan_action(e);
          ++i;
          break;
        case ElementKind::kCharacter: {
          Block a = read_block(i);
          if (a.dual == DualSide::kLeft && i < r.end && els[i].kind == ElementKind::kCharacter &&
              els[i].dual == DualSide::kRight) {
            Block b = read_block(i);
            plan_dual(a, b);
          } else {
            plan_dialogue(a, i < r.end ? &els[i] : nullptr);
          }
          break;
        }
        case ElementKind::kLyrics: {
          Shot s = new_shot(ShotKind::kLyrics, ShotSize::kLS, e.line);
          SpokenLine l{"", "", e.text, {}, true, 0};
          l.duration_s = r2(speech_seconds(e.text, opt_.words_per_minute) * 1.5);
          s.lines.push_back(l);
          s.dialogue = e.text;
          s.characters = last_on_screen_;
          s.duration_s = std::max(opt_.min_shot_s, l.duration_s + 0.3);
          s.emotional_intensity = emotional_intensity(e.text, "");
          s.physics = weather_;
          add(std::move(s));
          ++i;
          break;
        }
        case ElementKind::kCentered: {
          Shot s = new_shot(ShotKind::kTitleCard, ShotSize::kInsert, e.line);
          s.action = e.text;
          s.duration_s = std::max(2.5, spoken_word_count(e.text) / 2.5 + 1.5);
          s.emotional_intensity = 0.2;
          add(std::move(s));
          ++i;
          break;
        }
        default:
          apply_non_shot(e);
          ++i;
          break;
      }
    }
    if (sc.shots.empty()) {
      Shot s = new_shot(ShotKind::kEstablishing, sc.interior ? ShotSize::kLS : ShotSize::kELS,
                        sc.source_line);
      s.action = sc.location.empty() ? sc.heading : sc.location;
      s.physics = weather_;
      s.duration_s = opt_.establishing_s;
      s.emotional_intensity = 0.1;
      add(std::move(s));
    }
    double total = 0;
    for (auto& s : sc.shots) {
      s.duration_s = r2(s.duration_s);
      total += s.duration_s;
    }
    sc.duration_s = r2(total);
    scene_ = nullptr;
    plan_.scenes.push_back(std::move(sc));
  }

  void apply_non_shot(const Element& e) {
    if (e.kind == ElementKind::kTransition) pending_in_ = transition_from_text(e.text);
    if (e.kind == ElementKind::kAction && is_fade_in_action(e.text)) pending_in_ = Transition::kFadeIn;
  }

  Block read_block(std::size_t& i) {
    const auto& els = sp_.elements;
    const Element& cue = els[i];
    Block b;
    b.speaker = canonical_character_name(cue.name.empty() ? cue.text : cue.name);
    b.extensions = cue.extensions;
    b.dual = cue.dual;
    b.line = cue.line;
    ++i;
    std::string pending_paren;
    const int wpm = voice_wpm(b.speaker);
    while (i < els.size()) {
      const Element& e = els[i];
      if (e.kind == ElementKind::kParenthetical) {
        if (!pending_paren.empty()) {  // two in a row: the first is a silent acting note
          b.lines.push_back({b.speaker, pending_paren, "", b.extensions, false, 0});
        }
        pending_paren = e.text;
        if (!b.parentheticals.empty()) b.parentheticals += ' ';
        b.parentheticals += e.text;
      } else if (e.kind == ElementKind::kDialogue || e.kind == ElementKind::kLyrics) {
        b.lines.push_back({b.speaker, pending_paren, e.text, b.extensions,
                           e.kind == ElementKind::kLyrics, 0});
        pending_paren.clear();
      } else {
        break;
      }
      ++i;
    }
    if (!pending_paren.empty()) b.lines.push_back({b.speaker, pending_paren, "", b.extensions, false, 0});
    for (auto& l : b.lines) {
      double d = speech_seconds(l.text, wpm) * (l.sung ? 1.5 : 1.0);
      if (!l.parenthetical.empty())
        d += is_pause_parenthetical(l.parenthetical) ? opt_.beat_pause_s : opt_.parenthetical_pause_s;
      l.duration_s = r2(d);
    }
    return b;
  }

  int voice_wpm(const std::string& name) const {
    auto it = opt_.voice_wpm.find(name);
    if (it != opt_.voice_wpm.end() && it->second > 0) return it->second;
    return static_cast<int>(opt_.words_per_minute);
  }

  // Seconds to say text: words at the pace, plus pauses at sentence ends, dashes, ellipses.
  static double speech_seconds(std::string_view text, double wpm) {
    const double words = spoken_word_count(text);
    if (words <= 0) return 0;
    int stops = 0, breaks = 0;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
      if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && text[i + 1] == ' ') ++stops;
      if (text.compare(i, 2, "--") == 0 || text.compare(i, 2, "..") == 0) ++breaks;
    }
    return std::max(0.6, words * 60.0 / std::max(60.0, wpm) + 0.2 * stops + 0.25 * std::min(breaks, 8));
  }

  std::string listener_for(const std::string& speaker) {
    // The previous other speaker in the scene, else the next one, else a named non-speaker.
    if (speaker_index_ < prev_other_.size()) {
      if (!prev_other_[speaker_index_].empty()) return prev_other_[speaker_index_];
      if (!next_other_[speaker_index_].empty()) return next_other_[speaker_index_];
    }
    for (std::size_t k = 0; k < scene_->characters.size() && k < 2; ++k)
      if (scene_->characters[k] != speaker) return scene_->characters[k];
    return "";
  }

  void plan_dialogue(const Block& b, const Element* next) {
    const std::string listener = listener_for(b.speaker);
    const std::string next_speaker =
        speaker_index_ + 1 < scene_speakers_.size() ? scene_speakers_[speaker_index_ + 1] : "";
    ++speaker_index_;
    const bool off = is_off_screen(b.extensions) || b.speaker == "NARRATOR";
    std::string all_text;
    for (const auto& l : b.lines) all_text += (all_text.empty() ? "" : " ") + l.text;
    const double intensity = emotional_intensity(all_text, b.parentheticals);

    // Long speeches become several shots of at most max_dialogue_shot_words each.
    std::vector<std::vector<SpokenLine>> chunks(1);
    double words = 0;
    for (const auto& l : b.lines) {
      const double w = spoken_word_count(l.text);
      if (!chunks.back().empty() && words + w > opt_.max_dialogue_shot_words) {
        chunks.emplace_back();
        words = 0;
      }
      chunks.back().push_back(l);
      words += w;
    }
    const bool listener_here = !listener.empty() && present_.count(listener) > 0;
    for (std::size_t c = 0; c < chunks.size(); ++c) {
      Shot s = new_shot(ShotKind::kDialogue, ShotSize::kMS, b.line);
      s.speaker = b.speaker;
      s.listener = listener;
      s.lines = chunks[c];
      double d = 0;
      for (const auto& l : s.lines) {
        if (!l.text.empty()) s.dialogue += (s.dialogue.empty() ? "" : " ") + l.text;
        if (s.parenthetical.empty()) s.parenthetical = l.parenthetical;
        d += l.duration_s;
      }
      s.duration_s = std::max(opt_.min_shot_s, d + 0.3);
      s.emotional_intensity = intensity;
      const bool cutaway = c % 2 == 1 && listener_here;  // continuation: on the listener
      if (off || cutaway) {
        if (listener_here) {
          s.size = ShotSize::kMCU;
          s.characters = {listener};
        } else {
          s.size = ShotSize::kLS;
          s.characters = last_on_screen_;
          std::erase(s.characters, b.speaker);
        }
      } else if (intensity >= 0.9) {
        s.size = ShotSize::kECU;
        s.characters = {b.speaker};
      } else if (intensity >= 0.7) {
        s.size = ShotSize::kCU;
        s.characters = {b.speaker};
      } else if (listener_here) {
        s.size = dialogue_shots_ == 0 ? ShotSize::kTwoShot : ShotSize::kOTS;
        s.characters = {b.speaker, listener};
      } else {
        s.size = dialogue_shots_ == 0 ? ShotSize::kMS : ShotSize::kMCU;
        s.characters = {b.speaker};
      }
      s.physics = weather_;
      s.camera = intensity >= 0.75 ? CameraMove::kPushIn : CameraMove::kStatic;
      ++dialogue_shots_;
      add(std::move(s));
    }
    // A reaction when the line lands hard, or a question the listener does not answer at once.
    const bool question = !all_text.empty() && trim_right(all_text).ends_with("?");
    const bool answered = next && next->kind == ElementKind::kCharacter && next_speaker == listener;
    if (listener_here && !off &&
        (intensity >= opt_.reaction_threshold || (question && !answered))) {
      Shot s = new_shot(ShotKind::kReaction, ShotSize::kMCU, b.line);
      s.characters = {listener};
      s.listener = b.speaker;
      s.action = listener + " reacts";
      s.duration_s = opt_.reaction_s;
      s.emotional_intensity = r2(intensity * 0.8);
      s.physics = weather_;
      add(std::move(s));
    }
  }

  void plan_dual(const Block& a, const Block& b) {
    speaker_index_ += 2;
    Shot s = new_shot(ShotKind::kDialogue, ShotSize::kTwoShot, a.line);
    s.dual = true;
    s.speaker = a.speaker;
    s.listener = b.speaker;
    s.characters = {a.speaker};
    add_unique(s.characters, b.speaker);
    double da = 0, db = 0;
    std::string text, parens;
    for (const auto* blk : {&a, &b}) {
      for (const auto& l : blk->lines) {
        s.lines.push_back(l);
        if (!l.text.empty()) text += (text.empty() ? "" : " ") + l.text;
        if (s.parenthetical.empty()) s.parenthetical = l.parenthetical;
        (blk == &a ? da : db) += l.duration_s;
      }
      parens += blk->parentheticals + " ";
    }
    s.dialogue = text;
    s.duration_s = std::max(opt_.min_shot_s, std::max(da, db) + 0.3);  // they talk over each other
    s.emotional_intensity = emotional_intensity(text, parens);
    s.physics = weather_;
    s.camera = s.emotional_intensity >= 0.75 ? CameraMove::kPushIn : CameraMove::kStatic;
    ++dialogue_shots_;
    add(std::move(s));
  }

  void plan_action(const Element& e) {
    // Beats: sentences merged until a beat has some substance, capped at max_beat_words.
    std::vector<std::string> beats;
    std::string cur;
    int cur_words = 0;
    for (auto& sentence : sentences(e.text)) {
      const int w = static_cast<int>(spoken_word_count(sentence));
      if (!cur.empty() && (cur_words >= 6 || cur_words + w > opt_.max_beat_words)) {
        beats.push_back(std::move(cur));
        cur.clear();
        cur_words = 0;
      }
      cur += (cur.empty() ? "" : " ") + sentence;
      cur_words += w;
    }
    if (!cur.empty()) beats.push_back(std::move(cur));
    for (const auto& beat : beats) plan_beat(beat, e.line);
  }

  void plan_beat(const std::string& beat, int line) {
    Shot s = new_shot(ShotKind::kAction, ShotSize::kMS, line);
    s.action = beat;
    const auto words = words_lower(beat);
    s.physics = detect_physics(beat);
    merge(s.physics, weather_);
    s.characters = matcher_->find(beat);
    const bool pronoun = has_any_word(words, {"he", "she", "they", "him", "her", "them", "his"});
    if (s.characters.empty() && pronoun) s.characters = last_on_screen_;
    double intensity = emotional_intensity(beat, "");
    if (s.physics.fight) intensity += 0.25;
    if (s.physics.explosion) intensity += 0.35;
    s.emotional_intensity = r2(std::clamp(intensity, 0.0, 1.0));
    const std::string upper = to_upper(beat);
    const std::size_t n = s.characters.size();
    if (upper.starts_with("INSERT") || upper.find("CLOSE ON") != std::string::npos ||
        (n == 0 && has_any_word(words, {"phone", "letter", "screen", "gun", "key", "keys", "photo",
                                        "photograph", "note", "ring", "watch", "glass", "bottle",
                                        "scope", "clock", "map", "money", "button", "envelope"}))) {
      s.kind = ShotKind::kInsert;
      s.size = ShotSize::kInsert;
    } else if (upper.find("EXTREME CLOSE") != std::string::npos) {
      s.size = ShotSize::kECU;
    } else if (upper.find("CLOSE UP") != std::string::npos || upper.find("CLOSE-UP") != std::string::npos) {
      s.size = ShotSize::kCU;
    } else if (s.physics.explosion || s.physics.crowd) {
      s.size = scene_->interior ? ShotSize::kLS : ShotSize::kELS;
    } else if (n == 0) {
      s.size = has_any_word(words, {"sky", "horizon", "sea", "ocean", "city", "skyline", "landscape",
                                    "valley", "storm", "sun", "moon", "stars"}) && !scene_->interior
                   ? ShotSize::kELS
                   : ShotSize::kLS;
    } else if (n == 1) {
      if (has_any_word(words, {"eyes", "eye", "tear", "tears", "lips", "pupils"})) s.size = ShotSize::kECU;
      else if (has_any_word(words, {"face", "stares", "gaze", "expression", "smiles", "frowns", "winks"}))
        s.size = ShotSize::kCU;
      else s.size = s.physics.vehicle || s.physics.fight ? ShotSize::kLS : ShotSize::kMS;
    } else if (n == 2) {
      s.size = s.physics.fight || s.physics.vehicle ? ShotSize::kLS : ShotSize::kTwoShot;
    } else {
      s.size = ShotSize::kLS;
    }
    s.camera = suggest_camera(beat, s.physics, s.emotional_intensity);
    const double secs = spoken_word_count(beat) * 60.0 / std::max(30.0, opt_.action_words_per_minute);
    s.duration_s = std::clamp(secs + (s.camera != CameraMove::kStatic ? 0.5 : 0.0), opt_.min_shot_s + 0.3,
                              opt_.max_action_shot_s);
    if (!s.characters.empty()) last_on_screen_ = s.characters;
    add(std::move(s));
  }

  Shot new_shot(ShotKind kind, ShotSize size, int line) {
    Shot s;
    s.kind = kind;
    s.size = size;
    s.source_line = line;
    return s;
  }

  void add(Shot s) {
    s.id = scene_->id + "." + two_digits(static_cast<int>(scene_->shots.size()) + 1);
    if (pending_in_) {
      s.transition_in = *pending_in_;
      pending_in_.reset();
    } else if (!have_shot_) {
      s.transition_in = Transition::kFadeIn;
    }
    if (s.kind == ShotKind::kDialogue && !s.characters.empty()) last_on_screen_ = s.characters;
    s.duration_s = r2(s.duration_s);
    scene_->shots.push_back(std::move(s));
    have_shot_ = true;
  }

  void finish() {
    // Each shot's transition_out is the next shot's transition_in; the last one fades out
    // unless the script ends on its own transition.
    Shot* prev = nullptr;
    double total = 0;
    int shots = 0;
    for (auto& sc : plan_.scenes) {
      for (auto& s : sc.shots) {
        if (prev) prev->transition_out = s.transition_in;
        prev = &s;
        ++shots;
      }
      total += sc.duration_s;
    }
    if (prev) prev->transition_out = pending_in_ ? *pending_in_ : Transition::kFadeOut;
    plan_.stats.shots = shots;
    plan_.stats.duration_s = r2(total);
  }

  static void add_unique(std::vector<std::string>& v, const std::string& s) {
    if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
  }

  static void merge(PhysicsFlags& a, const PhysicsFlags& b) {
    a.water |= b.water;
    a.rain |= b.rain;
    a.fire |= b.fire;
    a.smoke |= b.smoke;
    a.fight |= b.fight;
    a.crowd |= b.crowd;
    a.vehicle |= b.vehicle;
    a.explosion |= b.explosion;
  }

  const Screenplay& sp_;
  const PlanOptions& opt_;
  FilmPlan plan_;
  std::optional<CharacterMatcher> matcher_;
  mutable std::vector<Element> carry_;
  std::map<std::string, std::string> location_ids_;
  std::string last_time_;
  bool last_interior_ = false;
  Scene* scene_ = nullptr;
  std::vector<std::string> scene_speakers_;
  std::vector<std::string> prev_other_, next_other_;
  std::unordered_set<std::string> present_;
  std::size_t speaker_index_ = 0;
  int dialogue_shots_ = 0;
  std::vector<std::string> last_on_screen_;
  PhysicsFlags weather_;
  std::optional<Transition> pending_in_;
  bool have_shot_ = false;
};

}  // namespace

FilmPlan plan_film(const Screenplay& screenplay, const PlanOptions& options) {
  return Planner(screenplay, options).run();
}

}  // namespace filmgen::story
