#include "film_pipeline.hpp"

#include <algorithm>
#include <map>

#include "filmgen/bible_builder.hpp"
#include "filmgen/config.hpp"
#include "filmgen/error.hpp"
#include "filmgen/fs_util.hpp"
#include "filmgen/hash.hpp"
#include "filmgen/log.hpp"
#include "filmgen/media.hpp"
#include "filmgen/progress.hpp"
#include "filmgen/story.hpp"
#include "filmgen/version.hpp"
#include "export_film.hpp"
#include "soundtrack.hpp"
#include "stage_progress.hpp"
#include "job_builder.hpp"
#include "preview_backend.hpp"
#include "shot_stage.hpp"
#include "storyboard.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace filmgen::pipeline {

namespace {
// The plan stage covers parsing, shot planning and the bibles; bump with either library.
constexpr StageInfo kPlanStage{"plan", story::kStoryStageVersion * 1000 + bible::kBibleStageVersion};
constexpr StageInfo kShotStage{"shot", 1};
constexpr StageInfo kDissolveStage{"dissolve", 1};
constexpr StageInfo kStillStage{"still", 1};

struct FilmSettings {
  TierSettings tier;
  uint64_t seed = 0;
  std::map<std::string, uint64_t> seed_overrides;
  media::VideoParams video;
};

FilmSettings settings_for(const RenderRequest& request, const Config& config) {
  FilmSettings s;
  s.tier = config.tier(request.tier.empty() ? config.at("/tier").get<std::string>() : request.tier);
  s.seed = request.seed && request.shots.empty() ? *request.seed : config.at("/seed").get<uint64_t>();
  s.video = media::VideoParams{s.tier.width, s.tier.height, s.tier.fps, s.tier.x264_preset, s.tier.crf};
  s.video.x264_tune = "animation";
  return s;
}

router::JobOptions job_options(const FilmSettings& s, bool captions) {
  router::JobOptions o;
  o.seed_overrides = s.seed_overrides;
  o.width = s.tier.width;
  o.height = s.tier.height;
  o.fps = s.tier.fps;
  o.seed = s.seed;
  o.captions = captions;
  return o;
}

constexpr const char* kShotSeedsFile = "shot_seeds.json";

// Per-shot seeds chosen with --shot ID --seed N, kept beside the film.
std::map<std::string, uint64_t> load_shot_seeds(const fs::path& output_dir) {
  const fs::path file = output_dir / kShotSeedsFile;
  std::error_code ec;
  if (!fs::exists(file, ec)) return {};
  const std::string text = read_input_file(file, "render");
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw_input_error("render", {file.string(), 1}, "not a JSON object of shot ids to seeds", "{\"S01.02\": 7}");
  std::map<std::string, uint64_t> seeds;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!it.value().is_number_unsigned())
      throw_input_error("render", {file.string(), line_of_key(text, {it.key()})}, "seed of " + it.key() + " is not a number",
                        "an integer >= 0");
    seeds[it.key()] = it.value().get<uint64_t>();
  }
  return seeds;
}

struct Translation {
  std::string language;
  std::map<audio::LineKey, std::string> texts;  // original line -> translated text
};

// A translated copy of the script: the same structure with the dialogue translated. Lines
// are paired in order; a different number of lines is bad input.
Translation load_translation(const fs::path& file, const std::string& language, const FilmPlan& original) {
  Screenplay screenplay = story::load_script(file);
  FilmPlan translated = story::plan_film(screenplay);
  std::vector<audio::LineKey> keys;
  for (const auto& scene : original.scenes)
    for (const auto& shot : scene.shots)
      for (size_t i = 0; i < shot.lines.size(); ++i) keys.push_back({shot.id, static_cast<int>(i)});
  std::vector<std::string> texts;
  for (const auto& scene : translated.scenes)
    for (const auto& shot : scene.shots)
      for (const auto& line : shot.lines) texts.push_back(line.text);
  if (texts.size() != keys.size())
    throw Error(ErrorCode::kBadInput, "translation",
                file.string() + ": has " + std::to_string(texts.size()) + " spoken lines; expected " + std::to_string(keys.size()) +
                    " like the original, in the same order");
  Translation t;
  t.language = language;
  for (const auto& entry : screenplay.title_page)
    if (t.language.empty() && (entry.key == "Language" || entry.key == "language")) t.language = entry.value;
  if (t.language.empty())
    throw Error(ErrorCode::kBadInput, "translation",
                file.string() + ": no language; expected --translation-language (e.g. fr) or a 'Language:' title page key");
  for (size_t i = 0; i < keys.size(); ++i) t.texts[keys[i]] = texts[i];
  return t;
}

