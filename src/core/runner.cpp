#include "filmgen/error.hpp"
#include "filmgen/fs_util.hpp"
#include "filmgen/interrupt.hpp"
#include "filmgen/log.hpp"
#include "filmgen/pipeline.hpp"

namespace filmgen {

void to_json(nlohmann::json& j, const ManifestRecord& r) {
  j = {{"stage", r.stage}, {"version", r.version}, {"item", r.item},     {"key", r.key},
       {"hash", r.hash},   {"hit", r.hit},         {"forced", r.forced}, {"seconds", r.seconds}};
}

void from_json(const nlohmann::json& j, ManifestRecord& r) {
  j.at("stage").get_to(r.stage);
  j.at("version").get_to(r.version);
  j.at("item").get_to(r.item);
  j.at("key").get_to(r.key);
  j.at("hash").get_to(r.hash);
  j.at("hit").get_to(r.hit);
  r.forced = j.value("forced", false);
  j.at("seconds").get_to(r.seconds);
}

size_t RunManifest::hits(const std::string& stage) const {
  size_t n = 0;
  for (const auto& r : records_) n += r.hit && (stage.empty() || r.stage == stage);
  return n;
}

size_t RunManifest::misses(const std::string& stage) const {
  size_t n = 0;
  for (const auto& r : records_) n += !r.hit && (stage.empty() || r.stage == stage);
  return n;
}

nlohmann::json RunManifest::to_json() const {
  nlohmann::json records = nlohmann::json::array();
  for (const auto& r : records_) records.push_back(r);
  return {{"schema", "filmgen.run_manifest"},
          {"version", 1},
          {"hits", hits()},
          {"misses", misses()},
          {"records", records}};
}

void RunManifest::save(const std::filesystem::path& path) const {
  write_file_atomic(path, to_json().dump(2) + "\n");
}

Runner::Runner(Cache& cache, Progress* progress)
    : cache_(cache), shared_lock_(cache.lock_shared()), progress_(progress) {}

StageOutput<nlohmann::json> Runner::run_json(
    const StageInfo& stage, const StageInputs& inputs,
    const std::function<nlohmann::json(const std::filesystem::path&)>& produce) {
  throw_if_interrupted(stage.name);
  CacheKey key_parts{stage.name, stage.version, inputs.params, inputs.upstream,
                     inputs.model_fingerprint, inputs.seed};
  const std::string key = key_parts.hex();
  const bool forced = force_ && force_(stage.name, inputs.item);

  auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  FileLock key_lock = cache_.lock_key(key);
  if (!forced) {
    if (auto entry = cache_.lookup(key)) {
      log::debug("{} {}: cache hit {}", stage.name, inputs.item, key);
      manifest_.add({stage.name, stage.version, inputs.item, key, entry->content_hash, true, false, elapsed()});
      return {std::move(entry->output), key, entry->content_hash, entry->dir, true};
    }
  }
  log::debug("{} {}: {} {}", stage.name, inputs.item, forced ? "forced" : "cache miss", key);
  PendingEntry pending = cache_.begin(key);
  nlohmann::json output = produce(pending.dir());
  if (forced) cache_.remove(key);
  CacheEntry entry = cache_.commit(std::move(pending), stage.name, stage.version, output);
  manifest_.add({stage.name, stage.version, inputs.item, key, entry.content_hash, false, forced, elapsed()});
  return {std::move(entry.output), key, entry.content_hash, entry.dir, false};
}

}  // namespace filmgen
