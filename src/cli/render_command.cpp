// filmgen render: the whole pipeline, from script to film.
#include <fmt/format.h>

#include "cli_context.hpp"
#include "film_pipeline.hpp"
#include "filmgen/log.hpp"
#include "filmgen/progress.hpp"

namespace filmgen::cli {

namespace {

struct RenderOptions {
  std::string script;
  std::string output;
  std::string cast;
  std::string tier;
  int64_t seed = -1;
  bool captions = false;
  std::vector<std::string> shots;
  bool force = false;
  std::string otio;
  bool no_music = false;
  bool narrate = false;
  std::string translation;
  std::string translation_language;
};

int run_render(const CliContext& ctx, const RenderOptions& opts) {
  Config config = ctx.load_config();
  pipeline::RenderRequest request;
  request.plan.script = opts.script;
  if (!opts.cast.empty()) request.plan.cast = opts.cast;
  request.output = opts.output;
  request.tier = opts.tier;
  if (opts.seed >= 0) request.seed = static_cast<uint64_t>(opts.seed);
  request.captions = opts.captions;
  request.shots = opts.shots;
  request.force = opts.force;
  if (!opts.otio.empty()) request.otio = opts.otio;
  request.music = !opts.no_music;
  request.narrate = opts.narrate;
  if (!opts.translation.empty()) request.translation = opts.translation;
  request.translation_language = opts.translation_language;

  Cache cache(ctx.cache_root());
  Progress progress(ctx.progress_mode());
  Runner runner(cache, &progress);
  auto result = pipeline::render_film(request, config, runner);
  for (const auto& file : result.written) log::info("wrote {}", file.string());
  fmt::print("{}\n", result.film.string());
  log::info("{} scenes, {} shots, {:.1f} s; mix {:.1f} LUFS, true peak {:.1f} dBTP; {} stage runs ({} from the cache)",
            result.plan.stats.scenes, result.plan.stats.shots, result.plan.stats.duration_s, result.loudness_lufs,
            result.true_peak_dbtp,
            runner.manifest().records().size(), runner.manifest().hits());
  return 0;
}

}  // namespace

void set_render_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("render", "Render a screenplay (Fountain or prose) into a film");
  auto opts = std::make_shared<RenderOptions>();
  cmd->add_option("script", opts->script, "The script: Fountain (.fountain) or plain prose")->required();
  cmd->add_option("-o,--output", opts->output, "The film's path (default: out/<script>/<script>.mp4)");
  cmd->add_option("--cast", opts->cast, "Cast file (JSON) overriding any bible field")->check(CLI::ExistingFile);
  cmd->add_option("--tier", opts->tier, "Quality tier: draft, standard or final (default: config)");
  cmd->add_option("--seed", opts->seed, "Seed (default: config)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--shot", opts->shots, "Re-render these shots (ids as in `filmgen plan`); with --seed, re-roll them")
      ->expected(1, -1);
  cmd->add_flag("--force", opts->force, "Recompute even when cached: the --shot shots, or everything");
  cmd->add_option("--otio", opts->otio, "Also write the cut as an OpenTimelineIO timeline (media linked beside it)");
  cmd->add_flag("--no-music", opts->no_music, "No score: dialogue only");
  cmd->add_flag("--narrate", opts->narrate, "A narrator's voice reads the action lines");
  cmd->add_option("--translation", opts->translation, "A translated copy of the script: a second audio and subtitle track")
      ->check(CLI::ExistingFile);
  cmd->add_option("--translation-language", opts->translation_language,
                  "The translation's language (espeak code, e.g. fr); default: its title page's Language:");
  cmd->add_flag("--captions", opts->captions, "Lower-third caption with each shot's action line");
  cmd->callback([&ctx, opts] { ctx.exit_code = run_render(ctx, *opts); });
}

}  // namespace filmgen::cli
