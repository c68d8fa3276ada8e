// Voices: determinism, timing, delivery, distinct pitch; the lip-sync envelope; WAV files.
#include <catch2/catch.hpp>

#include <cmath>

#include "audio_test_support.hpp"
#include "filmgen/audio.hpp"
#include "filmgen/error.hpp"
#include "test_support.hpp"

using namespace filmgen;
using namespace filmgen::audio;
using namespace filmgen::test;

namespace {
VoiceProfile profile(const std::string& variant, int pitch, int rate = 165) {
  VoiceProfile v;
  v.voice = "en-us";
  v.variant = variant;
  v.pitch = pitch;
  v.rate_wpm = rate;
  return v;
}
LineAudio say(const std::string& text, const VoiceProfile& v, const std::string& paren = "") {
  return synthesize_line({.text = text, .parenthetical = paren, .voice = v});
}
const char* kLine = "Forty years I've caught this bus. Rain never stopped it once.";
}  // namespace

TEST_CASE("voice: deterministic, mono 48 kHz, trimmed to the pad", "[audio][voice]") {
  const auto v = profile("f1", 64);
  const auto a = say(kLine, v);
  const auto other = say("Something else entirely, to disturb any state.", profile("m3", 30), "(shouting)");
  const auto w = say(kLine, v, "(whispering)");
  const auto b = say(kLine, v);
  REQUIRE(a.pcm.sample_rate == 48000);
  REQUIRE(a.pcm.channels == 1);
  REQUIRE(a.duration_s > 1.5);
  REQUIRE(a.pcm.samples == b.pcm.samples);
  CHECK(a.duration_s == Approx(a.pcm.seconds()));
  CHECK(a.onset_s == Approx(kLinePad_s).margin(0.011));
  CHECK(a.speech_end_s < a.duration_s);
  // The pad really is silent and the speech starts right after it.
  CHECK(rms_db(a.pcm, 0, kLinePad_s - 0.006) < -60);
  CHECK(rms_db(a.pcm, a.onset_s, a.onset_s + 0.1) > -45);
  CHECK(peak_abs(a.pcm) <= 0.8913f);
  CHECK(other.duration_s > 0);
  CHECK(w.duration_s > 0);
}

TEST_CASE("voice: longer text and slower rate take longer", "[audio][voice]") {
  const auto v = profile("m1", 40);
  const auto shorter = say("Evening, Ruth.", v);
  const auto longer = say("Evening, Ruth. You're soaked through, and the last bus left an hour ago.", v);
  CHECK(longer.duration_s > 2 * shorter.duration_s);
  const auto slow = say(kLine, profile("m1", 40, 120));
  const auto fast = say(kLine, profile("m1", 40, 240));
  CHECK(slow.duration_s > 1.5 * fast.duration_s);
}

TEST_CASE("voice: markup and stage directions are not spoken", "[audio][voice]") {
  CHECK(speakable_text("*Hello*") == "Hello");
  CHECK(speakable_text("I **never** said _that_ [[note]] (beat) -- fine.") == "I never said that, fine.");
  CHECK(speakable_text("  It costs \\*42\\* dollars.  ") == "It costs *42* dollars.");
  const auto v = profile("m2", 45);
  const auto plain = say("Hello there", v);
  const auto marked = say("*Hello* _there_ [[a note]] (smiles)", v);
  CHECK(std::abs(plain.duration_s - marked.duration_s) < 0.05);
  // Numbers are spoken: "1999" is several words long.
  CHECK(say("1999", v).duration_s > say("one", v).duration_s + 0.5);
  CHECK(say("(beat)", v).pcm.samples.empty());
}

