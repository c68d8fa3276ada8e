// The audio library (agents/audio): character voices (espeak-ng), a score per scene
// (FluidSynth + General MIDI), the mix (side-chain ducking, EBU R128 loudness, true-peak
// limiter), subtitles (SRT, WebVTT) and the timing that ties speech to the plan.
//
//   auto line = audio::synthesize_line({.text = l.text, .parenthetical = l.parenthetical,
//                                       .voice = bible.voice});          // mono 48 kHz
//   audio::write_wav(dir / "line.wav", line.pcm);                         // stem in the cache
//   FilmPlan timed = audio::retime(plan, measured);                      // shots fit speech
//   auto placed = audio::place_lines(timed, {}, measured);                // film timeline
//   auto mood = audio::mood_for(scene);
//   audio::Pcm cue = audio::render_cue(mood, span.seconds, seed);         // stereo 48 kHz
//   audio::MixResult mixed = audio::mix(input, {});                       // -16 LUFS, <= -1 dBTP
//   std::string srt = audio::to_srt(audio::make_cues(placed));
//
// Everything here is deterministic: the same inputs give bit-identical samples and text.
// No espeak-ng, FluidSynth or libebur128 header is included here.
#pragma once

#include <compare>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "filmgen/bible.hpp"
#include "filmgen/media.hpp"
#include "filmgen/plan.hpp"

