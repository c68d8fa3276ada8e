#include "soundtrack.hpp"

#include <algorithm>
#include <cmath>

#include "filmgen/error.hpp"
#include "filmgen/hash.hpp"
#include "stage_progress.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace filmgen::pipeline {

namespace {
constexpr StageInfo kVoiceStage{"voice", 2};
constexpr StageInfo kScoreStage{"score", 1};
constexpr StageInfo kMixStage{"mix", 1};

const CharacterBible* character(const FilmPlan& plan, const std::string& name) {
  for (const auto& c : plan.characters)
    if (c.name == name) return &c;
  return nullptr;
}

// Characters sit across the stereo field by their bible order, never hard left or right.
double pan_for(const FilmPlan& plan, const std::string& name) {
  const int n = static_cast<int>(plan.characters.size());
  for (int i = 0; i < n; ++i)
    if (plan.characters[static_cast<size_t>(i)].name == name) return n <= 1 ? 0.0 : -0.35 + 0.7 * i / (n - 1);
  return 0;
}
}  // namespace

VoiceStems synthesize_voices(const FilmPlan& plan, Runner& runner, const std::string& language,
                             const std::map<audio::LineKey, std::string>* texts) {
  VoiceStems stems;
  size_t total = 0;
  for (const auto& scene : plan.scenes)
    for (const auto& shot : scene.shots) total += shot.lines.size();
  StageProgress progress(runner.progress(), language.empty() ? "voices" : "voices " + language, total);
  const std::string fingerprint = audio::voice_fingerprint();
  for (const auto& scene : plan.scenes)
    for (const auto& shot : scene.shots)
      for (size_t i = 0; i < shot.lines.size(); ++i) {
        const SpokenLine& line = shot.lines[i];
        const audio::LineKey key{shot.id, static_cast<int>(i)};
        audio::VoiceRequest request;
        request.text = line.text;
        if (texts) {
          auto t = texts->find(key);
          if (t == texts->end()) continue;
          request.text = t->second;
        }
        request.parenthetical = line.parenthetical;
        if (const auto* c = character(plan, line.speaker)) request.voice = c->voice;
        request.language = language;
        request.sung = line.sung;
        auto out = runner.run<json>(kVoiceStage, {.params = {{"request", request}}, .model_fingerprint = fingerprint,
                                                  .item = shot.id + "/" + std::to_string(i)},
                                    [&](const fs::path& dir) {
                                      auto spoken = audio::synthesize_line(request);
                                      audio::write_wav(dir / "line.wav", spoken.pcm);
                                      json j = spoken;
                                      j["file"] = "line.wav";
                                      return j;
                                    });
        stems.measured[key] = audio::timing_of(out.value.get<audio::LineAudio>());
        stems.wav[key] = out.dir / "line.wav";
        stems.hash[key] = out.hash;
        progress.done(shot.id, out.hit);
      }
  return stems;
}

std::map<std::string, double> shot_starts(const std::vector<router::CutPiece>& cut, int fps) {
  std::map<std::string, double> starts;
  int64_t frame = 0;
  for (const auto& piece : cut) {
    if (piece.kind == router::CutPiece::Kind::kShot)
      starts[piece.job.shot.id] = static_cast<double>(frame - piece.job.first_frame) / fps;
    frame += piece.job.frame_count;
  }
  return starts;
}

void attach_lip_sync(std::vector<router::CutPiece>& cut, const std::vector<audio::PlacedLine>& placed,
                     const std::map<std::string, double>& starts, const VoiceStems& voices, int fps) {
  // Per shot: the lines' stems laid out on the shot's own clock, then their loudness per frame.
  std::map<std::string, std::vector<const audio::PlacedLine*>> by_shot;
  for (const auto& p : placed) by_shot[p.key.shot_id].push_back(&p);
  std::map<std::string, std::vector<float>> envelopes;
  std::map<std::string, std::vector<double>> line_starts;
  for (const auto& [shot_id, lines] : by_shot) {
    const double shot_start = starts.at(shot_id);
    audio::Pcm speech;
    speech.channels = 1;
    std::vector<double> offsets;
    for (const auto* line : lines) {
      auto wav = voices.wav.find(line->key);
      offsets.push_back(line->start_s - shot_start);
      if (wav == voices.wav.end()) continue;
      audio::Pcm pcm = audio::read_wav(wav->second);
      const auto at = static_cast<size_t>(std::max(0.0, line->start_s - shot_start) * speech.sample_rate);
      if (speech.samples.size() < at + pcm.samples.size()) speech.samples.resize(at + pcm.samples.size(), 0.0f);
      for (size_t i = 0; i < pcm.samples.size(); ++i) speech.samples[at + i] += pcm.samples[i];
    }
    envelopes[shot_id] = audio::loudness_envelope(speech, fps);
    line_starts[shot_id] = offsets;
  }
  auto attach = [&](RenderJob& job) {
    auto env = envelopes.find(job.shot.id);
    if (env == envelopes.end()) return;
    job.line_starts = line_starts[job.shot.id];
    job.speech_envelope.assign(static_cast<size_t>(job.frame_count), 0.0f);
    for (int i = 0; i < job.frame_count; ++i) {
      const int frame = job.first_frame + i;
      if (frame >= 0 && frame < static_cast<int>(env->second.size())) job.speech_envelope[static_cast<size_t>(i)] = env->second[static_cast<size_t>(frame)];
    }
  };
  for (auto& piece : cut) {
    attach(piece.job);
    if (piece.kind == router::CutPiece::Kind::kDissolve) attach(piece.to);
  }
}

