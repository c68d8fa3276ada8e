#include <catch2/catch.hpp>

#include "filmgen/error.hpp"
#include "filmgen/fs_util.hpp"
#include "test_support.hpp"

using filmgen::test::TempDir;
using filmgen::test::read_file;

TEST_CASE("atomic writes leave only the final file", "[core][fs]") {
  TempDir dir;
  filmgen::write_file_atomic(dir / "film.json", "{}");
  filmgen::write_file_atomic(dir / "film.json", "{\"v\":2}");
  CHECK(read_file(dir / "film.json") == "{\"v\":2}");
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) files += e.is_regular_file();
  CHECK(files == 1);
}

TEST_CASE("an uncommitted AtomicOutput never appears under the final name", "[core][fs]") {
  TempDir dir;
  {
    filmgen::AtomicOutput out(dir / "film.mp4");
    filmgen::test::write_file(out.temp_path(), "half");
    CHECK_FALSE(std::filesystem::exists(dir / "film.mp4"));
  }
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("reading a missing input names the file", "[core][fs]") {
  try {
    filmgen::read_input_file("/nonexistent/script.fountain", "story");
    FAIL();
  } catch (const filmgen::Error& e) {
    CHECK(e.exit_code() == 2);
    CHECK(std::string(e.what()) == "/nonexistent/script.fountain: no such file");
  }
}
