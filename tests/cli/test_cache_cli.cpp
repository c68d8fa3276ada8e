// `filmgen cache ls|verify|gc` against a cache the test fills itself.
#include <catch2/catch.hpp>

#include <fstream>

#include "filmgen/cache.hpp"
#include "test_support.hpp"

using filmgen::test::TempDir;
using filmgen::test::run_filmgen;
using nlohmann::json;

namespace {
void fill(const std::filesystem::path& root, int entries, size_t bytes_each) {
  filmgen::Cache cache(root);
  for (int i = 0; i < entries; ++i) {
    auto key = filmgen::CacheKey{"segment", 1, json{{"shot", i}}, {}, "", 1}.hex();
    auto pending = cache.begin(key);
    filmgen::test::write_file(pending.dir() / "segment.h264", std::string(bytes_each, 'x'));
    cache.commit(std::move(pending), "segment", 1, json{{"shot", i}});
  }
}
}  // namespace

TEST_CASE("cache ls lists entries as a table and as JSON", "[cli][cache]") {
  TempDir dir;
  fill(dir.path(), 3, 1000);
  auto ls = run_filmgen("--cache-dir " + dir.path().string() + " cache ls");
  CHECK(ls.exit_code == 0);
  CHECK(ls.out.find("segment") != std::string::npos);
  CHECK(ls.out.find("3 entries") != std::string::npos);
  auto j = run_filmgen("--cache-dir " + dir.path().string() + " cache ls --json");
  CHECK(json::parse(j.out).size() == 3);
}

TEST_CASE("cache verify reports a corrupt entry and exits 1, then is clean", "[cli][cache]") {
  TempDir dir;
  fill(dir.path(), 2, 1000);
  auto entries = filmgen::Cache(dir.path()).list();
  {
    std::fstream f(entries[0].dir / "segment.h264", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(10);
    f.put('y');
  }
  auto bad = run_filmgen("--cache-dir " + dir.path().string() + " cache verify");
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("corrupt: " + entries[0].key) != std::string::npos);
  auto good = run_filmgen("--cache-dir " + dir.path().string() + " cache verify");
  CHECK(good.exit_code == 0);
  CHECK(good.out.find("1 entries checked, 0 corrupt") != std::string::npos);
}

TEST_CASE("cache gc --max-size keeps the bound, and bad sizes are bad input", "[cli][cache]") {
  TempDir dir;
  fill(dir.path(), 10, 100000);
  auto gc = run_filmgen("--cache-dir " + dir.path().string() + " cache gc --max-size 350K");
  CHECK(gc.exit_code == 0);
  CHECK(filmgen::Cache(dir.path()).total_size() <= 350 * 1024);
  CHECK(filmgen::Cache(dir.path()).list().size() == 3);
  auto bad = run_filmgen("--cache-dir " + dir.path().string() + " cache gc --max-size lots");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--max-size 'lots'") != std::string::npos);
  auto old = run_filmgen("--cache-dir " + dir.path().string() + " cache gc --older-than 0s");
  CHECK(old.exit_code == 0);
}
