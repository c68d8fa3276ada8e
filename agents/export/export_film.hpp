// The export stage: shot segments joined by remux into the film, with audio tracks, soft
// subtitles, one chapter per scene and provenance tags (libavformat/libavcodec in process,
// through the media library); optionally an OpenTimelineIO timeline of the cut.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "filmgen/media.hpp"

namespace filmgen::exporter {

struct TimelineClip {
  std::string id;        // "S01.02", or "S01.05>S02.01" for a dissolve
  std::string scene_id;  // the scene it belongs to (a dissolve: the incoming scene)
  std::filesystem::path segment;
  int frames = 0;
};

struct ExportRequest {
  std::filesystem::path film;
  std::string title;
  int fps = 24;
  std::vector<TimelineClip> clips;                  // in film order
  std::map<std::string, std::string> scene_titles;  // scene id -> heading (chapter titles)
  std::map<std::string, std::string> metadata;      // provenance tags
  std::vector<media::AudioTrackInput> audio;
  std::vector<media::SubtitleTrackInput> subtitles;
  std::optional<std::filesystem::path> otio;  // also write an OpenTimelineIO timeline here
};

struct ExportResult {
  std::vector<std::filesystem::path> written;
  double duration_s = 0;
  std::vector<media::Chapter> chapters;
};

// Writes the film (atomically) and, when asked, the OTIO timeline with its media beside it.
ExportResult export_film(const ExportRequest& request);

// One chapter per scene, from the first frame of its first clip to the next scene's start.
std::vector<media::Chapter> scene_chapters(const ExportRequest& request);

// The cut as an OpenTimelineIO Timeline.1 (one video track of clips with ExternalReference
// media, a marker per scene). media_prefix is prepended to each clip's media file name.
nlohmann::json otio_timeline(const ExportRequest& request, const std::string& media_prefix);

}  // namespace filmgen::exporter
