// Mix: loudness and true peak measured by ffmpeg's ebur128 filter, ducking, no clipping.
#include <catch2/catch.hpp>

#include <cmath>

#include "audio_test_support.hpp"
#include "filmgen/audio.hpp"
#include "test_support.hpp"

using namespace filmgen;
using namespace filmgen::audio;
using namespace filmgen::test;

namespace {

VoiceProfile voice(const std::string& variant, int pitch) {
  VoiceProfile v;
  v.variant = variant;
  v.pitch = pitch;
  return v;
}

// 30 s: a music cue throughout, three lines at 6 s, 9.5 s and 20 s.
struct Scenario {
  MixInput input;
  std::vector<std::pair<double, double>> speech;  // [start, end] of each line's speech
  Scenario() {
    input.total_s = 30;
    const std::pair<const char*, VoiceProfile> lines[] = {
        {"Evening, Ruth. You're soaked through.", voice("m1", 30)},
        {"Forty years I've caught this bus. Rain never stopped it once.", voice("f1", 64)},
        {"Get out of my way! The boat is sinking!", voice("m3", 40)}};
    const double starts[] = {6, 9.5, 20};
    for (int i = 0; i < 3; ++i) {
      auto a = synthesize_line({.text = lines[i].first,
                                .parenthetical = i == 2 ? "(shouting)" : "",
                                .voice = lines[i].second});
      speech.push_back({starts[i] + a.onset_s, starts[i] + a.speech_end_s});
      input.dialogue.push_back({.start_s = starts[i], .pcm = a.pcm, .pan = i == 1 ? 0.2 : -0.2});
    }
    input.music.push_back({.start_s = 0, .pcm = render_cue(mood_preset("tense", 0.5), 30, 11)});
  }
};

}  // namespace

TEST_CASE("mix: -16 LUFS and <= -1 dBTP by ffmpeg's ebur128, no clipping", "[audio][mix][slow]") {
  Scenario s;
  MixOptions opt;
  opt.keep_buses = true;
  const MixResult r = mix(s.input, opt);
  REQUIRE(r.pcm.channels == 2);
  REQUIRE(r.pcm.sample_rate == 48000);
  CHECK(r.pcm.frames() == 30 * 48000);
  CHECK(r.integrated_lufs == Approx(-16).margin(0.5));
  CHECK(r.true_peak_dbtp <= -1.0);
  CHECK(peak_abs(r.pcm) <= 1.0f);
  for (float v : r.pcm.samples) REQUIRE(std::isfinite(v));

  TempDir dir("filmgen-mix");
  write_wav(dir / "mix.wav", r.pcm);
  const auto ff = ffmpeg_ebur128(dir / "mix.wav");
  INFO(ff.log.substr(ff.log.size() > 600 ? ff.log.size() - 600 : 0));
  REQUIRE(ff.ok);
  CHECK(ff.integrated_lufs == Approx(-16).margin(1.0));
  CHECK(ff.true_peak_dbfs <= -1.0);
  // The 16-bit file a player might get is also within limits.
  write_wav(dir / "mix16.wav", r.pcm, WavFormat::kPcm16);
  const auto ff16 = ffmpeg_ebur128(dir / "mix16.wav");
  CHECK(ff16.true_peak_dbfs <= -1.0);
  auto st = ffmpeg_astats(dir / "mix.wav");
  CHECK(st["Peak level dB"] < -1.0);

  // Music alone is >= 8 dB quieter inside the dialogue than in the clear gaps around it.
  const double gap1 = rms_db(r.music_bus, 3, 5), gap3 = rms_db(r.music_bus, 16, 19);
  const double in1 = rms_db(r.music_bus, s.speech[0].first, s.speech[0].second);
  const double in3 = rms_db(r.music_bus, s.speech[2].first, s.speech[2].second);
  INFO("music: gap " << gap1 << " dB, line 1 " << in1 << " dB; gap " << gap3 << " dB, line 3 " << in3 << " dB");
  CHECK(gap1 - in1 >= 8);
  CHECK(gap3 - in3 >= 8);
  // Against the same music mixed without a duck, every line is ducked by >= 8 dB more than
  // the gaps, whatever the cue itself does.
  MixOptions flat = opt;
  flat.duck_db = 0;
  const MixResult u = mix(s.input, flat);
  auto duck_at = [&](double a, double b) { return rms_db(r.music_bus, a, b) - rms_db(u.music_bus, a, b); };
  for (const auto& [a, b] : s.speech) {
    INFO("line at " << a << ": duck " << duck_at(a, b) << " dB vs gap " << duck_at(3, 5) << " dB");
    CHECK(duck_at(3, 5) - duck_at(a, b) >= 8);
    // The duck is fully down when speech starts (look-ahead).
    CHECK(r.duck_db[static_cast<size_t>(a * r.duck_rate_hz)] <= -opt.duck_db + 0.01);
  }
  CHECK(r.max_duck_db == Approx(opt.duck_db));
  // Music between lines sits 6 dB under the dialogue; check it is audible (-20..-28 LUFS-ish).
  Pcm music_only = r.music_bus;
  music_only.samples.assign(r.music_bus.samples.begin() + 1 * 96000, r.music_bus.samples.begin() + 5 * 96000);
  write_wav(dir / "music_window.wav", music_only);
  const auto fm = ffmpeg_ebur128(dir / "music_window.wav");
  INFO("music alone between 1 and 5 s: " << fm.integrated_lufs << " LUFS");
  CHECK(fm.integrated_lufs > -28);
  CHECK(fm.integrated_lufs < -18);
}

