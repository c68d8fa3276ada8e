// The preview backend as a viewer would judge it, measured on its own frames: recurring
// characters look alike, different characters and locations look different, night is dark,
// shot sizes frame as planned, mouths move with speech, and frames are reproducible.
#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "filmgen/bible_builder.hpp"
#include "filmgen/story.hpp"
#include "job_builder.hpp"
#include "plan_fixture.hpp"
#include "preview_backend.hpp"

using namespace filmgen;
using filmgen::test::plan_text;

namespace {

std::vector<RenderJob> shot_jobs(const FilmPlan& plan, int width = 640, int height = 360) {
  router::JobOptions o;
  o.width = width;
  o.height = height;
  o.title_card_s = 0;
  std::vector<RenderJob> jobs;
  for (const auto& piece : router::build_cut(plan, o))
    if (piece.kind == router::CutPiece::Kind::kShot) jobs.push_back(piece.job);
  return jobs;
}

cv::Mat hs_histogram(const cv::Mat& bgr) {
  cv::Mat hsv, hist;
  cv::cvtColor(bgr, hsv, cv::COLOR_BGR2HSV);
  const int channels[] = {0, 1, 2};
  const int bins[] = {18, 8, 8};
  const float h_range[] = {0, 180}, s_range[] = {0, 256}, v_range[] = {0, 256};
  const float* ranges[] = {h_range, s_range, v_range};
  cv::calcHist(&hsv, 1, channels, cv::Mat(), hist, 3, bins, ranges);
  cv::normalize(hist, hist, 1, 0, cv::NORM_L1);
  return hist;
}

double similarity(const cv::Mat& a, const cv::Mat& b) {
  return cv::compareHist(hs_histogram(a), hs_histogram(b), cv::HISTCMP_CORREL);
}

// The torso under a figure's face: its outfit, with as little background as possible.
std::optional<cv::Mat> torso(const cv::Mat& frame, const FigureFact& f) {
  cv::Rect r(f.face.x + f.face.w / 4, f.face.y + f.face.h * 3 / 2, f.face.w / 2, f.face.h * 3 / 2);
  cv::Rect clipped = r & cv::Rect(0, 0, frame.cols, frame.rows);
  if (clipped.area() < r.area() || r.height < 12) return std::nullopt;
  return frame(clipped).clone();
}

// The whole set, nobody on it, no effects, no camera move: the location as the backend draws it.
RenderJob set_alone(RenderJob job) {
  job.scene_cast.clear();
  job.shot.characters.clear();
  job.shot.kind = ShotKind::kEstablishing;
  job.shot.size = ShotSize::kELS;
  job.shot.camera = CameraMove::kStatic;
  job.shot.physics = {};
  job.shot.transition_in = job.shot.transition_out = Transition::kCut;
  return job;
}

const char* kThreeLocations = R"(Title: Look Test

INT. KITCHEN - DAY

ANNA (30s), short black hair, in a red sweater, and BORIS (60s), bald, grey beard, in a blue suit, cook.

ANNA
Pass the salt.

BORIS
Say please.

EXT. BEACH - DAY

Anna and Boris walk by the water.

ANNA
It's cold.

BORIS
It's the sea.

INT. KITCHEN - DAY

They are back.

BORIS
Warmer.

EXT. STREET - NIGHT

Anna waits under a streetlight.

ANNA
Where is he?
)";

}  // namespace

