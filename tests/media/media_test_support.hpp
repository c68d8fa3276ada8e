// Synthetic frames and independent checks (ffprobe/ffmpeg binaries, raw MP4 box reading).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "filmgen/media.hpp"

namespace filmgen::test {

// Frame t of a moving gradient with a moving square, packed BGR24, width * 3 bytes per row.
std::vector<uint8_t> synthetic_frame(int width, int height, int t);

// Encodes frames [first, first + count) of the synthetic sequence.
void encode_synthetic(const std::filesystem::path& out, const media::VideoParams& params, int count,
                      int first = 0);

// Runs ffprobe with -of json and the given arguments on path; fails the test on error.
nlohmann::json ffprobe(const std::string& args, const std::filesystem::path& path);

// stderr of `ffmpeg -v error -i path -f null -` (empty when it decodes cleanly), or a
// message with the exit code when ffmpeg fails.
std::string decode_errors(const std::filesystem::path& path);

// Top-level ISO BMFF box types in file order, read from the bytes.
std::vector<std::string> top_level_boxes(const std::filesystem::path& path);

// NAL unit types of each access unit of the video, extracted to Annex B by ffmpeg.
std::vector<std::vector<int>> access_unit_nal_types(const std::filesystem::path& path);

std::string shell_quote(const std::string& s);

}  // namespace filmgen::test
