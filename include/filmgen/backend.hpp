// The render backend interface: a RenderJob in, frames out to a FrameSink, plus facts about
// what was drawn. Implemented by the preview (agents/render), torch (models/) and remote
// backends. Backends never cache; the runner does.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "filmgen/bible.hpp"
#include "filmgen/plan.hpp"

namespace filmgen {

// Everything a backend needs to draw one shot. Serialisable: its JSON is the cache input.
struct RenderJob {
  Shot shot;
  std::string scene_id;
  std::string scene_heading;
  std::string film_title;                    // the film's title card only; "" elsewhere
  std::vector<std::string> scene_cast;       // everyone in the scene, in blocking order
  std::vector<CharacterBible> characters;    // bible entries of the scene cast
  LocationBible location;
  std::string time_of_day;                   // of this scene
  std::string prompt;                        // assembled from the bibles
  std::string negative_prompt;
  uint64_t seed = 0;
  int width = 1280;
  int height = 720;
  int fps = 24;
  int first_frame = 0;   // frames count from the shot's start; a dissolve renders past either end
  int frame_count = 0;
  bool captions = false;                     // lower-third caption with the action line
  std::vector<float> speech_envelope;        // speaker loudness 0..1 per frame; empty: syllable rhythm
  std::vector<double> line_starts;           // seconds into the shot of each of shot.lines; empty: spread evenly
  std::string init_frame;                    // path of a frame to continue from, "" if none
  std::vector<std::string> reference_frames; // paths
};

void to_json(nlohmann::json& j, const RenderJob& v);
void from_json(const nlohmann::json& j, RenderJob& v);

// A rectangle in frame pixels.
struct Box {
  int x = 0, y = 0, w = 0, h = 0;
  bool operator==(const Box&) const = default;
};

// Where a character was drawn, at the shot's middle frame.
struct FigureFact {
  std::string character;
  Box body;
  Box face;
  bool speaking = false;
  bool operator==(const FigureFact&) const = default;
};

struct ShotFacts {
  std::string backend;
  int frames = 0;
  int width = 0;
  int height = 0;
  std::vector<FigureFact> figures;
  bool operator==(const ShotFacts&) const = default;
};

void to_json(nlohmann::json& j, const Box& v);
void from_json(const nlohmann::json& j, Box& v);
void to_json(nlohmann::json& j, const FigureFact& v);
void from_json(const nlohmann::json& j, FigureFact& v);
void to_json(nlohmann::json& j, const ShotFacts& v);
void from_json(const nlohmann::json& j, ShotFacts& v);

// A frame: packed BGR24, `stride` bytes per row.
struct FrameView {
  int width = 0;
  int height = 0;
  size_t stride = 0;
  const uint8_t* bgr = nullptr;
};

class FrameSink {
 public:
  virtual ~FrameSink() = default;
  virtual void consume(const FrameView& frame) = 0;
};

// The render stage's output: an encoded H.264 segment of the shot plus a still and facts.
struct ShotClip {
  std::string shot_id;
  std::string segment;  // file name inside the cache entry
  std::string still;    // PNG of the middle frame
  int frames = 0;
  ShotFacts facts;
  bool operator==(const ShotClip&) const = default;
};

void to_json(nlohmann::json& j, const ShotClip& v);
void from_json(const nlohmann::json& j, ShotClip& v);

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string name() const = 0;
  // Changes whenever the backend's output for the same job changes (code version, weights).
  virtual std::string fingerprint() const = 0;
  // False with a reason when the backend cannot run here (no weights, no device, no key).
  virtual bool available(std::string* why) const = 0;
  // Streams job.frame_count frames to the sink; deterministic for a given job.
  virtual ShotFacts render(const RenderJob& job, FrameSink& sink) = 0;
};

}  // namespace filmgen
