// The score: a mood per scene and a cue per mood, composed by a seeded sequencer and
// rendered in process by FluidSynth with the General MIDI soundfont.
#include <fluidsynth.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>

#include "audio_assets.hpp"
#include "dsp.hpp"
#include "filmgen/audio.hpp"
#include "filmgen/error.hpp"

namespace filmgen::audio {

namespace {

struct Chord {
  int root = 0;  // semitones above the tonic
  std::vector<int> tones;  // semitones above the root
};

constexpr int kMajor[7] = {0, 2, 4, 5, 7, 9, 11};
constexpr int kMinor[7] = {0, 2, 3, 5, 7, 8, 10};

Chord parse_numeral(const std::string& s, bool minor_key) {
  size_t i = 0;
  int alter = 0;
  for (; i < s.size() && (s[i] == 'b' || s[i] == '#'); ++i) alter += s[i] == 'b' ? -1 : 1;
  static const std::pair<const char*, int> kNumerals[] = {{"vii", 6}, {"vi", 5}, {"v", 4}, {"iv", 3},
                                                           {"iii", 2}, {"ii", 1}, {"i", 0}};
  std::string rest = s.substr(i);
  std::string low = rest;
  for (auto& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  int degree = 0;
  size_t len = 0;
  for (const auto& [n, d] : kNumerals) {
    const size_t l = std::char_traits<char>::length(n);
    if (low.compare(0, l, n) == 0) {
      degree = d, len = l;
      break;
    }
  }
  const bool upper = len > 0 && std::isupper(static_cast<unsigned char>(rest[0]));
  const std::string suffix = rest.substr(len);
  const bool dim = suffix.find('o') != std::string::npos;
  const bool seventh = suffix.find('7') != std::string::npos;
  Chord c;
  c.root = ((minor_key ? kMinor : kMajor)[degree] + alter + 12) % 12;
  if (dim) c.tones = {0, 3, 6};
  else if (upper) c.tones = {0, 4, 7};
  else c.tones = {0, 3, 7};
  if (seventh) c.tones.push_back(dim ? 9 : (upper && degree != 4 ? 11 : 10));
  return c;
}

struct Event {
  int64_t t;
  int order;  // note-offs, then controllers, then note-ons at the same time
  int type;   // 0 off, 1 cc, 2 on, 3 program
  int ch, a, b;
};

struct FluidDeleter {
  void operator()(fluid_synth_t* s) const { delete_fluid_synth(s); }
  void operator()(fluid_settings_t* s) const { delete_fluid_settings(s); }
};

void quiet_fluid_logs() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int level : {FLUID_WARN, FLUID_INFO, FLUID_DBG}) fluid_set_log_function(level, nullptr, nullptr);
  });
}

struct MoodWord {
  const char* prefix;
  const char* mood;
  double weight;
};

const MoodWord kLexicon[] = {
    {"tense", "tense", 1},   {"nervous", "tense", 1},  {"threat", "tense", 1.2}, {"danger", "tense", 1.2},
    {"silence", "tense", 0.4}, {"wait", "tense", 0.3}, {"gun", "tense", 1.2},     {"knife", "tense", 1.2},
    {"police", "tense", 0.6}, {"secret", "tense", 0.6}, {"lie", "tense", 0.4},    {"warn", "tense", 0.8},
    {"sad", "sad", 1},       {"cry", "sad", 1},        {"tear", "sad", 1},        {"grief", "sad", 1.2},
    {"funeral", "sad", 1.5}, {"grave", "sad", 1},      {"lost", "sad", 0.7},      {"alone", "sad", 0.8},
    {"miss", "sad", 0.6},    {"sorry", "sad", 0.6},    {"dead", "sad", 0.8},      {"die", "sad", 0.8},
    {"photograph", "sad", 0.5}, {"memor", "sad", 0.5}, {"goodbye", "sad", 0.8},
    {"laugh", "joyful", 1},  {"smile", "joyful", 0.8}, {"happy", "joyful", 1},    {"joy", "joyful", 1},
    {"celebrat", "joyful", 1.2}, {"party", "joyful", 1}, {"danc", "joyful", 1},   {"sun", "joyful", 0.5},
    {"cheer", "joyful", 1},  {"play", "joyful", 0.4},
    {"love", "romantic", 1.2}, {"kiss", "romantic", 1.5}, {"heart", "romantic", 0.6},
    {"hand", "romantic", 0.2}, {"darling", "romantic", 1.2}, {"wedding", "romantic", 1.2},
    {"candle", "romantic", 0.6}, {"embrac", "romantic", 1}, {"hold", "romantic", 0.3},
    {"ghost", "eerie", 1.5}, {"fog", "eerie", 1},      {"mist", "eerie", 1},      {"shadow", "eerie", 1},
    {"dark", "eerie", 0.8},  {"whisper", "eerie", 0.6}, {"strange", "eerie", 1},  {"empty", "eerie", 0.6},
    {"flicker", "eerie", 0.8}, {"creak", "eerie", 1},  {"bell", "eerie", 0.5},    {"storm", "eerie", 0.5},
    {"run", "action", 0.8},  {"chase", "action", 1.5}, {"fight", "action", 1.5},  {"punch", "action", 1.2},
    {"explo", "action", 1.5}, {"crash", "action", 1.2}, {"shoot", "action", 1.5}, {"shot", "action", 0.3},
    {"race", "action", 1},   {"escape", "action", 1},  {"sink", "action", 0.8},   {"scream", "action", 0.8},
    {"slam", "action", 0.6}, {"jump", "action", 0.8},
    {"calm", "calm", 1},     {"quiet", "calm", 0.6},   {"peace", "calm", 1},      {"tea", "calm", 0.5},
    {"kettle", "calm", 0.5}, {"morning", "calm", 0.5}, {"breakfast", "calm", 0.8}, {"rest", "calm", 0.6},
};

