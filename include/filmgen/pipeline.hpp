// The pipeline runner: the one place that talks to the cache.
//
// A stage is a function from typed inputs to a typed output that has to_json/from_json.
// The runner hashes what the output depends on into a key, returns the cached output on a
// hit, and otherwise runs the stage, stores its output and records the run in a manifest:
//
//   filmgen::Cache cache(filmgen::default_cache_dir());
//   filmgen::Runner runner(cache);
//   constexpr filmgen::StageInfo kPlan{"plan", 3};
//   auto plan = runner.run<FilmPlan>(kPlan, {.params = {{"script", text}}, .seed = seed},
//                                    [&] { return story::plan_film(parsed); });
//   // plan.value is the FilmPlan; plan.hash feeds downstream keys via StageInputs::upstream.
//
// A stage that writes files (a video segment, a PCM stem) takes the folder to write them
// in: [&](const std::filesystem::path& dir) { ...; return Output{.file = "segment.mp4"}; }
// and its consumers read them from StageOutput::dir.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "filmgen/cache.hpp"

namespace filmgen {

class Progress;

// A stage's identity. Bump version whenever its output for the same inputs changes.
struct StageInfo {
  const char* name;
  int version;
};

// What a stage output depends on, beyond the stage itself.
struct StageInputs {
  nlohmann::json params = nlohmann::json::object();  // the inputs that matter, as JSON
  std::vector<std::string> upstream;                 // StageOutput::hash of each input stage
  std::string model_fingerprint;                     // weights, bundle or tool versions
  uint64_t seed = 0;
  std::string item;  // human id (a shot id) for logs and the manifest; not part of the key
};

template <class T>
struct StageOutput {
  T value;
  std::string key;
  std::string hash;  // content hash of the stored output; use it as a downstream upstream
  std::filesystem::path dir;  // where the output's files are
  bool hit = false;
};

struct ManifestRecord {
  std::string stage;
  int version = 0;
  std::string item;
  std::string key;
  std::string hash;
  bool hit = false;
  bool forced = false;
  double seconds = 0;
};

void to_json(nlohmann::json& j, const ManifestRecord& r);
void from_json(const nlohmann::json& j, ManifestRecord& r);

// What one run did, stage by stage: saved beside the film as run_manifest.json.
class RunManifest {
 public:
  void add(ManifestRecord record) { records_.push_back(std::move(record)); }
  const std::vector<ManifestRecord>& records() const { return records_; }
  size_t hits(const std::string& stage = "") const;
  size_t misses(const std::string& stage = "") const;
  nlohmann::json to_json() const;
  void save(const std::filesystem::path& path) const;  // atomic

 private:
  std::vector<ManifestRecord> records_;
};

class Runner {
 public:
  // Holds the cache's shared lock for the runner's lifetime so gc never removes entries
  // that this run is using.
  Runner(Cache& cache, Progress* progress = nullptr);

  // Runs the stage even on a hit when the predicate says so (--force, --shot).
  using ForcePredicate = std::function<bool(const std::string& stage, const std::string& item)>;
  void set_force(ForcePredicate predicate) { force_ = std::move(predicate); }

  template <class T, class Fn>
  StageOutput<T> run(const StageInfo& stage, const StageInputs& inputs, Fn&& produce) {
    auto stored = run_json(stage, inputs, [&](const std::filesystem::path& dir) {
      if constexpr (std::is_invocable_v<Fn, const std::filesystem::path&>) {
        return nlohmann::json(produce(dir));
      } else {
        return nlohmann::json(produce());
      }
    });
    // Hit or miss, the value comes from the stored JSON, so both give the same result.
    return StageOutput<T>{stored.value.template get<T>(), stored.key, stored.hash, stored.dir,
                          stored.hit};
  }

  StageOutput<nlohmann::json> run_json(
      const StageInfo& stage, const StageInputs& inputs,
      const std::function<nlohmann::json(const std::filesystem::path&)>& produce);

  RunManifest& manifest() { return manifest_; }
  Cache& cache() { return cache_; }
  Progress* progress() { return progress_; }

 private:
  Cache& cache_;
  FileLock shared_lock_;
  Progress* progress_;
  ForcePredicate force_;
  RunManifest manifest_;
};

}  // namespace filmgen
