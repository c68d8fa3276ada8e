// Shot planner: coverage, timing, intensity, physics, camera, transitions, determinism.
#include <catch2/catch.hpp>

#include <chrono>
#include <regex>

#include "filmgen/bible_builder.hpp"
#include "filmgen/error.hpp"
#include "filmgen/story.hpp"
#include "test_support.hpp"

using filmgen::CameraMove;
using filmgen::FilmPlan;
using filmgen::Shot;
using filmgen::ShotKind;
using filmgen::ShotSize;
using filmgen::Transition;

namespace {

FilmPlan plan_of(const std::string& text, const filmgen::story::PlanOptions& o = {}) {
  return filmgen::story::plan_film(filmgen::story::parse_fountain(text, "t.fountain"), o);
}

std::vector<const Shot*> all_shots(const FilmPlan& p) {
  std::vector<const Shot*> out;
  for (const auto& sc : p.scenes)
    for (const auto& s : sc.shots) out.push_back(&s);
  return out;
}

const Shot* first_of(const FilmPlan& p, ShotKind kind) {
  for (const auto* s : all_shots(p))
    if (s->kind == kind) return s;
  return nullptr;
}

const char* kTwoScenes =
    "EXT. PIER - NIGHT\n\nWaves crash. MARA (60s) waits.\n\nMARA\nWhere is he?\n\nTOM\n(running in)\nHere!\n\n"
    "CUT TO:\n\nINT. KITCHEN - DAY\n\nTom makes tea.\n\nSMASH CUT TO:\n\nEXT. PIER - NIGHT\n\nMara again.\n";

}  // namespace

TEST_CASE("establishing shot for each new location only, same name, same id", "[story][planner]") {
  const auto p = plan_of(kTwoScenes);
  REQUIRE(p.scenes.size() == 3);
  CHECK(p.scenes[0].location_id == "L01");
  CHECK(p.scenes[1].location_id == "L02");
  CHECK(p.scenes[2].location_id == "L01");
  CHECK(p.scenes[0].shots.front().kind == ShotKind::kEstablishing);
  CHECK(p.scenes[0].shots.front().size == ShotSize::kELS);  // exterior
  CHECK(p.scenes[1].shots.front().size == ShotSize::kLS);   // interior
  CHECK(p.scenes[2].shots.front().kind != ShotKind::kEstablishing);
  CHECK_FALSE(p.scenes[0].interior);
  CHECK(p.scenes[0].time_of_day == "night");
}

TEST_CASE("shot and scene ids are human", "[story][planner]") {
  const auto p = plan_of(kTwoScenes);
  const std::regex id("S[0-9]{2,}\\.[0-9]{2,}");
  for (const auto& sc : p.scenes) {
    CHECK(std::regex_match(sc.id, std::regex("S[0-9]{2,}")));
    for (std::size_t i = 0; i < sc.shots.size(); ++i) {
      CHECK(std::regex_match(sc.shots[i].id, id));
      CHECK(sc.shots[i].id.rfind(sc.id + ".", 0) == 0);
    }
  }
  CHECK(p.scenes[0].shots[1].id == "S01.02");
}

TEST_CASE("dialogue coverage: speaker, listener, OTS, reaction", "[story][planner]") {
  const auto p = plan_of(
      "INT. ROOM - DAY\n\nMARA and TOM sit.\n\nMARA\nDid you lock the door?\n\nTOM\nYes.\n\nMARA\nGood.\n\n"
      "TOM\nYou never trust me.\n\nMARA\nI trust you.\n");
  std::vector<const Shot*> d;
  for (const auto* s : all_shots(p))
    if (s->kind == ShotKind::kDialogue) d.push_back(s);
  REQUIRE(d.size() == 5);
  CHECK(d[0]->speaker == "MARA");
  CHECK(d[0]->listener == "TOM");
  CHECK(d[0]->size == ShotSize::kTwoShot);  // the first exchange shows both
  CHECK(d[1]->size == ShotSize::kOTS);
  CHECK(d[1]->characters == std::vector<std::string>{"TOM", "MARA"});
  CHECK(d[1]->dialogue == "Yes.");
}