const char* kMoods[] = {"calm", "tense", "sad", "joyful", "romantic", "eerie", "action"};

}  // namespace

SceneMood mood_preset(const std::string& name, double intensity) {
  SceneMood m;
  if (name == "tense") {
    m = {"tense", 92, 0, true, {"i", "i", "VI", "V"}, 49, 43, 71, 45, false, 0.6, 84};
  } else if (name == "sad") {
    m = {"sad", 63, 2, true, {"i", "VI", "III", "VII"}, 49, 42, 0, -1, false, 0.3, 66};
  } else if (name == "joyful") {
    m = {"joyful", 112, 7, false, {"I", "V", "vi", "IV"}, 48, 33, 73, 46, false, 0.65, 90};
  } else if (name == "romantic") {
    m = {"romantic", 80, 5, false, {"I", "vi", "ii", "V7"}, 49, 32, 40, 46, false, 0.45, 76};
  } else if (name == "eerie") {
    m = {"eerie", 58, 11, true, {"i", "bII", "i", "iv"}, 52, 43, 8, -1, false, 0.25, 62};
  } else if (name == "action") {
    m = {"action", 138, 4, true, {"i", "VII", "VI", "VII"}, 48, 38, 56, 45, true, 0.8, 100};
  } else {
    m = {"calm", 76, 2, false, {"I", "vi", "IV", "V"}, 89, 32, 0, 46, false, 0.35, 72};
  }
  const double k = std::clamp(intensity, 0.0, 1.0);
  m.intensity = k;
  m.tempo_bpm = std::round(m.tempo_bpm * (0.92 + 0.2 * k));
  m.velocity = std::clamp(static_cast<int>(std::lround(m.velocity + (k - 0.4) * 40)), 30, 120);
  m.density = std::clamp(m.density + (k - 0.4) * 0.3, 0.1, 1.0);
  return m;
}

SceneMood mood_for(const Scene& scene) {
  double sum = 0, mx = 0;
  std::string text = scene.heading + " ";
  bool fight = false, fire = false, rain = false;
  for (const auto& shot : scene.shots) {
    sum += shot.emotional_intensity;
    mx = std::max(mx, shot.emotional_intensity);
    text += shot.action + " " + shot.dialogue + " " + shot.parenthetical + " ";
    fight = fight || shot.physics.fight || shot.physics.explosion;
    fire = fire || shot.physics.fire;
    rain = rain || shot.physics.rain;
  }
  const double mean = scene.shots.empty() ? 0 : sum / scene.shots.size();
  std::map<std::string, double> score;
  for (const char* m : kMoods) score[m] = 0;
  score["calm"] = 0.5;
  std::string word;
  for (size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ' ';
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      continue;
    }
    if (word.size() >= 3)
      for (const auto& w : kLexicon)
        if (word.rfind(w.prefix, 0) == 0) {
          score[w.mood] += w.weight;
          break;
        }
    word.clear();
  }
  const std::string& tod = scene.time_of_day;
  if (tod == "night") score["eerie"] += 0.6, score["tense"] += 0.3;
  if (tod == "dawn" || tod == "morning") score["calm"] += 0.6, score["joyful"] += 0.3;
  if (tod == "dusk" || tod == "evening") score["romantic"] += 0.4, score["sad"] += 0.3;
  if (tod == "day" || tod == "afternoon") score["joyful"] += 0.3;
  if (fight) score["action"] += 2;
  if (fire) score["tense"] += 1;
  if (rain) score["sad"] += 0.5;
  if (mx > 0.7) score[fight ? "action" : "tense"] += 1.5;
  if (mean < 0.25) score["calm"] += 0.8;
  const char* best = "calm";
  for (const char* m : kMoods)
    if (score[m] > score[best] + 1e-9) best = m;
  return mood_preset(best, 0.5 * mean + 0.5 * mx);
}

