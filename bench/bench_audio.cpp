// Audio speed: voice synthesis and score rendering as real-time factors (audio seconds per
// wall second), and the mix of a 2-minute film. Prints a table of medians.
//   cmake --build build --target bench_audio && build/bench/bench_audio
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "filmgen/audio.hpp"

using namespace filmgen;
using namespace filmgen::audio;

namespace {

double seconds(const std::function<void()>& fn) {
  const auto t0 = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

const char* kLines[] = {
    "We never should have come back here.",
    "I kept the lamp lit. Every night. For forty years.",
    "Where were you when the storm came in?",
    "Get out of my way! The boat is sinking!",
    "It's only rain. It always stops.",
    "You knew. You knew and you said nothing.",
    "Same time tomorrow?",
    "The ferry leaves at six, if the fog lifts."};

}  // namespace

int main() {
  std::printf("%-44s %10s %12s %10s\n", "what", "median s", "audio s", "x realtime");
  // Voices: 8 lines x 3 rounds, two voices.
  std::vector<double> line_t, line_rtf;
  std::vector<LineAudio> lines;
  for (int round = 0; round < 3; ++round)
    for (int i = 0; i < 8; ++i) {
      VoiceProfile v;
      v.variant = i % 2 ? "f1" : "m1";
      v.pitch = i % 2 ? 64 : 30;
      LineAudio a;
      const double t = seconds([&] { a = synthesize_line({.text = kLines[i], .voice = v}); });
      line_t.push_back(t);
      line_rtf.push_back(a.duration_s / t);
      if (round == 0) lines.push_back(a);
    }
  double line_audio = 0;
  for (const auto& l : lines) line_audio += l.duration_s;
  std::printf("%-44s %10.3f %12.2f %10.1f\n", "synthesize_line (per line, espeak-ng)", median(line_t),
              line_audio / lines.size(), median(line_rtf));

  // Score: a 30 s cue for three moods.
  for (const char* mood : {"calm", "tense", "action"}) {
    std::vector<double> t;
    for (int r = 0; r < 3; ++r) t.push_back(seconds([&] { render_cue(mood_preset(mood, 0.5), 30, 1); }));
    std::printf("%-44s %10.3f %12.2f %10.1f\n", (std::string("render_cue 30 s, ") + mood).c_str(), median(t), 30.0,
                30.0 / median(t));
  }

  // Mix: a 2-minute film, a line every 4 s, four 30 s cues crossfaded.
  MixInput in;
  in.total_s = 120;
  for (int i = 0; i < 30; ++i)
    in.dialogue.push_back({.start_s = 1.0 + 4 * i, .pcm = lines[i % lines.size()].pcm, .pan = i % 2 ? 0.2 : -0.2});
  const char* moods[] = {"calm", "tense", "sad", "action"};
  const auto spans = score_spans({{0, 30}, {30, 30}, {60, 30}, {90, 30}}, 120);
  double cue_time = 0;
  for (size_t i = 0; i < spans.size(); ++i) {
    Pcm cue;
    cue_time += seconds([&] { cue = render_cue(mood_preset(moods[i], 0.5), spans[i].seconds, i); });
    in.music.push_back({.start_s = spans[i].start_s, .pcm = cue, .fade_in_s = spans[i].fade_in_s,
                        .fade_out_s = spans[i].fade_out_s});
  }
  std::printf("%-44s %10.3f %12.2f %10.1f\n", "score of the 2-minute film (4 cues)", cue_time, 120.0, 120.0 / cue_time);
  std::vector<double> t;
  MixResult r;
  for (int k = 0; k < 3; ++k) t.push_back(seconds([&] { r = mix(in); }));
  std::printf("%-44s %10.3f %12.2f %10.1f\n", "mix 2-minute film (30 lines, 4 cues)", median(t), 120.0, 120.0 / median(t));
  std::printf("\nmix: %.2f LUFS integrated, %.2f dBTP true peak, music %+.1f dB, output %+.1f dB, "
              "limiter %.1f dB max, duck %.1f dB\n",
              r.integrated_lufs, r.true_peak_dbtp, r.music_gain_db, r.output_gain_db, r.limiter_max_db, r.max_duck_db);
  write_wav("bench_audio_mix.wav", r.pcm);
  std::printf("wrote bench_audio_mix.wav\n");
  return 0;
}
