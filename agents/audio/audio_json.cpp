// JSON for the audio stage outputs and inputs. PCM never goes into JSON.
#include "filmgen/audio.hpp"

namespace filmgen::audio {

using nlohmann::json;

void to_json(json& j, const VoiceRequest& v) {
  j = {{"text", v.text}, {"parenthetical", v.parenthetical}, {"voice", v.voice},
       {"language", v.language}, {"sung", v.sung}};
}
void from_json(const json& j, VoiceRequest& v) {
  v = {};
  v.text = j.value("text", "");
  v.parenthetical = j.value("parenthetical", "");
  if (j.contains("voice")) v.voice = j.at("voice").get<VoiceProfile>();
  v.language = j.value("language", "");
  v.sung = j.value("sung", false);
}

void to_json(json& j, const LineAudio& v) {
  j = {{"duration_s", v.duration_s}, {"onset_s", v.onset_s}, {"speech_end_s", v.speech_end_s},
       {"sample_rate", v.pcm.sample_rate}, {"channels", v.pcm.channels}};
}
void from_json(const json& j, LineAudio& v) {
  v = {};
  v.duration_s = j.value("duration_s", 0.0);
  v.onset_s = j.value("onset_s", 0.0);
  v.speech_end_s = j.value("speech_end_s", v.duration_s);
  v.pcm.sample_rate = j.value("sample_rate", kSampleRate);
  v.pcm.channels = j.value("channels", 1);
}

void to_json(json& j, const SceneMood& v) {
  j = {{"name", v.name}, {"tempo_bpm", v.tempo_bpm}, {"key", v.key}, {"minor", v.minor},
       {"progression", v.progression}, {"pad_program", v.pad_program},
       {"bass_program", v.bass_program}, {"melody_program", v.melody_program},
       {"pulse_program", v.pulse_program}, {"drums", v.drums}, {"density", v.density},
       {"velocity", v.velocity}, {"intensity", v.intensity}};
}
void from_json(const json& j, SceneMood& v) {
  const SceneMood d;
  v.name = j.value("name", d.name);
  v.tempo_bpm = j.value("tempo_bpm", d.tempo_bpm);
  v.key = j.value("key", d.key);
  v.minor = j.value("minor", d.minor);
  v.progression = j.value("progression", d.progression);
  v.pad_program = j.value("pad_program", d.pad_program);
  v.bass_program = j.value("bass_program", d.bass_program);
  v.melody_program = j.value("melody_program", d.melody_program);
  v.pulse_program = j.value("pulse_program", d.pulse_program);
  v.drums = j.value("drums", d.drums);
  v.density = j.value("density", d.density);
  v.velocity = j.value("velocity", d.velocity);
  v.intensity = j.value("intensity", d.intensity);
}

void to_json(json& j, const CueSpan& v) {
  j = {{"start_s", v.start_s}, {"seconds", v.seconds}, {"fade_in_s", v.fade_in_s}, {"fade_out_s", v.fade_out_s}};
}
void from_json(const json& j, CueSpan& v) {
  v.start_s = j.value("start_s", 0.0);
  v.seconds = j.value("seconds", 0.0);
  v.fade_in_s = j.value("fade_in_s", 0.0);
  v.fade_out_s = j.value("fade_out_s", 0.0);
}

void to_json(json& j, const MixOptions& v) {
  j = {{"target_lufs", v.target_lufs}, {"true_peak_dbtp", v.true_peak_dbtp}, {"duck_db", v.duck_db},
       {"attack_s", v.attack_s}, {"release_s", v.release_s},
       {"music_below_dialogue_db", v.music_below_dialogue_db}};
}
void from_json(const json& j, MixOptions& v) {
  const MixOptions d;
  v.target_lufs = j.value("target_lufs", d.target_lufs);
  v.true_peak_dbtp = j.value("true_peak_dbtp", d.true_peak_dbtp);
  v.duck_db = j.value("duck_db", d.duck_db);
  v.attack_s = j.value("attack_s", d.attack_s);
  v.release_s = j.value("release_s", d.release_s);
  v.music_below_dialogue_db = j.value("music_below_dialogue_db", d.music_below_dialogue_db);
  v.keep_buses = false;
}

void to_json(json& j, const MixResult& v) {
  j = {{"sample_rate", v.pcm.sample_rate}, {"channels", v.pcm.channels},
       {"integrated_lufs", v.integrated_lufs}, {"true_peak_dbtp", v.true_peak_dbtp},
       {"dialogue_gain_db", v.dialogue_gain_db}, {"music_gain_db", v.music_gain_db},
       {"output_gain_db", v.output_gain_db}, {"limiter_max_db", v.limiter_max_db},
       {"max_duck_db", v.max_duck_db}, {"duck_rate_hz", v.duck_rate_hz}, {"duck_db", v.duck_db}};
}
void from_json(const json& j, MixResult& v) {
  v = {};
  v.pcm.sample_rate = j.value("sample_rate", kSampleRate);
  v.pcm.channels = j.value("channels", 2);
  v.integrated_lufs = j.value("integrated_lufs", 0.0);
  v.true_peak_dbtp = j.value("true_peak_dbtp", 0.0);
  v.dialogue_gain_db = j.value("dialogue_gain_db", 0.0);
  v.music_gain_db = j.value("music_gain_db", 0.0);
  v.output_gain_db = j.value("output_gain_db", 0.0);
  v.limiter_max_db = j.value("limiter_max_db", 0.0);
  v.max_duck_db = j.value("max_duck_db", 0.0);
  v.duck_rate_hz = j.value("duck_rate_hz", 100);
  v.duck_db = j.value("duck_db", std::vector<float>{});
}

void to_json(json& j, const LineKey& v) { j = {{"shot", v.shot_id}, {"line", v.line}}; }
void from_json(const json& j, LineKey& v) {
  v.shot_id = j.at("shot").get<std::string>();
  v.line = j.at("line").get<int>();
}

void to_json(json& j, const LineTiming& v) {
  j = {{"duration_s", v.duration_s}, {"onset_s", v.onset_s}, {"speech_end_s", v.speech_end_s}};
}
void from_json(const json& j, LineTiming& v) {
  v.duration_s = j.value("duration_s", 0.0);
  v.onset_s = j.value("onset_s", 0.0);
  v.speech_end_s = j.value("speech_end_s", -1.0);
}

void to_json(json& j, const PlacedLine& v) {
  j = {{"key", v.key}, {"scene", v.scene}, {"speaker", v.speaker}, {"text", v.text},
       {"parenthetical", v.parenthetical}, {"off_screen", v.off_screen}, {"extension", v.extension},
       {"start_s", v.start_s}, {"duration_s", v.duration_s}, {"onset_s", v.onset_s},
       {"speech_end_s", v.speech_end_s}};
}
void from_json(const json& j, PlacedLine& v) {
  v = {};
  v.key = j.at("key").get<LineKey>();
  v.scene = j.value("scene", 0);
  v.speaker = j.value("speaker", "");
  v.text = j.value("text", "");
  v.parenthetical = j.value("parenthetical", "");
  v.off_screen = j.value("off_screen", false);
  v.extension = j.value("extension", "");
  v.start_s = j.value("start_s", 0.0);
  v.duration_s = j.value("duration_s", 0.0);
  v.onset_s = j.value("onset_s", 0.0);
  v.speech_end_s = j.value("speech_end_s", v.duration_s);
}

void to_json(json& j, const Cue& v) {
  j = {{"start_s", v.start_s}, {"end_s", v.end_s}, {"speaker", v.speaker}, {"text", v.text},
       {"off_screen", v.off_screen}, {"extension", v.extension}};
}
void from_json(const json& j, Cue& v) {
  v = {};
  v.start_s = j.value("start_s", 0.0);
  v.end_s = j.value("end_s", 0.0);
  v.speaker = j.value("speaker", "");
  v.text = j.value("text", "");
  v.off_screen = j.value("off_screen", false);
  v.extension = j.value("extension", "");
}

}  // namespace filmgen::audio
