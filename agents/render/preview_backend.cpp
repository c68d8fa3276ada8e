#include "preview_backend.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "preview/camera.hpp"
#include "preview/effects.hpp"
#include "preview/figure.hpp"
#include "preview/look.hpp"
#include "preview/set_dresser.hpp"
#include "preview/text.hpp"

namespace filmgen::render {

namespace {

// Bump when the pictures change for the same job.
constexpr const char* kPreviewVersion = "preview-4";

double count_syllables(const std::string& text) {
  double n = 0;
  bool vowel = false;
  for (unsigned char c : text) {
    bool v = std::string_view("aeiouyAEIOUY").find(static_cast<char>(c)) != std::string_view::npos || c >= 0x80;
    if (v && !vowel) ++n;
    vowel = v;
  }
  return std::max(1.0, n);
}

struct LineWindow {
  std::string speaker;
  double start = 0, end = 0, syllables_per_s = 4;
};

// Everything fixed for one shot: looks, blocking, the backdrop plate, line timings.
class ShotRenderer {
 public:
  ShotRenderer(const RenderJob& job, TextRenderer& text)
      : job_(job), text_(text), set_(set_style(job.location, job.time_of_day)), grade_(set_) {
    aspect_ = static_cast<double>(job.width) / job.height;
    for (const auto& c : job.characters) styles_[c.name] = figure_style(c, job.scene_id);
    std::vector<std::string> cast = job.scene_cast;
    for (const auto& c : job.shot.characters)
      if (std::find(cast.begin(), cast.end(), c) == cast.end()) cast.push_back(c);
    blocking_ = block_scene(cast);
    // Anyone blocked without a bible entry gets the defaults derived from their name, once.
    for (const auto& name : cast)
      if (!styles_.count(name)) styles_[name] = figure_style(CharacterBible{.name = name}, job.scene_id);
    aim_at_partners();
    base_ = frame_shot(job.shot, blocking_, styles_, aspect_);
    seconds_ = std::max(job.shot.duration_s, static_cast<double>(job.frame_count) / job.fps);
    time_lines();
    if (job.shot.kind != ShotKind::kTitleCard) build_plate();
  }

  void frame(int index, cv::Mat& out, ShotFacts* facts) {
    const double t = static_cast<double>(job_.first_frame + index) / job_.fps;
    out.create(job_.height, job_.width, CV_8UC3);
    if (job_.shot.kind == ShotKind::kTitleCard) {
      title_card(out);
    } else {
      CameraRect cam = camera_at(base_, job_.shot, t / seconds_, seconds_, job_.seed, aspect_);
      View view{cam.cx - cam.h * aspect_ / 2, cam.cy - cam.h / 2, job_.height / cam.h};
      place_plate(view, out);
      Painter painter(out, view);
      draw_background_effects(painter, job_.shot.physics, set_, grade_, t, seconds_, job_.seed);
      draw_cast(painter, index, t, facts);
      draw_foreground_effects(painter, job_.shot.physics, set_, t, seconds_, job_.seed);
      if (job_.shot.size == ShotSize::kOTS) draw_ots_shoulder(out, t);
      if (job_.captions || job_.shot.size == ShotSize::kInsert) caption(out, job_.shot.action);
    }
    fade(out, index);
    if (facts) {
      facts->width = job_.width;
      facts->height = job_.height;
    }
  }

 private:
  // Speakers face their listeners; everyone else faces the middle of the group.
  void aim_at_partners() {
    const auto& shot = job_.shot;
    auto face_towards = [&](const std::string& who, const std::string& other) {
      auto a = blocking_.marks.find(who);
      auto b = blocking_.marks.find(other);
      if (a != blocking_.marks.end() && b != blocking_.marks.end() && a != b)
        a->second.facing = b->second.x > a->second.x ? 1 : -1;
    };
    if (!shot.speaker.empty() && !shot.listener.empty()) {
      face_towards(shot.speaker, shot.listener);
      face_towards(shot.listener, shot.speaker);
    }
  }

  void time_lines() {
    const auto& lines = job_.shot.lines;
    const bool placed = job_.line_starts.size() == lines.size();
    double spoken = 0;
    for (const auto& l : lines) spoken += std::max(0.3, l.duration_s);
    const double slack = std::max(0.0, seconds_ - spoken);
    const double gap = lines.empty() ? 0 : std::clamp(slack / (lines.size() + 1), 0.05, 0.6);
    double at = gap;
    for (size_t i = 0; i < lines.size(); ++i) {
      const auto& l = lines[i];
      const double d = std::max(0.3, l.duration_s);
      const double start = placed ? job_.line_starts[i] : at;
      windows_.push_back({l.speaker, start, start + d, count_syllables(l.text) / d});
      at += d + gap;
    }
  }

