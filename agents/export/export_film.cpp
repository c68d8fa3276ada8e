#include "export_film.hpp"

#include <algorithm>

#include "filmgen/error.hpp"
#include "filmgen/fs_util.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace filmgen::exporter {

namespace {

json rational(double value, int rate) { return {{"OTIO_SCHEMA", "RationalTime.1"}, {"rate", static_cast<double>(rate)}, {"value", value}}; }

json time_range(double start, double duration, int rate) {
  return {{"OTIO_SCHEMA", "TimeRange.1"}, {"start_time", rational(start, rate)}, {"duration", rational(duration, rate)}};
}

std::string media_name(const std::string& id) {
  std::string name = id;
  std::replace(name.begin(), name.end(), '>', '_');
  return name + ".mp4";
}

// Hard-links a cached segment next to the timeline (a copy across file systems).
void place_media(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::remove(to, ec);
  fs::create_hard_link(from, to, ec);
  if (ec) fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

}  // namespace

std::vector<media::Chapter> scene_chapters(const ExportRequest& request) {
  std::vector<media::Chapter> chapters;
  std::vector<std::string> seen;
  int64_t frame = 0;
  for (const auto& clip : request.clips) {
    if (std::find(seen.begin(), seen.end(), clip.scene_id) == seen.end()) {
      seen.push_back(clip.scene_id);
      const double start = static_cast<double>(frame) / request.fps;
      if (!chapters.empty()) chapters.back().end_s = start;
      auto title = request.scene_titles.find(clip.scene_id);
      chapters.push_back({title != request.scene_titles.end() && !title->second.empty() ? title->second : clip.scene_id, start, 0});
    }
    frame += clip.frames;
  }
  if (!chapters.empty()) chapters.back().end_s = static_cast<double>(frame) / request.fps;
  return chapters;
}

json otio_timeline(const ExportRequest& request, const std::string& media_prefix) {
  json clips = json::array();
  json markers = json::array();
  int64_t frame = 0;
  for (const auto& c : request.clips) {
    clips.push_back({{"OTIO_SCHEMA", "Clip.1"},
                     {"name", c.id},
                     {"metadata", {{"filmgen", {{"scene", c.scene_id}, {"dissolve", c.id.find('>') != std::string::npos}}}}},
                     {"source_range", time_range(0, c.frames, request.fps)},
                     {"effects", json::array()},
                     {"markers", json::array()},
                     {"media_reference",
                      {{"OTIO_SCHEMA", "ExternalReference.1"},
                       {"name", c.id},
                       {"metadata", json::object()},
                       {"target_url", media_prefix + media_name(c.id)},
                       {"available_range", time_range(0, c.frames, request.fps)}}}});
    frame += c.frames;
  }
  for (const auto& ch : scene_chapters(request))
    markers.push_back({{"OTIO_SCHEMA", "Marker.2"},
                       {"name", ch.title},
                       {"color", "RED"},
                       {"comment", ""},
                       {"metadata", json::object()},
                       {"marked_range", time_range(std::round(ch.start_s * request.fps), std::round((ch.end_s - ch.start_s) * request.fps), request.fps)}});
  json track = {{"OTIO_SCHEMA", "Track.1"}, {"name", "V1"},          {"kind", "Video"},           {"metadata", json::object()},
                {"source_range", nullptr},  {"effects", json::array()}, {"markers", markers}, {"children", clips}};
  json stack = {{"OTIO_SCHEMA", "Stack.1"}, {"name", "tracks"}, {"metadata", json::object()}, {"source_range", nullptr},
                {"effects", json::array()}, {"markers", json::array()}, {"children", json::array({track})}};
  return {{"OTIO_SCHEMA", "Timeline.1"},
          {"name", request.title},
          {"metadata", {{"filmgen", request.metadata}}},
          {"global_start_time", rational(0, request.fps)},
          {"tracks", stack}};
}

ExportResult export_film(const ExportRequest& request) {
  if (request.clips.empty()) throw Error(ErrorCode::kInternal, "export", "nothing to export: the cut has no shots");
  ExportResult result;
  media::ConcatOptions options;
  options.chapters = scene_chapters(request);
  options.metadata = request.metadata;
  options.audio_tracks = request.audio;
  options.subtitle_tracks = request.subtitles;
  std::vector<fs::path> segments;
  for (const auto& c : request.clips) segments.push_back(c.segment);
  media::concat_segments(segments, request.film, options);
  result.written.push_back(request.film);
  result.chapters = options.chapters;
  result.duration_s = options.chapters.empty() ? 0 : options.chapters.back().end_s;

  if (request.otio) {
    const fs::path media_dir = request.otio->parent_path() / (request.otio->stem().string() + "_media");
    fs::create_directories(media_dir);
    for (const auto& c : request.clips) place_media(c.segment, media_dir / media_name(c.id));
    write_file_atomic(*request.otio, otio_timeline(request, media_dir.filename().string() + "/").dump(2) + "\n");
    result.written.push_back(*request.otio);
  }
  return result;
}

}  // namespace filmgen::exporter
