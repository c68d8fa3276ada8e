// Character bible: canonical names, description from the first CAPS mention, appearance,
// wardrobe, voice and emotional range. Everything the script does not say is a default
// hashed from the name, so characters differ from each other and stay the same between runs.
#include "character_bible.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "filmgen/story.hpp"
#include "shot_analysis.hpp"
#include "shot_planner.hpp"
#include "text_util.hpp"

namespace filmgen::bible {

using story::collapse_spaces;
using story::stable_hash;
using story::to_lower_ascii;
using story::words_lower;

namespace {

const std::set<std::string_view>& stop_words() {
  static const std::set<std::string_view> s = {"a", "an", "the", "with", "and", "his", "her", "of",
                                               "in", "is", "has", "wears", "wearing", "their", "but",
                                               "who", "to", "at", "on", "he", "she", "it", "its"};
  return s;
}

bool contains(const std::vector<std::string>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// Up to n non-stop words right before index i, joined with spaces.
std::string words_before(const std::vector<std::string>& words, std::size_t i, std::size_t n) {
  std::size_t b = i;
  while (b > 0 && i - b < n && !stop_words().count(words[b - 1])) --b;
  std::string out;
  for (std::size_t k = b; k < i; ++k) out += (out.empty() ? "" : " ") + words[k];
  return out;
}

const std::set<std::string_view>& hair_words() {
  static const std::set<std::string_view> s = {
      "grey", "gray", "white", "silver", "black", "brown", "blond", "blonde", "red", "auburn",
      "ginger", "dark", "fair", "light", "golden", "chestnut", "raven", "jet", "salt", "pepper",
      "long", "short", "curly", "wavy", "straight", "braided", "cropped", "close", "shaved", "messy",
      "slicked", "tousled", "thinning", "shoulder", "length", "spiky", "greying", "graying",
      "receding", "frizzy", "matted", "wild", "neat", "dyed", "pink", "blue", "green", "purple",
      "copper", "sandy", "platinum", "jet-black", "cropped", "buzzed", "unkempt", "flowing"};
  return s;
}

const std::set<std::string_view>& skin_words() {
  static const std::set<std::string_view> s = {
      "pale", "fair", "olive", "tan", "tanned", "dark", "light", "brown", "black", "white",
      "weathered", "freckled", "ruddy", "porcelain", "ebony", "sunburnt", "leathery", "smooth",
      "wrinkled", "deep", "warm", "golden", "umber", "rosy", "sallow", "lined", "bronze", "copper"};
  return s;
}

// The run of descriptor words right before index i ("close cropped grey" before "hair").
std::string descriptors_before(const std::vector<std::string>& words, std::size_t i,
                               const std::set<std::string_view>& allowed) {
  std::size_t b = i;
  while (b > 0 && i - b < 4 && allowed.count(words[b - 1])) --b;
  std::string out;
  for (std::size_t k = b; k < i; ++k) out += (out.empty() ? "" : " ") + words[k];
  return out;
}

void add_part(std::string& field, const std::string& part) {
  if (part.empty() || field.find(part) != std::string::npos) return;
  field += (field.empty() ? "" : ", ") + part;
}

int decade_word(std::string_view w) {
  static const std::map<std::string_view, int> d = {
      {"teens", 10},   {"twenties", 20}, {"thirties", 30}, {"forties", 40},
      {"fifties", 50}, {"sixties", 60},  {"seventies", 70}, {"eighties", 80}, {"nineties", 90}};
  auto it = d.find(w);
  return it == d.end() ? 0 : it->second;
}

void read_age(const std::vector<std::string>& words, Appearance& a) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    int decade = decade_word(w);
    if (!decade && w.size() == 3 && std::isdigit(static_cast<unsigned char>(w[0])) &&
        std::isdigit(static_cast<unsigned char>(w[1])) && w[2] == 's')
      decade = std::stoi(w.substr(0, 2));
    if (decade) {
      a.age_min = decade;
      a.age_max = decade + 9;
      const std::string prev = i > 0 ? words[i - 1] : "";
      if (prev == "early") a.age_max = decade + 3;
      if (prev == "mid") a.age_min = decade + 3, a.age_max = decade + 6;
      if (prev == "late") a.age_min = decade + 6;
      a.age_range = std::to_string(decade) + "s";
      if (prev == "early" || prev == "mid" || prev == "late") a.age_range = prev + " " + a.age_range;
      return;
    }
    if (!w.empty() && w.size() <= 2 && std::all_of(w.begin(), w.end(), ::isdigit)) {
      const int age = std::stoi(w);
      if (age >= 3 && age <= 99) {
        a.age_min = std::max(1, age - 2);
        a.age_max = age + 2;
        a.age_range = w;
        return;
      }
    }
  }
  struct Cue {
    std::string_view word;
    int lo, hi;
    std::string_view label;
  };
  static constexpr std::array<Cue, 14> kCues = {{
      {"teenager", 13, 19, "teens"}, {"teenage", 13, 19, "teens"},  {"teen", 13, 19, "teens"},
      {"kid", 8, 12, "child"},       {"child", 6, 11, "child"},     {"toddler", 2, 4, "child"},
      {"elderly", 70, 85, "70s"},    {"old", 65, 80, "70s"},        {"aged", 65, 80, "70s"},
      {"retired", 60, 69, "60s"},    {"retiree", 60, 69, "60s"},    {"young", 20, 29, "20s"},
      {"middle", 45, 55, "middle-aged"}, {"grandmother", 65, 80, "70s"},
  }};
  for (const auto& c : kCues) {
    if (contains(words, c.word)) {
      a.age_min = c.lo;
      a.age_max = c.hi;
      a.age_range = std::string(c.label);
      return;
    }
  }
}

std::string read_gender(std::string_view text) {
  static const std::set<std::string_view> male = {"he", "him", "his", "himself", "man", "guy", "boy",
                                                  "father", "husband", "mr", "brother", "son", "king",
                                                  "sir", "dad", "uncle", "gentleman", "grandfather"};
  static const std::set<std::string_view> female = {
      "she", "her", "hers", "herself", "woman", "girl", "lady", "mother", "wife", "mrs", "ms",
      "miss", "sister", "daughter", "queen", "mom", "mum", "aunt", "grandmother", "madam"};
  int m = 0, f = 0;
  for (const auto& w : words_lower(text)) {
    if (male.count(w)) ++m;
    if (female.count(w)) ++f;
  }
  if (m > f) return "male";
  if (f > m) return "female";
  return "";
}

std::string gender_from_name(const std::string& name) {
  static const std::set<std::string_view> male = {
      "JACK", "DAN", "JOHN", "TOM", "JAMES", "DAVID", "MICHAEL", "PETER", "PAUL", "MARK", "BRICK",
      "STEEL", "SAM", "BEN", "LEO", "HUGO", "OSCAR", "FELIX", "MAX", "IVAN", "RAFAEL", "OMAR",
      "YURI", "ELIAS", "VICTOR", "ARTHUR", "HENRY", "GEORGE", "FRANK", "WALTER", "BOB",
      "TEO"};
  static const std::set<std::string_view> female = {
      "MARA", "ANNA", "MARIA", "MARY", "SARAH", "EMMA", "JUNE", "ROSE", "LUCY", "ELENA", "IRIS",
      "NINA", "OLGA", "LENA", "CLARA", "ALICE", "JANE", "KATE", "ELLA", "SOFIA", "ZOE", "RUTH",
      "AMINA", "PRIYA", "MEI", "HANA", "NORA", "TESS", "VERA", "GRACE", "MOM", "GRANDMA",
      "MAYA"};
  std::string first = name.substr(0, name.find(' '));
  std::string last = name.substr(name.rfind(' ') + 1);
  if (male.count(first) || last == "MAN" || last == "BOY" || last == "GUY" || last == "FATHER") return "male";
  if (female.count(first) || last == "WOMAN" || last == "GIRL" || last == "LADY" || last == "MOTHER")
    return "female";
  return "";
}

template <std::size_t N>
const char* pick(const std::array<const char*, N>& options, std::uint64_t h) {
  return options[h % N];
}

}  // namespace

