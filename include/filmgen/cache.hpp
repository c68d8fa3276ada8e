// The content-addressed cache of stage outputs. Only the pipeline runner and `filmgen cache`
// use it; stages never know it exists.
//
// Layout under the root:
//   objects/<k[0:2]>/<key>/   one entry: entry.json (metadata + hashes) and the payload files
//   tmp/<key>.<pid>.<n>/      entries being written; renamed into objects/ when complete
//   locks/<key>.lock          per-key flock: one process computes a key, the others wait
//   cache.lock                shared by every user, exclusive for gc
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace filmgen {

// Everything that determines a stage output. hex() is the cache key.
struct CacheKey {
  std::string stage;
  int version = 1;
  nlohmann::json inputs = nlohmann::json::object();  // canonicalised before hashing
  std::vector<std::string> upstream;                 // output hashes of upstream entries
  std::string model_fingerprint;
  uint64_t seed = 0;

  std::string hex() const;
};

struct CacheEntry {
  std::string key;
  std::string stage;
  int version = 0;
  std::filesystem::path dir;  // payload files live here
  nlohmann::json output;      // the stage output, as stored
  std::string content_hash;   // hash of output and every payload file
  uint64_t size_bytes = 0;
  int64_t created_unix = 0;
  int64_t used_unix = 0;
};

// An entry being written. Write payload files into dir(), then Cache::commit().
// Dropped without commit, its temporary folder is removed.
class PendingEntry {
 public:
  PendingEntry(PendingEntry&& other) noexcept;
  PendingEntry& operator=(PendingEntry&&) = delete;
  ~PendingEntry();
  const std::filesystem::path& dir() const { return dir_; }
  const std::string& key() const { return key_; }

 private:
  friend class Cache;
  PendingEntry(std::string key, std::filesystem::path dir) : key_(std::move(key)), dir_(std::move(dir)) {}
  std::string key_;
  std::filesystem::path dir_;
};

// An exclusive or shared flock on a file, released on destruction.
class FileLock {
 public:
  enum class Mode { kShared, kExclusive };
  FileLock(const std::filesystem::path& path, Mode mode);
  // Returns nullopt instead of waiting when another process holds the lock.
  static std::optional<FileLock> try_lock(const std::filesystem::path& path, Mode mode);
  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&&) = delete;
  ~FileLock();

 private:
  FileLock() = default;
  int fd_ = -1;
};

struct VerifyReport {
  size_t checked = 0;
  std::vector<std::string> corrupt;  // keys whose content did not match their hashes
};

struct GcReport {
  size_t removed = 0;
  uint64_t freed_bytes = 0;
  size_t kept = 0;
  uint64_t kept_bytes = 0;
  size_t stale_temporaries = 0;
};

class Cache {
 public:
  explicit Cache(std::filesystem::path root);

  const std::filesystem::path& root() const { return root_; }

  // A verified entry, or nullopt. A corrupt entry is logged at debug level, removed and missed.
  std::optional<CacheEntry> lookup(const std::string& key);

  PendingEntry begin(const std::string& key);
  // Removes an entry (a forced re-run replaces it).
  void remove(const std::string& key);
  // Hashes and fsyncs the payload, writes entry.json and renames the folder into place. If
  // another process committed the same key first, theirs is kept and returned.
  CacheEntry commit(PendingEntry pending, const std::string& stage, int version,
                    const nlohmann::json& output);

  // Held while computing a key so concurrent processes compute it once.
  FileLock lock_key(const std::string& key);
  // Held by a process for as long as it uses entries; gc takes it exclusively.
  FileLock lock_shared();

  std::vector<CacheEntry> list();  // metadata only, not verified
  VerifyReport verify(bool remove_corrupt);
  // Removes entries unused for longer than older_than, then least recently used entries
  // until the total is at most max_bytes; also removes orphaned temporaries.
  GcReport gc(std::optional<uint64_t> max_bytes, std::optional<std::chrono::seconds> older_than);
  uint64_t total_size();

 private:
  std::filesystem::path entry_dir(const std::string& key) const;
  std::vector<std::filesystem::path> entry_dirs() const;  // every entry folder, sorted
  std::optional<CacheEntry> read_entry(const std::filesystem::path& dir, bool verify_content);
  std::filesystem::path root_;
};

// The cache folder: $FILMGEN_CACHE_DIR, else $XDG_CACHE_HOME/filmgen, else ~/.cache/filmgen.
std::filesystem::path default_cache_dir();

// "500M", "2G", "1048576" -> bytes; "30d", "12h", "45m", "90s" -> seconds. nullopt if malformed.
std::optional<uint64_t> parse_size(const std::string& text);
std::optional<std::chrono::seconds> parse_duration(const std::string& text);
std::string format_size(uint64_t bytes);

}  // namespace filmgen
