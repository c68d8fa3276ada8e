// Cache cost: storing and verified reading of payloads, as ratios to a plain file copy of the
// same bytes measured in the same run.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>

#include "filmgen/cache.hpp"
#include "filmgen/pipeline.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {
double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

void write_payload(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
}
}  // namespace

int main() {
  fs::path root = fs::temp_directory_path() / ("filmgen-bench-cache-" + std::to_string(::getpid()));
  fs::create_directories(root);
  std::mt19937_64 rng(1);
  fmt::print("{:<10} {:>8} {:>12} {:>12} {:>12} {:>10} {:>10}\n", "payload", "entries", "copy s",
             "commit s", "lookup s", "commit/cp", "lookup/cp");
  for (size_t size : {size_t{64} << 10, size_t{4} << 20, size_t{64} << 20}) {
    const int entries = size >= (size_t{64} << 20) ? 4 : 16;
    std::string bytes(size, '\0');
    for (auto& c : bytes) c = static_cast<char>(rng());
    fs::path src = root / "src.bin";
    write_payload(src, bytes);

    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < entries; ++i) {
      fs::copy_file(src, root / ("copy" + std::to_string(i)), fs::copy_options::overwrite_existing);
    }
    double copy_s = seconds_since(t0);

    filmgen::Cache cache(root / fmt::format("cache-{}", size));
    std::vector<std::string> keys;
    t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < entries; ++i) {
      keys.push_back(filmgen::CacheKey{"bench", 1, json{{"i", i}}, {}, "", size}.hex());
      auto pending = cache.begin(keys.back());
      fs::copy_file(src, pending.dir() / "payload.bin");
      cache.commit(std::move(pending), "bench", 1, json{{"file", "payload.bin"}});
    }
    double commit_s = seconds_since(t0);

    t0 = std::chrono::steady_clock::now();
    for (const auto& k : keys)
      if (!cache.lookup(k)) return 1;
    double lookup_s = seconds_since(t0);
    fmt::print("{:<10} {:>8} {:>12.4f} {:>12.4f} {:>12.4f} {:>10.2f} {:>10.2f}\n",
               filmgen::format_size(size), entries, copy_s, commit_s, lookup_s, commit_s / copy_s,
               lookup_s / copy_s);
  }

  // Runner overhead on a hit: key hashing, locking, verification and JSON decoding.
  filmgen::Cache cache(root / "runner");
  filmgen::Runner runner(cache);
  json plan = json::array();
  for (int i = 0; i < 400; ++i) plan.push_back({{"id", fmt::format("S{:02}.{:02}", i / 10, i % 10)}, {"dialogue", std::string(80, 'w')}});
  runner.run<json>({"plan", 1}, {.params = {{"script", "x"}}}, [&] { return plan; });
  const int hits = 200;
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < hits; ++i) runner.run<json>({"plan", 1}, {.params = {{"script", "x"}}}, [&] { return plan; });
  fmt::print("\nrunner hit on a 400-shot plan JSON: {:.3f} ms per stage\n", 1000 * seconds_since(t0) / hits);
  fs::remove_all(root);
  return 0;
}
