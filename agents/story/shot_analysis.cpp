// Text analysis for the shot planner and the bibles (see shot_analysis.hpp).
#include "shot_analysis.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <unordered_set>

#include "text_util.hpp"

namespace filmgen::story {

namespace {

using WordSet = std::unordered_set<std::string_view>;

const WordSet& water_words() {
  static const WordSet s = {"water", "waters", "sea", "seas", "ocean", "lake", "river", "pool",
                            "pools", "wave", "waves", "swim", "swims", "swimming", "splash",
                            "splashes", "splashing", "drown", "drowning", "surf", "tide", "flood",
                            "puddle", "underwater", "waterfall", "spray", "harbour", "harbor"};
  return s;
}
const WordSet& rain_words() {
  static const WordSet s = {"rain", "rains", "raining", "rainy", "storm", "storms", "stormy",
                            "drizzle", "downpour", "rainfall", "thunderstorm", "raindrops", "sleet"};
  return s;
}
const WordSet& fire_words() {
  static const WordSet s = {"fire", "fires", "flame", "flames", "burn", "burns", "burning",
                            "blaze", "blazing", "inferno", "candle", "candles", "torch",
                            "fireplace", "bonfire", "ablaze", "embers", "flare"};
  return s;
}
const WordSet& smoke_words() {
  static const WordSet s = {"smoke", "smokes", "smoking", "smoky", "fog", "foggy", "mist",
                            "misty", "steam", "steaming", "haze", "hazy", "cigarette", "ash"};
  return s;
}
const WordSet& fight_words() {
  static const WordSet s = {"fight", "fights", "fighting", "punch", "punches", "punched", "kick",
                            "kicks", "kicked", "slam", "slams", "slammed", "smack", "smacks",
                            "smacked", "hit", "hits", "struggle", "struggles", "brawl", "tackle",
                            "tackles", "tackled", "wrestle", "wrestles", "stab", "stabs", "attack",
                            "attacks", "roughing", "shove", "shoves", "shoved", "grapple"};
  return s;
}
const WordSet& crowd_words() {
  static const WordSet s = {"crowd", "crowds", "crowded", "audience", "mob", "throng", "hundreds",
                            "dozens", "protesters", "spectators", "onlookers", "passengers",
                            "dancers", "congregation"};
  return s;
}
const WordSet& vehicle_words() {
  static const WordSet s = {"car", "cars", "truck", "van", "bus", "train", "taxi", "cab",
                            "motorcycle", "boat", "ship", "plane", "helicopter", "porsche", "jeep",
                            "sedan", "engine", "drive", "drives", "driving", "ferry", "tram",
                            "trawler", "wheel", "speeds", "headlights"};
  return s;
}
const WordSet& explosion_words() {
  static const WordSet s = {"explosion", "explosions", "explode", "explodes", "exploding", "blast",
                            "blasts", "boom", "detonate", "detonates", "bomb", "grenade", "kaboom"};
  return s;
}
const WordSet& charged_words() {
  static const WordSet s = {"kill", "kills", "killed", "dead", "die", "dies", "death", "blood",
                            "gun", "guns", "scream", "screams", "hate", "love", "run", "help",
                            "please", "never", "god", "damn", "hell", "danger", "stop", "screw",
                            "myth", "war", "murder", "now", "crap", "permanently", "destiny"};
  return s;
}

struct Emotion {
  std::string_view label;
  WordSet words;
};
const std::array<Emotion, 5>& emotion_lexicon() {
  static const std::array<Emotion, 5> e = {{
      {"anger", {"angry", "furious", "hate", "damn", "shouting", "yelling", "screw", "rage", "dead",
                 "kill", "idiot", "enough", "smacks", "slams", "seething"}},
      {"joy", {"laugh", "laughs", "laughing", "happy", "cheers", "great", "love", "wonderful",
               "smiling", "smiles", "grinning", "beautiful", "ready", "celebrate", "retirement"}},
      {"fear", {"afraid", "scared", "terrified", "help", "run", "coming", "danger", "nervous",
                "trembling", "panicked", "hide", "whispering", "crap"}},
      {"sadness", {"sorry", "sad", "cry", "crying", "tears", "miss", "lost", "alone", "gone",
                   "sobbing", "quietly", "grief", "tired"}},
      {"surprise", {"what", "wow", "oh", "really", "suddenly", "shocked", "stunned", "woah", "whoa"}},
  }};
  return e;
}

bool any_in(const std::vector<std::string>& words, const WordSet& set) {
  for (const auto& w : words)
    if (set.count(w)) return true;
  return false;
}

bool contains_phrase(const std::string& lower, std::string_view phrase) {
  return lower.find(phrase) != std::string::npos;
}

}  // namespace

double emotional_intensity(std::string_view text, std::string_view parentheticals) {
  double score = 0.2;
  int bangs = 0, questions = 0, ellipses = 0, dashes = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '!') ++bangs;
    if (text[i] == '?') ++questions;
    if (text.compare(i, 3, "...") == 0) ++ellipses, i += 2;
    else if (text.compare(i, 2, "--") == 0) ++dashes, ++i;
  }
  score += std::min(0.36, 0.12 * bangs);
  score += std::min(0.12, 0.04 * questions);
  score += std::min(0.1, 0.04 * ellipses + 0.05 * dashes);
  // Shouted words: two or more letters, all upper case, in a line that has lower case too.
  int shouted = 0;
  bool has_lower = false;
  for (char c : text) has_lower = has_lower || (c >= 'a' && c <= 'z');
  if (has_lower) {
    std::size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && !std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
      std::size_t j = i;
      bool upper = true;
      while (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j]))) {
        upper = upper && std::isupper(static_cast<unsigned char>(text[j]));
        ++j;
      }
      if (j - i >= 2 && upper && text.substr(i, j - i) != "OK" && text.substr(i, j - i) != "TV") ++shouted;
      i = j;
    }
  }
  score += std::min(0.24, 0.08 * shouted);
  int charged = 0;
  for (const auto& w : words_lower(text))
    if (charged_words().count(w)) ++charged;
  score += std::min(0.3, 0.08 * charged);
  const std::string p = to_lower_ascii(parentheticals);
  for (std::string_view hot : {"shout", "yell", "scream", "furious", "angry", "crying", "sob",
                               "desperate", "terrified", "panic", "rage", "explod", "oh crap"})
    if (contains_phrase(p, hot)) {
      score += 0.35;
      break;
    }
  for (std::string_view intimate : {"whisper", "tearful", "trembl", "urgent", "pleading"})
    if (contains_phrase(p, intimate)) {
      score += 0.15;
      break;
    }
  for (std::string_view cool : {"calm", "quietly", "softly", "flat", "deadpan", "bored", "sleepy"})
    if (contains_phrase(p, cool)) {
      score -= 0.1;
      break;
    }
  score = std::clamp(score, 0.0, 1.0);
  return std::round(score * 100) / 100;
}