std::string score_fingerprint() {
  const auto sf = soundfont_path();
  std::error_code ec;
  const auto size = sf ? std::filesystem::file_size(*sf, ec) : 0;
  return std::string("fluidsynth ") + fluid_version_str() + " " + (sf ? sf->string() : "-") + " " +
         std::to_string(size) + " v1";
}

Pcm render_cue(const SceneMood& mood, double seconds, uint64_t seed) {
  Pcm out;
  out.channels = 2;
  const int64_t total = std::max<int64_t>(0, std::llround(seconds * kSampleRate));
  out.samples.assign(static_cast<size_t>(total) * 2, 0.0f);
  if (total == 0) return out;
  const auto sf = soundfont_path();
  if (!sf)
    throw Error(ErrorCode::kEnvironment, "score",
                "no General MIDI soundfont; install fluid-soundfont-gm (scripts/setup.sh)");
  quiet_fluid_logs();

  // ---- Compose: a list of timed MIDI events.
  dsp::Rng rng(seed ^ dsp::fnv1a(mood.name));
  std::vector<Event> ev;
  auto at = [&](double s) { return std::clamp<int64_t>(std::llround(s * kSampleRate), 0, total); };
  auto note = [&](int ch, int key, int vel, double t0, double t1) {
    if (key < 0 || key > 127 || t1 <= t0) return;
    ev.push_back({at(t0), 2, 2, ch, key, std::clamp(vel, 1, 127)});
    ev.push_back({at(t1), 0, 0, ch, key, 0});
  };
  auto cc = [&](int ch, int num, int val, double t) {
    ev.push_back({at(t), 1, 1, ch, num, std::clamp(val, 0, 127)});
  };
  const int kPad = 0, kBass = 1, kMelody = 2, kPulse = 3, kDrums = 9;
  const int programs[4] = {mood.pad_program, mood.bass_program, mood.melody_program, mood.pulse_program};
  const int pans[4] = {64, 64, 76, 48}, sends[4] = {80, 35, 60, 50}, volumes[4] = {96, 100, 92, 80};
  for (int ch = 0; ch < 4; ++ch) {
    if (programs[ch] < 0) continue;
    ev.push_back({0, 1, 3, ch, std::clamp(programs[ch], 0, 127), 0});
    cc(ch, 7, volumes[ch], 0);
    cc(ch, 10, pans[ch], 0);
    cc(ch, 91, sends[ch], 0);
  }
  if (mood.drums) cc(kDrums, 7, 90, 0), cc(kDrums, 91, 30, 0);

  const double beat = 60.0 / std::max(20.0, mood.tempo_bpm);
  const double bar = 4 * beat;
  const double tail = std::clamp(0.15 * seconds, std::min(1.0, seconds / 2), 3.0);
  const double music_end = seconds - tail;
  const double swell = std::min(4.0, 0.25 * seconds);
  // Intro swell and closing diminuendo on the expression controller.
  for (double t = 0; t < seconds; t += 0.02) {
    double e = t < swell ? 0.3 + 0.7 * std::sin(0.5 * M_PI * t / swell) : 1.0;
    const double fall_from = music_end - std::min(bar, 0.5 * music_end);
    if (t > fall_from) e *= std::max(0.45, 1 - 0.55 * (t - fall_from) / std::max(0.1, music_end - fall_from));
    for (int ch = 0; ch < 4; ++ch)
      if (programs[ch] >= 0) cc(ch, 11, static_cast<int>(std::lround(127 * e)), t);
  }

  const bool minor = mood.minor;
  const int* scale = minor ? kMinor : kMajor;
  const int tonic = ((mood.key % 12) + 12) % 12;
  std::vector<std::string> prog = mood.progression.empty() ? std::vector<std::string>{"I"} : mood.progression;
  const int bars = std::max(1, static_cast<int>(std::ceil(music_end / bar - 0.25)));
  const double vel = mood.velocity;
  const double dens = std::clamp(mood.density, 0.0, 1.0);
  int melody_degree = 7 + rng.below(3);  // scale steps above the tonic, octave 5
  std::vector<int> prev_voicing;
  for (int b = 0; b < bars; ++b) {
    const double t0 = b * bar;
    const double t1 = std::min((b + 1) * bar, music_end);
    if (t1 <= t0) break;
    const bool last = b == bars - 1 && bars > 1;
    const Chord chord = parse_numeral(last ? (minor ? "i" : "I") : prog[b % prog.size()], minor);
    const int root_pc = (tonic + chord.root) % 12;
    // Pad: chord tones placed in 55..66, held through the bar (the last one into the tail).
    std::vector<int> voicing;
    for (int tone : chord.tones) voicing.push_back(55 + (root_pc + tone + 12 - 7) % 12);
    std::sort(voicing.begin(), voicing.end());
    const double pad_end = last ? music_end + 0.5 * tail : t1;
    for (int k : voicing) note(kPad, k, static_cast<int>(vel * 0.75), t0, pad_end);
    prev_voicing = voicing;
    // Bass: root in 36..47, entering after the first bar of longer cues.
    if (b > 0 || bars <= 2) {
      const int root = 36 + root_pc;
      const int hits = dens < 0.4 ? 1 : dens < 0.7 ? 2 : 4;
      for (int h = 0; h < hits; ++h) {
        const double a = t0 + h * bar / hits;
        const double e = std::min(t1, a + bar / hits * 0.92);
        const int key = (hits == 4 && h % 2 == 1 && mood.drums) ? root + 12 : root;
        note(kBass, key, static_cast<int>(vel * (h == 0 ? 0.95 : 0.8)), a, last ? pad_end : e);
        if (last) break;
      }
    }
    // Pulse: an arpeggio of the chord, eighths when dense, quarters otherwise.
    if (mood.pulse_program >= 0 && !last && (b > 0 || bars <= 2)) {
      const int steps = dens >= 0.5 ? 8 : 4;
      for (int s = 0; s < steps; ++s) {
        const double a = t0 + s * bar / steps;
        if (a >= t1) break;
        const int tone = chord.tones[s % chord.tones.size()] + (s / chord.tones.size() % 2) * 12;
        note(kPulse, 60 + root_pc + tone - (root_pc > 6 ? 12 : 0), static_cast<int>(vel * 0.6),
             a, std::min(t1, a + bar / steps * 0.8));
      }
    }
    // Drums: kick on 1 and 3, snare on 2 and 4, closed hat on eighths.
    if (mood.drums && !last && b > 0) {
      for (int s = 0; s < 8; ++s) {
        const double a = t0 + s * beat / 2;
        if (a >= t1) break;
        note(kDrums, 42, static_cast<int>(vel * 0.5), a, a + 0.05);
        if (s % 4 == 0) note(kDrums, 36, static_cast<int>(vel), a, a + 0.1);
        if (s % 4 == 2) note(kDrums, 38, static_cast<int>(vel * 0.85), a, a + 0.1);
      }
    }
    // Melody: a seeded walk on the scale; strong beats land on chord tones.
    if ((b >= 1 || bars <= 2) && !last) {
      const int slots = 8;
      int held_from = -1, held_key = -1;
      auto flush = [&](int upto) {
        if (held_from >= 0) note(kMelody, held_key, static_cast<int>(vel * 0.85 + rng.below(10)),
                                 t0 + held_from * beat / 2, std::min(t1, t0 + upto * beat / 2));
        held_from = -1;
      };
      for (int s = 0; s < slots; ++s) {
        const bool strong = s % 4 == 0;
        const double p = strong ? 0.35 + 0.5 * dens : 0.08 + 0.55 * dens * (s % 2 == 0 ? 1 : 0.6);
        if (rng.uniform() >= p) continue;
        melody_degree += rng.below(5) - 2;
        melody_degree = std::clamp(melody_degree, 3, 13);
        int pc_off = scale[melody_degree % 7] + 12 * (melody_degree / 7);
        if (strong) {  // nearest chord tone
          int best = pc_off, best_d = 99;
          for (int tone : chord.tones)
            for (int o = -12; o <= 24; o += 12) {
              const int cand = chord.root + tone + o;
              if (std::abs(cand - pc_off) < best_d) best_d = std::abs(cand - pc_off), best = cand;
            }
          pc_off = best;
        }
        flush(s);
        held_from = s;
        held_key = 60 + tonic + pc_off;
      }
      flush(slots);
    }
  }
  std::stable_sort(ev.begin(), ev.end(),
                   [](const Event& a, const Event& b) { return a.t != b.t ? a.t < b.t : a.order < b.order; });

  // ---- Render: events applied between blocks of fluid_synth_write_float.
  std::unique_ptr<fluid_settings_t, FluidDeleter> settings(new_fluid_settings());
  fluid_settings_t* st = settings.get();
  fluid_settings_setnum(st, "synth.sample-rate", kSampleRate);
  fluid_settings_setint(st, "synth.cpu-cores", 1);
  fluid_settings_setint(st, "synth.threadsafe-api", 0);
  fluid_settings_setint(st, "synth.chorus.active", 0);
  fluid_settings_setint(st, "synth.reverb.active", 1);
  fluid_settings_setnum(st, "synth.reverb.room-size", 0.7);
  fluid_settings_setnum(st, "synth.reverb.damp", 0.4);
  fluid_settings_setnum(st, "synth.reverb.width", 0.9);
  fluid_settings_setnum(st, "synth.reverb.level", 0.6);
  fluid_settings_setnum(st, "synth.gain", 0.4);
  fluid_settings_setint(st, "synth.polyphony", 256);
  std::unique_ptr<fluid_synth_t, FluidDeleter> synth(new_fluid_synth(st));
  if (!synth || fluid_synth_sfload(synth.get(), sf->c_str(), 1) == FLUID_FAILED)
    throw Error(ErrorCode::kEnvironment, "score", "FluidSynth could not load " + sf->string());
  fluid_synth_t* sy = synth.get();
  std::vector<float> left(static_cast<size_t>(total)), right(static_cast<size_t>(total));
  int64_t pos = 0;
  auto render_to = [&](int64_t t) {
    while (pos < t) {
      const int n = static_cast<int>(std::min<int64_t>(t - pos, 4096));
      fluid_synth_write_float(sy, n, left.data() + pos, 0, 1, right.data() + pos, 0, 1);
      pos += n;
    }
  };
  for (const Event& e : ev) {
    render_to(e.t);
    switch (e.type) {
      case 0: fluid_synth_noteoff(sy, e.ch, e.a); break;
      case 1: fluid_synth_cc(sy, e.ch, e.a, e.b); break;
      case 2: fluid_synth_noteon(sy, e.ch, e.a, e.b); break;
      case 3: fluid_synth_program_change(sy, e.ch, e.a); break;
    }
  }
  render_to(total);

  // A short fade into silence at the very end, then peaks at or below -1 dBFS.
  const int64_t fade = std::min<int64_t>(total, static_cast<int64_t>(std::min(1.0, tail) * kSampleRate));
  float peak = 0;
  for (int64_t i = 0; i < total; ++i) {
    float g = 1;
    if (i >= total - fade) g = static_cast<float>(double(total - i) / fade);
    out.samples[2 * i] = left[i] * g;
    out.samples[2 * i + 1] = right[i] * g;
    peak = std::max({peak, std::abs(out.samples[2 * i]), std::abs(out.samples[2 * i + 1])});
  }
  if (peak > 0.891f)
    for (float& v : out.samples) v *= 0.891f / peak;
  return out;
}

std::vector<CueSpan> score_spans(const std::vector<std::pair<double, double>>& scenes, double total_s,
                                 double crossfade_s) {
  std::vector<CueSpan> spans;
  const double half = std::max(0.0, crossfade_s) / 2;
  for (size_t i = 0; i < scenes.size(); ++i) {
    const auto [start, dur] = scenes[i];
    const bool first = i == 0, last = i + 1 == scenes.size();
    const double a = std::clamp(start - (first ? 0 : half), 0.0, total_s);
    const double b = std::clamp(start + dur + (last ? 0 : half), a, total_s);
    CueSpan s;
    s.start_s = a;
    s.seconds = b - a;
    s.fade_in_s = first ? 0 : std::min(2 * half, s.seconds / 2);
    s.fade_out_s = last ? 0 : std::min(2 * half, s.seconds / 2);
    spans.push_back(s);
  }
  return spans;
}

}  // namespace filmgen::audio