// --narrate: a narrator (V.O.) reads each action beat, as a spoken line of its shot, so the
// voices, timing, mix and subtitles treat it like dialogue.
FilmPlan with_narration(FilmPlan plan) {
  const std::string narrator = "NARRATOR";
  if (std::none_of(plan.characters.begin(), plan.characters.end(), [&](const CharacterBible& c) { return c.name == narrator; })) {
    CharacterBible n;
    n.id = "C00";
    n.name = narrator;
    n.voice = VoiceProfile{"en-gb", "m7", 38, 40, 150};
    plan.characters.push_back(n);
  }
  for (auto& scene : plan.scenes)
    for (auto& shot : scene.shots)
      if (shot.lines.empty() && !shot.action.empty() && shot.kind != ShotKind::kEstablishing && shot.kind != ShotKind::kTitleCard) {
        SpokenLine line;
        line.speaker = narrator;
        line.text = shot.action;
        line.extensions = {"V.O."};
        shot.lines.push_back(line);
      }
  return plan;
}

void check_shot_ids(const std::vector<std::string>& wanted, const std::vector<router::CutPiece>& cut) {
  for (const auto& id : wanted) {
    bool found = std::any_of(cut.begin(), cut.end(), [&](const router::CutPiece& p) {
      return p.kind == router::CutPiece::Kind::kShot && p.job.shot.id == id;
    });
    if (!found) {
      std::string first = cut.empty() ? "" : cut.front().job.shot.id, last = cut.empty() ? "" : cut.back().job.shot.id;
      if (!cut.empty() && cut.back().kind == router::CutPiece::Kind::kDissolve) last = cut.back().to.shot.id;
      throw Error(ErrorCode::kBadInput, "render",
                  "--shot " + id + ": no such shot; expected a shot id from " + first + " to " + last + " (see filmgen plan)");
    }
  }
}

}  // namespace

StageOutput<FilmPlan> plan_script(const PlanRequest& request, Runner& runner) {
  const std::string script_text = read_input_file(request.script, "story");
  json params = {{"script", hash_bytes(script_text)}, {"file_name", request.script.filename().string()}};
  if (request.cast) params["cast"] = hash_bytes(read_input_file(*request.cast, "bible"));

  StageProgress progress(runner.progress(), "plan", 1);
  auto plan = runner.run<FilmPlan>(kPlanStage, {.params = params, .item = request.script.filename().string()}, [&] {
    Screenplay screenplay = story::load_script(request.script);
    FilmPlan film = story::plan_film(screenplay);
    bible::attach_bibles(film, screenplay, request.cast);
    return film;
  });
  progress.done(request.script.filename().string(), plan.hit);
  return plan;
}

fs::path film_path(const RenderRequest& request) {
  if (!request.output.empty()) return request.output;
  const std::string stem = request.plan.script.stem().string();
  return fs::path("out") / stem / (stem + ".mp4");
}