TEST_CASE("voice: delivery table", "[audio][voice]") {
  CHECK(delivery_for("(whispering)").whisper);
  CHECK(delivery_for("(quietly)").gain_db < 0);
  CHECK(delivery_for("(shouting)").gain_db > 0);
  CHECK(delivery_for("(shouting)").rate_scale > 1);
  CHECK(delivery_for("(sadly)").rate_scale < 1);
  CHECK(delivery_for("(sadly)").pitch_offset < 0);
  CHECK(delivery_for("(to Omar)") == Delivery{});
  const auto v = profile("f2", 60);
  const auto normal = say(kLine, v);
  const auto whisper = say(kLine, v, "(whispering)");
  const auto quiet = say(kLine, v, "(quietly)");
  const auto shout = say(kLine, v, "(shouting)");
  const auto sad = say(kLine, v, "(sadly)");
  CHECK(rms_db(whisper.pcm) < rms_db(normal.pcm) - 5);
  CHECK(rms_db(quiet.pcm) < rms_db(normal.pcm) - 4);
  CHECK(rms_db(shout.pcm) > rms_db(normal.pcm) + 1.5);
  CHECK(shout.duration_s < normal.duration_s);
  CHECK(sad.duration_s > normal.duration_s * 1.1);
  CHECK(quiet.duration_s > normal.duration_s);
}

TEST_CASE("voice: different pitch gives a clearly different F0", "[audio][voice]") {
  const std::string text = "We never should have come back here. The ferry leaves at six.";
  const auto low = say(text, profile("m1", 30));
  const auto high = say(text, profile("m1", 60));
  const double f_low = estimate_f0(low.pcm), f_high = estimate_f0(high.pcm);
  INFO("F0 " << f_low << " vs " << f_high);
  REQUIRE(f_low > 60);
  CHECK(f_high > f_low * 1.2);  // espeak: ~0.6 octave per 50 pitch units
  // Female variants sit above male ones.
  const auto fem = say(text, profile("f1", 50));
  CHECK(estimate_f0(fem.pcm) > estimate_f0(say(text, profile("m3", 50)).pcm) * 1.2);
  // Cross-check with ffmpeg: the zero-crossing rate of the voice low-passed below its second
  // harmonic is about 2 F0 while voiced (pauses dilute it equally for both).
  TempDir dir("filmgen-voice");
  write_wav(dir / "low.wav", low.pcm);
  write_wav(dir / "high.wav", high.pcm);
  const std::string band = "highpass=f=50,lowpass=f=120,lowpass=f=120,lowpass=f=120,lowpass=f=120";
  auto zl = ffmpeg_astats(dir / "low.wav", band);
  auto zh = ffmpeg_astats(dir / "high.wav", band);
  REQUIRE(zl.count("Zero crossings rate"));
  INFO("ffmpeg zero-crossing rate " << zl["Zero crossings rate"] << " vs " << zh["Zero crossings rate"]);
  CHECK(zh["Zero crossings rate"] > zl["Zero crossings rate"] * 1.1);
}

TEST_CASE("voice: a synthetic tone's F0 is estimated", "[audio][voice]") {
  Pcm tone;
  for (int i = 0; i < 48000; ++i)
    tone.samples.push_back(static_cast<float>(0.3 * std::sin(2 * M_PI * 140 * i / 48000.0) +
                                              0.2 * std::sin(2 * M_PI * 280 * i / 48000.0)));
  CHECK(estimate_f0(tone) == Approx(140).margin(2));
  Pcm silence;
  silence.samples.assign(48000, 0.0f);
  CHECK(estimate_f0(silence) == 0);
}