TEST_CASE("a character's figure is more alike across shots than two characters are", "[render][preview]") {
  auto plan = plan_text(kThreeLocations);
  render::PreviewBackend backend;
  std::map<std::string, std::vector<cv::Mat>> torsos;
  for (const auto& job : shot_jobs(plan)) {
    ShotFacts facts;
    cv::Mat frame = backend.render_still(job, job.frame_count / 2, &facts);
    for (const auto& fig : facts.figures)
      if (auto t = torso(frame, fig)) torsos[fig.character].push_back(*t);
  }
  REQUIRE(torsos["ANNA"].size() >= 3);
  REQUIRE(torsos["BORIS"].size() >= 3);
  double worst_same = 1, best_different = -1;
  for (const auto& [name, crops] : torsos)
    for (size_t i = 0; i < crops.size(); ++i)
      for (size_t j = i + 1; j < crops.size(); ++j) worst_same = std::min(worst_same, similarity(crops[i], crops[j]));
  for (const auto& a : torsos["ANNA"])
    for (const auto& b : torsos["BORIS"]) best_different = std::max(best_different, similarity(a, b));
  INFO("least similar pair of one character: " << worst_same << ", most similar pair of two: " << best_different);
  CHECK(worst_same > best_different);
}

TEST_CASE("a location looks the same each time and different locations differ", "[render][preview]") {
  auto plan = plan_text(kThreeLocations);
  render::PreviewBackend backend;
  std::vector<cv::Mat> establishing;
  std::vector<std::string> names;
  for (const auto& job : shot_jobs(plan))
    if (job.shot.id.ends_with(".01")) {
      establishing.push_back(backend.render_still(set_alone(job), job.frame_count / 2));
      names.push_back(job.location.name);
    }
  REQUIRE(establishing.size() == 4);
  REQUIRE(names[0] == names[2]);
  CHECK(cv::norm(establishing[0], establishing[2], cv::NORM_INF) == 0);  // the kitchen, twice
  CHECK(similarity(establishing[0], establishing[1]) < 0.6);            // kitchen vs beach
  CHECK(similarity(establishing[0], establishing[3]) < 0.6);            // kitchen vs street
  CHECK(similarity(establishing[1], establishing[3]) < 0.6);            // beach vs street
}

TEST_CASE("night scenes look like night", "[render][preview]") {
  auto plan = plan_text("EXT. STREET - DAY\n\nA car passes.\n\nEXT. STREET - NIGHT\n\nA car passes.\n\nINT. OFFICE - NIGHT\n\nWork.\n\nINT. OFFICE - DAY\n\nWork.\n");
  render::PreviewBackend backend;
  std::vector<double> brightness;
  for (const auto& job : shot_jobs(plan))
    if (job.shot.id.ends_with(".01")) {
      cv::Mat gray;
      cv::cvtColor(backend.render_still(set_alone(job), job.frame_count / 2), gray, cv::COLOR_BGR2GRAY);
      brightness.push_back(cv::mean(gray)[0]);
    }
  REQUIRE(brightness.size() == 4);
  CHECK(brightness[1] < 0.5 * brightness[0]);  // street: night under half of day
  CHECK(brightness[2] < 0.75 * brightness[3]);  // office: lamps on, still darker
  CHECK(brightness[1] < 60);
}

TEST_CASE("shot sizes frame the subject closer from ELS to ECU", "[render][preview]") {
  auto plan = plan_text(kThreeLocations);
  auto jobs = shot_jobs(plan);
  auto it = std::find_if(jobs.begin(), jobs.end(), [](const RenderJob& j) { return j.shot.speaker == "ANNA"; });
  REQUIRE(it != jobs.end());
  render::PreviewBackend backend;
  double previous = 0;
  for (ShotSize size : {ShotSize::kELS, ShotSize::kLS, ShotSize::kMS, ShotSize::kMCU, ShotSize::kCU, ShotSize::kECU}) {
    RenderJob job = *it;
    job.shot.size = size;
    job.shot.kind = ShotKind::kDialogue;
    job.shot.camera = CameraMove::kStatic;
    ShotFacts facts;
    backend.render_still(job, 0, &facts);
    auto anna = std::find_if(facts.figures.begin(), facts.figures.end(), [](const FigureFact& f) { return f.character == "ANNA"; });
    REQUIRE(anna != facts.figures.end());
    double face = static_cast<double>(anna->face.h) / job.height;
    INFO(to_string(size) << ": face is " << face << " of the frame height");
    CHECK(face > previous * 1.3);
    previous = face;
  }
  CHECK(previous > 0.6);  // an ECU is mostly face
}

