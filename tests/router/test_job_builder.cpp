#include <catch2/catch.hpp>

#include "filmgen/bible_builder.hpp"
#include "filmgen/story.hpp"
#include "job_builder.hpp"
#include "plan_fixture.hpp"

using namespace filmgen;
using filmgen::test::plan_text;

namespace {
const char* kScript = R"(Title: Jobs

INT. GARAGE - NIGHT

MARTA (50s), grey ponytail, oil-stained overalls, works on an engine.

MARTA
Hand me the wrench.

LEV (20s) tosses it.

LEV
Catch.

DISSOLVE TO:

EXT. ROAD - DAWN

The car roars down the empty road.
)";

int total_frames(const std::vector<router::CutPiece>& cut) {
  int n = 0;
  for (const auto& p : cut) n += p.kind == router::CutPiece::Kind::kShot ? p.job.frame_count : p.job.frame_count;
  return n;
}
}  // namespace

TEST_CASE("every shot becomes a job with its bibles, prompt and frame count", "[router]") {
  auto plan = plan_text(kScript);
  router::JobOptions o;
  auto cut = router::build_cut(plan, o);
  REQUIRE(cut.front().job.shot.kind == ShotKind::kTitleCard);
  CHECK(cut.front().job.film_title == "Jobs");
  size_t shots = 0;
  for (const auto& scene : plan.scenes) shots += scene.shots.size();
  size_t shot_pieces = 0;
  for (const auto& p : cut) shot_pieces += p.kind == router::CutPiece::Kind::kShot;
  CHECK(shot_pieces == shots + 1);
  for (const auto& p : cut) {
    if (p.job.shot.speaker == "MARTA") {
      CHECK(p.job.prompt.find("grey ponytail") != std::string::npos);
      CHECK(p.job.prompt.find("GARAGE") != std::string::npos);
      CHECK(p.job.film_title.empty());
    }
    CHECK(p.job.width == 1280);
    CHECK_FALSE(p.job.negative_prompt.empty());
  }
}

TEST_CASE("a dissolve is a piece of its own and keeps the film's length", "[router]") {
  auto plan = plan_text(kScript);
  router::JobOptions o;
  auto cut = router::build_cut(plan, o);
  auto dissolve = std::find_if(cut.begin(), cut.end(), [](const auto& p) { return p.kind == router::CutPiece::Kind::kDissolve; });
  REQUIRE(dissolve != cut.end());
  CHECK(dissolve->job.frame_count == dissolve->to.frame_count);
  CHECK(dissolve->to.first_frame < 0);  // the incoming shot starts before its cut
  int expected = 0;
  for (const auto& p : router::build_cut(plan, o))
    if (p.kind == router::CutPiece::Kind::kShot) expected += static_cast<int>(std::lround(p.job.shot.duration_s * 24));
  CHECK(total_frames(cut) == expected);
}

TEST_CASE("editing one shot changes only that shot's job", "[router]") {
  auto before = router::build_cut(plan_text(kScript), {});
  std::string edited = kScript;
  edited.replace(edited.find("Hand me"), 7, "Pass me");  // not next to the dissolve
  auto after = router::build_cut(plan_text(edited), {});
  REQUIRE(before.size() == after.size());
  int changed = 0;
  for (size_t i = 0; i < before.size(); ++i)
    changed += nlohmann::json(before[i].job) != nlohmann::json(after[i].job);
  CHECK(changed == 1);
}

TEST_CASE("shot seeds depend on the film seed and the shot id only", "[router]") {
  CHECK(router::shot_seed(1, "S01.01") == router::shot_seed(1, "S01.01"));
  CHECK(router::shot_seed(1, "S01.01") != router::shot_seed(1, "S01.02"));
  CHECK(router::shot_seed(1, "S01.01") != router::shot_seed(2, "S01.01"));
}