TEST_CASE("envelope: silence is zero, speech is high, one value per frame", "[audio][voice]") {
  Pcm pcm;
  pcm.samples.assign(48000, 0.0f);  // 1 s silence
  const auto line = say("Hello, is anybody there?", profile("m1", 40));
  pcm.samples.insert(pcm.samples.end(), line.pcm.samples.begin(), line.pcm.samples.end());
  const auto env = loudness_envelope(pcm, 24);
  CHECK(env.size() == static_cast<size_t>(std::ceil(pcm.seconds() * 24)));
  for (int i = 0; i < 23; ++i) CHECK(env[i] == 0.0f);
  float mx = 0;
  for (size_t i = 24; i < env.size(); ++i) mx = std::max(mx, env[i]);
  CHECK(mx > 0.7f);
  for (float e : env) CHECK((e >= 0 && e <= 1));
  Pcm odd;
  odd.samples.assign(48000 + 1, 0.0f);
  CHECK(loudness_envelope(odd, 25).size() == 26);
}

TEST_CASE("wav: float and 16-bit round trip, resampling keeps a tone", "[audio][wav]") {
  TempDir dir("filmgen-wav");
  Pcm st;
  st.channels = 2;
  for (int i = 0; i < 4800; ++i) {
    st.samples.push_back(static_cast<float>(0.5 * std::sin(i * 0.05)));
    st.samples.push_back(static_cast<float>(-0.25 * std::sin(i * 0.03)));
  }
  write_wav(dir / "f.wav", st);
  const Pcm f = read_wav(dir / "f.wav");
  CHECK(f.channels == 2);
  CHECK(f.sample_rate == 48000);
  CHECK(f.samples == st.samples);
  write_wav(dir / "s.wav", st, WavFormat::kPcm16);
  const Pcm s = read_wav(dir / "s.wav");
  REQUIRE(s.samples.size() == st.samples.size());
  for (size_t i = 0; i < s.samples.size(); ++i) REQUIRE(std::abs(s.samples[i] - st.samples[i]) < 1e-4);
  // ffprobe agrees on the header.
  auto probe = run_command("ffprobe -v error -show_entries stream=sample_rate,channels,codec_name -of csv=p=0 '" +
                           (dir / "f.wav").string() + "'");
  CHECK(probe.out.find("pcm_f32le,48000,2") != std::string::npos);
  // 1 kHz at 22050 Hz resampled to 48 kHz is still 1 kHz at the same level.
  Pcm tone;
  tone.sample_rate = 22050;
  for (int i = 0; i < 22050; ++i) tone.samples.push_back(static_cast<float>(0.5 * std::sin(2 * M_PI * 1000 * i / 22050.0)));
  const Pcm up = resample(tone, 48000);
  CHECK(up.frames() == 48000);
  CHECK(rms_db(up, 0.1, 0.9) == Approx(rms_db(tone, 0.1, 0.9)).margin(0.05));
  double err = 0;
  for (int i = 4800; i < 43200; ++i)
    err = std::max(err, std::abs(up.samples[i] - 0.5 * std::sin(2 * M_PI * 1000 * i / 48000.0)));
  CHECK(err < 1e-3);
  write_file(dir / "bad.wav", "RIFF1234WAVEjunk");
  CHECK_THROWS_AS(read_wav(dir / "bad.wav"), Error);
}

TEST_CASE("voice: every character of the example plans has its own pitch", "[audio][voice][slow]") {
  for (const char* name : {"night_shift", "lighthouse", "tiny", "night_shift.cast"}) {
    const auto j = nlohmann::json::parse(read_file(source_dir() / "tests/golden" / (std::string(name) + ".plan.json")));
    const FilmPlan plan = j.get<FilmPlan>();
    std::vector<std::pair<std::string, double>> f0;
    for (const auto& c : plan.characters)
      f0.push_back({c.name, estimate_f0(say("I kept the lamp lit every night for forty years.", c.voice).pcm)});
    for (size_t a = 0; a < f0.size(); ++a)
      for (size_t b = a + 1; b < f0.size(); ++b) {
        INFO(name << ": " << f0[a].first << " " << f0[a].second << " Hz, " << f0[b].first << " " << f0[b].second << " Hz");
        CHECK(std::max(f0[a].second, f0[b].second) > 1.1 * std::min(f0[a].second, f0[b].second));
      }
  }
}