  // The backdrop, drawn once per shot at the resolution its closest framing needs, over the
  // whole area the camera sweeps.
  void build_plate() {
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9, min_h = 1e9;
    const int samples = std::max(2, std::min(job_.frame_count, 48));
    for (int i = 0; i <= samples; ++i) {
      double t = (job_.first_frame + static_cast<double>(i) * job_.frame_count / samples) / job_.fps;
      CameraRect c = camera_at(base_, job_.shot, t / seconds_, seconds_, job_.seed, aspect_);
      double w = c.h * aspect_;
      x0 = std::min(x0, c.cx - w / 2);
      x1 = std::max(x1, c.cx + w / 2);
      y0 = std::min(y0, c.cy - c.h / 2);
      y1 = std::max(y1, c.cy + c.h / 2);
      min_h = std::min(min_h, c.h);
    }
    const double margin = 0.02 * (y1 - y0);
    x0 -= margin, y0 -= margin, x1 += margin, y1 += margin;
    double scale = job_.height / min_h;
    // Bound the plate to 12 megapixels; a wide sweep at close framing is drawn a little softer.
    const double max_pixels = 12e6;
    double pixels = (x1 - x0) * (y1 - y0) * scale * scale;
    if (pixels > max_pixels) scale *= std::sqrt(max_pixels / pixels);
    plate_view_ = View{x0, y0, scale};
    plate_.create(static_cast<int>(std::ceil((y1 - y0) * scale)) + 1, static_cast<int>(std::ceil((x1 - x0) * scale)) + 1, CV_8UC3);
    plate_.setTo(cv::Scalar(0, 0, 0));
    Painter painter(plate_, plate_view_);
    draw_set(painter, set_);
  }

  void place_plate(const View& view, cv::Mat& out) {
    // frame pixel -> plate pixel: p = (x_frame / view.scale + view.x0 - plate.x0) * plate.scale
    const double k = plate_view_.scale / view.scale;
    const double ox = (view.x0 - plate_view_.x0) * plate_view_.scale;
    const double oy = (view.y0 - plate_view_.y0) * plate_view_.scale;
    if (std::abs(k - 1.0) < 1e-9 && std::abs(ox - std::round(ox)) < 1e-6 && std::abs(oy - std::round(oy)) < 1e-6) {
      cv::Rect roi(static_cast<int>(std::round(ox)), static_cast<int>(std::round(oy)), out.cols, out.rows);
      if ((roi & cv::Rect(0, 0, plate_.cols, plate_.rows)) == roi) {
        plate_(roi).copyTo(out);
        return;
      }
    }
    cv::Mat m = (cv::Mat_<double>(2, 3) << k, 0, ox, 0, k, oy);
    cv::warpAffine(plate_, out, m, out.size(), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
  }

  // index counts frames of this job, as speech_envelope does.
  double mouth_for(const std::string& name, double t, int index) const {
    for (const auto& w : windows_) {
      if (w.speaker != name || t < w.start || t > w.end) continue;
      if (index >= 0 && index < static_cast<int>(job_.speech_envelope.size()))
        return std::clamp(static_cast<double>(job_.speech_envelope[static_cast<size_t>(index)]) * 1.6, 0.0, 1.0);
      double phase = (t - w.start) * w.syllables_per_s * CV_PI;
      double open = std::abs(std::sin(phase));
      double taper = std::min({1.0, (t - w.start) * 8, (w.end - t) * 8});
      return open * (0.55 + 0.45 * std::abs(std::sin(phase * 0.37))) * taper;
    }
    return 0;
  }

  double blink(const std::string& name, double t) const {
    const uint64_t h = stable_hash64(name) ^ job_.seed;
    const double period = 2.6 + static_cast<double>(h % 1000) / 400.0;
    const double phase = static_cast<double>((h >> 12) % 1000) / 1000.0 * period;
    double into = std::fmod(t + phase, period);
    return into < 0.13 ? 0.0 : 1.0;
  }

  void draw_cast(Painter& painter, int index, double t, ShotFacts* facts) {
    const auto& shot = job_.shot;
    std::vector<std::pair<std::string, FigurePose>> order;
    for (const auto& [name, mark] : blocking_.marks) {
      if (shot.size == ShotSize::kOTS && name == shot.listener) continue;  // drawn as the foreground shoulder
      order.emplace_back(name, mark);
    }
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
      return std::tie(a.second.feet_y, a.first) < std::tie(b.second.feet_y, b.first);
    });
    for (auto& [name, pose] : order) {
      const uint64_t h = stable_hash64(name);
      const bool speaking = std::any_of(windows_.begin(), windows_.end(), [&](const LineWindow& w) { return w.speaker == name; });
      pose.mouth = mouth_for(name, t, index);
      pose.eyes = blink(name, t);
      pose.x += 0.018 * std::sin(t * (1.1 + (h % 7) * 0.1) + (h % 100));  // weight shifts
      pose.gesture = speaking ? shot.emotional_intensity * (0.5 + 0.5 * std::sin(t * 1.7 + (h % 13))) : 0.0;
      DrawnFigure drawn = draw_figure(painter, styles_.at(name), pose, grade_);
      if (facts) facts->figures.push_back({name, {drawn.body.x, drawn.body.y, drawn.body.width, drawn.body.height},
                                           {drawn.face.x, drawn.face.y, drawn.face.width, drawn.face.height}, speaking});
    }
  }

