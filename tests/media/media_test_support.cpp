#include "media_test_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include "test_support.hpp"

namespace fs = std::filesystem;

namespace filmgen::test {

std::vector<uint8_t> synthetic_frame(int width, int height, int t) {
  std::vector<uint8_t> f(static_cast<size_t>(width) * height * 3);
  const int sq = height / 4, sx = (t * 7) % (width - sq), sy = (t * 3) % (height - sq);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      uint8_t* p = &f[(static_cast<size_t>(y) * width + x) * 3];
      const bool in_square = x >= sx && x < sx + sq && y >= sy && y < sy + sq;
      p[0] = in_square ? 40 : static_cast<uint8_t>((x * 255 / width + 3 * t) % 256 / 2 + 64);
      p[1] = in_square ? 200 : static_cast<uint8_t>(y * 255 / height);
      p[2] = in_square ? 230 : static_cast<uint8_t>(128 + (x + y + 5 * t) % 64);
    }
  }
  return f;
}

void encode_synthetic(const fs::path& out, const media::VideoParams& params, int count, int first) {
  media::SegmentEncoder enc(out, params);
  for (int t = first; t < first + count; ++t) {
    auto f = synthetic_frame(params.width, params.height, t);
    enc.add_frame(f.data(), static_cast<size_t>(params.width) * 3);
  }
  enc.finish();
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

nlohmann::json ffprobe(const std::string& args, const fs::path& path) {
  auto r = run_command("ffprobe -v error -of json " + args + " " + shell_quote(path.string()));
  INFO("ffprobe " << args << ": " << r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

std::string decode_errors(const fs::path& path) {
  auto r = run_command("ffmpeg -nostdin -v error -i " + shell_quote(path.string()) +
                       " -map 0:v -map 0:a? -f null -");
  if (r.exit_code != 0) return "ffmpeg exit " + std::to_string(r.exit_code) + ": " + r.err;
  return r.err;
}

std::vector<std::string> top_level_boxes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  const uint64_t file_size = fs::file_size(path);
  std::vector<std::string> boxes;
  uint64_t pos = 0;
  while (pos + 8 <= file_size) {
    unsigned char h[16];
    in.seekg(static_cast<std::streamoff>(pos));
    in.read(reinterpret_cast<char*>(h), 8);
    uint64_t size = (uint64_t{h[0]} << 24) | (uint64_t{h[1]} << 16) | (uint64_t{h[2]} << 8) | h[3];
    std::string type(reinterpret_cast<char*>(h + 4), 4);
    if (size == 1) {
      in.read(reinterpret_cast<char*>(h + 8), 8);
      size = 0;
      for (int i = 8; i < 16; ++i) size = (size << 8) | h[i];
    } else if (size == 0) {
      size = file_size - pos;
    }
    boxes.push_back(type);
    if (size < 8) break;
    pos += size;
  }
  return boxes;
}

std::vector<std::vector<int>> access_unit_nal_types(const fs::path& path) {
  TempDir dir("filmgen-annexb");
  const fs::path raw = dir / "video.h264";
  auto r = run_command("ffmpeg -nostdin -v error -i " + shell_quote(path.string()) +
                       " -map 0:v:0 -c copy -bsf:v h264_mp4toannexb -f h264 " +
                       shell_quote(raw.string()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string b = read_file(raw);
  // Split on start codes; an access unit delimiter is absent, so a new AU starts at each NAL
  // that begins a picture (a slice with first_mb_in_slice == 0) or at SEI/SPS/PPS before one.
  std::vector<int> nals;
  std::vector<size_t> starts;
  for (size_t i = 0; i + 3 < b.size(); ++i) {
    if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
      starts.push_back(i + 3);
      i += 2;
    }
  }
  std::vector<std::vector<int>> units;
  std::vector<int> current;
  bool current_has_slice = false;
  for (size_t s : starts) {
    const int type = static_cast<unsigned char>(b[s]) & 0x1f;
    const bool slice = type == 1 || type == 5;
    const bool first_mb_zero =
        slice && s + 1 < b.size() && (static_cast<unsigned char>(b[s + 1]) & 0x80);
    const bool begins_au =
        (slice && first_mb_zero) || type == 6 || type == 7 || type == 8 || type == 9;
    if (begins_au && current_has_slice) {
      units.push_back(current);
      current.clear();
      current_has_slice = false;
    }
    current.push_back(type);
    current_has_slice = current_has_slice || slice;
  }
  if (!current.empty()) units.push_back(current);
  return units;
}

}  // namespace filmgen::test