Appearance appearance_from_description(std::string_view description, std::string_view gender_hint) {
  Appearance a;
  const auto words = words_lower(description);
  read_age(words, a);
  static const std::set<std::string_view> builds = {
      "tall", "short", "wiry", "lanky", "stocky", "heavyset", "muscular", "slim", "slender",
      "thin", "petite", "burly", "athletic", "broad", "hulking", "skinny", "compact", "willowy",
      "gaunt", "plump", "portly", "stout", "towering", "small", "big", "large", "rangy"};
  for (std::size_t i = 0; i < words.size(); ++i) {
    // "short white hair" describes hair, not build.
    const bool hair_next = hair_words().count(words[i]) &&
                           ((i + 1 < words.size() && (words[i + 1] == "hair" || hair_words().count(words[i + 1]))) ||
                            (i + 2 < words.size() && words[i + 2] == "hair"));
    if (builds.count(words[i]) && !hair_next) add_part(a.build, words[i]);
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "hair" || w == "haired") add_part(a.hair, descriptors_before(words, i, hair_words()));
    if (w == "bald" || w == "ponytail" || w == "braids" || w == "dreadlocks" || w == "mohawk" ||
        w == "bun" || w == "buzzcut") {
      // "grey ponytail": the colour before a hairstyle is the hair's too.
      const std::string before = descriptors_before(words, i, hair_words());
      add_part(a.hair, before.empty() ? w : before + " " + w);
    }
    if (w == "skin" || w == "skinned" || w == "complexion")
      add_part(a.skin, descriptors_before(words, i, skin_words()));
    if (w == "pale" || w == "freckled" || w == "tanned" || w == "weathered" || w == "ruddy" ||
        w == "sunburnt")
      add_part(a.skin, w);
    static const std::set<std::string_view> face = {
        "beard", "stubble", "moustache", "mustache", "goatee", "scar", "glasses", "spectacles",
        "freckles", "wrinkles", "jaw", "cheekbones", "eyes", "nose", "eyebrows", "dimples",
        "tattoo", "smile", "sideburns", "face"};
    if (face.count(w)) {
      const std::string before = words_before(words, i, 2);
      add_part(a.face, before.empty() ? w : before + " " + w);
    }
  }
  std::string g = read_gender(std::string(description) + " " + std::string(gender_hint));
  a.gender = g;
  return a;
}

