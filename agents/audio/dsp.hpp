// Small signal helpers shared by the audio sources.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace filmgen::audio::dsp {

inline double db_to_gain(double db) { return std::pow(10.0, db / 20.0); }
inline double gain_to_db(double g) { return g > 1e-10 ? 20.0 * std::log10(g) : -200.0; }

// RMS in dBFS of consecutive `hop`-sample frames of a mono signal.
inline std::vector<double> frame_rms_db(const std::vector<float>& x, size_t hop) {
  std::vector<double> out;
  for (size_t a = 0; a < x.size(); a += hop) {
    const size_t b = std::min(x.size(), a + hop);
    double s = 0;
    for (size_t i = a; i < b; ++i) s += double(x[i]) * x[i];
    const double ms = s / double(b - a);
    out.push_back(ms > 0 ? 10 * std::log10(ms) : -200.0);
  }
  return out;
}

// 64-bit FNV-1a, for seeds derived from text.
inline uint64_t fnv1a(const std::string& s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// splitmix64: a small, portable, seedable generator (std:: distributions are not portable).
struct Rng {
  uint64_t state;
  explicit Rng(uint64_t seed) : state(seed) {}
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return double(next() >> 11) / double(1ull << 53); }  // [0, 1)
  int below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
};

// Per-sample true-peak estimate of one channel: max |x| over the sample and 3 points
// interpolated after it (4x oversampling, 48-tap windowed-sinc polyphase FIR).
std::vector<float> true_peak_envelope(const float* x, size_t frames, int stride);

}  // namespace filmgen::audio::dsp

namespace filmgen::audio {
// speakable_text() for speech; for display, "--" becomes an em dash instead of a comma.
std::string clean_text(const std::string& text, bool speech);
}  // namespace filmgen::audio
