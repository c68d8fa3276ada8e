// The render stage: a RenderJob drawn by a backend and encoded into an H.264 segment, and
// the dissolve between two shots as a segment of its own.
#pragma once

#include <filesystem>

#include "filmgen/backend.hpp"
#include "filmgen/media.hpp"

namespace filmgen::render {

// Renders the job's frames through the backend into dir/segment.mp4 and dir/still.png.
ShotClip render_shot(const RenderJob& job, Backend& backend, const media::VideoParams& video,
                     const std::filesystem::path& dir);

// Renders `from` (frames past its cut) and `to` (frames before its cut) and blends them
// linearly over job frame counts into dir/segment.mp4. Both jobs have the same frame_count.
ShotClip render_dissolve(const RenderJob& from, const RenderJob& to, Backend& backend,
                         const media::VideoParams& video, const std::filesystem::path& dir);

}  // namespace filmgen::render
