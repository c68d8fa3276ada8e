#include <catch2/catch.hpp>

#include <fstream>

#include "filmgen/cache.hpp"
#include "filmgen/hash.hpp"
#include "test_support.hpp"

using filmgen::Cache;
using filmgen::CacheKey;
using filmgen::test::TempDir;
using filmgen::test::read_file;
using filmgen::test::write_file;
using nlohmann::json;

namespace {
CacheKey base_key() {
  return CacheKey{"plan", 3, json{{"script", "INT. ROOM - DAY"}, {"wpm", 150}}, {"aaaa", "bbbb"}, "none", 7};
}

filmgen::CacheEntry store(Cache& cache, const std::string& key, const json& output,
                          const std::string& blob = "") {
  auto pending = cache.begin(key);
  if (!blob.empty()) write_file(pending.dir() / "blob.bin", blob);
  return cache.commit(std::move(pending), "plan", 3, output);
}

// Flips one byte of a file in place.
void flip_byte(const std::filesystem::path& file, size_t offset) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  f.get(c);
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(static_cast<char>(c ^ 0x20));
}
}  // namespace

TEST_CASE("a key changes when any input changes and not otherwise", "[core][cache]") {
  const std::string k = base_key().hex();
  CHECK(k.size() == 32);
  CHECK(base_key().hex() == k);

  auto reordered = base_key();
  reordered.inputs = json::parse(R"({"wpm":150,"script":"INT. ROOM - DAY"})");
  CHECK(reordered.hex() == k);

  auto changed = base_key();
  changed.stage = "bibles";
  CHECK(changed.hex() != k);
  changed = base_key();
  changed.version = 4;
  CHECK(changed.hex() != k);
  changed = base_key();
  changed.inputs["wpm"] = 151;
  CHECK(changed.hex() != k);
  changed = base_key();
  changed.inputs["script"] = "INT. ROOM - NIGHT";
  CHECK(changed.hex() != k);
  changed = base_key();
  changed.upstream = {"aaaa", "bbbc"};
  CHECK(changed.hex() != k);
  changed = base_key();
  changed.upstream = {"bbbb", "aaaa"};
  CHECK(changed.hex() != k);
  changed = base_key();
  changed.model_fingerprint = "other";
  CHECK(changed.hex() != k);
  changed = base_key();
  changed.seed = 8;
  CHECK(changed.hex() != k);
}

TEST_CASE("miss, store, then hit with the same output and files", "[core][cache]") {
  TempDir dir;
  Cache cache(dir.path());
  const std::string key = base_key().hex();
  CHECK_FALSE(cache.lookup(key));
  auto stored = store(cache, key, json{{"shots", 12}}, "frames");
  auto hit = cache.lookup(key);
  REQUIRE(hit);
  CHECK(hit->output == json{{"shots", 12}});
  CHECK(hit->content_hash == stored.content_hash);
  CHECK(read_file(hit->dir / "blob.bin") == "frames");
  CHECK(hit->stage == "plan");
  CHECK(hit->version == 3);
  CHECK(cache.list().size() == 1);
}

TEST_CASE("the content hash differs when the output or a file differs", "[core][cache]") {
  TempDir d1, d2, d3;
  Cache c1(d1.path()), c2(d2.path()), c3(d3.path());
  const std::string key = base_key().hex();
  auto a = store(c1, key, json{{"x", 1}}, "blob");
  auto b = store(c2, key, json{{"x", 2}}, "blob");
  auto c = store(c3, key, json{{"x", 1}}, "blOb");
  CHECK(a.content_hash != b.content_hash);
  CHECK(a.content_hash != c.content_hash);
}

TEST_CASE("an uncommitted entry leaves nothing behind", "[core][cache]") {
  TempDir dir;
  Cache cache(dir.path());
  const std::string key = base_key().hex();
  {
    auto pending = cache.begin(key);
    write_file(pending.dir() / "half.bin", "partial");
  }
  CHECK_FALSE(cache.lookup(key));
  CHECK(std::filesystem::is_empty(dir.path() / "tmp"));
}

TEST_CASE("a flipped byte in a stored object is detected and treated as a miss", "[core][cache]") {
  TempDir dir;
  Cache cache(dir.path());
  const std::string key = base_key().hex();
  std::string file;
  size_t offset = 0;
  SECTION("in a payload file") {
    file = "blob.bin";
    offset = 100;
  }
  SECTION("in the output") {
    file = "output.json";
    offset = 5;
  }
  SECTION("in the metadata") {
    file = "entry.json";
    offset = 40;
  }
  auto stored = store(cache, key, json{{"shots", 12}, {"title", "Night Shift"}}, std::string(4096, 'f'));
  flip_byte(stored.dir / file, offset);
  CHECK_FALSE(cache.lookup(key));
  // Gone, so it will be recomputed, and a fresh store hits again.
  CHECK_FALSE(std::filesystem::exists(stored.dir));
  store(cache, key, json{{"shots", 12}, {"title", "Night Shift"}}, std::string(4096, 'f'));
  CHECK(cache.lookup(key));
}