void fill_default_appearance(Appearance& a, const std::string& name,
                             const std::set<std::string>& taken_looks) {
  static constexpr std::array<const char*, 5> kAges = {"20s", "30s", "40s", "50s", "60s"};
  static constexpr std::array<const char*, 8> kBuilds = {
      "slim", "athletic", "stocky", "tall and lean", "average build", "broad-shouldered", "wiry",
      "heavyset"};
  static constexpr std::array<const char*, 8> kHairColours = {
      "black", "dark brown", "chestnut", "auburn", "blond", "grey", "red", "salt-and-pepper"};
  static constexpr std::array<const char*, 8> kHairStyles = {
      "short", "cropped", "shoulder-length", "curly", "wavy", "tied back", "buzz-cut", "long"};
  static constexpr std::array<const char*, 8> kSkins = {
      "fair", "light olive", "olive", "tan", "warm brown", "deep brown", "pale", "freckled"};
  static constexpr std::array<const char*, 8> kFaces = {
      "angular features", "round face", "square jaw", "high cheekbones", "soft features",
      "deep-set eyes", "strong brow", "narrow face"};
  const std::uint64_t h = stable_hash(name);
  auto mark = [&](const char* field) { a.defaults.emplace_back(field); };
  if (a.gender.empty()) {
    a.gender = gender_from_name(name);
    if (a.gender.empty()) {
      a.gender = "unspecified";
      mark("gender");
    }
  }
  if (a.age_range.empty()) {
    const int decade = 2 + static_cast<int>((h >> 3) % kAges.size());
    a.age_range = kAges[decade - 2];
    a.age_min = decade * 10;
    a.age_max = decade * 10 + 9;
    mark("age_range");
  }
  const bool child = a.age_max > 0 && a.age_max <= 14;
  if (a.build.empty()) {
    a.build = child ? "small, slight" : pick(kBuilds, h >> 7);
    mark("build");
  }
  if (a.hair.empty()) {
    // Rotate the colour until no earlier character has the same hair and build.
    std::uint64_t k = h >> 11;
    for (std::size_t attempt = 0; attempt < kHairColours.size(); ++attempt, ++k) {
      std::string colour = pick(kHairColours, k);
      if (a.age_min >= 60 && colour != "grey" && colour != "salt-and-pepper") colour = "grey";
      if (child && (colour == "grey" || colour == "salt-and-pepper")) colour = "light brown";
      const std::string hair = colour + ", " + pick(kHairStyles, h >> 17);
      const bool clash = taken_looks.count(hair + "|" + a.build) > 0;
      a.hair = hair;
      if (!clash) break;
    }
    mark("hair");
  }
  if (a.skin.empty()) {
    a.skin = pick(kSkins, h >> 23);
    mark("skin");
  }
  if (a.face.empty()) {
    a.face = pick(kFaces, h >> 29);
    mark("face");
  }
}