  // Over-the-shoulder: the listener's back and shoulder, large and dark in the near corner.
  void draw_ots_shoulder(cv::Mat& out, double t) {
    const auto& shot = job_.shot;
    auto style = styles_.find(shot.listener);
    if (style == styles_.end()) return;
    const FigurePose* speaker = blocking_.find(shot.speaker);
    const double side = speaker && speaker->facing < 0 ? 1 : -1;  // the listener stands where the speaker looks
    FigurePose pose;
    pose.from_behind = true;
    pose.x = 0;
    pose.feet_y = 0;
    const double scale = job_.height / 0.75;  // the shoulder is closer: much larger than the speaker
    const cv::Point2d eye = eye_point(style->second, pose);
    const double px = side > 0 ? 0.86 * job_.width : 0.14 * job_.width;
    View view{eye.x - px / scale, eye.y - (0.55 * job_.height + 2 * std::sin(t)) / scale, scale};
    Painter painter(out, view);
    Grade dim = grade_;
    draw_figure(painter, style->second, pose, dim);
  }

  void title_card(cv::Mat& out) {
    out.setTo(cv::Scalar(8, 8, 10));
    const std::string title = job_.film_title.empty() ? job_.shot.action : job_.film_title;
    const int size = std::max(16, job_.height / 11);
    auto lines = text_.wrap(title, size, job_.width * 8 / 10);
    int y = (job_.height - static_cast<int>(lines.size()) * size * 13 / 10) / 2 - size / 2;
    for (const auto& line : lines) {
      cv::Size s = text_.measure(line, size);
      text_.draw(out, line, {(job_.width - s.width) / 2, y}, size, cv::Scalar(236, 236, 240));
      y += size * 13 / 10;
    }
    if (!job_.film_title.empty() && !job_.shot.action.empty() && job_.shot.action != title) {
      const int small = std::max(10, size * 2 / 5);
      cv::Size s = text_.measure(job_.shot.action, small);
      text_.draw(out, job_.shot.action, {(job_.width - s.width) / 2, y + size / 2}, small, cv::Scalar(170, 170, 176));
    }
  }

  void caption(cv::Mat& out, const std::string& text) {
    if (text.empty()) return;
    const int size = std::max(12, job_.height / 26);
    auto lines = text_.wrap(text, size, job_.width * 8 / 10);
    if (lines.size() > 3) lines.resize(3);
    const int band = static_cast<int>(lines.size()) * size * 14 / 10 + size;
    cv::Rect box(0, job_.height - band - job_.height / 20, job_.width, band);
    cv::Mat roi = out(box);
    roi.convertTo(roi, -1, 0.35, 0);
    int y = box.y + size / 2;
    for (const auto& line : lines) {
      cv::Size s = text_.measure(line, size);
      text_.draw(out, line, {(job_.width - s.width) / 2, y}, size, cv::Scalar(240, 240, 240));
      y += size * 14 / 10;
    }
  }

  void fade(cv::Mat& out, int index) {
    const int n = std::max(1, std::min(job_.fps / 2, job_.frame_count / 3));
    double k = 1.0;
    const int global = job_.first_frame + index;
    const int total = static_cast<int>(std::lround(job_.shot.duration_s * job_.fps));
    if (job_.shot.transition_in == Transition::kFadeIn && global < n) k = std::min(k, (global + 0.5) / n);
    if (job_.shot.transition_out == Transition::kFadeOut && global >= total - n) k = std::min(k, (total - global - 0.5) / n);
    if (k < 1.0) out.convertTo(out, -1, std::max(0.0, k), 0);
  }

  const RenderJob& job_;
  TextRenderer& text_;
  SetStyle set_;
  Grade grade_;
  double aspect_ = 16.0 / 9.0;
  double seconds_ = 1;
  std::map<std::string, FigureStyle> styles_;
  Blocking blocking_;
  CameraRect base_;
  std::vector<LineWindow> windows_;
  View plate_view_;
  cv::Mat plate_;
};

}  // namespace

PreviewBackend::PreviewBackend() : text_(std::make_unique<TextRenderer>()) {}
PreviewBackend::~PreviewBackend() = default;

std::string PreviewBackend::fingerprint() const { return kPreviewVersion; }

ShotFacts PreviewBackend::render(const RenderJob& job, FrameSink& sink) {
  ShotRenderer renderer(job, *text_);
  ShotFacts facts;
  facts.backend = name();
  cv::Mat frame;
  const int middle = job.frame_count / 2;
  for (int i = 0; i < job.frame_count; ++i) {
    renderer.frame(i, frame, i == middle ? &facts : nullptr);
    sink.consume({frame.cols, frame.rows, frame.step, frame.data});
  }
  facts.frames = job.frame_count;
  facts.width = job.width;
  facts.height = job.height;
  return facts;
}

cv::Mat PreviewBackend::render_still(const RenderJob& job, int frame_index, ShotFacts* facts) {
  ShotRenderer renderer(job, *text_);
  cv::Mat frame;
  renderer.frame(frame_index, frame, facts);
  if (facts) facts->backend = name();
  return frame;
}

}  // namespace filmgen::render
