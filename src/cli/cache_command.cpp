// filmgen cache ls|verify|gc: look after the content-addressed cache.
#include <fmt/format.h>

#include <ctime>

#include "cli_context.hpp"
#include "filmgen/error.hpp"

namespace filmgen::cli {

namespace {

struct CacheOptions {
  bool json = false;
  bool keep_corrupt = false;
  std::string max_size;
  std::string older_than;
};

std::string format_time(int64_t unix_seconds) {
  std::time_t t = unix_seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

int run_ls(const CliContext& ctx, const CacheOptions& opts) {
  Cache cache(ctx.cache_root());
  auto entries = cache.list();
  uint64_t total = 0;
  if (opts.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : entries) {
      out.push_back({{"key", e.key}, {"stage", e.stage}, {"version", e.version}, {"size", e.size_bytes},
                     {"created", e.created_unix}, {"used", e.used_unix}, {"hash", e.content_hash}});
    }
    fmt::print("{}\n", out.dump(2));
    return 0;
  }
  fmt::print("{:<14} {:>3} {:<32} {:>10}  {}\n", "STAGE", "V", "KEY", "SIZE", "LAST USED (UTC)");
  for (const auto& e : entries) {
    total += e.size_bytes;
    fmt::print("{:<14} {:>3} {:<32} {:>10}  {}\n", e.stage, e.version, e.key, format_size(e.size_bytes),
               format_time(e.used_unix));
  }
  fmt::print("{} entries, {} in {}\n", entries.size(), format_size(total), cache.root().string());
  return 0;
}

int run_verify(const CliContext& ctx, const CacheOptions& opts) {
  Cache cache(ctx.cache_root());
  auto report = cache.verify(!opts.keep_corrupt);
  for (const auto& key : report.corrupt)
    fmt::print("corrupt: {}{}\n", key, opts.keep_corrupt ? "" : " (removed; it will be recomputed)");
  fmt::print("{} entries checked, {} corrupt\n", report.checked, report.corrupt.size());
  return report.corrupt.empty() ? 0 : static_cast<int>(ErrorCode::kInternal);
}

int run_gc(const CliContext& ctx, const CacheOptions& opts) {
  std::optional<uint64_t> max_bytes;
  std::optional<std::chrono::seconds> older_than;
  if (!opts.max_size.empty()) {
    max_bytes = parse_size(opts.max_size);
    if (!max_bytes)
      throw Error(ErrorCode::kBadInput, "cache", "--max-size '" + opts.max_size + "' is not a size; expected e.g. 500M or 20G");
  }
  if (!opts.older_than.empty()) {
    older_than = parse_duration(opts.older_than);
    if (!older_than)
      throw Error(ErrorCode::kBadInput, "cache", "--older-than '" + opts.older_than + "' is not a duration; expected e.g. 12h or 30d");
  }
  if (!max_bytes && !older_than) max_bytes = parse_size(ctx.load_config().at("/cache/max_size"));
  Cache cache(ctx.cache_root());
  auto report = cache.gc(max_bytes, older_than);
  fmt::print("removed {} entries ({}), kept {} ({}), cleared {} unfinished writes\n", report.removed,
             format_size(report.freed_bytes), report.kept, format_size(report.kept_bytes),
             report.stale_temporaries);
  return 0;
}

}  // namespace

void set_cache_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("cache", "List, verify and collect garbage in the cache");
  cmd->require_subcommand(1);
  auto opts = std::make_shared<CacheOptions>();

  auto* ls = cmd->add_subcommand("ls", "List cached stage outputs");
  ls->add_flag("--json", opts->json, "Print JSON");
  ls->callback([&ctx, opts] { ctx.exit_code = run_ls(ctx, *opts); });

  auto* verify = cmd->add_subcommand("verify", "Re-hash every entry; remove corrupt ones (exit 1 if any)");
  verify->add_flag("--keep", opts->keep_corrupt, "Report corrupt entries without removing them");
  verify->callback([&ctx, opts] { ctx.exit_code = run_verify(ctx, *opts); });

  auto* gc = cmd->add_subcommand("gc", "Remove old or least recently used entries");
  gc->add_option("--max-size", opts->max_size, "Keep at most this much (e.g. 5G); default: config cache.max_size");
  gc->add_option("--older-than", opts->older_than, "Remove entries unused for this long (e.g. 30d, 12h)");
  gc->callback([&ctx, opts] { ctx.exit_code = run_gc(ctx, *opts); });
}

}  // namespace filmgen::cli
