// The film pipeline: which stages run, in which order, on which inputs. Every stage goes
// through the Runner, so the cache decides what is recomputed.
//
//   filmgen::Cache cache(filmgen::default_cache_dir());
//   filmgen::Runner runner(cache);
//   auto result = filmgen::pipeline::render_film(request, config, runner);
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "filmgen/config.hpp"
#include "filmgen/pipeline.hpp"
#include "filmgen/plan.hpp"

namespace filmgen::pipeline {

struct PlanRequest {
  std::filesystem::path script;
  std::optional<std::filesystem::path> cast;
};

// Parses the script, plans its shots and builds the bibles (merged with the cast file).
StageOutput<FilmPlan> plan_script(const PlanRequest& request, Runner& runner);

struct RenderRequest {
  PlanRequest plan;
  std::filesystem::path output;  // the film's path; empty: out/<script stem>/<stem>.mp4
  std::string tier;              // empty: the config's tier
  std::optional<uint64_t> seed;  // empty: the config's seed
  bool captions = false;         // lower-third captions with each shot's action line
  // --shot: the shots to re-render. With `seed`, the seed applies to these shots only and is
  // remembered in shot_seeds.json beside the film, so later renders keep the re-rolled take.
  std::vector<std::string> shots;
  bool force = false;  // recompute even when cached: the named shots, or everything
  std::optional<std::filesystem::path> otio;  // also write an OpenTimelineIO timeline
  bool music = true;                          // --no-music turns the score off
  bool narrate = false;                       // a narrator reads the action lines
  // A translated copy of the script: a second audio track and subtitle track.
  std::optional<std::filesystem::path> translation;
  std::string translation_language;  // espeak/ISO 639-1 code, e.g. "fr"; else the title page's Language:
};

struct RenderResult {
  std::filesystem::path output_dir;
  std::filesystem::path film;
  std::vector<std::filesystem::path> written;
  FilmPlan plan;  // with the measured speech lengths
  double loudness_lufs = 0;
  double true_peak_dbtp = 0;
};

// The output folder and film path a request resolves to.
std::filesystem::path film_path(const RenderRequest& request);

// Runs every stage and writes the film plus plan.json, run_manifest.json and
// review_queue.json beside it; files are written atomically, so an interrupted run leaves no
// half-written file under a final name.
RenderResult render_film(const RenderRequest& request, const Config& config, Runner& runner);

struct StoryboardResult {
  std::filesystem::path contact_sheet;  // PNG
  std::filesystem::path html;
  size_t shots = 0;
};

// One still per shot (cached), a contact sheet PNG and an HTML shot list in out_dir.
StoryboardResult storyboard(const RenderRequest& request, const Config& config, Runner& runner,
                            const std::filesystem::path& out_dir);

}  // namespace filmgen::pipeline
