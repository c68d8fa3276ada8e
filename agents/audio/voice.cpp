// Character voices: espeak-ng in process, shaped by parentheticals, levelled and trimmed;
// plus the loudness envelope for lip sync and an F0 estimate.
#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <mutex>

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "dsp.hpp"
#include "filmgen/audio.hpp"
#include "filmgen/error.hpp"

namespace filmgen::audio {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::mutex& espeak_mutex() {
  static std::mutex m;
  return m;
}

int synth_callback(short* wav, int count, espeak_EVENT* events) {
  if (wav && count > 0 && events) {
    auto* out = static_cast<std::vector<short>*>(events[0].user_data);
    if (out) out->insert(out->end(), wav, wav + count);
  }
  return 0;
}

bool write_all(int fd, const void* data, size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t w = ::write(fd, p, size);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w, size -= static_cast<size_t>(w);
  }
  return true;
}

struct EspeakJob {
  std::string voice;     // "en-us+f1"
  std::string fallback;  // "en-us": a language tag looked up when the name is unknown
  std::string variant;   // "f1"
  int rate = 175, pitch = 50, range = 50;
  std::string text;
};

// A language tag ("en-gb", "fr-fr") to an espeak voice identifier ("gmw/en", "roa/fr") plus
// "+variant": the voice listing that language exactly, else the first of its primary language.
std::string resolve_voice(const std::string& tag, const std::string& variant) {
  const std::string want = lower(tag), primary = want.substr(0, want.find_first_of("-_"));
  std::string exact, close;
  const espeak_VOICE** voices = espeak_ListVoices(nullptr);
  for (int i = 0; voices && voices[i]; ++i) {
    // languages: a priority byte, a NUL-terminated tag, repeated, ending with a zero byte.
    for (const char* p = voices[i]->languages; p && *p; p += std::strlen(p + 1) + 2) {
      const std::string lang = lower(p + 1);
      if (lang == want && exact.empty()) exact = voices[i]->identifier;
      if (close.empty() && (lang == primary || lang.rfind(primary + "-", 0) == 0)) close = voices[i]->identifier;
    }
  }
  const std::string id = !exact.empty() ? exact : close.empty() ? tag : close;
  return variant.empty() ? id : id + "+" + variant;
}

enum : int32_t { kOk = 0, kInitFailed = 1, kNoVoice = 2, kSynthFailed = 3 };

