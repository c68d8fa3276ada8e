// Score: moods from scenes, cues rendered by FluidSynth (determinism, shape, differences).
#include <catch2/catch.hpp>

#include <cmath>

#include "audio_test_support.hpp"
#include "filmgen/audio.hpp"
#include "test_support.hpp"

using namespace filmgen;
using namespace filmgen::audio;
using namespace filmgen::test;

namespace {

Scene scene_with(const std::string& heading, const std::string& tod, const std::string& action,
                 double intensity, PhysicsFlags physics = {}) {
  Scene s;
  s.heading = heading;
  s.time_of_day = tod;
  Shot shot;
  shot.action = action;
  shot.emotional_intensity = intensity;
  shot.physics = physics;
  s.shots.push_back(shot);
  return s;
}

// Note onsets per second: 25 ms frames whose energy rises by more than 4 dB over the minimum
// of the previous 100 ms, at least 100 ms apart.
double onset_rate(const Pcm& pcm, double from_s, double to_s) {
  const size_t hop = 1200;
  std::vector<double> e;
  for (size_t a = static_cast<size_t>(from_s * 48000); a + hop <= static_cast<size_t>(to_s * 48000); a += hop) {
    double s = 0;
    for (size_t i = a; i < a + hop; ++i) s += double(pcm.samples[2 * i]) * pcm.samples[2 * i];
    e.push_back(10 * std::log10(1e-12 + s / hop));
  }
  int onsets = 0;
  size_t last = 0;
  for (size_t i = 4; i < e.size(); ++i) {
    const double floor = std::min({e[i - 1], e[i - 2], e[i - 3], e[i - 4]});
    if (e[i] - floor > 4 && (onsets == 0 || i - last >= 4)) ++onsets, last = i;
  }
  return onsets / (to_s - from_s);
}

}  // namespace

TEST_CASE("score: moods from intensity, time of day and words", "[audio][score]") {
  PhysicsFlags fight;
  fight.fight = true;
  CHECK(mood_for(scene_with("EXT. ROOFTOP - NIGHT", "night", "They fight. A punch, a chase across the roof.", 0.9, fight)).name == "action");
  CHECK(mood_for(scene_with("INT. CHAPEL - DAY", "day", "The funeral. She cries over the grave, alone.", 0.4)).name == "sad");
  CHECK(mood_for(scene_with("EXT. PARK - DAY", "day", "Children laugh and dance; everyone cheers at the party.", 0.3)).name == "joyful");
  CHECK(mood_for(scene_with("INT. CELLAR - NIGHT", "night", "Fog. A shadow moves. Something creaks in the dark.", 0.4)).name == "eerie");
  CHECK(mood_for(scene_with("INT. KITCHEN - MORNING", "morning", "She pours tea. The kettle whistles.", 0.1)).name == "calm");
  CHECK(mood_for(scene_with("INT. CAFE - EVENING", "evening", "He takes her hand. A kiss by candle light.", 0.3)).name == "romantic");
  CHECK(mood_for(scene_with("INT. OFFICE - NIGHT", "night", "A gun on the desk. A threat. Danger in every word.", 0.8)).name == "tense");
  // Intensity drives tempo and velocity.
  CHECK(mood_preset("tense", 0.9).tempo_bpm > mood_preset("tense", 0.1).tempo_bpm);
  CHECK(mood_preset("tense", 0.9).velocity > mood_preset("tense", 0.1).velocity);
  const auto m = mood_preset("sad");
  CHECK(m.minor);
  CHECK(nlohmann::json(m).get<SceneMood>() == m);
  CHECK(mood_preset("nonsense").name == "calm");
}

TEST_CASE("score: a cue is deterministic, exact in length, audible and clean", "[audio][score]") {
  const auto mood = mood_preset("romantic", 0.4);
  const Pcm a = render_cue(mood, 12.5, 7);
  const Pcm b = render_cue(mood, 12.5, 7);
  const Pcm c = render_cue(mood, 12.5, 8);
  REQUIRE(a.channels == 2);
  REQUIRE(a.sample_rate == 48000);
  CHECK(a.frames() == 600000);
  CHECK(a.samples == b.samples);
  CHECK(a.samples != c.samples);  // the seed changes the melody
  for (float v : a.samples) REQUIRE(std::isfinite(v));
  CHECK(peak_abs(a) <= 0.8913f);
  CHECK(peak_abs(a) > 0.05f);
  // Shape: quieter swell at the start than in the body, silence at the very end.
  CHECK(rms_db(a, 0, 1) < rms_db(a, 4, 8) - 2);
  CHECK(rms_db(a, 4, 8) > -40);
  CHECK(rms_db(a, 12.45, 12.5) < rms_db(a, 4, 8) - 30);
  // ffmpeg reads it and finds it not silent and unclipped.
  TempDir dir("filmgen-score");
  write_wav(dir / "cue.wav", a);
  auto st = ffmpeg_astats(dir / "cue.wav");
  REQUIRE(st.count("Peak level dB"));
  CHECK(st["Peak level dB"] < -0.9);
  CHECK(st["RMS level dB"] > -45);
  CHECK(render_cue(mood, 0, 1).samples.empty());
  CHECK(render_cue(mood, 0.3, 1).frames() == 14400);
}

TEST_CASE("score: different moods sound different", "[audio][score][slow]") {
  const Pcm action = render_cue(mood_preset("action", 0.8), 16, 3);
  const Pcm sad = render_cue(mood_preset("sad", 0.3), 16, 3);
  const Pcm eerie = render_cue(mood_preset("eerie", 0.3), 16, 3);
  const double rate_action = onset_rate(action, 3, 13), rate_sad = onset_rate(sad, 3, 13);
  INFO("onsets per second: action " << rate_action << ", sad " << rate_sad);
  CHECK(rate_action > 1.5 * rate_sad + 0.5);
  CHECK(rms_db(action, 4, 12) > rms_db(sad, 4, 12) + 3);
  CHECK(action.samples != eerie.samples);
}

TEST_CASE("score: cue spans overlap by the crossfade", "[audio][score]") {
  const auto spans = score_spans({{0, 10}, {10, 5}, {15, 20}}, 35, 2);
  REQUIRE(spans.size() == 3);
  CHECK(spans[0].start_s == 0);
  CHECK(spans[0].seconds == Approx(11));
  CHECK(spans[0].fade_in_s == 0);
  CHECK(spans[0].fade_out_s == Approx(2));
  CHECK(spans[1].start_s == Approx(9));
  CHECK(spans[1].seconds == Approx(7));
  CHECK(spans[2].start_s == Approx(14));
  CHECK(spans[2].seconds == Approx(21));
  CHECK(spans[2].fade_out_s == 0);
}