TEST_CASE("an unanswered question gets the listener's reaction", "[story][planner]") {
  const auto p = plan_of("INT. ROOM - DAY\n\nMARA\nWhere were you?\n\nTom looks away.\n\nTOM\nOut.\n");
  const Shot* r = first_of(p, ShotKind::kReaction);
  REQUIRE(r);
  CHECK(r->characters == std::vector<std::string>{"TOM"});
}

TEST_CASE("dual dialogue is one two-shot", "[story][planner]") {
  const auto p = plan_of("INT. ROOM - DAY\n\nSTEEL\nScrew retirement.\n\nBRICK ^\nScrew retirement.\n");
  std::vector<const Shot*> d;
  for (const auto* s : all_shots(p))
    if (s->kind == ShotKind::kDialogue) d.push_back(s);
  REQUIRE(d.size() == 1);
  CHECK(d[0]->dual);
  CHECK(d[0]->size == ShotSize::kTwoShot);
  CHECK(d[0]->characters == std::vector<std::string>{"STEEL", "BRICK"});
  CHECK(d[0]->lines.size() == 2);
  CHECK(p.stats.dual_dialogue == 1);
}

TEST_CASE("an off-screen speaker is heard over the listener", "[story][planner]") {
  const auto p = plan_of("EXT. PIER - NIGHT\n\nRUTH walks.\n\nOMAR (O.S.)\nRuth! Wait!\n\nRUTH\nNo.\n");
  const Shot* d = first_of(p, ShotKind::kDialogue);
  REQUIRE(d);
  CHECK(d->speaker == "OMAR");
  CHECK(d->characters == std::vector<std::string>{"RUTH"});
  CHECK(d->lines.at(0).extensions == std::vector<std::string>{"O.S."});
}

TEST_CASE("durations: words at the pace, pauses for parentheticals, voice rates", "[story][planner]") {
  auto dur = [](const std::string& block, const filmgen::story::PlanOptions& o = {}) {
    const auto p = plan_of("INT. ROOM - DAY\n\n" + block, o);
    return first_of(p, ShotKind::kDialogue)->duration_s;
  };
  const double short_line = dur("MARA\nYes.\n");
  const double long_line = dur("MARA\nI have kept this lamp lit for forty years and I will keep it lit for forty more.\n");
  CHECK(long_line > short_line + 3);
  CHECK(dur("MARA\nI know.\n(beat)\nI know.\n") > dur("MARA\nI know.\nI know.\n") + 0.8);
  filmgen::story::PlanOptions slow;
  slow.voice_wpm["MARA"] = 100;
  CHECK(dur("MARA\nI have kept this lamp lit for forty years.\n", slow) >
        dur("MARA\nI have kept this lamp lit for forty years.\n") + 1);
  const auto p = plan_of(kTwoScenes);
  double total = 0;
  for (const auto& sc : p.scenes) total += sc.duration_s;
  CHECK(p.stats.duration_s == Approx(total));
  for (const auto* s : all_shots(p)) CHECK(s->duration_s >= 1.0);
}

TEST_CASE("emotional intensity rises with shouting, exclamations and charged words", "[story][planner]") {
  const auto calm = plan_of("INT. ROOM - DAY\n\nMARA\n(calmly)\nThe kettle is on.\n");
  const auto hot = plan_of("INT. ROOM - DAY\n\nMARA\n(screaming)\nGet OUT! He will KILL us!\n");
  const double c = first_of(calm, ShotKind::kDialogue)->emotional_intensity;
  const double h = first_of(hot, ShotKind::kDialogue)->emotional_intensity;
  CHECK(c < 0.3);
  CHECK(h > 0.8);
  CHECK(h <= 1.0);
  const Shot* hs = first_of(hot, ShotKind::kDialogue);
  CHECK((hs->size == ShotSize::kCU || hs->size == ShotSize::kECU));
  CHECK(hs->camera == CameraMove::kPushIn);
}

