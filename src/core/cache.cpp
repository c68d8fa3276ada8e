#include "filmgen/cache.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "filmgen/error.hpp"
#include "filmgen/hash.hpp"
#include "filmgen/log.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace filmgen {

namespace {

constexpr int kEntryFormat = 1;
constexpr const char* kEntryFile = "entry.json";
constexpr const char* kOutputFile = "output.json";

[[noreturn]] void fail(const std::string& what) {
  throw Error(ErrorCode::kInternal, "cache", what + ": " + std::strerror(errno));
}

int64_t now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t mtime_unix(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 0;
  return st.st_mtim.tv_sec;
}

void fsync_path(const fs::path& p, bool directory) {
  int fd = ::open(p.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) fail("cannot open " + p.string() + " to sync");
  ::fsync(fd);
  ::close(fd);
}

void write_synced(const fs::path& p, const std::string& text) {
  {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) fail("cannot write " + p.string());
  }
  fsync_path(p, false);
}

std::optional<std::string> read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string unique_suffix() {
  static std::atomic<uint64_t> counter{0};
  static const uint64_t salt = std::random_device{}();
  return std::to_string(::getpid()) + "." + std::to_string(salt % 100000) + "." +
         std::to_string(counter++);
}

// Moves a folder out of sight, then deletes it, so no half-deleted entry is ever visible.
void remove_entry_dir(const fs::path& root, const fs::path& dir) {
  std::error_code ec;
  fs::path grave = root / "tmp" / ("dead." + dir.filename().string() + "." + unique_suffix());
  fs::rename(dir, grave, ec);
  fs::remove_all(ec ? dir : grave, ec);
}

std::string content_hash_of(const json& files, const std::string& output_hash) {
  Hasher h;
  h.field("filmgen-entry");
  h.field(output_hash);
  for (auto it = files.begin(); it != files.end(); ++it) {
    h.field(it.key());
    h.field(it.value().at("hash").get<std::string>());
  }
  return h.hex();
}

bool valid_key(const std::string& key) {
  return key.size() >= 8 && std::all_of(key.begin(), key.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '_';
         });
}

}  // namespace

std::string CacheKey::hex() const {
  Hasher h;
  h.field("filmgen-cache-key-v1");
  h.field(stage);
  h.field(std::to_string(version));
  h.field(canonical_json(inputs));
  h.field(std::to_string(upstream.size()));
  for (const auto& u : upstream) h.field(u);
  h.field(model_fingerprint);
  h.field(std::to_string(seed));
  return h.hex();
}

PendingEntry::PendingEntry(PendingEntry&& other) noexcept
    : key_(std::move(other.key_)), dir_(std::move(other.dir_)) {
  other.dir_.clear();
}

PendingEntry::~PendingEntry() {
  if (dir_.empty()) return;
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

FileLock::FileLock(const fs::path& path, Mode mode) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) fail("cannot open lock " + path.string());
  int op = mode == Mode::kShared ? LOCK_SH : LOCK_EX;
  while (::flock(fd_, op) != 0) {
    if (errno != EINTR) fail("cannot lock " + path.string());
  }
}

std::optional<FileLock> FileLock::try_lock(const fs::path& path, Mode mode) {
  FileLock lock;
  lock.fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock.fd_ < 0) fail("cannot open lock " + path.string());
  int op = (mode == Mode::kShared ? LOCK_SH : LOCK_EX) | LOCK_NB;
  if (::flock(lock.fd_, op) != 0) return std::nullopt;
  return lock;
}

FileLock::FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

Cache::Cache(fs::path root) : root_(std::move(root)) {
  std::error_code ec;
  for (const char* sub : {"objects", "tmp", "locks"}) {
    fs::create_directories(root_ / sub, ec);
    if (ec)
      throw Error(ErrorCode::kEnvironment, "cache",
                  "cannot create cache folder " + (root_ / sub).string() + ": " + ec.message() +
                      "; expected a writable --cache-dir or FILMGEN_CACHE_DIR");
  }
}

fs::path Cache::entry_dir(const std::string& key) const {
  return root_ / "objects" / key.substr(0, 2) / key;
}

FileLock Cache::lock_key(const std::string& key) {
  return FileLock(root_ / "locks" / (key + ".lock"), FileLock::Mode::kExclusive);
}

FileLock Cache::lock_shared() { return FileLock(root_ / "cache.lock", FileLock::Mode::kShared); }