RenderResult render_film(const RenderRequest& request, const Config& config, Runner& runner) {
  FilmSettings settings = settings_for(request, config);  // bad tier: bad input before any work
  RenderResult result;
  result.film = film_path(request);
  result.output_dir = result.film.has_parent_path() ? result.film.parent_path() : fs::path(".");
  fs::create_directories(result.output_dir);
  settings.seed_overrides = load_shot_seeds(result.output_dir);

  auto plan = plan_script(request.plan, runner);
  check_shot_ids(request.shots, router::build_cut(plan.value, job_options(settings, request.captions)));
  std::optional<Translation> translation;
  if (request.translation) translation = load_translation(*request.translation, request.translation_language, plan.value);

  // The voices come first: their measured lengths time the shots.
  const FilmPlan spoken = request.narrate ? with_narration(plan.value) : plan.value;
  VoiceStems voices = synthesize_voices(spoken, runner);
  const FilmPlan timed = audio::retime(spoken, voices.measured);
  result.plan = timed;
  if (request.seed && !request.shots.empty()) {
    for (const auto& id : request.shots) settings.seed_overrides[id] = *request.seed;
    write_file_atomic(result.output_dir / kShotSeedsFile, json(settings.seed_overrides).dump(2) + "\n");
  }
  auto cut = router::build_cut(timed, job_options(settings, request.captions));
  const auto starts = shot_starts(cut, settings.tier.fps);
  const auto placed = audio::place_lines(timed, starts, voices.measured);
  attach_lip_sync(cut, placed, starts, voices, settings.tier.fps);
  if (request.force) {
    const std::vector<std::string> named = request.shots;
    runner.set_force([named](const std::string& stage, const std::string& item) {
      if (named.empty()) return true;
      for (const auto& id : named)
        if (item == id || item.rfind(id + ">", 0) == 0 || (item.size() > id.size() && item.ends_with(">" + id))) return true;
      return false;
    });
  }

  render::PreviewBackend backend;
  const std::string fingerprint = backend.fingerprint() + "|" + media::encoder_fingerprint(settings.video);
  exporter::ExportRequest film;
  film.film = result.film;
  film.title = timed.title.empty() ? request.plan.script.stem().string() : timed.title;
  film.fps = settings.tier.fps;
  film.otio = request.otio;
  for (const auto& scene : timed.scenes) film.scene_titles[scene.id] = scene.heading;
  {
    StageProgress progress(runner.progress(), "render", cut.size());
    for (const auto& piece : cut) {
      StageOutput<ShotClip> clip;
      if (piece.kind == router::CutPiece::Kind::kShot) {
        clip = runner.run<ShotClip>(kShotStage,
                                    {.params = {{"job", piece.job}}, .model_fingerprint = fingerprint, .seed = piece.job.seed, .item = piece.id()},
                                    [&](const fs::path& dir) { return render::render_shot(piece.job, backend, settings.video, dir); });
      } else {
        clip = runner.run<ShotClip>(kDissolveStage,
                                    {.params = {{"from", piece.job}, {"to", piece.to}}, .model_fingerprint = fingerprint, .seed = piece.job.seed, .item = piece.id()},
                                    [&](const fs::path& dir) {
                                      return render::render_dissolve(piece.job, piece.to, backend, settings.video, dir);
                                    });
      }
      film.clips.push_back({piece.id(), piece.scene_id, clip.dir / clip.value.segment, clip.value.frames});
      progress.done(piece.id(), clip.hit);
    }
  }

  // Sound: a mix and subtitles per language.
  SoundtrackRequest sound{&timed, &cut, settings.tier.fps, settings.seed, request.music, "eng", "English"};
  const std::string stem = result.film.stem().string();
  auto add_language = [&](const Soundtrack& track, const std::string& language, const std::string& title,
                          const std::string& suffix) {
    film.audio.push_back({language, title, track.mix.sample_rate, track.mix.channels, track.mix.samples});
    film.subtitles.push_back(audio::to_subtitle_track(track.cues, language, title));
    for (const auto& [ext, text] : {std::pair{".srt", audio::to_srt(track.cues)}, std::pair{".vtt", audio::to_webvtt(track.cues)}}) {
      const fs::path file = result.output_dir / (stem + suffix + ext);
      write_file_atomic(file, text);
      result.written.push_back(file);
    }
  };
  Soundtrack primary = make_soundtrack(sound, placed, voices, runner);
  result.loudness_lufs = primary.facts.integrated_lufs;
  result.true_peak_dbtp = primary.facts.true_peak_dbtp;
  add_language(primary, "eng", "English", "");
  if (translation) {
    VoiceStems spoken = synthesize_voices(timed, runner, translation->language, &translation->texts);
    auto placed_translated = audio::place_lines(timed, starts, spoken.measured);
    for (auto& line : placed_translated)
      if (auto t = translation->texts.find(line.key); t != translation->texts.end()) line.text = t->second;
    SoundtrackRequest other = sound;
    other.language = translation->language;
    other.title = translation->language;
    add_language(make_soundtrack(other, placed_translated, spoken, runner), translation->language, translation->language,
                 "." + translation->language);
  }

  film.metadata = {{"title", film.title},
                   {"encoder_tool", std::string("filmgen ") + kVersion},
                   {"plan_hash", plan.hash},
                   {"tier", settings.tier.name},
                   {"seed", std::to_string(settings.seed)},
                   {"shot_seeds", json(settings.seed_overrides).dump()},
                   {"backends", backend.name()},
                   {"voices", audio::voice_fingerprint()},
                   {"score", request.music ? audio::score_fingerprint() : "none"}};
  {
    StageProgress progress(runner.progress(), "export", 1);
    auto exported = exporter::export_film(film);
    result.written.insert(result.written.end(), exported.written.begin(), exported.written.end());
    progress.done(result.film.filename().string(), false);
  }

  auto write = [&](const std::string& name, const json& value) {
    write_file_atomic(result.output_dir / name, value.dump(2) + "\n");
    result.written.push_back(result.output_dir / name);
  };
  write("plan.json", result.plan);
  write("review_queue.json", json::array());
  runner.manifest().save(result.output_dir / "run_manifest.json");
  result.written.push_back(result.output_dir / "run_manifest.json");
  return result;
}

StoryboardResult storyboard(const RenderRequest& request, const Config& config, Runner& runner, const fs::path& out_dir) {
  const FilmSettings settings = settings_for(request, config);
  auto plan = plan_script(request.plan, runner);
  auto cut = router::build_cut(plan.value, job_options(settings, request.captions));
  render::PreviewBackend backend;
  std::vector<render::StoryboardPanel> panels;
  {
    StageProgress progress(runner.progress(), "storyboard", cut.size());
    for (const auto& piece : cut) {
      if (piece.kind != router::CutPiece::Kind::kShot) continue;
      auto still = runner.run<json>(kStillStage,
                                    {.params = {{"job", piece.job}}, .model_fingerprint = backend.fingerprint(), .seed = piece.job.seed, .item = piece.id()},
                                    [&](const fs::path& dir) {
                                      render::write_still(backend, piece.job, dir / "still.png");
                                      return json{{"still", "still.png"}};
                                    });
      panels.push_back(render::make_panel(piece.job, still.dir / "still.png"));
      progress.done(piece.id(), still.hit);
    }
  }
  StoryboardResult result;
  result.shots = panels.size();
  const std::string title = plan.value.title.empty() ? request.plan.script.stem().string() : plan.value.title;
  result.contact_sheet = out_dir / "storyboard.png";
  result.html = out_dir / "storyboard.html";
  render::write_storyboard(panels, title, result.contact_sheet, result.html);
  return result;
}

}  // namespace filmgen::pipeline
