// filmgen's entry point: the only catch-all, and the only place that picks exit codes.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "cli_context.hpp"
#include "filmgen/error.hpp"
#include "filmgen/interrupt.hpp"
#include "filmgen/log.hpp"
#include "filmgen/version.hpp"

namespace {

void apply_verbosity(const filmgen::cli::CliContext& ctx) {
  using filmgen::log::Level;
  if (ctx.quiet) {
    filmgen::log::set_level(Level::kError);
  } else if (ctx.verbosity > 0) {
    filmgen::log::set_level(Level::kDebug);
  }
}

// The first word that is neither an option nor an option's value, "" if none.
std::string first_command_word(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--cache-dir" || arg == "--config") {
      ++i;
    } else if (arg.empty() || arg[0] != '-') {
      return arg;
    }
  }
  return "";
}

std::string command_names(const CLI::App& app) {
  std::string names;
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    names += (names.empty() ? "" : ", ") + sub->get_name();
  return names;
}

}  // namespace

int main(int argc, char** argv) {
  filmgen::cli::CliContext ctx;
  CLI::App app{"filmgen: turns a screenplay into a finished film", "filmgen"};
  app.set_version_flag("--version", std::string("filmgen ") + filmgen::kVersion);
  app.add_flag("-v,--verbose", ctx.verbosity, "More detail in the log (debug level)");
  app.add_flag("-q,--quiet", ctx.quiet, "Only errors; no progress line");
  app.add_option("--cache-dir", ctx.cache_dir,
                 "Cache folder (default: $FILMGEN_CACHE_DIR, else $XDG_CACHE_HOME/filmgen)");
  app.add_option("--config", ctx.config_file, "JSON config merged over configs/defaults.json")
      ->check(CLI::ExistingFile);
  app.require_subcommand(1);
  app.fallthrough();
  app.footer(
      "Exit codes: 0 done, 1 internal error, 2 bad input, 3 environment (missing dependency),\n"
      "4 rendered but shots flagged for review, 130 interrupted (run again to resume).");
  app.parse_complete_callback([&] { apply_verbosity(ctx); });

  filmgen::cli::set_render_command(app, ctx);
  filmgen::cli::set_plan_command(app, ctx);
  filmgen::cli::set_doctor_command(app, ctx);
  filmgen::cli::set_storyboard_command(app, ctx);
  filmgen::cli::set_cache_command(app, ctx);

  filmgen::install_interrupt_handlers();
  try {
    app.parse(argc, argv);
    return ctx.exit_code;
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const std::string word = first_command_word(argc, argv);
    if (app.get_subcommands().empty() && !word.empty()) {
      std::fprintf(stderr, "filmgen: unknown command '%s'; expected one of: %s\n", word.c_str(),
                   command_names(app).c_str());
    } else if (app.get_subcommands().empty()) {
      std::fprintf(stderr, "filmgen: a command is required; expected one of: %s\n",
                   command_names(app).c_str());
    } else {
      std::fprintf(stderr, "filmgen: %s\n", e.what());
    }
    std::fprintf(stderr, "Run 'filmgen --help' for usage.\n");
    return static_cast<int>(filmgen::ErrorCode::kBadInput);
  } catch (const filmgen::Error& e) {
    std::fprintf(stderr, "filmgen: %s%s%s\n", e.stage().empty() ? "" : e.stage().c_str(),
                 e.stage().empty() ? "" : ": ", e.what());
    return e.exit_code();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "filmgen: internal error: %s\n", e.what());
    return static_cast<int>(filmgen::ErrorCode::kInternal);
  } catch (...) {
    std::fprintf(stderr, "filmgen: internal error\n");
    return static_cast<int>(filmgen::ErrorCode::kInternal);
  }
}
