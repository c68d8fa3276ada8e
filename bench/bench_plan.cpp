// Planning time of a synthetic 120-page screenplay (original text, varied per scene):
// parse, plan, bibles, the whole `filmgen plan` path, and JSON. Prints a table of medians.
//   cmake --build build --target bench_plan && build/bench/bench_plan
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "filmgen/bible_builder.hpp"
#include "filmgen/story.hpp"

namespace {

std::string synthetic_screenplay(int pages) {
  static const char* kNames[] = {"MARA", "TOM", "RUTH", "OMAR", "LEO", "NINA", "HUGO", "VERA", "FELIX", "IRIS"};
  static const char* kPlaces[] = {"HARBOUR ROAD", "NIGHT BUS", "LIGHTHOUSE PIER", "LAMP ROOM", "FISH MARKET",
                                  "POLICE STATION", "CLIFF PATH", "RUTH'S KITCHEN", "FERRY DECK", "OLD CHAPEL"};
  static const char* kTimes[] = {"DAY", "NIGHT", "DAWN", "DUSK", "CONTINUOUS"};
  static const char* kLines[] = {
      "We never should have come back here.",
      "(quietly)\nI kept the lamp lit. Every night. For forty years.",
      "Where were you when the storm came in?",
      "Get OUT of my way! The boat is sinking!",
      "It's only rain. It always stops.",
      "(beat)\nYou knew. You knew and you said nothing.",
      "Same time tomorrow?",
      "The ferry leaves at six -- if the fog lifts."};
  static const char* kAction[] = {
      "Rain hammers the windows. Somewhere below, a bell rings in the fog.",
      "%s crosses the room, picks up a faded photograph and stares at it for a long moment.",
      "A car pulls up outside, headlights sweeping across the wet street. Doors slam.",
      "%s and %s sit at the table in silence. The kettle begins to whistle.",
      "Smoke drifts from the chimney. A crowd gathers at the end of the pier.",
      "%s punches the wall, then laughs despite everything."};
  std::string s = "Title: Synthetic Benchmark\nAuthor: bench_plan\n\n";
  int lines = 3;
  for (int scene = 0; lines < pages * 55; ++scene) {
    const char* a = kNames[scene % 10];
    const char* b = kNames[(scene * 3 + 1) % 10];
    char buf[512];
    std::snprintf(buf, sizeof buf, "%s. %s - %s #%d#\n\n", scene % 3 ? "INT" : "EXT", kPlaces[(scene * 7) % 10],
                  kTimes[scene % 5], scene + 1);
    s += buf;
    lines += 2;
    for (int beat = 0; beat < 8; ++beat) {
      if (beat % 3 == 0) {
        std::snprintf(buf, sizeof buf, kAction[(scene + beat) % 6], a, b);
        s += std::string(buf) + "\n\n";
        lines += 2;
      }
      const char* who = beat % 2 ? b : a;
      s += std::string(who) + (beat == 5 ? " (O.S.)" : "") + (beat == 7 && scene % 4 == 0 ? " ^" : "") + "\n" +
           kLines[(scene + beat) % 8] + "\n\n";
      lines += 3 + (kLines[(scene + beat) % 8][0] == '(');
    }
    s += scene % 4 == 3 ? "SMASH CUT TO:\n\n" : "CUT TO:\n\n";
    lines += 2;
  }
  return s;
}

double median_ms(const std::function<void()>& f, int runs) {
  f();  // warm up
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

int main() {
  const std::string text = synthetic_screenplay(120);
  const auto sp = filmgen::story::parse_fountain(text, "bench.fountain");
  filmgen::FilmPlan plan = filmgen::story::plan_film(sp);
  filmgen::FilmPlan full = plan;
  filmgen::bible::attach_bibles(full, sp);
  const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  std::printf("synthetic screenplay: %d lines (~%d pages at 55 lines), %zu KiB, %d scenes, %d shots, %d characters\n\n",
              lines, lines / 55, text.size() / 1024, full.stats.scenes, full.stats.shots, full.stats.characters);
  const int runs = 9;
  struct Row {
    const char* what;
    std::function<void()> f;
  };
  const std::vector<Row> rows = {
      {"parse_fountain", [&] { (void)filmgen::story::parse_fountain(text, "bench.fountain"); }},
      {"plan_film", [&] { (void)filmgen::story::plan_film(sp); }},
      {"build_bibles", [&] { (void)filmgen::bible::build_bibles(sp, plan); }},
      {"plan + bibles (filmgen plan)", [&] {
         auto s = filmgen::story::parse_fountain(text, "bench.fountain");
         auto p = filmgen::story::plan_film(s);
         filmgen::bible::attach_bibles(p, s);
       }},
      {"plan JSON dump", [&] { (void)nlohmann::json(full).dump(); }},
  };
  std::printf("| step                         | median ms (%d runs) |\n|------------------------------|------------------:|\n", runs);
  for (const auto& r : rows) std::printf("| %-28s | %17.2f |\n", r.what, median_ms(r.f, runs));
  return 0;
}