std::optional<CacheEntry> Cache::read_entry(const fs::path& dir, bool verify_content) {
  auto reject = [&](const std::string& why) -> std::optional<CacheEntry> {
    log::debug("cache: entry {} is not valid ({}); treating it as a miss", dir.filename().string(),
               why);
    return std::nullopt;
  };
  auto text = read_text(dir / kEntryFile);
  if (!text) return reject("no entry.json");
  json doc = json::parse(*text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("meta") || !doc.contains("meta_hash"))
    return reject("unreadable entry.json");
  const json& meta = doc["meta"];
  if (!doc["meta_hash"].is_string() || hash_json(meta) != doc["meta_hash"].get<std::string>())
    return reject("entry.json does not match its hash");
  try {
    CacheEntry entry;
    entry.key = meta.at("key").get<std::string>();
    entry.stage = meta.at("stage").get<std::string>();
    entry.version = meta.at("version").get<int>();
    entry.created_unix = meta.at("created").get<int64_t>();
    entry.content_hash = meta.at("content_hash").get<std::string>();
    entry.dir = dir;
    entry.used_unix = mtime_unix(dir);
    if (entry.key != dir.filename().string()) return reject("key does not match its folder");
    const json& files = meta.at("files");
    for (auto it = files.begin(); it != files.end(); ++it)
      entry.size_bytes += it.value().at("size").get<uint64_t>();
    if (verify_content) {
      for (auto it = files.begin(); it != files.end(); ++it) {
        fs::path file = dir / it.key();
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) return reject("missing " + it.key());
        if (fs::file_size(file, ec) != it.value().at("size").get<uint64_t>())
          return reject(it.key() + " has the wrong size");
        if (hash_file(file) != it.value().at("hash").get<std::string>())
          return reject(it.key() + " does not match its hash");
      }
      auto output_text = read_text(dir / kOutputFile);
      if (!output_text || hash_bytes(*output_text) != meta.at("output_hash").get<std::string>())
        return reject("output.json does not match its hash");
      entry.output = json::parse(*output_text, nullptr, false);
      if (entry.output.is_discarded()) return reject("unreadable output.json");
      if (content_hash_of(files, meta.at("output_hash").get<std::string>()) != entry.content_hash)
        return reject("content hash mismatch");
    }
    return entry;
  } catch (const json::exception& e) {
    return reject(e.what());
  } catch (const Error& e) {
    return reject(e.what());
  }
}

std::optional<CacheEntry> Cache::lookup(const std::string& key) {
  if (!valid_key(key)) return std::nullopt;
  fs::path dir = entry_dir(key);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return std::nullopt;
  auto entry = read_entry(dir, true);
  if (!entry) {
    remove_entry_dir(root_, dir);
    return std::nullopt;
  }
  ::utimensat(AT_FDCWD, dir.c_str(), nullptr, 0);  // last use, for gc's LRU order
  entry->used_unix = now_unix();
  return entry;
}

void Cache::remove(const std::string& key) {
  if (!valid_key(key)) return;
  std::error_code ec;
  if (fs::is_directory(entry_dir(key), ec)) remove_entry_dir(root_, entry_dir(key));
}

PendingEntry Cache::begin(const std::string& key) {
  if (!valid_key(key))
    throw Error(ErrorCode::kInternal, "cache", "invalid cache key '" + key + "'");
  fs::path dir = root_ / "tmp" / (key + "." + unique_suffix());
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(ErrorCode::kEnvironment, "cache", "cannot create " + dir.string() + ": " + ec.message());
  return PendingEntry(key, dir);
}

CacheEntry Cache::commit(PendingEntry pending, const std::string& stage, int version,
                         const json& output) {
  const fs::path& tmp = pending.dir();
  std::string output_text = output.dump(1);
  write_synced(tmp / kOutputFile, output_text);

  json files = json::object();
  uint64_t size = 0;
  for (const auto& item : fs::recursive_directory_iterator(tmp)) {
    if (!item.is_regular_file()) continue;
    std::string rel = fs::relative(item.path(), tmp).generic_string();
    if (rel == kEntryFile) continue;
    uint64_t bytes = item.file_size();
    if (rel != kOutputFile) fsync_path(item.path(), false);
    files[rel] = {{"hash", hash_file(item.path())}, {"size", bytes}};
    size += bytes;
  }
  std::string output_hash = hash_bytes(output_text);
  json meta = {{"format", kEntryFormat},
               {"key", pending.key()},
               {"stage", stage},
               {"version", version},
               {"created", now_unix()},
               {"files", files},
               {"output_hash", output_hash},
               {"content_hash", content_hash_of(files, output_hash)}};
  json doc = {{"meta", meta}, {"meta_hash", hash_json(meta)}};
  write_synced(tmp / kEntryFile, doc.dump(1));
  fsync_path(tmp, true);

  fs::path final_dir = entry_dir(pending.key());
  fs::create_directories(final_dir.parent_path());
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (::rename(tmp.c_str(), final_dir.c_str()) == 0) {
      fsync_path(final_dir.parent_path(), true);
      pending.dir_.clear();  // now owned by the cache
      CacheEntry entry;
      entry.key = pending.key();
      entry.stage = stage;
      entry.version = version;
      entry.dir = final_dir;
      entry.output = output;
      entry.content_hash = meta["content_hash"];
      entry.size_bytes = size;
      entry.created_unix = entry.used_unix = meta["created"];
      return entry;
    }
    if (errno != EEXIST && errno != ENOTEMPTY) fail("cannot move entry into " + final_dir.string());
    // Another process committed this key first: keep theirs if it is valid.
    if (auto existing = lookup(pending.key())) return *existing;
  }
  fail("cannot commit entry " + pending.key());
}