Soundtrack make_soundtrack(const SoundtrackRequest& request, const std::vector<audio::PlacedLine>& placed,
                           const VoiceStems& voices, Runner& runner) {
  const FilmPlan& plan = *request.plan;
  // Scenes on the film's clock, from the cut.
  std::vector<std::pair<double, double>> scene_spans;
  std::vector<const Scene*> scenes;
  int64_t frame = 0;
  for (const auto& piece : *request.cut) {
    const double start = static_cast<double>(frame) / request.fps;
    frame += piece.job.frame_count;
    const double end = static_cast<double>(frame) / request.fps;
    if (scenes.empty() || scenes.back()->id != piece.scene_id) {
      const Scene* scene = nullptr;
      for (const auto& s : plan.scenes)
        if (s.id == piece.scene_id) scene = &s;
      if (!scene) continue;
      scenes.push_back(scene);
      scene_spans.emplace_back(start, end - start);
    } else {
      scene_spans.back().second = end - scene_spans.back().first;
    }
  }
  const double total_s = static_cast<double>(frame) / request.fps;

  audio::MixInput input;
  input.total_s = total_s;
  json mix_key = {{"total_s", total_s}, {"dialogue", json::array()}, {"music", json::array()}};
  std::vector<std::string> upstream;
  for (const auto& line : placed) {
    auto wav = voices.wav.find(line.key);
    if (wav == voices.wav.end()) continue;
    audio::PlacedStem stem;
    stem.start_s = line.start_s;
    stem.pan = pan_for(plan, line.speaker);
    input.dialogue.push_back(std::move(stem));
    mix_key["dialogue"].push_back({{"start_s", line.start_s}, {"pan", input.dialogue.back().pan}});
    upstream.push_back(voices.hash.at(line.key));
  }
  std::vector<fs::path> music_files;
  if (request.music) {
    auto spans = audio::score_spans(scene_spans, total_s);
    StageProgress progress(runner.progress(), "score", spans.size());
    for (size_t i = 0; i < spans.size() && i < scenes.size(); ++i) {
      const auto mood = audio::mood_for(*scenes[i]);
      const auto& span = spans[i];
      auto cue = runner.run<json>(kScoreStage,
                                  {.params = {{"mood", mood}, {"seconds", span.seconds}}, .model_fingerprint = audio::score_fingerprint(),
                                   .seed = router::shot_seed(request.seed, scenes[i]->id), .item = scenes[i]->id},
                                  [&](const fs::path& dir) {
                                    audio::write_wav(dir / "cue.wav", audio::render_cue(mood, span.seconds, router::shot_seed(request.seed, scenes[i]->id)));
                                    return json{{"file", "cue.wav"}, {"mood", mood}};
                                  });
      audio::PlacedStem stem;
      stem.start_s = span.start_s;
      stem.fade_in_s = span.fade_in_s;
      stem.fade_out_s = span.fade_out_s;
      input.music.push_back(std::move(stem));
      music_files.push_back(cue.dir / "cue.wav");
      mix_key["music"].push_back(span);
      upstream.push_back(cue.hash);
      progress.done(scenes[i]->id, cue.hit);
    }
  }

  const audio::MixOptions options;
  mix_key["options"] = options;
  mix_key["language"] = request.language;
  auto mixed = runner.run<json>(kMixStage, {.params = mix_key, .upstream = upstream, .item = request.language}, [&](const fs::path& dir) {
    // The stems are read only on a miss.
    size_t d = 0;
    for (const auto& line : placed)
      if (voices.wav.count(line.key)) input.dialogue[d++].pcm = audio::read_wav(voices.wav.at(line.key));
    for (size_t m = 0; m < music_files.size(); ++m) input.music[m].pcm = audio::read_wav(music_files[m]);
    audio::MixResult result = audio::mix(input, options);
    audio::write_wav(dir / "mix.wav", result.pcm);
    json j = result;
    j["file"] = "mix.wav";
    return j;
  });
  Soundtrack track;
  track.mix = audio::read_wav(mixed.dir / "mix.wav");
  track.facts = mixed.value.get<audio::MixResult>();
  track.cues = audio::make_cues(placed);
  return track;
}

}  // namespace filmgen::pipeline
