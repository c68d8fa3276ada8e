// The mix: dialogue on top of music ducked by a side-chain, EBU R128 loudness with
// libebur128 and a look-ahead true-peak limiter.
#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>

#include "dsp.hpp"
#include "filmgen/audio.hpp"
#include "filmgen/error.hpp"

namespace filmgen::audio {

namespace dsp {

std::vector<float> true_peak_envelope(const float* x, size_t frames, int stride) {
  constexpr int kPhases = 4, kHalf = 8;
  static const auto kernel = [] {
    std::vector<float> k((kPhases - 1) * 2 * kHalf);
    for (int ph = 1; ph < kPhases; ++ph) {
      const double f = double(ph) / kPhases;
      for (int i = 0; i < 2 * kHalf; ++i) {
        const double t = (i - kHalf + 1) - f;
        const double sinc = std::sin(M_PI * t) / (M_PI * t);
        const double w = 0.5 + 0.5 * std::cos(M_PI * t / (kHalf + 0.5));  // Hann
        k[(ph - 1) * 2 * kHalf + i] = static_cast<float>(sinc * w);
      }
    }
    return k;
  }();
  std::vector<float> env(frames);
  for (size_t n = 0; n < frames; ++n) {
    float p = std::abs(x[n * stride]);
    for (int ph = 0; ph < kPhases - 1; ++ph) {
      const float* kr = &kernel[ph * 2 * kHalf];
      float acc = 0;
      for (int i = 0; i < 2 * kHalf; ++i) {
        const int64_t j = static_cast<int64_t>(n) + i - kHalf + 1;
        if (j >= 0 && j < static_cast<int64_t>(frames)) acc += kr[i] * x[j * stride];
      }
      p = std::max(p, std::abs(acc));
    }
    env[n] = p;
  }
  return env;
}

}  // namespace dsp

namespace {

struct Ebur128Deleter {
  void operator()(ebur128_state* s) const { ebur128_destroy(&s); }
};

double integrated(const std::vector<float>& stereo, size_t frames, bool true_peak, double* tp_db) {
  std::unique_ptr<ebur128_state, Ebur128Deleter> st(
      ebur128_init(2, kSampleRate, EBUR128_MODE_I | (true_peak ? EBUR128_MODE_TRUE_PEAK : 0)));
  if (!st) throw Error(ErrorCode::kInternal, "mix", "libebur128 could not be initialised");
  for (size_t a = 0; a < frames; a += 1 << 16)
    ebur128_add_frames_float(st.get(), stereo.data() + 2 * a, std::min<size_t>(1 << 16, frames - a));
  double lufs = -HUGE_VAL;
  ebur128_loudness_global(st.get(), &lufs);
  if (tp_db) {
    double mx = 0;
    for (unsigned c = 0; c < 2; ++c) {
      double p = 0;
      ebur128_true_peak(st.get(), c, &p);
      mx = std::max(mx, p);
    }
    *tp_db = dsp::gain_to_db(mx);
  }
  return std::isfinite(lufs) ? lufs : -70.0;
}

// Adds a stem into a stereo bus; mono stems are panned at constant power.
void add_stem(std::vector<float>& bus, size_t frames, const PlacedStem& stem) {
  const Pcm pcm = stem.pcm.sample_rate == kSampleRate ? stem.pcm : resample(stem.pcm, kSampleRate);
  const size_t n = pcm.frames();
  if (n == 0 || pcm.channels <= 0) return;
  const int64_t start = std::llround(stem.start_s * kSampleRate);
  const double g = dsp::db_to_gain(stem.gain_db);
  const double angle = (std::clamp(stem.pan, -1.0, 1.0) + 1) * M_PI / 4;
  const bool mono = pcm.channels == 1;
  const double gl = g * (mono ? std::cos(angle) : 1), gr = g * (mono ? std::sin(angle) : 1);
  const double fi = stem.fade_in_s * kSampleRate, fo = stem.fade_out_s * kSampleRate;
  for (size_t i = 0; i < n; ++i) {
    const int64_t t = start + static_cast<int64_t>(i);
    if (t < 0) continue;
    if (t >= static_cast<int64_t>(frames)) break;
    double f = 1;
    if (i < fi) f *= std::sin(0.5 * M_PI * (i + 0.5) / fi);
    if (n - i <= fo) f *= std::sin(0.5 * M_PI * (n - i - 0.5) / fo);
    const float l = pcm.samples[i * pcm.channels];
    const float r = mono ? l : pcm.samples[i * pcm.channels + 1];
    bus[2 * t] += static_cast<float>(l * gl * f);
    bus[2 * t + 1] += static_cast<float>(r * gr * f);
  }
}

// Look-ahead limiter: the gain reaches its lowest a few ms before each over and is linked
// across channels. ceiling is linear true-peak amplitude. Returns the deepest reduction (dB).
double limit_true_peak(std::vector<float>& x, size_t frames, double ceiling) {
  const auto el = dsp::true_peak_envelope(x.data(), frames, 2);
  const auto er = dsp::true_peak_envelope(x.data() + 1, frames, 2);
  std::vector<double> att(frames);
  bool any = false;
  for (size_t n = 0; n < frames; ++n) {
    const double p = std::max(el[n], er[n]);
    att[n] = p > ceiling ? dsp::gain_to_db(p / ceiling) : 0;
    any = any || att[n] > 0;
  }
  if (!any) return 0;
  const size_t look = 96;  // 2 ms
  // Sliding maximum over [n, n + look] (monotonic deque).
  std::vector<double> held(frames);
  std::deque<size_t> q;
  for (size_t n = frames; n-- > 0;) {
    while (!q.empty() && att[q.back()] <= att[n]) q.pop_back();
    q.push_back(n);
    while (q.front() > n + look) q.pop_front();
    held[n] = att[q.front()];
  }
  // Release: exponential return over ~80 ms.
  const double rel = 1 - std::exp(-1.0 / (0.08 * kSampleRate));
  for (size_t n = 1; n < frames; ++n) held[n] = std::max(held[n], held[n - 1] * (1 - rel));
  // Moving average over [n - look, n]: smooth, and still >= att at every over.
  double sum = 0, deepest = 0;
  std::vector<double> smooth(frames);
  for (size_t n = 0; n < frames; ++n) {
    sum += held[n];
    if (n > look) sum -= held[n - look - 1];
    smooth[n] = sum / double(look + 1);
  }
  for (size_t n = 0; n < frames; ++n) {
    const double a = std::max(smooth[n], att[n]);
    deepest = std::max(deepest, a);
    const float g = static_cast<float>(dsp::db_to_gain(-a));
    x[2 * n] *= g;
    x[2 * n + 1] *= g;
  }
  return deepest;
}

}  // namespace

Loudness measure_loudness(const Pcm& pcm) {
  Loudness l;
  if (pcm.frames() == 0) return l;
  Pcm st = pcm.sample_rate == kSampleRate ? pcm : resample(pcm, kSampleRate);
  std::vector<float> stereo;
  if (st.channels == 2) {
    stereo = st.samples;
  } else {
    stereo.resize(st.frames() * 2);
    for (size_t i = 0; i < st.frames(); ++i)
      stereo[2 * i] = stereo[2 * i + 1] = st.samples[i * st.channels];
  }
  l.integrated_lufs = integrated(stereo, st.frames(), true, &l.true_peak_dbtp);
  return l;
}

MixResult mix(const MixInput& input, const MixOptions& options) {
  MixResult result;
  double total_s = input.total_s;
  if (total_s <= 0)
    for (const auto* group : {&input.dialogue, &input.music})
      for (const auto& s : *group) total_s = std::max(total_s, s.start_s + s.pcm.seconds());
  const size_t frames = static_cast<size_t>(std::llround(std::max(0.0, total_s) * kSampleRate));
  result.pcm.channels = 2;
  result.pcm.samples.assign(frames * 2, 0.0f);
  if (frames == 0) return result;

  std::vector<float> dia(frames * 2, 0.0f), mus(frames * 2, 0.0f);
  for (const auto& s : input.dialogue) add_stem(dia, frames, s);
  for (const auto& s : input.music) add_stem(mus, frames, s);
  const bool has_dia = !input.dialogue.empty(), has_mus = !input.music.empty();
  const double l_dia = has_dia ? integrated(dia, frames, false, nullptr) : -70;
  const double l_mus = has_mus ? integrated(mus, frames, false, nullptr) : -70;
  if (has_dia && has_mus && l_dia > -70 && l_mus > -70)
    result.music_gain_db = (l_dia - options.music_below_dialogue_db) - l_mus;

  // Side-chain: 10 ms blocks of the dialogue bus above its threshold (hold 0.3 s) duck the
  // music by duck_db; the duck is fully down attack_s before speech and releases after.
  const size_t block = kSampleRate / result.duck_rate_hz;
  const size_t blocks = (frames + block - 1) / block;
  std::vector<double> duck(blocks, 0.0);
  if (has_dia && options.duck_db > 0) {
    const double thr = std::max(-65.0, l_dia - 35);  // as sensitive as the voices' onsets
    const double dt = 1.0 / result.duck_rate_hz, hold_s = 0.3;
    const double D = options.duck_db;
    double since_active = 1e9;
    for (size_t b = 0; b < blocks; ++b) {
      double s = 0;
      const size_t a = b * block, e = std::min(frames, a + block);
      for (size_t i = a; i < e; ++i) s += 0.5 * (double(dia[2 * i]) * dia[2 * i] + double(dia[2 * i + 1]) * dia[2 * i + 1]);
      const double db = s > 0 ? 10 * std::log10(s / double(e - a)) : -200;
      since_active = db > thr ? 0 : since_active + dt;
      if (since_active <= hold_s) duck[b] = D;
      else if (b > 0) duck[b] = std::max(0.0, duck[b - 1] - D * dt / std::max(dt, options.release_s));
    }
    for (size_t b = blocks - 1; b-- > 0;)
      duck[b] = std::max(duck[b], duck[b + 1] - D * dt / std::max(dt, options.attack_s));
  }
  result.duck_db.resize(blocks);
  for (size_t b = 0; b < blocks; ++b) {
    result.duck_db[b] = static_cast<float>(-duck[b]);
    result.max_duck_db = std::max(result.max_duck_db, duck[b]);
  }

  // Music gain (static + duck, interpolated between block centres) and the sum.
  const double gm = dsp::db_to_gain(result.music_gain_db);
  const double gd = dsp::db_to_gain(result.dialogue_gain_db);
  std::vector<float>& out = result.pcm.samples;
  for (size_t i = 0; i < frames; ++i) {
    const double pos = (double(i) + 0.5) / block - 0.5;
    const size_t b0 = static_cast<size_t>(std::clamp(std::floor(pos), 0.0, double(blocks - 1)));
    const size_t b1 = std::min(blocks - 1, b0 + 1);
    const double f = std::clamp(pos - double(b0), 0.0, 1.0);
    const double g = gm * dsp::db_to_gain(-(duck[b0] * (1 - f) + duck[b1] * f));
    mus[2 * i] = static_cast<float>(mus[2 * i] * g);
    mus[2 * i + 1] = static_cast<float>(mus[2 * i + 1] * g);
    dia[2 * i] = static_cast<float>(dia[2 * i] * gd);
    dia[2 * i + 1] = static_cast<float>(dia[2 * i + 1] * gd);
    out[2 * i] = dia[2 * i] + mus[2 * i];
    out[2 * i + 1] = dia[2 * i + 1] + mus[2 * i + 1];
  }

  // Loudness normalisation and limiting, twice: the limiter takes a little loudness away,
  // the second pass gives it back.
  const std::vector<float> pre = out;
  const double l_pre = integrated(pre, frames, false, nullptr);
  double out_gain = l_pre > -70 ? options.target_lufs - l_pre : 0;
  const double ceiling = dsp::db_to_gain(options.true_peak_dbtp - 0.3);
  for (int pass = 0; pass < 3; ++pass) {
    const float g = static_cast<float>(dsp::db_to_gain(out_gain));
    for (size_t i = 0; i < frames * 2; ++i) out[i] = pre[i] * g;
    result.limiter_max_db = limit_true_peak(out, frames, ceiling);
    const double l = integrated(out, frames, false, nullptr);
    if (l <= -70 || std::abs(l - options.target_lufs) < 0.1) break;
    out_gain += options.target_lufs - l;
  }
  // Safety: whatever the measurements say, the true peak must not pass the target.
  for (int pass = 0; pass < 3; ++pass) {
    double tp = 0;
    result.integrated_lufs = integrated(out, frames, true, &tp);
    result.true_peak_dbtp = tp;
    if (tp <= options.true_peak_dbtp - 0.1) break;
    const float g = static_cast<float>(dsp::db_to_gain(options.true_peak_dbtp - 0.15 - tp));
    for (float& v : out) v *= g;
    out_gain += dsp::gain_to_db(g);
  }
  for (float& v : out) v = std::clamp(v, -1.0f, 1.0f);
  result.output_gain_db = out_gain;

  if (options.keep_buses) {
    const float g = static_cast<float>(dsp::db_to_gain(out_gain));
    for (float& v : dia) v *= g;
    for (float& v : mus) v *= g;
    result.dialogue_bus = {kSampleRate, 2, std::move(dia)};
    result.music_bus = {kSampleRate, 2, std::move(mus)};
  }
  return result;
}

}  // namespace filmgen::audio