std::vector<fs::path> Cache::entry_dirs() const {
  std::vector<fs::path> dirs;
  std::error_code ec;
  for (const auto& shard : fs::directory_iterator(root_ / "objects", ec)) {
    if (!shard.is_directory()) continue;
    for (const auto& dir : fs::directory_iterator(shard.path(), ec)) dirs.push_back(dir.path());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

std::vector<CacheEntry> Cache::list() {
  std::vector<CacheEntry> out;
  for (const auto& dir : entry_dirs())
    if (auto entry = read_entry(dir, false)) out.push_back(std::move(*entry));
  std::sort(out.begin(), out.end(), [](const CacheEntry& a, const CacheEntry& b) {
    return std::tie(a.stage, a.key) < std::tie(b.stage, b.key);
  });
  return out;
}

VerifyReport Cache::verify(bool remove_corrupt) {
  VerifyReport report;
  for (const auto& dir : entry_dirs()) {
    ++report.checked;
    if (read_entry(dir, true)) continue;
    report.corrupt.push_back(dir.filename().string());
    if (remove_corrupt) remove_entry_dir(root_, dir);
  }
  return report;
}

uint64_t Cache::total_size() {
  uint64_t total = 0;
  for (const auto& e : list()) total += e.size_bytes;
  return total;
}

GcReport Cache::gc(std::optional<uint64_t> max_bytes, std::optional<std::chrono::seconds> older_than) {
  auto exclusive = FileLock::try_lock(root_ / "cache.lock", FileLock::Mode::kExclusive);
  if (!exclusive) {
    log::info("cache: waiting for other filmgen processes using {} to finish", root_.string());
    exclusive.emplace(root_ / "cache.lock", FileLock::Mode::kExclusive);
  }
  GcReport report;
  std::error_code ec;
  // With the exclusive lock held no process is writing, so every temporary is an orphan.
  std::vector<fs::path> temporaries;
  for (const auto& item : fs::directory_iterator(root_ / "tmp", ec)) temporaries.push_back(item.path());
  for (const auto& t : temporaries) {
    fs::remove_all(t, ec);
    ++report.stale_temporaries;
  }

  auto entries = list();
  std::sort(entries.begin(), entries.end(), [](const CacheEntry& a, const CacheEntry& b) {
    return std::tie(a.used_unix, a.key) < std::tie(b.used_unix, b.key);
  });
  uint64_t total = 0;
  for (const auto& e : entries) total += e.size_bytes;
  const int64_t cutoff = older_than ? now_unix() - older_than->count() : INT64_MIN;
  for (const auto& e : entries) {
    bool too_old = e.used_unix < cutoff;
    bool over_budget = max_bytes && total > *max_bytes;
    if (too_old || over_budget) {
      remove_entry_dir(root_, e.dir);
      total -= e.size_bytes;
      ++report.removed;
      report.freed_bytes += e.size_bytes;
      std::error_code lock_ec;
      fs::remove(root_ / "locks" / (e.key + ".lock"), lock_ec);
    } else {
      ++report.kept;
      report.kept_bytes += e.size_bytes;
    }
  }
  return report;
}

fs::path default_cache_dir() {
  if (const char* dir = std::getenv("FILMGEN_CACHE_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "filmgen";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "filmgen";
  return fs::temp_directory_path() / "filmgen-cache";
}

namespace {
std::optional<std::pair<double, std::string>> split_number(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
  if (i == 0) return std::nullopt;
  try {
    double value = std::stod(text.substr(0, i));
    std::string unit = text.substr(i);
    for (auto& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return std::make_pair(value, unit);
  } catch (...) {
    return std::nullopt;
  }
}
}  // namespace

std::optional<uint64_t> parse_size(const std::string& text) {
  auto parts = split_number(text);
  if (!parts) return std::nullopt;
  static const std::map<std::string, double> units = {
      {"", 1.0},          {"b", 1.0},           {"k", 1024.0},        {"kb", 1024.0},
      {"kib", 1024.0},    {"m", 1048576.0},     {"mb", 1048576.0},    {"mib", 1048576.0},
      {"g", 1073741824.0}, {"gb", 1073741824.0}, {"gib", 1073741824.0}, {"t", 1099511627776.0},
      {"tb", 1099511627776.0}, {"tib", 1099511627776.0}};
  auto it = units.find(parts->second);
  if (it == units.end()) return std::nullopt;
  return static_cast<uint64_t>(parts->first * it->second);
}

std::optional<std::chrono::seconds> parse_duration(const std::string& text) {
  auto parts = split_number(text);
  if (!parts) return std::nullopt;
  static const std::map<std::string, double> units = {
      {"s", 1}, {"", 1}, {"m", 60}, {"min", 60}, {"h", 3600}, {"d", 86400}, {"w", 604800}};
  auto it = units.find(parts->second);
  if (it == units.end()) return std::nullopt;
  return std::chrono::seconds(static_cast<int64_t>(parts->first * it->second));
}

std::string format_size(uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  int u = 0;
  while (value >= 1024.0 && u < 4) {
    value /= 1024.0;
    ++u;
  }
  return u == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", value, units[u]);
}

}  // namespace filmgen
