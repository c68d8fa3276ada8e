#include <catch2/catch.hpp>

#include <cstdio>

#include "filmgen/progress.hpp"

using filmgen::format_progress;

TEST_CASE("progress lines show stage, item, percentage and ETA", "[core][progress]") {
  CHECK(format_progress("render", "S03.02", 9, 20, 18.0) == "[render] S03.02   45% (9/20)  ETA 0:22");
  CHECK(format_progress("render", "", 0, 20, 0.0) == "[render]    0% (0/20)");
  CHECK(format_progress("plan", "", 0, 0, 0.0) == "[plan]");
  CHECK(format_progress("mix", "S01", 20, 20, 40.0) == "[mix] S01  100% (20/20)");
  CHECK(format_progress("encode", "S09.09", 1, 100, 90.0) == "[encode] S09.09    1% (1/100)  ETA 148:30");
}

TEST_CASE("a terminal progress redraws one line, quiet prints nothing", "[core][progress]") {
  char buf[512] = {};
  std::FILE* f = fmemopen(buf, sizeof buf, "w");
  {
    filmgen::Progress p(filmgen::Progress::Mode::kTerminal, f);
    p.begin_stage("render", 2);
    p.item_done("S01.01", false);
    p.item_done("S01.02", true);
    p.end_stage();
  }
  std::fclose(f);
  std::string out = buf;
  CHECK(out.find("\r\033[K[render] S01.02  100% (2/2)") != std::string::npos);
  CHECK(out.back() == '\n');

  char quiet_buf[64] = {};
  std::FILE* q = fmemopen(quiet_buf, sizeof quiet_buf, "w");
  {
    filmgen::Progress p(filmgen::Progress::Mode::kQuiet, q);
    p.begin_stage("render", 2);
    p.item_done("S01.01", false);
    p.end_stage();
  }
  std::fclose(q);
  CHECK(std::string(quiet_buf).empty());
}