// Pixels of open mouth (the dark red interior) inside a face: skin and lips keep G above B.
int open_mouth_pixels(const cv::Mat& frame, const Box& face) {
  cv::Rect r = cv::Rect(face.x, face.y, face.w, face.h) & cv::Rect(0, 0, frame.cols, frame.rows);
  int n = 0;
  for (int y = r.y; y < r.y + r.height; ++y)
    for (int x = r.x; x < r.x + r.width; ++x) {
      auto p = frame.at<cv::Vec3b>(y, x);  // B, G, R
      n += p[2] > 60 && p[1] + 8 < p[0] && p[2] > p[1] + 40;
    }
  return n;
}

TEST_CASE("the speaker's mouth moves while the listener's stays shut", "[render][preview]") {
  auto plan = plan_text(kThreeLocations);
  auto jobs = shot_jobs(plan, 1280, 720);
  auto it = std::find_if(jobs.begin(), jobs.end(), [](const RenderJob& j) { return !j.shot.speaker.empty() && !j.shot.listener.empty(); });
  REQUIRE(it != jobs.end());
  RenderJob job = *it;
  job.shot.size = ShotSize::kTwoShot;
  job.shot.camera = CameraMove::kStatic;
  render::PreviewBackend backend;
  // How many sampled frames show each character's mouth open.
  auto open_frames = [&](const RenderJob& j) {
    std::map<std::string, int> open;
    for (int i = 1; i < std::min(j.frame_count, 24); i += 2) {
      ShotFacts facts;
      cv::Mat frame = backend.render_still(j, i, &facts);
      for (const auto& f : facts.figures) open[f.character] += open_mouth_pixels(frame, f.face) > 3;
    }
    return open;
  };
  auto talking = open_frames(job);
  CHECK(talking[job.shot.speaker] >= 4);
  CHECK(talking[job.shot.listener] == 0);
  // A silent voice stem (an envelope of zeros) keeps the speaker's mouth shut too.
  RenderJob silent = job;
  silent.speech_envelope.assign(static_cast<size_t>(job.frame_count), 0.0f);
  CHECK(open_frames(silent)[job.shot.speaker] == 0);
}

TEST_CASE("frames are reproducible for a seed and differ with another", "[render][preview]") {
  auto plan = plan_text(kThreeLocations);
  auto job = shot_jobs(plan)[1];
  job.shot.camera = CameraMove::kHandheld;
  render::PreviewBackend backend;
  cv::Mat a = backend.render_still(job, 10);
  cv::Mat b = backend.render_still(job, 10);
  CHECK(cv::norm(a, b, cv::NORM_INF) == 0);
  job.seed += 1;
  cv::Mat c = backend.render_still(job, 10);
  CHECK(cv::norm(a, c, cv::NORM_INF) > 0);
}

TEST_CASE("the film's title card fades in from black", "[render][preview]") {
  auto plan = plan_text(kThreeLocations);
  router::JobOptions o;
  o.width = 640;
  o.height = 360;
  auto cut = router::build_cut(plan, o);
  REQUIRE(cut.front().job.shot.kind == ShotKind::kTitleCard);
  render::PreviewBackend backend;
  cv::Mat first = backend.render_still(cut.front().job, 0);
  cv::Mat middle = backend.render_still(cut.front().job, cut.front().job.frame_count / 2);
  cv::Mat gray;
  cv::cvtColor(middle, gray, cv::COLOR_BGR2GRAY);
  double max_middle = 0;
  cv::minMaxLoc(gray, nullptr, &max_middle);
  CHECK(cv::norm(first, cv::NORM_INF) < 30);  // nearly black
  CHECK(max_middle > 200);                     // white title text
}
