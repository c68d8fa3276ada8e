#include "film_pipeline.hpp"

#include "filmgen/bible_builder.hpp"
#include "filmgen/error.hpp"
#include "filmgen/fs_util.hpp"
#include "filmgen/hash.hpp"
#include "filmgen/log.hpp"
#include "filmgen/progress.hpp"
#include "filmgen/story.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace filmgen::pipeline {

namespace {
// The plan stage covers parsing, shot planning and the bibles; bump with either library.
constexpr StageInfo kPlanStage{"plan", story::kStoryStageVersion * 1000 + bible::kBibleStageVersion};
}  // namespace

StageOutput<FilmPlan> plan_script(const PlanRequest& request, Runner& runner) {
  const std::string script_text = read_input_file(request.script, "story");
  json params = {{"script", hash_bytes(script_text)},
                 {"file_name", request.script.filename().string()}};
  if (request.cast) params["cast"] = hash_bytes(read_input_file(*request.cast, "bible"));

  if (runner.progress()) runner.progress()->begin_stage("plan", 1);
  auto plan = runner.run<FilmPlan>(kPlanStage, {.params = params, .item = request.script.filename().string()}, [&] {
    Screenplay screenplay = story::load_script(request.script);
    FilmPlan film = story::plan_film(screenplay);
    bible::attach_bibles(film, screenplay, request.cast);
    return film;
  });
  if (runner.progress()) {
    runner.progress()->item_done(request.script.filename().string(), plan.hit);
    runner.progress()->end_stage();
  }
  return plan;
}

fs::path film_path(const RenderRequest& request) {
  if (!request.output.empty()) return request.output;
  const std::string stem = request.plan.script.stem().string();
  return fs::path("out") / stem / (stem + ".mp4");
}

RenderResult render_film(const RenderRequest& request, const Config& config, Runner& runner) {
  const std::string tier = request.tier.empty() ? config.at("/tier").get<std::string>() : request.tier;
  config.tier(tier);  // an unknown tier is bad input before any work
  RenderResult result;
  result.film = film_path(request);
  result.output_dir = result.film.has_parent_path() ? result.film.parent_path() : fs::path(".");
  fs::create_directories(result.output_dir);

  auto plan = plan_script(request.plan, runner);
  result.plan = plan.value;

  const fs::path plan_file = result.output_dir / "plan.json";
  write_file_atomic(plan_file, json(plan.value).dump(2) + "\n");
  result.written.push_back(plan_file);

  log::warn("this build has no picture stage yet (issue 4): wrote the plan, no film at {}",
            result.film.string());
  result.film.clear();

  const fs::path manifest_file = result.output_dir / "run_manifest.json";
  runner.manifest().save(manifest_file);
  result.written.push_back(manifest_file);
  return result;
}

}  // namespace filmgen::pipeline
