// The media library: H.264 shot segments, their assembly into the film by remux, probing and
// frame decoding. The implementation (src/media/) is the only code that includes libav headers.
//
//   media::VideoParams vp{1280, 720, 24, "faster", 22};
//   media::SegmentEncoder enc(cache_dir / "S01.01.mp4", vp);
//   for (const cv::Mat& f : frames) enc.add_frame(f.data, f.step);
//   enc.finish();                                  // atomically renamed into place
//   media::concat_segments(segment_paths, "film.mp4", {.chapters = scene_chapters});
//
// Determinism: the same frames and VideoParams give byte-identical segments on any machine
// (x264 thread count fixed by VideoParams::threads, cpu-independent, bitexact muxer, no
// timestamps), and the same segments and ConcatOptions give a byte-identical film.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace filmgen::media {

namespace fs = std::filesystem;

// Encoder settings; every segment of one film must share them (concat checks the stream
// headers agree). width and height must be even (yuv420p).
struct VideoParams {
  int width = 1280;
  int height = 720;
  int fps = 24;
  std::string x264_preset = "faster";  // ultrafast .. placebo
  int crf = 22;                        // 0..51
  int threads = 2;                 // x264 frame threads; fixed, never "auto" (output depends on it)
  std::string x264_tune = "film";  // film, animation, grain, ...; "" for none
};

// Keyframe interval in frames: 2 s at the params' fps.
int keyframe_interval(const VideoParams& params);

// A one-line description of every setting that changes the encoded bytes, including the
// libavcodec and x264 build; part of a segment's cache key.
std::string encoder_fingerprint(const VideoParams& params);

// Encodes packed BGR24 frames into one H.264 segment. The container is MP4: it keeps exact
// per-frame durations, the frame count and the avcC stream header (which concat compares to
// prove segments were encoded alike), it is what the film itself is, and a segment opens on
// its own in any player for review. Each segment starts with an IDR frame and uses closed
// GOPs, so segments concatenate by remux without re-encoding.
// Throws Error{kEnvironment} when libx264 is missing, Error{kBadInput} for bad params.
class SegmentEncoder {
 public:
  SegmentEncoder(const fs::path& out_path, const VideoParams& params);
  ~SegmentEncoder();  // without finish(): the partial file is removed, nothing at out_path
  SegmentEncoder(const SegmentEncoder&) = delete;
  SegmentEncoder& operator=(const SegmentEncoder&) = delete;

  // One frame, width x height packed BGR24 (cv::Mat CV_8UC3: data, step) rows stride bytes apart.
  void add_frame(const uint8_t* bgr, size_t stride);
  // Flushes the encoder, writes the trailer and renames the file into place.
  void finish();
  int64_t frames_written() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct Chapter {
  std::string title;
  double start_s = 0;
  double end_s = 0;
};

// Audio to encode as AAC into the film: interleaved float PCM in [-1, 1].
struct AudioTrackInput {
  std::string language = "und";  // ISO 639-2 ("eng") or 639-1 ("en")
  std::string title;             // optional track name
  int sample_rate = 48000;
  int channels = 2;
  std::vector<float> samples;  // interleaved, samples.size() == frames * channels
  int bitrate = 192000;
};

struct SubtitleCue {
  double start_s = 0;
  double end_s = 0;
  std::string text;  // UTF-8, '\n' for line breaks
};

// Soft subtitles written as a mov_text track.
struct SubtitleTrackInput {
  std::string language = "und";
  std::string title;
  std::vector<SubtitleCue> cues;  // sorted by start, not overlapping
};

struct ConcatOptions {
  std::vector<Chapter> chapters;
  // MP4 tags. Known iTunes keys (title, comment, description, artist, date, copyright, ...)
  // are written as such; if any other key is present (e.g. "plan_hash"), all keys are
  // written as QuickTime mdta keys instead so none is lost.
  std::map<std::string, std::string> metadata;
  bool faststart = true;                      // moov before mdat
  std::vector<AudioTrackInput> audio_tracks;  // the first is the default track
  std::vector<SubtitleTrackInput> subtitle_tracks;
};

// Joins segments made by SegmentEncoder with the same params into one MP4 by remux (no
// re-encoding), with continuous timestamps, plus audio, subtitles, chapters and tags. Written
// atomically. Throws Error{kBadInput} for a missing segment, segments whose stream headers
// differ, or bad chapters/tracks.
void concat_segments(const std::vector<fs::path>& segments, const fs::path& out_mp4,
                     const ConcatOptions& options = {});

struct StreamInfo {
  std::string type;   // "video", "audio", "subtitle", "data"
  std::string codec;  // "h264", "aac", "mov_text", ...
  std::string language;
  int width = 0, height = 0;
  double fps = 0;
  int64_t frames = 0;  // from the container; counted from packets when it has none
  int sample_rate = 0, channels = 0;
};

struct MediaInfo {
  double duration_s = 0;
  std::vector<StreamInfo> streams;
  int chapters = 0;
  std::map<std::string, std::string> metadata;
};

// Reads a media file's container facts (no decoding), for the pipeline's own sanity checks.
MediaInfo probe_media(const fs::path& path);

struct DecodedFrame {
  int64_t index = 0;  // presentation order, 0-based
  int width = 0, height = 0;
  std::vector<uint8_t> bgr;  // packed BGR24, width * 3 bytes per row
};

// Decodes the first video stream and returns the frames at frame_indices (in that order,
// duplicates allowed) as BGR24. Throws Error{kBadInput} for an index past the last frame.
std::vector<DecodedFrame> decode_frames(const fs::path& path, std::vector<int64_t> frame_indices);

}  // namespace filmgen::media