TEST_CASE("physics flags and camera moves from the action", "[story][planner]") {
  const auto p = plan_of(
      "EXT. STREET - NIGHT\n\nRain pours down on the crowd.\n\nA car explodes in a ball of fire and smoke.\n\n"
      "MARA punches TOM. They fight.\n\nMARA\nHa.\n\nTOM walks away, alone.\n");
  const auto shots = all_shots(p);
  const Shot* rain = nullptr;
  const Shot* boom = nullptr;
  const Shot* fight = nullptr;
  const Shot* leave = nullptr;
  for (const auto* s : shots) {
    if (s->action.find("Rain") == 0) rain = s;
    if (s->action.find("explodes") != std::string::npos) boom = s;
    if (s->action.find("punches") != std::string::npos) fight = s;
    if (s->action.find("walks away") != std::string::npos) leave = s;
  }
  REQUIRE(rain);
  REQUIRE(boom);
  REQUIRE(fight);
  REQUIRE(leave);
  CHECK(rain->physics.rain);
  CHECK(rain->physics.crowd);
  CHECK(boom->physics.explosion);
  CHECK(boom->physics.fire);
  CHECK(boom->physics.smoke);
  CHECK(boom->physics.vehicle);
  CHECK(boom->camera == CameraMove::kHandheld);
  CHECK(fight->physics.fight);
  CHECK(fight->camera == CameraMove::kHandheld);
  CHECK(leave->camera == CameraMove::kPullOut);
  CHECK(leave->physics.rain);  // weather stays for the scene's exterior shots
  const auto water = plan_of("EXT. LAKE - DAY\n\nShe swims.\n");
  CHECK(all_shots(water).front()->physics.water);
}

TEST_CASE("action paragraphs split into beats, inserts and close-ups", "[story][planner]") {
  const auto p = plan_of(
      "INT. OFFICE - DAY\n\nMARA enters. She crosses to the desk and sits down heavily in the old chair. "
      "She opens the drawer and finds an envelope that was never there before today.\n\n"
      "INSERT - THE ENVELOPE\n\nMARA\nWho?\n\nTears fill Mara's eyes.\n");
  std::vector<const Shot*> action;
  for (const auto* s : all_shots(p))
    if (s->kind == ShotKind::kAction || s->kind == ShotKind::kInsert) action.push_back(s);
  REQUIRE(action.size() == 4);
  CHECK(action[0]->action.rfind("MARA enters.", 0) == 0);
  CHECK(action[1]->action.rfind("She opens the drawer", 0) == 0);
  CHECK(action[2]->size == ShotSize::kInsert);
  CHECK(action[3]->size == ShotSize::kECU);
  CHECK(action[3]->characters == std::vector<std::string>{"MARA"});
}

TEST_CASE("transitions in and out of every shot", "[story][planner]") {
  const auto p = plan_of("FADE IN:\n\n" + std::string(kTwoScenes) + "\n> THE END <\n\nFADE TO BLACK.\n");
  const auto shots = all_shots(p);
  REQUIRE(shots.size() > 4);
  CHECK(shots.front()->transition_in == Transition::kFadeIn);
  CHECK(shots.back()->kind == ShotKind::kTitleCard);
  CHECK(shots.back()->transition_out == Transition::kFadeOut);
  for (std::size_t i = 0; i + 1 < shots.size(); ++i) CHECK(shots[i]->transition_out == shots[i + 1]->transition_in);
  CHECK(p.scenes[1].shots.front().transition_in == Transition::kCut);
  CHECK(p.scenes[2].shots.front().transition_in == Transition::kSmashCut);
  CHECK(p.scenes[1].shots.back().transition_out == Transition::kSmashCut);
  const auto plain = plan_of("INT. A - DAY\n\nNothing happens.\n");
  CHECK(all_shots(plain).front()->transition_in == Transition::kFadeIn);
  CHECK(all_shots(plain).back()->transition_out == Transition::kFadeOut);
  CHECK(filmgen::story::plan_film(filmgen::story::parse_fountain("INT. A - DAY\n\nX.\n\nDISSOLVE TO:\n\nINT. B - DAY\n\nY.\n", "x"))
            .scenes[1].shots.front().transition_in == Transition::kDissolve);
}

TEST_CASE("every scene has at least one shot, content before any heading", "[story][planner]") {
  const auto p = plan_of("A cold open.\n\nINT. A - DAY\n\nINT. B - NIGHT\n");
  REQUIRE(p.scenes.size() == 3);
  CHECK(p.stats.scenes == 2);  // headings in the script
  CHECK(p.scenes[0].heading.empty());
  for (const auto& sc : p.scenes) CHECK_FALSE(sc.shots.empty());
}