TEST_CASE("mix: deterministic, quiet stems are raised and loud ones limited", "[audio][mix]") {
  // A loud square-ish wave (heavy peaks) and a quiet one both end at -16 LUFS, <= -1 dBTP.
  for (double amp : {0.9, 0.02}) {
    Pcm tone;
    tone.channels = 2;
    for (int i = 0; i < 48000 * 8; ++i) {
      const float v = static_cast<float>(amp * std::tanh(4 * std::sin(2 * M_PI * 220 * i / 48000.0)));
      tone.samples.push_back(v);
      tone.samples.push_back(v);
    }
    MixInput in;
    in.music.push_back({.start_s = 0, .pcm = tone});
    const auto r = mix(in);
    CHECK(r.pcm.frames() == tone.frames());
    CHECK(r.integrated_lufs == Approx(-16).margin(0.5));
    CHECK(r.true_peak_dbtp <= -1.0);
    CHECK(peak_abs(r.pcm) <= 1.0f);
    CHECK(mix(in).pcm.samples == r.pcm.samples);
  }
  // Empty input: silence of the requested length, no NaN.
  MixInput empty;
  empty.total_s = 1;
  const auto e = mix(empty);
  CHECK(e.pcm.frames() == 48000);
  CHECK(peak_abs(e.pcm) == 0);
}

TEST_CASE("mix: constant-power pan and placement", "[audio][mix]") {
  Pcm click;
  click.samples.assign(4800, 0.0f);
  for (int i = 0; i < 4800; ++i) click.samples[i] = static_cast<float>(0.5 * std::sin(i * 0.1));
  MixInput in;
  in.total_s = 2;
  in.dialogue.push_back({.start_s = 1.0, .pcm = click, .pan = -1});
  MixOptions opt;
  opt.keep_buses = true;
  const auto r = mix(in, opt);
  const Pcm& d = r.dialogue_bus;
  double left = 0, right = 0;
  for (size_t i = 0; i < d.frames(); ++i) left += std::abs(d.samples[2 * i]), right += std::abs(d.samples[2 * i + 1]);
  CHECK(right < 1e-3 * left);
  CHECK(rms_db(d, 0, 0.99) < -100);
  CHECK(rms_db(d, 1.0, 1.1) > -30);
}
