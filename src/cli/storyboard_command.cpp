// filmgen storyboard: a contact sheet PNG and an HTML shot list with one frame per shot.
#include <fmt/format.h>

#include "cli_context.hpp"
#include "film_pipeline.hpp"
#include "filmgen/log.hpp"

namespace filmgen::cli {

namespace {

struct StoryboardOptions {
  std::string script;
  std::string out_dir;
  std::string cast;
  std::string tier = "draft";
  int64_t seed = -1;
};

int run_storyboard(const CliContext& ctx, const StoryboardOptions& opts) {
  Config config = ctx.load_config();
  pipeline::RenderRequest request;
  request.plan.script = opts.script;
  if (!opts.cast.empty()) request.plan.cast = opts.cast;
  request.tier = opts.tier;
  if (opts.seed >= 0) request.seed = static_cast<uint64_t>(opts.seed);
  const std::filesystem::path out =
      opts.out_dir.empty() ? std::filesystem::path("out") / request.plan.script.stem() : std::filesystem::path(opts.out_dir);
  std::filesystem::create_directories(out);

  Cache cache(ctx.cache_root());
  Progress progress(ctx.progress_mode());
  Runner runner(cache, &progress);
  auto result = pipeline::storyboard(request, config, runner, out);
  log::info("{} shots; wrote {} and {}", result.shots, result.contact_sheet.string(), result.html.string());
  fmt::print("{}\n{}\n", result.contact_sheet.string(), result.html.string());
  return 0;
}

}  // namespace

void set_storyboard_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("storyboard", "A contact sheet PNG and an HTML shot list, one frame per shot");
  auto opts = std::make_shared<StoryboardOptions>();
  cmd->add_option("script", opts->script, "The script: Fountain (.fountain) or plain prose")->required();
  cmd->add_option("-o,--out-dir", opts->out_dir, "Folder for storyboard.png and storyboard.html (default: out/<script>)");
  cmd->add_option("--cast", opts->cast, "Cast file (JSON) overriding any bible field")->check(CLI::ExistingFile);
  cmd->add_option("--tier", opts->tier, "Tier of the frames (default: draft)");
  cmd->add_option("--seed", opts->seed, "Seed (default: config)")->check(CLI::NonNegativeNumber);
  cmd->callback([&ctx, opts] { ctx.exit_code = run_storyboard(ctx, *opts); });
}

}  // namespace filmgen::cli