TEST_CASE("planning is deterministic and the JSON round-trips", "[story][planner]") {
  const auto path = filmgen::test::source_dir() / "examples/night_shift.fountain";
  const auto sp = filmgen::story::load_script(path);
  FilmPlan a = filmgen::story::plan_film(sp);
  FilmPlan b = filmgen::story::plan_film(filmgen::story::load_script(path));
  filmgen::bible::attach_bibles(a, sp);
  filmgen::bible::attach_bibles(b, sp);
  CHECK(a == b);
  const std::string ja = nlohmann::json(a).dump();
  CHECK(ja == nlohmann::json(b).dump());
  CHECK(nlohmann::json::parse(ja).get<FilmPlan>() == a);
}

TEST_CASE("plan JSON has the documented fields", "[story][planner]") {
  const auto sp = filmgen::story::load_script(filmgen::test::source_dir() / "examples/night_shift.fountain");
  FilmPlan plan = filmgen::story::plan_film(sp);
  filmgen::bible::attach_bibles(plan, sp);
  const nlohmann::json j = plan;
  CHECK(j.at("schema_version") == filmgen::kPlanSchemaVersion);
  CHECK(j.at("title") == "The Night Shift");
  for (const char* k : {"scenes", "dialogue_blocks", "characters", "transitions", "parentheticals",
                        "dual_dialogue", "shots", "duration_s"})
    CHECK(j.at("stats").contains(k));
  const auto& sc = j.at("scenes").at(0);
  for (const char* k : {"id", "heading", "location", "interior", "time_of_day", "shots"}) CHECK(sc.contains(k));
  for (const char* k : {"id", "size", "characters", "speaker", "dialogue", "action", "duration_s",
                        "emotional_intensity", "physics", "camera"})
    CHECK(sc.at("shots").at(0).contains(k));
  for (const char* k : {"id", "name", "appearance", "voice"}) CHECK(j.at("characters").at(0).contains(k));
  CHECK(j.at("locations").size() == 4);
  nlohmann::json newer = j;
  newer["schema_version"] = filmgen::kPlanSchemaVersion + 1;
  CHECK_THROWS_AS(newer.get<FilmPlan>(), filmgen::Error);
}

TEST_CASE("adversarial inputs stay linear", "[story][planner][slow]") {
  auto seconds = [](const std::string& text) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto sp = filmgen::story::parse_script(text, "x.txt");
    auto plan = filmgen::story::plan_film(sp);
    (void)filmgen::bible::build_bibles(sp, plan);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  auto repeat = [](const std::string& unit, std::size_t n) {
    std::string s;
    s.reserve(unit.size() * n);
    for (std::size_t i = 0; i < n; ++i) s += unit;
    return s;
  };
  for (const std::string unit : {"*", "_a", "[[", "/*", "\"", "STEEL\n", "A\n\n", "**x ", "\"Hi,\" said Ann. ",
                                 "INT. A - DAY\n\n", "MARA ^\nx\n\n", "> x <\n", "(", "~a\n"}) {
    INFO("unit " << nlohmann::json(unit).dump());
    const double small = seconds(repeat(unit, 20000));
    const double big = seconds(repeat(unit, 80000));
    CHECK(big < 0.5 + small * 12);  // 4x the input: linear is ~4x; quadratic would be 16x
    CHECK(big < 5.0);
  }
  // Many distinct characters and locations.
  auto distinct = [](std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) {
      const std::string id = std::to_string(i);
      s += "INT. ROOM " + id + " - DAY\n\nNAME" + id + " and NAME" + std::to_string(i + 1) + " talk.\n\nNAME" + id +
           "\nHi.\n\n";
    }
    return s;
  };
  auto one_scene = [](std::size_t n) {
    std::string s = "INT. HALL - DAY\n\n";
    for (std::size_t i = 0; i < n; ++i) s += "NAME" + std::to_string(i) + "\nHi?\n\n";
    return s;
  };
  CHECK(seconds(distinct(8000)) < 0.5 + seconds(distinct(2000)) * 12);
  CHECK(seconds(one_scene(8000)) < 0.5 + seconds(one_scene(2000)) * 12);
}
