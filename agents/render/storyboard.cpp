#include "storyboard.hpp"

#include <fmt/format.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "filmgen/error.hpp"
#include "filmgen/fs_util.hpp"
#include "preview/text.hpp"
#include "preview_backend.hpp"

namespace fs = std::filesystem;

namespace filmgen::render {

namespace {

std::string first_words(const std::string& text, size_t max_words) {
  std::string out;
  size_t words = 0, i = 0;
  while (i < text.size() && words < max_words) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) {
      out += (out.empty() ? "" : " ") + text.substr(start, i - start);
      ++words;
    }
  }
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  return i < text.size() ? out + "…" : out;
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

void write_png_atomic(const fs::path& path, const cv::Mat& image) {
  std::vector<uchar> bytes;
  if (!cv::imencode(".png", image, bytes, {cv::IMWRITE_PNG_COMPRESSION, 6}))
    throw Error(ErrorCode::kInternal, "storyboard", "cannot encode " + path.string());
  write_file_atomic(path, std::string(bytes.begin(), bytes.end()));
}

}  // namespace

void write_still(PreviewBackend& backend, const RenderJob& job, const fs::path& png) {
  cv::Mat frame = backend.render_still(job, job.frame_count / 2);
  if (!cv::imwrite(png.string(), frame, {cv::IMWRITE_PNG_COMPRESSION, 6}))
    throw Error(ErrorCode::kInternal, "storyboard", "cannot write " + png.string());
}

StoryboardPanel make_panel(const RenderJob& job, const fs::path& still) {
  StoryboardPanel p;
  p.shot_id = job.shot.id;
  p.size = job.shot.kind == ShotKind::kTitleCard ? "TITLE" : to_string(job.shot.size);
  p.scene_heading = job.scene_heading;
  const std::string& words = job.shot.dialogue.empty() ? job.shot.action : job.shot.speaker + ": " + job.shot.dialogue;
  p.text = first_words(words, 9);
  p.duration_s = job.shot.duration_s;
  p.still = still;
  return p;
}

void write_storyboard(const std::vector<StoryboardPanel>& panels, const std::string& title, const fs::path& contact_sheet,
                      const fs::path& html) {
  TextRenderer text;
  const int columns = 5, thumb_w = 320, thumb_h = 180, label_h = 46, pad = 12, header = 56;
  const int rows = std::max(1, static_cast<int>((panels.size() + columns - 1) / columns));
  cv::Mat sheet(header + rows * (thumb_h + label_h + pad) + pad, pad + columns * (thumb_w + pad), CV_8UC3, cv::Scalar(24, 24, 28));
  text.draw(sheet, fmt::format("{} — {} shots", title, panels.size()), {pad, 14}, 26, cv::Scalar(240, 240, 240));

  const fs::path stills_dir = html.parent_path() / (html.stem().string() + "_stills");
  fs::create_directories(stills_dir);
  std::string rows_html;
  for (size_t i = 0; i < panels.size(); ++i) {
    const auto& p = panels[i];
    cv::Mat still = cv::imread(p.still.string(), cv::IMREAD_COLOR);
    if (still.empty()) throw Error(ErrorCode::kInternal, "storyboard", "cannot read " + p.still.string());
    const int x = pad + static_cast<int>(i % columns) * (thumb_w + pad);
    const int y = header + static_cast<int>(i / columns) * (thumb_h + label_h + pad);
    cv::Mat thumb;
    cv::resize(still, thumb, {thumb_w, thumb_h}, 0, 0, cv::INTER_AREA);
    thumb.copyTo(sheet(cv::Rect(x, y, thumb_w, thumb_h)));
    text.draw(sheet, fmt::format("{}  {}  {:.1f}s", p.shot_id, p.size, p.duration_s), {x, y + thumb_h + 4}, 16,
              cv::Scalar(120, 210, 250));
    auto lines = text.wrap(p.text, 13, thumb_w);
    if (!lines.empty()) text.draw(sheet, lines[0] + (lines.size() > 1 ? "…" : ""), {x, y + thumb_h + 24}, 13, cv::Scalar(220, 220, 220));

    const std::string still_name = p.shot_id + ".png";
    fs::copy_file(p.still, stills_dir / still_name, fs::copy_options::overwrite_existing);
    rows_html += fmt::format(
        "<tr><td><img src=\"{}/{}\" width=\"480\" alt=\"{}\"></td><td><b>{}</b><br>{}<br>{:.1f} s<br><i>{}</i></td>"
        "<td>{}</td></tr>\n",
        html_escape(stills_dir.filename().string()), html_escape(still_name), html_escape(p.shot_id), html_escape(p.shot_id),
        html_escape(p.size), p.duration_s, html_escape(p.scene_heading), html_escape(p.text));
  }
  write_png_atomic(contact_sheet, sheet);
  write_file_atomic(html, fmt::format("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{0} — storyboard</title>\n"
                                      "<style>body{{font-family:sans-serif;background:#1c1c20;color:#eee}}"
                                      "td{{vertical-align:top;padding:6px}}img{{border:1px solid #444}}</style></head>\n"
                                      "<body><h1>{0}</h1>\n<table>\n<tr><th>frame</th><th>shot</th><th>words</th></tr>\n{1}</table>\n"
                                      "</body></html>\n",
                                      html_escape(title), rows_html));
}

}  // namespace filmgen::render
