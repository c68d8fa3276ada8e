// filmgen doctor: every dependency, font, soundfont, voice, libtorch and CUDA; exit 3 when
// the default render path cannot work.
#include <fmt/format.h>

#include "cli_context.hpp"
#include "filmgen/doctor.hpp"
#include "filmgen/error.hpp"
#include "filmgen/version.hpp"

namespace filmgen::cli {

namespace {

std::vector<DependencyCheck> core_checks(const CliContext& ctx) {
  std::vector<DependencyCheck> checks;
  auto root = ctx.cache_root();
  try {
    Cache cache(root);
    checks.push_back({"core", "cache folder", root.string(), true, true, ""});
  } catch (const Error& e) {
    checks.push_back({"core", "cache folder", root.string(), false, true, e.what()});
  }
  try {
    ctx.load_config();
    checks.push_back({"core", "config", ctx.config_file.empty() ? "defaults" : ctx.config_file, true, true, ""});
  } catch (const Error& e) {
    checks.push_back({"core", "config", ctx.config_file, false, true, e.what()});
  }
  return checks;
}

int run_doctor(const CliContext& ctx, bool json_output) {
  std::vector<DependencyCheck> checks = core_checks(ctx);
  for (auto* probe : {&media::probe_dependencies, &render::probe_dependencies,
                      &audio::probe_dependencies, &models::probe_dependencies}) {
    auto more = probe();
    checks.insert(checks.end(), more.begin(), more.end());
  }
  bool render_ok = true;
  for (const auto& c : checks) render_ok = render_ok && (c.ok || !c.required);

  if (json_output) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : checks)
      out.push_back({{"area", c.area}, {"name", c.name}, {"version", c.version}, {"ok", c.ok},
                     {"required", c.required}, {"detail", c.detail}});
    fmt::print("{}\n", nlohmann::json{{"version", kVersion}, {"render_ok", render_ok}, {"checks", out}}.dump(2));
  } else {
    fmt::print("filmgen {}\n", kVersion);
    std::string area;
    for (const auto& c : checks) {
      if (c.area != area) fmt::print("{}\n", area = c.area);
      const char* mark = c.ok ? "ok  " : (c.required ? "FAIL" : "warn");
      fmt::print("  {} {:<28} {}\n", mark, c.name, c.version);
      if (!c.ok && !c.detail.empty()) fmt::print("       {}\n", c.detail);
    }
    fmt::print("{}\n", render_ok ? "The render path works."
                                 : "The render path cannot work: fix the FAIL lines (scripts/setup.sh).");
  }
  return render_ok ? 0 : static_cast<int>(ErrorCode::kEnvironment);
}

}  // namespace

void set_doctor_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("doctor", "Check every dependency; exit 3 if rendering cannot work");
  auto json_output = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json_output, "Print the checks as JSON");
  cmd->callback([&ctx, json_output] { ctx.exit_code = run_doctor(ctx, *json_output); });
}

}  // namespace filmgen::cli