// espeak-ng keeps synthesis state (glottal phase, flutter, echo) in globals that no API
// resets, so the same text comes out slightly different on every call. Each line is therefore
// spoken by a forked child that initialises espeak afresh: identical input, identical
// samples, and the parent's espeak state is never touched. The child only calls espeak,
// write() and _exit().
std::vector<short> speak_in_child(const EspeakJob& job, int& rate) {
  int fd[2];
  if (::pipe(fd) != 0) throw Error(ErrorCode::kEnvironment, "voice", "cannot create a pipe for espeak-ng");
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fd[0]), ::close(fd[1]);
    throw Error(ErrorCode::kEnvironment, "voice", "cannot fork the espeak-ng synthesiser");
  }
  if (pid == 0) {
    ::close(fd[0]);
    int32_t head[2] = {kOk, 0};
    std::vector<short> out;
    const int r = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
    if (r <= 0) {
      head[0] = kInitFailed;
    } else {
      head[1] = r;
      espeak_SetSynthCallback(synth_callback);
      if (espeak_SetVoiceByName(job.voice.c_str()) != EE_OK &&
          espeak_SetVoiceByName(resolve_voice(job.fallback, job.variant).c_str()) != EE_OK) {
        head[0] = kNoVoice;
      } else {
        espeak_SetParameter(espeakRATE, job.rate, 0);
        espeak_SetParameter(espeakPITCH, job.pitch, 0);
        espeak_SetParameter(espeakRANGE, job.range, 0);
        espeak_SetParameter(espeakVOLUME, 100, 0);
        espeak_SetParameter(espeakWORDGAP, 0, 0);
        espeak_SetParameter(espeakPUNCTUATION, espeakPUNCT_NONE, 0);
        std::srand(1);  // breath and whisper noise use rand()
        if (espeak_Synth(job.text.c_str(), job.text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                         nullptr, &out) != EE_OK)
          head[0] = kSynthFailed;
      }
    }
    const uint64_t n = head[0] == kOk ? out.size() : 0;
    const bool ok = write_all(fd[1], head, sizeof head) && write_all(fd[1], &n, sizeof n) &&
                    write_all(fd[1], out.data(), n * sizeof(short));
    ::_exit(ok ? 0 : 1);
  }
  ::close(fd[1]);
  std::string buf;
  char tmp[1 << 16];
  for (;;) {
    const ssize_t r = ::read(fd[0], tmp, sizeof tmp);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    buf.append(tmp, static_cast<size_t>(r));
  }
  ::close(fd[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  int32_t head[2];
  uint64_t n = 0;
  if (buf.size() < sizeof head + sizeof n || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw Error(ErrorCode::kInternal, "voice", "the espeak-ng synthesiser process failed");
  std::memcpy(head, buf.data(), sizeof head);
  std::memcpy(&n, buf.data() + sizeof head, sizeof n);
  if (head[0] == kInitFailed)
    throw Error(ErrorCode::kEnvironment, "voice",
                "espeak-ng could not load its data; install espeak-ng-data (scripts/setup.sh)");
  if (head[0] == kNoVoice)
    throw Error(ErrorCode::kEnvironment, "voice",
                "espeak-ng has no voice '" + job.voice + "'; install espeak-ng-data or pick another voice");
  if (head[0] != kOk || buf.size() != sizeof head + sizeof n + n * sizeof(short))
    throw Error(ErrorCode::kInternal, "voice", "espeak-ng failed to synthesise a line");
  rate = head[1];
  std::vector<short> out(n);
  std::memcpy(out.data(), buf.data() + sizeof head + sizeof n, n * sizeof(short));
  return out;
}

std::string primary_subtag(const std::string& tag) { return lower(tag.substr(0, tag.find_first_of("-_"))); }

struct DeliveryRule {
  const char* word;  // matched as a prefix of a word of the parenthetical
  Delivery d;
};

// rate x, pitch +, range +, gain dB, whisper
const DeliveryRule kDeliveryRules[] = {
    {"whisper", {0.9, 0, -10, -9, true}},
    {"hush", {0.9, 0, -10, -9, true}},
    {"quiet", {0.9, -2, -10, -7, false}},
    {"soft", {0.9, -2, -10, -6, false}},
    {"gentl", {0.93, -1, -8, -4, false}},
    {"murmur", {0.9, -3, -12, -7, false}},
    {"mutter", {0.95, -3, -15, -6, false}},
    {"breath", {0.9, -2, -10, -7, false}},  // under his breath
    {"shout", {1.12, 8, 20, 5, false}},
    {"yell", {1.12, 8, 20, 5, false}},
    {"scream", {1.15, 12, 25, 6, false}},
    {"angr", {1.1, 5, 18, 4, false}},
    {"furious", {1.12, 6, 20, 5, false}},
    {"loud", {1.05, 4, 10, 4, false}},
    {"bark", {1.1, 4, 12, 4, false}},
    {"sad", {0.85, -6, -15, -2, false}},
    {"tear", {0.85, -4, -12, -2, false}},
    {"cry", {0.85, -3, -10, -2, false}},
    {"sob", {0.82, -4, -10, -3, false}},
    {"grim", {0.9, -5, -15, -1, false}},
    {"tired", {0.85, -4, -15, -2, false}},
    {"excit", {1.1, 6, 15, 2, false}},
    {"happ", {1.05, 4, 12, 1, false}},
    {"laugh", {1.05, 5, 15, 1, false}},
    {"cheer", {1.08, 5, 15, 2, false}},
    {"nervous", {1.08, 3, 5, -1, false}},
    {"scared", {1.08, 4, 8, -1, false}},
    {"afraid", {1.05, 4, 8, -1, false}},
    {"trembl", {1.0, 3, 5, -2, false}},
    {"urgent", {1.15, 3, 10, 2, false}},
    {"sarcast", {0.95, 0, -20, 0, false}},
    {"dry", {0.97, 0, -15, 0, false}},
    {"flat", {0.97, 0, -25, 0, false}},
    {"slow", {0.8, 0, 0, 0, false}},
    {"quick", {1.2, 0, 0, 0, false}},
    {"fast", {1.2, 0, 0, 0, false}},
    {"rapid", {1.2, 0, 0, 0, false}},
};

constexpr double kTargetRmsDb = -20;
constexpr double kPeakLimit = 0.891;  // -1 dBFS
constexpr size_t kHop = 240;          // 5 ms at 48 kHz

// Speech threshold of a levelled or raw signal: 35 dB below its loudest frame, >= -60 dBFS.
double speech_threshold(const std::vector<double>& frames_db) {
  double mx = -200;
  for (double d : frames_db) mx = std::max(mx, d);
  return std::max(mx - 35, -60.0);
}

// Removes everything between open and close (inclusive), nested once.
std::string strip_between(const std::string& s, const std::string& open, const std::string& close) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    const size_t a = s.find(open, i);
    if (a == std::string::npos) break;
    const size_t b = s.find(close, a + open.size());
    if (b == std::string::npos) break;
    out += s.substr(i, a - i) + " ";
    i = b + close.size();
  }
  return out + s.substr(i);
}

}  // namespace

