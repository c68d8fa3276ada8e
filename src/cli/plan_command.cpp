// filmgen plan SCRIPT [--json] [--cast FILE]: the shot list (or the whole plan as JSON).
#include <fmt/format.h>

#include <optional>

#include "cli_context.hpp"
#include "filmgen/bible_builder.hpp"
#include "filmgen/story.hpp"

namespace filmgen::cli {

namespace {

struct PlanCommandOptions {
  std::string script;
  std::string cast;
  bool json = false;
};

// Cuts text to width display columns (UTF-8 aware), on one line.
std::string clip(const std::string& text, std::size_t width) {
  std::string out;
  std::size_t cols = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) {
      if (cols == width) {
        while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
        if (!out.empty()) out.pop_back();
        out += "…";
        return out;
      }
      ++cols;
    }
    out += c == '\n' || c == '\t' ? ' ' : static_cast<char>(c);
  }
  return out;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

void print_shot_list(const FilmPlan& plan) {
  const auto& st = plan.stats;
  fmt::print("{} ({})\n", plan.title.empty() ? plan.source_file : plan.title, plan.format);
  fmt::print("{} scenes, {} shots, {:.1f} s; {} dialogue blocks, {} speaking characters\n\n",
             st.scenes, st.shots, st.duration_s, st.dialogue_blocks, st.characters);
  for (const auto& sc : plan.scenes) {
    fmt::print("{}  {}  [{}{}{}, {:.1f} s]\n", sc.id, sc.heading.empty() ? "(opening)" : sc.heading,
               sc.location_id, sc.location_id.empty() ? "" : ", ", sc.time_of_day, sc.duration_s);
    for (const auto& s : sc.shots) {
      std::string what;
      if (!s.dialogue.empty() || !s.speaker.empty()) {
        what = s.speaker + (s.parenthetical.empty() ? "" : " " + s.parenthetical) + ": \"" +
               s.dialogue + "\"";
      } else {
        what = s.action;
      }
      const std::string who = s.characters.empty() ? "-" : join(s.characters, ", ");
      fmt::print("  {:<7} {:<8} {:<24} {:>5.1f}s  {}\n", s.id, to_string(s.size), clip(who, 24),
                 s.duration_s, clip(what, 70));
    }
  }
}

int run_plan(const PlanCommandOptions& o) {
  const Screenplay screenplay = story::load_script(o.script);
  FilmPlan plan = story::plan_film(screenplay);
  std::optional<std::filesystem::path> cast;
  if (!o.cast.empty()) cast = o.cast;
  bible::attach_bibles(plan, screenplay, cast);
  if (o.json) {
    fmt::print("{}\n", nlohmann::json(plan).dump(2));
  } else {
    print_shot_list(plan);
  }
  return 0;
}

}  // namespace

void set_plan_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("plan", "Parse a script and print its shot list (or JSON plan)");
  auto opts = std::make_shared<PlanCommandOptions>();
  cmd->add_option("script", opts->script, "The script: Fountain (.fountain) or plain prose")->required();
  cmd->add_flag("--json", opts->json, "Print the whole plan (scenes, shots, bibles, stats) as JSON");
  cmd->add_option("--cast", opts->cast, "Cast file (JSON) overriding any bible field");
  cmd->callback([&ctx, opts] { ctx.exit_code = run_plan(*opts); });
}

}  // namespace filmgen::cli
