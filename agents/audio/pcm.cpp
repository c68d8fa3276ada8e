// PCM helpers: WAV files, band-limited resampling, levels.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "dsp.hpp"
#include "filmgen/audio.hpp"
#include "filmgen/error.hpp"
#include "filmgen/fs_util.hpp"

namespace filmgen::audio {

namespace {

void put_u16(std::string& s, uint16_t v) { s.append(reinterpret_cast<const char*>(&v), 2); }
void put_u32(std::string& s, uint32_t v) { s.append(reinterpret_cast<const char*>(&v), 4); }
uint16_t get_u16(const std::string& s, size_t at) {
  uint16_t v;
  std::memcpy(&v, s.data() + at, 2);
  return v;
}
uint32_t get_u32(const std::string& s, size_t at) {
  uint32_t v;
  std::memcpy(&v, s.data() + at, 4);
  return v;
}

[[noreturn]] void bad_wav(const std::filesystem::path& path, const std::string& what) {
  throw Error(ErrorCode::kBadInput, "audio",
              path.string() + ": " + what + "; expected a PCM or float WAV file");
}

// Zeroth-order modified Bessel function, for the Kaiser window.
double bessel_i0(double x) {
  double sum = 1, term = 1;
  for (int k = 1; k < 50; ++k) {
    term *= (x / (2 * k)) * (x / (2 * k));
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

}  // namespace

void write_wav(const std::filesystem::path& path, const Pcm& pcm, WavFormat format) {
  const bool fl = format == WavFormat::kFloat32;
  const uint16_t bytes = fl ? 4 : 2;
  const uint32_t data_size = static_cast<uint32_t>(pcm.samples.size() * bytes);
  std::string s;
  s.reserve(44 + data_size);
  s += "RIFF";
  put_u32(s, 36 + data_size);
  s += "WAVEfmt ";
  put_u32(s, 16);
  put_u16(s, fl ? 3 : 1);
  put_u16(s, static_cast<uint16_t>(pcm.channels));
  put_u32(s, static_cast<uint32_t>(pcm.sample_rate));
  put_u32(s, static_cast<uint32_t>(pcm.sample_rate * pcm.channels * bytes));
  put_u16(s, static_cast<uint16_t>(pcm.channels * bytes));
  put_u16(s, bytes * 8);
  s += "data";
  put_u32(s, data_size);
  if (fl) {
    s.append(reinterpret_cast<const char*>(pcm.samples.data()), data_size);
  } else {
    for (float x : pcm.samples) {
      const double v = std::clamp(static_cast<double>(x), -1.0, 1.0) * 32767.0;
      put_u16(s, static_cast<uint16_t>(static_cast<int16_t>(std::lround(v))));
    }
  }
  write_file_atomic(path, s);
}

Pcm read_wav(const std::filesystem::path& path) {
  const std::string s = read_input_file(path, "audio");
  if (s.size() < 12 || s.compare(0, 4, "RIFF") != 0 || s.compare(8, 4, "WAVE") != 0)
    bad_wav(path, "not a RIFF/WAVE file");
  int fmt_tag = 0, channels = 0, rate = 0, bits = 0;
  size_t data_at = 0, data_size = 0;
  for (size_t at = 12; at + 8 <= s.size();) {
    const std::string id = s.substr(at, 4);
    size_t size = get_u32(s, at + 4);
    const size_t body = at + 8;
    if (id == "fmt " && body + 16 <= s.size()) {
      fmt_tag = get_u16(s, body);
      channels = get_u16(s, body + 2);
      rate = static_cast<int>(get_u32(s, body + 4));
      bits = get_u16(s, body + 14);
      if (fmt_tag == 0xFFFE && size >= 40 && body + 26 <= s.size()) fmt_tag = get_u16(s, body + 24);
    } else if (id == "data") {
      data_at = body;
      data_size = std::min(size, s.size() - body);
      break;
    }
    at = body + size + (size & 1);
  }
  if (data_at == 0) bad_wav(path, "no fmt/data chunk");
  if (channels <= 0 || rate <= 0) bad_wav(path, "bad channel count or sample rate");
  const bool fl = fmt_tag == 3 && (bits == 32 || bits == 64);
  const bool in = fmt_tag == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
  if (!fl && !in) bad_wav(path, "unsupported sample format " + std::to_string(fmt_tag) + "/" +
                                    std::to_string(bits) + " bits");
  Pcm pcm;
  pcm.sample_rate = rate;
  pcm.channels = channels;
  const size_t bps = bits / 8;
  const size_t n = data_size / bps / channels * channels;
  pcm.samples.resize(n);
  const char* p = s.data() + data_at;
  for (size_t i = 0; i < n; ++i, p += bps) {
    float v = 0;
    if (fl && bits == 32) {
      std::memcpy(&v, p, 4);
    } else if (fl) {
      double d;
      std::memcpy(&d, p, 8);
      v = static_cast<float>(d);
    } else if (bits == 8) {
      v = (static_cast<uint8_t>(*p) - 128) / 128.0f;
    } else if (bits == 16) {
      int16_t x;
      std::memcpy(&x, p, 2);
      v = x / 32768.0f;
    } else if (bits == 24) {
      int32_t x = (static_cast<uint8_t>(p[0]) << 8) | (static_cast<uint8_t>(p[1]) << 16) |
                  (static_cast<uint8_t>(p[2]) << 24);
      v = static_cast<float>((x >> 8) / 8388608.0);
    } else {
      int32_t x;
      std::memcpy(&x, p, 4);
      v = static_cast<float>(x / 2147483648.0);
    }
    pcm.samples[i] = v;
  }
  return pcm;
}

Pcm resample(const Pcm& pcm, int rate) {
  if (pcm.sample_rate == rate || pcm.samples.empty()) {
    Pcm out = pcm;
    out.sample_rate = rate;
    return out;
  }
  const int g = std::gcd(pcm.sample_rate, rate);
  const int up = rate / g, down = pcm.sample_rate / g;
  // Cut-off just below the lower Nyquist; the kernel is evaluated per phase (up phases).
  const double cutoff = 0.97 * std::min(1.0, double(rate) / pcm.sample_rate);
  const int half = static_cast<int>(std::ceil(24 / cutoff));  // taps each side, input rate
  const double beta = 9.5;                                      // Kaiser: ~95 dB stop band
  const double i0b = bessel_i0(beta);
  std::vector<float> kernel(static_cast<size_t>(up) * (2 * half));
  for (int ph = 0; ph < up; ++ph) {
    const double frac = double(ph) / up;  // output position past the input sample
    double sum = 0;
    for (int k = 0; k < 2 * half; ++k) {
      const double t = (k - half + 1) - frac;  // input sample offset
      const double x = t * cutoff;
      const double sinc = std::abs(x) < 1e-12 ? 1.0 : std::sin(M_PI * x) / (M_PI * x);
      const double w = t / half;
      const double win = std::abs(w) >= 1 ? 0 : bessel_i0(beta * std::sqrt(1 - w * w)) / i0b;
      kernel[ph * 2 * half + k] = static_cast<float>(cutoff * sinc * win);
      sum += cutoff * sinc * win;
    }
    for (int k = 0; k < 2 * half; ++k) kernel[ph * 2 * half + k] /= static_cast<float>(sum);
  }
  const int ch = pcm.channels;
  const int64_t in_frames = static_cast<int64_t>(pcm.frames());
  const int64_t out_frames = (in_frames * up + down - 1) / down;
  Pcm out;
  out.sample_rate = rate;
  out.channels = ch;
  out.samples.assign(static_cast<size_t>(out_frames * ch), 0.0f);
  for (int64_t n = 0; n < out_frames; ++n) {
    const int64_t pos = n * down;  // in units of 1/up input samples
    const int64_t base = pos / up;
    const int ph = static_cast<int>(pos % up);
    const float* kr = &kernel[static_cast<size_t>(ph) * 2 * half];
    for (int c = 0; c < ch; ++c) {
      double acc = 0;
      for (int k = 0; k < 2 * half; ++k) {
        const int64_t i = base + k - half + 1;
        if (i < 0 || i >= in_frames) continue;
        acc += kr[k] * pcm.samples[static_cast<size_t>(i * ch + c)];
      }
      out.samples[static_cast<size_t>(n * ch + c)] = static_cast<float>(acc);
    }
  }
  return out;
}

double rms_db(const Pcm& pcm, double start_s, double end_s) {
  const size_t frames = pcm.frames();
  const size_t a = static_cast<size_t>(std::clamp(start_s * pcm.sample_rate, 0.0, double(frames)));
  const size_t b = static_cast<size_t>(std::clamp(end_s * pcm.sample_rate, 0.0, double(frames)));
  if (b <= a) return -200;
  double sum = 0;
  for (size_t i = a * pcm.channels; i < b * pcm.channels; ++i) sum += double(pcm.samples[i]) * pcm.samples[i];
  const double ms = sum / double((b - a) * pcm.channels);
  return ms > 0 ? 10 * std::log10(ms) : -200;
}

double peak_abs(const Pcm& pcm) {
  float p = 0;
  for (float x : pcm.samples) p = std::max(p, std::abs(x));
  return p;
}

}  // namespace filmgen::audio