namespace {

struct Intro {
  std::string alias;        // CAPS name as written when longer than the canonical name
  std::string description;  // rest of the sentence
  std::string context;      // the next sentence, for pronouns
  std::string scene_id;
};

bool is_caps_word(std::string_view w) {
  bool letter = false;
  for (std::size_t i = 0; i < w.size();) {
    const char32_t cp = story::next_code_point(w, i);
    if (story::is_lower(cp)) return false;
    letter = letter || story::is_upper(cp);
  }
  return letter;
}

std::size_t sentence_end(std::string_view text, std::size_t from) {
  for (std::size_t i = from; i < text.size(); ++i) {
    if ((text[i] == '.' || text[i] == '!' || text[i] == '?') &&
        (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n'))
      return i + 1;
    if (text[i] == '\n' && i + 1 < text.size() && text[i + 1] == '\n') return i;
  }
  return text.size();
}

// CAPS words that end a name run rather than extend it ("AKA DAN", "DAN AND JACK").
const std::set<std::string_view> kRunBreakers = {"aka", "and", "the", "a", "an", "of", "with", "to", "in", "or", "i"};

// First action mention of each name: in CAPS (its intro: "BRICK BRADDOCK, retired ..."), or,
// for prose, a capitalised mention followed by an appositive ("Mara, a keeper of ..."). One pass
// over the action text; each word is checked against the names that start with it.
std::map<std::string, Intro> find_intros(const Screenplay& sp, const FilmPlan& plan,
                                         const std::vector<std::string>& names, bool caps_only) {
  std::map<std::string, std::vector<std::pair<std::string, std::vector<std::string>>>> by_first;
  for (const auto& n : names) {
    auto w = words_lower(n);
    if (!w.empty()) by_first[w[0]].emplace_back(n, w);
  }
  std::map<std::string, Intro> found;
  std::size_t scene_index = 0;
  bool seen_heading = false;
  auto is_sep = [](char c) {
    return story::is_space(c) || c == ',' || c == '.' || c == '(' || c == ')' || c == ';' || c == ':' ||
           c == '!' || c == '?' || c == '"';
  };
  for (const auto& e : sp.elements) {
    if (found.size() == names.size()) break;
    if (e.kind == ElementKind::kSceneHeading) {
      if (seen_heading) ++scene_index;
      seen_heading = true;
    }
    if (e.kind != ElementKind::kAction) continue;
    const std::string& t = e.text;
    // Words with offsets.
    struct W {
      std::size_t b, e;
      std::string lower;
      bool caps, capital;
    };
    std::vector<W> ws;
    for (std::size_t i = 0; i < t.size();) {
      while (i < t.size() && is_sep(t[i])) ++i;
      std::size_t j = i;
      while (j < t.size() && !is_sep(t[j])) ++j;
      if (j > i) {
        const std::string_view w = std::string_view(t).substr(i, j - i);
        auto lw = words_lower(w);
        std::size_t k = 0;
        const char32_t first = story::next_code_point(w, k);
        ws.push_back({i, j, lw.empty() ? std::string() : lw[0], is_caps_word(w),
                      story::is_upper(first) || (first >= 0x80 && !story::is_lower(first))});
      }
      i = j;
    }
    for (std::size_t i = 0; i < ws.size(); ++i) {
      if (caps_only ? !ws[i].caps : !ws[i].capital) continue;
      auto it = by_first.find(ws[i].lower);
      if (it == by_first.end()) continue;
      for (const auto& [name, want] : it->second) {
        if (found.count(name) || i + want.size() > ws.size()) continue;
        bool match = true;
        for (std::size_t k = 0; k < want.size() && match; ++k)
          match = ws[i + k].lower == want[k] && (!caps_only || ws[i + k].caps);
        if (!match) continue;
        // The whole CAPS run around the name is the full name ("DICK STEEL").
        std::size_t rb = i, re = i + want.size();
        if (caps_only) {
          auto joins = [&](std::size_t k) { return ws[k].caps && !kRunBreakers.count(ws[k].lower); };
          while (rb > 0 && joins(rb - 1) && ws[rb - 1].e + 1 == ws[rb].b) --rb;
          while (re < ws.size() && joins(re) && ws[re - 1].e + 1 == ws[re].b) ++re;
        } else {
          // Prose: only an appositive describes ("Mara, a keeper ...", "Tom, her grandson").
          const std::size_t after = ws[re - 1].e;
          if (after >= t.size() || t[after] != ',' || re >= ws.size()) continue;
          static const std::set<std::string_view> kArticles = {"a", "an", "the", "his", "her", "their", "my", "our"};
          if (!kArticles.count(ws[re].lower) && !std::isdigit(static_cast<unsigned char>(ws[re].lower[0])))
            continue;
        }
        Intro in;
        const std::size_t name_end = ws[re - 1].e;
        const std::string run = story::to_upper(
            collapse_spaces(std::string_view(t).substr(ws[rb].b, name_end - ws[rb].b)));
        if (caps_only && run != name) in.alias = run;
        const std::size_t end = sentence_end(t, name_end);
        std::string d = collapse_spaces(std::string_view(t).substr(name_end, end - name_end));
        // Only an appositive describes them: "NAME, tall ...", "NAME (40s) ...", "NAME -- ...".
        if (d.starts_with(",") || d.starts_with("(") || d.starts_with("--") || d.starts_with("—")) {
          while (!d.empty() && (d[0] == ',' || d[0] == ' ' || d[0] == '-')) d.erase(0, 1);
          if (d.starts_with("—")) d.erase(0, 3);
          in.description = std::string(story::trim(d));
        }
        const std::size_t end2 = sentence_end(t, end);
        // Gender cues around the intro: "A boy, TEO (10), ..." and the next sentence.
        const std::size_t start = t.find_last_of(".!?\n", ws[rb].b == 0 ? 0 : ws[rb].b - 1);
        const std::size_t from = start == std::string::npos || ws[rb].b == 0 ? 0 : start + 1;
        in.context = collapse_spaces(std::string_view(t).substr(from, ws[rb].b - from)) + " " +
                     collapse_spaces(std::string_view(t).substr(end, end2 - end));
        if (scene_index < plan.scenes.size()) in.scene_id = plan.scenes[scene_index].id;
        found.emplace(name, std::move(in));
      }
    }
  }
  return found;
}

std::string wardrobe_phrase(std::string_view text) {
  const std::string lower = to_lower_ascii(text);
  for (std::string_view cue : {"wearing ", "dressed in ", "wears ", "in a ", "in an ", "in his ", "in her "}) {
    std::size_t p = lower.find(cue);
    while (p != std::string::npos) {
      std::size_t b = p + cue.size();
      std::size_t e = b;
      while (e < lower.size() && lower[e] != ',' && lower[e] != '.' && lower[e] != ';' && lower[e] != '\n') ++e;
      const std::string phrase = collapse_spaces(std::string_view(text).substr(b, e - b));
      static const std::array<std::string_view, 22> kClothes = {
          "suit", "dress", "uniform", "coat", "jacket", "shirt", "hoodie", "sweater", "jeans",
          "robe", "overalls", "apron", "gown", "tuxedo", "boots", "hat", "scarf", "cardigan",
          "oilskin", "vest", "blazer", "raincoat"};
      if (cue.starts_with("wear") || cue.starts_with("dressed")) return phrase;
      for (auto c : kClothes)
        if (to_lower_ascii(phrase).find(c) != std::string::npos) return phrase;
      p = lower.find(cue, p + 1);
    }
  }
  if (lower.find("shirtless") != std::string::npos) return "shirtless";
  return "";
}

std::string language_voice(std::string_view text) {
  int counts[7] = {};
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = story::next_code_point(text, i);
    if (cp >= 0x0400 && cp <= 0x04FF) ++counts[0];
    else if (cp >= 0x0370 && cp <= 0x03FF) ++counts[1];
    else if (cp >= 0x3040 && cp <= 0x30FF) ++counts[2];
    else if (cp >= 0x4E00 && cp <= 0x9FFF) ++counts[3];
    else if (cp >= 0xAC00 && cp <= 0xD7AF) ++counts[4];
    else if (cp >= 0x0900 && cp <= 0x097F) ++counts[5];
    else if (cp >= 0x0600 && cp <= 0x06FF) ++counts[6];
  }
  static constexpr const char* kVoices[7] = {"ru", "el", "ja", "cmn", "ko", "hi", "ar"};
  int best = -1, best_count = 0;
  for (int k = 0; k < 7; ++k)
    if (counts[k] > best_count) best = k, best_count = counts[k];
  if (best == 3 && counts[2] > 0) best = 2;  // kana with kanji: Japanese
  return best < 0 ? "en-us" : kVoices[best];
}

struct Lines {
  std::string all_text;
  std::vector<double> intensities;
  std::map<std::string, int> emotions;
  int blocks = 0;
  int first_line = 0;
};

}  // namespace

std::vector<CharacterBible> build_characters(const Screenplay& sp, const FilmPlan& plan) {
  // Each character's lines.
  std::map<std::string, Lines> lines;
  const auto& els = sp.elements;
  for (std::size_t i = 0; i < els.size(); ++i) {
    if (els[i].kind != ElementKind::kCharacter) continue;
    const std::string name = story::canonical_character_name(els[i].name.empty() ? els[i].text : els[i].name);
    Lines& l = lines[name];
    if (!l.blocks) l.first_line = els[i].line;
    ++l.blocks;
    std::string text, parens;
    std::size_t k = i + 1;
    for (; k < els.size(); ++k) {
      const auto kind = els[k].kind;
      if (kind == ElementKind::kParenthetical) parens += els[k].text + " ";
      else if (kind == ElementKind::kDialogue || kind == ElementKind::kLyrics) text += els[k].text + " ";
      else break;
    }
    l.intensities.push_back(story::emotional_intensity(text, parens));
    for (const auto& e : story::detect_emotions(text, parens)) ++l.emotions[e];
    if (l.all_text.size() < 20000) l.all_text += text;
  }

  // Scenes each character is in (present or speaking), and outfits named in solo action beats.
  struct Appearances {
    std::vector<std::string> scenes;
    std::map<std::string, std::string> outfits;
  };
  std::map<std::string, Appearances> appearances;
  for (const auto& sc : plan.scenes) {
    std::set<std::string> in_scene(sc.characters.begin(), sc.characters.end());
    for (const auto& s : sc.shots)
      if (!s.speaker.empty()) in_scene.insert(s.speaker);
    for (const auto& n : in_scene) appearances[n].scenes.push_back(sc.id);
    for (const auto& s : sc.shots) {
      if (s.kind != ShotKind::kAction || s.characters.size() != 1) continue;
      auto& outfits = appearances[s.characters[0]].outfits;
      if (outfits.count(sc.id)) continue;
      const std::string w = wardrobe_phrase(s.action);
      if (!w.empty()) outfits[sc.id] = w;
    }
  }
  const auto caps_intros = find_intros(sp, plan, plan.speaking_characters, true);
  const auto prose_intros = find_intros(sp, plan, plan.speaking_characters, false);
  std::vector<CharacterBible> out;
  std::set<std::string> taken;
  std::map<std::string, int> variant_use;
  std::set<std::pair<std::string, int>> voices_taken;  // variant, pitch
  int males = 0, females = 0, others = 0;
  for (const auto& name : plan.speaking_characters) {
    CharacterBible c;
    char id[16];
    std::snprintf(id, sizeof id, "C%02d", static_cast<int>(out.size()) + 1);
    c.id = id;
    c.name = name;
    const Lines& l = lines[name];
    c.dialogue_blocks = l.blocks;
    c.first_line = l.first_line;

    std::optional<Intro> intro;
    if (auto it = caps_intros.find(name); it != caps_intros.end()) intro = it->second;
    if (!intro || intro->description.empty()) {
      if (auto it = prose_intros.find(name); it != prose_intros.end() && !it->second.description.empty())
        intro = it->second;
    }
    if (intro) {
      c.description = intro->description;
      if (!intro->alias.empty()) c.aliases.push_back(intro->alias);
    }
    c.appearance = appearance_from_description(c.description, intro ? intro->context : "");
    fill_default_appearance(c.appearance, name, taken);
    taken.insert(c.appearance.hair + "|" + c.appearance.build);

    // Wardrobe: the description, then any scene that says what they wear.
    c.wardrobe.base = wardrobe_phrase(c.description);
    static constexpr std::array<const char*, 8> kOutfits = {
        "dark jacket over a white shirt, jeans", "grey hoodie, cargo trousers",
        "linen shirt, chinos", "knit sweater, corduroys", "leather jacket, black jeans",
        "blazer, open-collar shirt", "flannel shirt, work boots", "cardigan over a striped shirt, slacks"};
    if (c.wardrobe.base.empty()) c.wardrobe.base = kOutfits[(stable_hash(name) >> 37) % kOutfits.size()];
    if (auto it = appearances.find(name); it != appearances.end()) {
      c.scenes = it->second.scenes;
      for (const auto& [scene_id, outfit] : it->second.outfits)
        if (outfit != c.wardrobe.base) c.wardrobe.scenes[scene_id] = outfit;
    }

    // Emotional range from their lines.
    if (!l.intensities.empty()) {
      const auto [mn, mx] = std::minmax_element(l.intensities.begin(), l.intensities.end());
      double sum = 0;
      for (double v : l.intensities) sum += v;
      c.emotional_range.min = *mn;
      c.emotional_range.max = *mx;
      c.emotional_range.mean = std::round(sum / l.intensities.size() * 100) / 100;
    }
    std::vector<std::pair<std::string, int>> emo(l.emotions.begin(), l.emotions.end());
    std::stable_sort(emo.begin(), emo.end(), [](auto& a, auto& b) { return a.second > b.second; });
    for (std::size_t k = 0; k < emo.size() && k < 2; ++k) c.emotional_range.dominant.push_back(emo[k].first);
    if (c.emotional_range.dominant.empty()) c.emotional_range.dominant.push_back("calm");

    // Voice: variant by gender in order of appearance, pitch kept apart from other voices.
    static constexpr std::array<const char*, 7> kMale = {"m1", "m3", "m2", "m4", "m5", "m6", "m7"};
    static constexpr std::array<const char*, 5> kFemale = {"f1", "f2", "f3", "f4", "f5"};
    static constexpr std::array<const char*, 4> kOther = {"m3", "f2", "m7", "f4"};
    const std::uint64_t h = stable_hash(name + "#voice");
    const std::string& g = c.appearance.gender;
    int pitch = 50;
    if (g == "male") {
      c.voice.variant = kMale[males++ % kMale.size()];
      pitch = 32;
    } else if (g == "female") {
      c.voice.variant = kFemale[females++ % kFemale.size()];
      pitch = 62;
    } else {
      c.voice.variant = kOther[others++ % kOther.size()];
      pitch = 48;
    }
    pitch += static_cast<int>(h % 15) - 7;
    if (c.appearance.age_min >= 60) pitch -= 5;
    if (c.appearance.age_max > 0 && c.appearance.age_max <= 12) pitch += 15;
    for (int guard = 0; guard < 40; ++guard) {
      // Same-variant voices at least 8 espeak pitch units apart (about 7% in F0).
      auto near = voices_taken.lower_bound({c.voice.variant, pitch - 7});
      const bool clash = near != voices_taken.end() && near->first == c.voice.variant &&
                         near->second <= pitch + 7;
      if (!clash) break;
      pitch += 8;
      if (pitch > 95) pitch = 10;
    }
    c.voice.pitch = std::clamp(pitch, 0, 99);
    voices_taken.emplace(c.voice.variant, c.voice.pitch);
    c.voice.range = std::clamp(
        static_cast<int>(std::lround(35 + (c.emotional_range.max - c.emotional_range.min) * 60)), 20, 90);
    int rate = 150 + static_cast<int>((h >> 16) % 31);
    if (c.appearance.age_min >= 60) rate -= 12;
    if (c.appearance.age_max > 0 && c.appearance.age_max <= 19) rate += 10;
    if (c.emotional_range.mean >= 0.6) rate += 8;
    c.voice.rate_wpm = rate;
    c.voice.voice = language_voice(l.all_text);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace filmgen::bible
