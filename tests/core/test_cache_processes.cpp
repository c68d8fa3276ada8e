// The cache shared by several processes: concurrent writers and a writer killed mid-write.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "filmgen/cache.hpp"
#include "filmgen/pipeline.hpp"
#include "test_support.hpp"

using filmgen::Cache;
using filmgen::CacheKey;
using filmgen::test::TempDir;
using filmgen::test::read_file;
using filmgen::test::write_file;
using nlohmann::json;

namespace {
const std::string kKey = CacheKey{"segment", 1, json{{"shot", "S01.01"}}, {}, "", 1}.hex();

int wait_child(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Spins until the file exists; a barrier between processes.
void wait_for(const std::filesystem::path& p) {
  for (int i = 0; i < 2000 && !std::filesystem::exists(p); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
}
}  // namespace

TEST_CASE("two processes writing the same key at once leave one valid entry", "[core][cache][process]") {
  TempDir dir;
  const auto go = dir / "go";
  std::vector<pid_t> children;
  for (int writer = 0; writer < 2; ++writer) {
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int code = 0;
      try {
        Cache cache(dir.path() / "cache");
        auto pending = cache.begin(kKey);
        // Both write a large payload and meet at the barrier before committing.
        write_file(pending.dir() / "segment.bin", std::string(2 << 20, static_cast<char>('A' + writer)));
        wait_for(go);
        auto entry = cache.commit(std::move(pending), "segment", 1, json{{"writer", writer}});
        code = entry.key == kKey ? 0 : 3;
      } catch (...) {
        code = 2;
      }
      _exit(code);
    }
    children.push_back(pid);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  write_file(go, "");
  for (pid_t pid : children) CHECK(wait_child(pid) == 0);

  Cache cache(dir.path() / "cache");
  auto entries = cache.list();
  REQUIRE(entries.size() == 1);
  auto hit = cache.lookup(kKey);
  REQUIRE(hit);
  int writer = hit->output["writer"];
  CHECK(read_file(hit->dir / "segment.bin") == std::string(2 << 20, static_cast<char>('A' + writer)));
  CHECK(cache.verify(false).corrupt.empty());
  CHECK(std::filesystem::is_empty(dir.path() / "cache" / "tmp"));
}

TEST_CASE("a writer killed mid-write leaves no visible entry", "[core][cache][process]") {
  TempDir dir;
  const auto started = dir / "started";
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    Cache cache(dir.path() / "cache");
    auto pending = cache.begin(kKey);
    std::ofstream out(pending.dir() / "segment.bin", std::ios::binary);
    out << "partial";
    out.flush();
    write_file(started, "");
    for (;;) {  // keeps writing until killed
      out << std::string(4096, 'x');
      out.flush();
      usleep(1000);
    }
  }
  wait_for(started);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFSIGNALED(status));

  Cache cache(dir.path() / "cache");
  CHECK_FALSE(cache.lookup(kKey));
  CHECK(cache.list().empty());
  CHECK_FALSE(std::filesystem::is_empty(dir.path() / "cache" / "tmp"));  // the orphan is there...
  auto report = cache.gc(std::nullopt, std::nullopt);
  CHECK(report.stale_temporaries == 1);  // ...until gc clears it
  CHECK(std::filesystem::is_empty(dir.path() / "cache" / "tmp"));
}

TEST_CASE("two runners computing the same key compute it once", "[core][cache][process]") {
  TempDir dir;
  const auto log = dir / "computed.log";
  const auto go = dir / "go";
  std::vector<pid_t> children;
  for (int worker = 0; worker < 2; ++worker) {
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int code = 0;
      try {
        Cache cache(dir.path() / "cache");
        filmgen::Runner runner(cache);
        wait_for(go);
        auto out = runner.run<json>({"score", 1}, {.params = {{"scene", "S01"}}}, [&] {
          std::ofstream(log, std::ios::app) << "computed\n";
          std::this_thread::sleep_for(std::chrono::milliseconds(300));
          return json{{"cue", "S01"}};
        });
        code = out.value == json{{"cue", "S01"}} ? 0 : 3;
      } catch (...) {
        code = 2;
      }
      _exit(code);
    }
    children.push_back(pid);
  }
  write_file(go, "");
  for (pid_t pid : children) CHECK(wait_child(pid) == 0);
  CHECK(read_file(log) == "computed\n");
}