namespace filmgen::audio {

inline constexpr int kSampleRate = 48000;

// ---------------------------------------------------------------------------------------
// PCM and WAV

// Interleaved float PCM, nominally in [-1, 1].
struct Pcm {
  int sample_rate = kSampleRate;
  int channels = 1;
  std::vector<float> samples;
  size_t frames() const { return channels > 0 ? samples.size() / channels : 0; }
  double seconds() const { return sample_rate > 0 ? double(frames()) / sample_rate : 0; }
};

enum class WavFormat { kFloat32, kPcm16 };

// Writes a RIFF/WAVE file atomically (temporary file renamed into place). Throws
// Error{kInternal} when the file cannot be written.
void write_wav(const std::filesystem::path& path, const Pcm& pcm,
               WavFormat format = WavFormat::kFloat32);
// Reads 8/16/24/32-bit integer or 32/64-bit float PCM WAV (incl. WAVE_FORMAT_EXTENSIBLE).
// Throws Error{kBadInput} naming the file for anything else.
Pcm read_wav(const std::filesystem::path& path);

// Band-limited resampling (polyphase windowed sinc, Kaiser, ~100 dB stop band) to `rate`.
Pcm resample(const Pcm& pcm, int rate);

// RMS of [start_s, end_s) over all channels in dBFS (-200 for digital silence).
double rms_db(const Pcm& pcm, double start_s = 0, double end_s = 1e300);
double peak_abs(const Pcm& pcm);

// ---------------------------------------------------------------------------------------
// Voices

struct VoiceRequest {
  std::string text;
  std::string parenthetical;  // "(whispering)", "(shouting)", ... shapes the delivery
  VoiceProfile voice;
  // espeak language for a translated track ("fr", "de"); "" speaks with voice.voice.
  // When set and its primary subtag differs from voice.voice's, it replaces the voice but
  // keeps the variant, pitch, range and rate, so a character sounds alike in both tracks.
  std::string language;
  bool sung = false;  // lyrics: slower, wider range
};

// How a parenthetical changes a delivery; see delivery_for().
struct Delivery {
  double rate_scale = 1;  // x rate_wpm
  int pitch_offset = 0;   // espeak pitch units (0..99 scale)
  int range_offset = 0;
  double gain_db = 0;     // relative to the normal speaking level
  bool whisper = false;   // espeak's whisper variant
  bool operator==(const Delivery&) const = default;
};

// The table of delivery keywords ("whisper", "quietly", "shout", "angrily", "sadly", ...)
// applied to a parenthetical; several keywords combine. Unknown words: no change.
Delivery delivery_for(const std::string& parenthetical);

// What is spoken: emphasis markup (*, _, \), [[notes]], /* boneyard */ and inline stage
// directions in (...) or [...] removed, whitespace collapsed. Numbers stay digits; espeak
// speaks them ("42" -> "forty-two").
std::string speakable_text(const std::string& text);

struct LineAudio {
  Pcm pcm;                 // mono, 48 kHz, speech trimmed to kLinePad_s of silence each side
  double duration_s = 0;   // pcm.seconds()
  double onset_s = 0;      // first 5 ms frame above the speech threshold
  double speech_end_s = 0; // end of the last frame above it
};

inline constexpr double kLinePad_s = 0.05;

// Speaks one line in process with espeak-ng; the character's voice, variant, pitch, range
// and rate come from the bible, shaped by the parenthetical. Speech is levelled to
// -20 dBFS RMS (plus the delivery's gain) with peaks at or below -1 dBFS. Each line is
// spoken by a short-lived forked child that initialises espeak afresh, because espeak keeps
// synthesis state in globals that no API resets; so the same request gives the same samples
// in any order, and calls are thread-safe. Empty speakable text gives empty audio.
// Throws Error{kEnvironment} when espeak-ng or the voice cannot be loaded.
LineAudio synthesize_line(const VoiceRequest& request);

// espeak-ng version and data location; part of a voice stem's cache key.
std::string voice_fingerprint();

// Per video frame, 0..1: frame RMS in dBFS mapped linearly from -50 dB (0) to -14 dB (1).
// Length ceil(seconds * fps). For lip sync.
std::vector<float> loudness_envelope(const Pcm& pcm, int fps);

// Fundamental frequency (Hz) estimated by normalised autocorrelation over voiced 40 ms
// frames (median); 0 when nothing is voiced. Used by the tests and the doctor.
double estimate_f0(const Pcm& pcm);

// ---------------------------------------------------------------------------------------
// Score

// The music of a scene: what render_cue plays.
struct SceneMood {
  std::string name = "calm";  // calm, tense, sad, joyful, romantic, eerie, action
  double tempo_bpm = 80;
  int key = 2;                // tonic pitch class 0..11 (C = 0)
  bool minor = false;
  // Roman numerals relative to the key's own scale (major or natural minor): case gives the
  // quality, "b"/"#" alter the root, "o" makes it diminished, "7" adds the seventh.
  // One chord per bar.
  std::vector<std::string> progression{"I", "vi", "IV", "V"};
  int pad_program = 48;     // GM programs, 0-based
  int bass_program = 32;
  int melody_program = 0;
  int pulse_program = -1;   // an ostinato / arpeggio voice, -1 for none
  bool drums = false;       // GM percussion on channel 10
  double density = 0.5;     // 0..1: notes per beat of melody and arpeggio
  int velocity = 80;        // 1..127
  double intensity = 0;     // the scene's intensity that chose this
  bool operator==(const SceneMood&) const = default;
};

// The mood of a scene from its shots' emotional intensity (mean and max), its time of day
// and the words of its heading, action and dialogue (a small lexicon per mood).
SceneMood mood_for(const Scene& scene);
// The preset of a named mood at a given intensity (0..1); unknown names give "calm".
SceneMood mood_preset(const std::string& name, double intensity = 0.4);

// Renders a cue of exactly `seconds` (stereo, 48 kHz) in process with FluidSynth and the GM
// soundfont: an intro swell, the progression with bass, pad, an optional pulse and a seeded
// melody, and a release tail that ends in silence. Events are quantised to FluidSynth's
// 64-sample block; no audio driver, no threads. Peaks are kept at or below -1 dBFS.
// Throws Error{kEnvironment} when FluidSynth or the soundfont is missing.
Pcm render_cue(const SceneMood& mood, double seconds, uint64_t seed);

// FluidSynth version and the soundfont's path and size; part of a cue's cache key.
std::string score_fingerprint();

// Where a scene's cue sits: it overlaps its neighbours by the crossfade, split evenly
// around each scene change, clamped to the film.
struct CueSpan {
  double start_s = 0;
  double seconds = 0;
  double fade_in_s = 0;
  double fade_out_s = 0;
};
// scenes: (start_s, duration_s) in film order.
std::vector<CueSpan> score_spans(const std::vector<std::pair<double, double>>& scenes,
                                 double total_s, double crossfade_s = 2.0);

// ---------------------------------------------------------------------------------------
// Mix

struct PlacedStem {
  double start_s = 0;
  Pcm pcm;            // dialogue: mono; music: stereo (mono is spread to both sides)
  double pan = 0;     // -1 left .. 1 right (mono stems; constant-power)
  double gain_db = 0;
  double fade_in_s = 0;  // equal-power fades (used for crossfades between cues)
  double fade_out_s = 0;
};

struct MixInput {
  double total_s = 0;
  std::vector<PlacedStem> dialogue;
  std::vector<PlacedStem> music;
};

struct MixOptions {
  double target_lufs = -16;
  double true_peak_dbtp = -1;
  double duck_db = 11;       // music attenuation under dialogue
  double attack_s = 0.08;    // the duck is fully down this long before speech (look-ahead)
  double release_s = 0.45;   // and comes back up over this after it (after a 0.3 s hold)
  double music_below_dialogue_db = 6;  // unducked music loudness relative to dialogue
  bool keep_buses = false;   // return the processed buses too (tests, stem export)
};

struct MixResult {
  Pcm pcm;  // stereo 48 kHz, interleaved
  double integrated_lufs = 0;  // measured on pcm (libebur128)
  double true_peak_dbtp = 0;   // measured on pcm
  double dialogue_gain_db = 0; // applied to the dialogue bus before the output gain
  double music_gain_db = 0;    // applied to the music bus before ducking and output gain
  double output_gain_db = 0;   // loudness normalisation
  double limiter_max_db = 0;   // deepest true-peak limiter reduction (>= 0)
  double max_duck_db = 0;      // deepest music duck (>= 0)
  int duck_rate_hz = 100;
  std::vector<float> duck_db;  // music duck in dB (<= 0) at duck_rate_hz
  Pcm dialogue_bus, music_bus;  // when keep_buses: final buses (same gains as pcm, pre-limiter)
};

// Sums the dialogue (on top) and the music ducked by a side-chain on the dialogue bus,
// normalises integrated loudness to target_lufs (EBU R128, libebur128) and limits true peak
// to true_peak_dbtp with a look-ahead limiter on a 4x oversampled peak estimate. The output
// never exceeds +-1. total_s <= 0 takes the end of the last stem.
MixResult mix(const MixInput& input, const MixOptions& options = {});

// Integrated loudness (LUFS) and true peak (dBTP) of pcm with libebur128.
struct Loudness {
  double integrated_lufs = -70;
  double true_peak_dbtp = -200;
};
Loudness measure_loudness(const Pcm& pcm);

// ---------------------------------------------------------------------------------------
// Timing: measured speech in the plan

struct LineKey {
  std::string shot_id;
  int line = 0;  // index into Shot::lines
  auto operator<=>(const LineKey&) const = default;
};

// A synthesised line's measurements (from LineAudio).
struct LineTiming {
  double duration_s = 0;
  double onset_s = 0;
  double speech_end_s = -1;  // < 0: duration_s
};
LineTiming timing_of(const LineAudio& audio);

// The natural pauses of a shot's speech.
struct PauseRules {
  double head_s = 0.2;  // before the first line
  double gap_s = 0.25;  // between lines
  double tail_s = 0.3;  // after the last line
  double beat_s = 0.6;  // "(beat)" before a line, added to the gap
  double pause_s = 1.0; // "(pause)"; "(long pause)" is 2x
};
// Extra silence a parenthetical asks for before its line: (beat), (pause), (long pause).
double parenthetical_pause(const std::string& parenthetical, const PauseRules& rules = {});

// The plan with each SpokenLine::duration_s replaced by its measured length (lines missing
// from `measured` keep theirs) and each shot's duration_s = max(planned, head + sum of lines
// + gaps + parenthetical pauses + tail); scene and stats durations re-summed. Dual dialogue
// is spoken in turn (overlapping speech is unintelligible and subtitle tracks cannot
// overlap).
FilmPlan retime(const FilmPlan& plan, const std::map<LineKey, LineTiming>& measured,
                const PauseRules& rules = {});

// One spoken line in the film timeline.
struct PlacedLine {
  LineKey key;
  int scene = 0;  // index into FilmPlan::scenes
  std::string speaker;
  std::string text;
  std::string parenthetical;
  bool off_screen = false;   // V.O., O.S., O.C.
  std::string extension;     // "V.O." / "O.S." / "O.C." / ""
  double start_s = 0;        // where the line's stem starts
  double duration_s = 0;
  double onset_s = 0;        // speech starts at start_s + onset_s
  double speech_end_s = 0;   // and ends at start_s + speech_end_s
};

// Places each line of a (retimed) plan: inside its shot after the head pause, in turn with
// the gaps and parenthetical pauses retime() counts. shot_start_s gives each shot's start in
// the film (shot id -> s); shots it lacks follow the previous shot back to back. Onsets come
// from `measured` (0 and the full length when absent).
std::vector<PlacedLine> place_lines(const FilmPlan& plan,
                                    const std::map<std::string, double>& shot_start_s = {},
                                    const std::map<LineKey, LineTiming>& measured = {},
                                    const PauseRules& rules = {});

// ---------------------------------------------------------------------------------------
// Subtitles

struct Cue {
  double start_s = 0;
  double end_s = 0;
  std::string speaker;
  std::string text;  // what is said, plain text
  bool off_screen = false;
  std::string extension;  // "V.O.", "O.S."; shown in the prefix of off-screen cues
  bool operator==(const Cue&) const = default;
};

struct CueLayout {
  int max_chars = 42;   // per line
  int max_lines = 2;    // per cue
  double min_s = 0.8;   // shortest cue (extended into the following gap when possible)
};

// One cue per placed line, from speech onset to speech end (so cues start with the speech).
std::vector<Cue> make_cues(const std::vector<PlacedLine>& lines);

// Display layout: off-screen speakers get a "NAME (V.O.): " prefix (on-screen speakers none,
// the picture shows who speaks); text is wrapped at max_chars on word boundaries into at
// most max_lines lines; longer text is split into several consecutive cues at sentence or
// word boundaries, with time shared in proportion to their words; overlaps are trimmed so
// cues never overlap. The text of the result contains '\n' line breaks. Idempotent.
std::vector<Cue> layout_cues(const std::vector<Cue>& cues, const CueLayout& layout = {});

// SubRip: numbered cues, HH:MM:SS,mmm, CRLF-free '\n' lines, '<' '>' '{' '}' neutralised.
std::string to_srt(const std::vector<Cue>& cues, const CueLayout& layout = {});
// WebVTT: "WEBVTT" header, HH:MM:SS.mmm, & < > escaped, "<v NAME>" voice spans.
std::string to_webvtt(const std::vector<Cue>& cues, const CueLayout& layout = {});
// Laid-out cues as the export's soft subtitle track.
media::SubtitleTrackInput to_subtitle_track(const std::vector<Cue>& cues,
                                            const std::string& language,
                                            const std::string& title = "",
                                            const CueLayout& layout = {});

// "HH:MM:SS,mmm" (SRT, comma) or "HH:MM:SS.mmm" (WebVTT), rounded to the millisecond.
std::string format_timestamp(double seconds, char separator);

// ---------------------------------------------------------------------------------------
// JSON (stage outputs). PCM is never in JSON: the pipeline stores it as WAV beside it.

void to_json(nlohmann::json& j, const VoiceRequest& v);
void from_json(const nlohmann::json& j, VoiceRequest& v);
void to_json(nlohmann::json& j, const LineAudio& v);  // metadata only, pcm left empty
void from_json(const nlohmann::json& j, LineAudio& v);
void to_json(nlohmann::json& j, const SceneMood& v);
void from_json(const nlohmann::json& j, SceneMood& v);
void to_json(nlohmann::json& j, const CueSpan& v);
void from_json(const nlohmann::json& j, CueSpan& v);
void to_json(nlohmann::json& j, const MixOptions& v);
void from_json(const nlohmann::json& j, MixOptions& v);
void to_json(nlohmann::json& j, const MixResult& v);  // metadata and duck curve, no pcm
void from_json(const nlohmann::json& j, MixResult& v);
void to_json(nlohmann::json& j, const LineKey& v);
void from_json(const nlohmann::json& j, LineKey& v);
void to_json(nlohmann::json& j, const LineTiming& v);
void from_json(const nlohmann::json& j, LineTiming& v);
void to_json(nlohmann::json& j, const PlacedLine& v);
void from_json(const nlohmann::json& j, PlacedLine& v);
void to_json(nlohmann::json& j, const Cue& v);
void from_json(const nlohmann::json& j, Cue& v);

}  // namespace filmgen::audio