PhysicsFlags detect_physics(std::string_view text) {
  const auto words = words_lower(text);
  PhysicsFlags f;
  f.water = any_in(words, water_words());
  f.rain = any_in(words, rain_words());
  f.fire = any_in(words, fire_words());
  f.smoke = any_in(words, smoke_words());
  f.fight = any_in(words, fight_words());
  f.crowd = any_in(words, crowd_words());
  f.vehicle = any_in(words, vehicle_words());
  f.explosion = any_in(words, explosion_words());
  const std::string lower = to_lower_ascii(text);
  if (contains_phrase(lower, "speed off") || contains_phrase(lower, "drive off")) f.vehicle = true;
  return f;
}

CameraMove suggest_camera(std::string_view text, const PhysicsFlags& physics, double intensity) {
  if (physics.fight || physics.explosion || (physics.vehicle && intensity >= 0.5))
    return CameraMove::kHandheld;
  const std::string lower = to_lower_ascii(text);
  for (std::string_view p : {"walks away", "walk away", "leaves", "drives off", "speed off",
                             "alone", "disappears", "recedes", "fades", "pull back"})
    if (contains_phrase(lower, p)) return CameraMove::kPullOut;
  for (std::string_view p : {"looks around", "scans", "across", "follows", "pans", "sweeps",
                             "surveys", "turns and looks"})
    if (contains_phrase(lower, p)) return CameraMove::kPan;
  for (std::string_view p : {"realizes", "realises", "leans in", "moves closer", "approaches",
                             "stares", "closer", "slowly"})
    if (contains_phrase(lower, p)) return CameraMove::kPushIn;
  if (physics.vehicle) return CameraMove::kPan;
  if (intensity >= 0.75) return CameraMove::kPushIn;
  return CameraMove::kStatic;
}

std::vector<std::string> detect_emotions(std::string_view text, std::string_view parentheticals) {
  std::vector<std::string> out;
  auto words = words_lower(text);
  auto pw = words_lower(parentheticals);
  words.insert(words.end(), pw.begin(), pw.end());
  for (const auto& e : emotion_lexicon())
    if (any_in(words, e.words)) out.emplace_back(e.label);
  return out;
}

Transition transition_from_text(std::string_view text) {
  const std::string t = to_upper(collapse_spaces(text));
  if (t.find("SMASH") != std::string::npos) return Transition::kSmashCut;
  if (t.find("MATCH") != std::string::npos) return Transition::kMatchCut;
  if (t.find("JUMP") != std::string::npos) return Transition::kJumpCut;
  if (t.find("DISSOLVE") != std::string::npos || t.find("MIX") != std::string::npos)
    return Transition::kDissolve;
  if (t.find("WIPE") != std::string::npos || t.find("IRIS") != std::string::npos) return Transition::kWipe;
  if (t.find("FADE IN") != std::string::npos || t.find("FADE UP") != std::string::npos)
    return Transition::kFadeIn;
  if (t.find("FADE") != std::string::npos || t.find("BLACK") != std::string::npos ||
      t.find("THE END") != std::string::npos)
    return Transition::kFadeOut;
  if (t.find("CUT") != std::string::npos) return Transition::kCut;
  return Transition::kDissolve;  // "BURN TO PINK.", "TIME WARP TO:": a soft, stylised change
}

bool is_pause_parenthetical(std::string_view p) {
  const std::string l = to_lower_ascii(p);
  for (std::string_view w : {"beat", "pause", "silence", "a moment", "long look", "waits"})
    if (l.find(w) != std::string::npos) return true;
  return false;
}

bool is_off_screen(const std::vector<std::string>& extensions) {
  for (const auto& e : extensions) {
    std::string x;
    for (char c : to_upper(e))
      if (c != '.' && c != ' ') x += c;
    if (x == "VO" || x == "OS" || x == "OC" || x == "OFF" || x == "PRELAP" || x == "ONPHONE" ||
        x == "ONRADIO" || x == "INTOPHONE" || x == "FILTERED")
      return true;
  }
  return false;
}

}  // namespace filmgen::story