Delivery delivery_for(const std::string& parenthetical) {
  Delivery d;
  const std::string p = lower(parenthetical);
  size_t i = 0;
  while (i < p.size()) {
    while (i < p.size() && !std::isalpha(static_cast<unsigned char>(p[i]))) ++i;
    size_t j = i;
    while (j < p.size() && std::isalpha(static_cast<unsigned char>(p[j]))) ++j;
    if (j > i) {
      const std::string word = p.substr(i, j - i);
      for (const auto& r : kDeliveryRules) {
        if (word.rfind(r.word, 0) != 0) continue;
        d.rate_scale *= r.d.rate_scale;
        d.pitch_offset += r.d.pitch_offset;
        d.range_offset += r.d.range_offset;
        d.gain_db += r.d.gain_db;
        d.whisper = d.whisper || r.d.whisper;
        break;
      }
    }
    i = j;
  }
  return d;
}

std::string speakable_text(const std::string& text) { return clean_text(text, true); }

std::string clean_text(const std::string& text, bool speech) {
  std::string s = strip_between(text, "[[", "]]");
  s = strip_between(s, "/*", "*/");
  s = strip_between(s, "(", ")");
  s = strip_between(s, "[", "]");
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size()) {  // escaped character: keep it literally
      c = s[++i];
    } else if (c == '*' || c == '_' || c == '~' || c == '^') {
      continue;
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {  // dash: a short pause
      while (i + 1 < s.size() && s[i + 1] == '-') ++i;
      if (!speech) {
        out += space && !out.empty() ? " \u2014" : "\u2014";
        space = true;
        continue;
      }
      out += ",";
      space = true;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    // "MAYA (20s), tall" loses its direction but keeps no space before the comma.
    if (space && std::string_view(",.;:!?").find(c) == std::string_view::npos) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

LineAudio synthesize_line(const VoiceRequest& request) {
  LineAudio result;
  result.pcm.sample_rate = kSampleRate;
  result.pcm.channels = 1;
  const std::string text = speakable_text(request.text);
  if (text.find_first_not_of(" ,.;:!?-'\"") == std::string::npos) return result;

  const Delivery d = delivery_for(request.parenthetical);
  std::string base = request.voice.voice.empty() ? "en" : request.voice.voice;
  if (!request.language.empty() && primary_subtag(request.language) != primary_subtag(base))
    base = request.language;
  std::string variant = request.voice.variant;
  if (d.whisper) variant = (!variant.empty() && variant[0] == 'f') ? "whisperf" : "whisper";
  double rate = request.voice.rate_wpm * d.rate_scale;
  int range = request.voice.range + d.range_offset;
  if (request.sung) rate *= 0.8, range += 25;

  EspeakJob job;
  job.voice = variant.empty() ? base : base + "+" + variant;
  job.fallback = base;
  job.variant = variant;
  job.rate = std::clamp(static_cast<int>(std::lround(rate)), 80, 450);
  job.pitch = std::clamp(request.voice.pitch + d.pitch_offset, 0, 99);
  job.range = std::clamp(range, 0, 99);
  job.text = text;
  int espeak_rate = 0;
  const std::vector<short> raw = speak_in_child(job, espeak_rate);
  if (raw.empty()) return result;

  Pcm native;
  native.sample_rate = espeak_rate;
  native.samples.resize(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) native.samples[i] = raw[i] / 32768.0f;
  Pcm pcm = resample(native, kSampleRate);
  auto& x = pcm.samples;

  // Trim to the speech, then pad it with exactly kLinePad_s of silence each side.
  const auto fr = dsp::frame_rms_db(x, kHop);
  const double thr = speech_threshold(fr);
  int first = -1, last = -1;
  double voiced_sum = 0;
  int voiced = 0;
  for (int i = 0; i < static_cast<int>(fr.size()); ++i) {
    if (fr[i] <= thr) continue;
    if (first < 0) first = i;
    last = i;
    voiced_sum += std::pow(10.0, fr[i] / 10);
    ++voiced;
  }
  if (first < 0) return result;
  const size_t cut_a = first > 0 ? (first - 1) * kHop : 0;  // one quiet frame to fade through
  const size_t cut_b = std::min(x.size(), (last + 2) * kHop);
  const size_t pad = static_cast<size_t>(kLinePad_s * kSampleRate);
  const size_t lead = pad - (first * kHop - cut_a);
  std::vector<float> y(lead, 0.0f);
  y.insert(y.end(), x.begin() + cut_a, x.begin() + cut_b);
  const size_t fade = std::min<size_t>(kHop, (cut_b - cut_a) / 2);
  for (size_t i = 0; i < fade; ++i) {
    const float g = static_cast<float>(0.5 - 0.5 * std::cos(M_PI * (i + 0.5) / fade));
    y[lead + i] *= g;
    y[y.size() - 1 - i] *= g;
  }
  y.resize(y.size() + pad - std::min(pad, (cut_b - (last + 1) * kHop)), 0.0f);

  // Level: voiced RMS to the target plus the delivery's gain; peaks at or below -1 dBFS.
  const double voiced_db = 10 * std::log10(voiced_sum / voiced);
  double g = dsp::db_to_gain(kTargetRmsDb + d.gain_db - voiced_db);
  float peak = 0;
  for (float v : y) peak = std::max(peak, std::abs(v));
  if (peak * g > kPeakLimit) g = kPeakLimit / peak;
  for (float& v : y) v = static_cast<float>(v * g);

  result.pcm.samples = std::move(y);
  result.duration_s = result.pcm.seconds();
  result.onset_s = double(pad) / kSampleRate;
  result.speech_end_s = result.duration_s - kLinePad_s;
  return result;
}

std::string voice_fingerprint() {
  std::lock_guard lock(espeak_mutex());  // the parent's espeak state: only espeak_Info
  const char* path = nullptr;
  const char* version = espeak_Info(&path);
  return std::string("espeak-ng ") + (version ? version : "?") + " " + (path ? path : "") + " v1";
}

std::vector<float> loudness_envelope(const Pcm& pcm, int fps) {
  const size_t n = static_cast<size_t>(std::ceil(pcm.seconds() * fps - 1e-9));
  std::vector<float> env(n, 0.0f);
  const size_t frames = pcm.frames();
  for (size_t i = 0; i < n; ++i) {
    const size_t a = i * pcm.sample_rate / fps;
    const size_t b = std::min(frames, (i + 1) * pcm.sample_rate / fps);
    if (b <= a) continue;
    double s = 0;
    for (size_t k = a * pcm.channels; k < b * pcm.channels; ++k) s += double(pcm.samples[k]) * pcm.samples[k];
    const double ms = s / double((b - a) * pcm.channels);
    const double db = ms > 0 ? 10 * std::log10(ms) : -200;
    env[i] = static_cast<float>(std::clamp((db + 50) / 36, 0.0, 1.0));
  }
  return env;
}

double estimate_f0(const Pcm& pcm) {
  // Mono, decimated to 12 kHz by a 4-sample box filter (enough for 60..500 Hz).
  const int factor = std::max(1, pcm.sample_rate / 12000);
  const double sr = double(pcm.sample_rate) / factor;
  std::vector<float> x;
  const size_t frames = pcm.frames();
  for (size_t i = 0; i + factor <= frames; i += factor) {
    double s = 0;
    for (int k = 0; k < factor; ++k)
      for (int c = 0; c < pcm.channels; ++c) s += pcm.samples[(i + k) * pcm.channels + c];
    x.push_back(static_cast<float>(s / (factor * pcm.channels)));
  }
  const size_t win = static_cast<size_t>(0.04 * sr), hop = win / 2;
  const int min_lag = static_cast<int>(sr / 500), max_lag = static_cast<int>(sr / 60);
  if (x.size() < win + max_lag) return 0;
  const auto fr = dsp::frame_rms_db(x, hop);
  const double thr = speech_threshold(fr) + 15;
  std::vector<double> f0s;
  for (size_t a = 0; a + win + max_lag <= x.size(); a += hop) {
    if (fr[a / hop] < thr) continue;
    std::vector<double> r(max_lag + 2, 0.0);
    double e0 = 0;
    for (size_t i = 0; i < win; ++i) e0 += double(x[a + i]) * x[a + i];
    for (int lag = min_lag; lag <= max_lag + 1; ++lag) {
      double s = 0, e1 = 0;
      for (size_t i = 0; i < win; ++i) {
        s += double(x[a + i]) * x[a + i + lag];
        e1 += double(x[a + i + lag]) * x[a + i + lag];
      }
      r[lag] = s / std::sqrt(e0 * e1 + 1e-20);
    }
    double best = 0;
    for (int lag = min_lag; lag <= max_lag; ++lag) best = std::max(best, r[lag]);
    if (best < 0.6) continue;  // unvoiced
    // The shortest lag at a local maximum close to the best avoids octave errors.
    for (int lag = min_lag + 1; lag <= max_lag; ++lag) {
      if (r[lag] >= 0.9 * best && r[lag] >= r[lag - 1] && r[lag] >= r[lag + 1]) {
        const double den = r[lag - 1] - 2 * r[lag] + r[lag + 1];
        const double off = std::abs(den) > 1e-12 ? 0.5 * (r[lag - 1] - r[lag + 1]) / den : 0;
        f0s.push_back(sr / (lag + off));
        break;
      }
    }
  }
  if (f0s.empty()) return 0;
  std::nth_element(f0s.begin(), f0s.begin() + f0s.size() / 2, f0s.end());
  return f0s[f0s.size() / 2];
}

}  // namespace filmgen::audio