TEST_CASE("a truncated or deleted payload file is a miss", "[core][cache]") {
  TempDir dir;
  Cache cache(dir.path());
  const std::string key = base_key().hex();
  auto stored = store(cache, key, json{{"a", 1}}, "payload");
  std::filesystem::resize_file(stored.dir / "blob.bin", 3);
  CHECK_FALSE(cache.lookup(key));
  stored = store(cache, key, json{{"a", 1}}, "payload");
  std::filesystem::remove(stored.dir / "blob.bin");
  CHECK_FALSE(cache.lookup(key));
}

TEST_CASE("verify finds and removes corrupt entries", "[core][cache]") {
  TempDir dir;
  Cache cache(dir.path());
  auto k1 = base_key();
  auto k2 = base_key();
  k2.seed = 99;
  store(cache, k1.hex(), json{{"a", 1}}, "one");
  auto bad = store(cache, k2.hex(), json{{"a", 2}}, "two");
  flip_byte(bad.dir / "blob.bin", 1);
  auto kept = cache.verify(/*remove_corrupt=*/false);
  CHECK(kept.checked == 2);
  REQUIRE(kept.corrupt.size() == 1);
  CHECK(kept.corrupt[0] == k2.hex());
  auto removed = cache.verify(true);
  CHECK(removed.corrupt.size() == 1);
  CHECK(cache.verify(false).corrupt.empty());
  CHECK(cache.list().size() == 1);
}

TEST_CASE("gc keeps the size bound, evicting the least recently used", "[core][cache]") {
  TempDir dir;
  Cache cache(dir.path());
  std::vector<std::string> keys;
  for (int i = 0; i < 6; ++i) {
    auto k = base_key();
    k.seed = static_cast<uint64_t>(i);
    keys.push_back(k.hex());
    auto e = store(cache, keys.back(), json{{"i", i}}, std::string(10000, static_cast<char>('a' + i)));
    // Make the use order explicit: entry i was last used i minutes ago... reversed.
    auto when = std::filesystem::file_time_type::clock::now() - std::chrono::minutes(60 - i);
    std::filesystem::last_write_time(e.dir, when);
  }
  const uint64_t before = cache.total_size();
  CHECK(before > 60000);
  auto report = cache.gc(uint64_t{35000}, std::nullopt);
  CHECK(cache.total_size() <= 35000);
  CHECK(report.removed == 3);
  CHECK(report.kept == 3);
  // The oldest-used went first.
  CHECK_FALSE(cache.lookup(keys[0]));
  CHECK_FALSE(cache.lookup(keys[2]));
  CHECK(cache.lookup(keys[3]));
  CHECK(cache.lookup(keys[5]));
}

TEST_CASE("gc --older-than removes entries unused for that long", "[core][cache]") {
  TempDir dir;
  Cache cache(dir.path());
  auto old_key = base_key();
  auto new_key = base_key();
  new_key.seed = 1234;
  auto old_entry = store(cache, old_key.hex(), json{{"old", true}}, "x");
  store(cache, new_key.hex(), json{{"old", false}}, "y");
  std::filesystem::last_write_time(old_entry.dir,
                                   std::filesystem::file_time_type::clock::now() - std::chrono::hours(48));
  auto report = cache.gc(std::nullopt, std::chrono::hours(24));
  CHECK(report.removed == 1);
  CHECK_FALSE(cache.lookup(old_key.hex()));
  CHECK(cache.lookup(new_key.hex()));
}

TEST_CASE("sizes and durations parse as documented", "[core][cache]") {
  CHECK(filmgen::parse_size("1024") == 1024u);
  CHECK(filmgen::parse_size("500M") == 500u * 1024 * 1024);
  CHECK(filmgen::parse_size("2G") == 2ull * 1024 * 1024 * 1024);
  CHECK(filmgen::parse_size("1.5k") == 1536u);
  CHECK_FALSE(filmgen::parse_size("lots"));
  CHECK_FALSE(filmgen::parse_size("5X"));
  CHECK(filmgen::parse_duration("30d") == std::chrono::seconds(30 * 86400));
  CHECK(filmgen::parse_duration("12h") == std::chrono::seconds(12 * 3600));
  CHECK(filmgen::parse_duration("90s") == std::chrono::seconds(90));
  CHECK_FALSE(filmgen::parse_duration("soon"));
}
