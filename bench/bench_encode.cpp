// x264 segment encode speed (BGR24 -> yuv420p -> libx264 -> MP4) per quality tier, with the
// tier presets at 2 threads. Frames are synthetic (gradient, moving shapes, light texture),
// generated before timing.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "filmgen/media.hpp"

namespace fs = std::filesystem;

namespace {
std::vector<uint8_t> frame(int w, int h, int t) {
  std::vector<uint8_t> f(static_cast<size_t>(w) * h * 3);
  const int r = h / 6, cx = (w / 4 + 9 * t) % w, cy = h / 2 + (t * 5) % (h / 4);
  uint32_t noise = 2463534242u + t;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      noise ^= noise << 13, noise ^= noise >> 17, noise ^= noise << 5;
      uint8_t* p = &f[(static_cast<size_t>(y) * w + x) * 3];
      const int dx = x - cx, dy = y - cy;
      const int n = static_cast<int>(noise & 3);
      if (dx * dx + dy * dy < r * r) {
        p[0] = 60 + n, p[1] = 90 + n, p[2] = 200 + n;
      } else {
        p[0] = static_cast<uint8_t>(80 + (x * 120 / w) + n);
        p[1] = static_cast<uint8_t>(60 + (y * 100 / h) + n);
        p[2] = static_cast<uint8_t>(40 + ((x + y + 2 * t) % 97) + n);
      }
    }
  }
  return f;
}
}  // namespace

int main(int argc, char** argv) {
  const int frames = argc > 1 ? std::stoi(argv[1]) : 96;
  struct Tier {
    const char* name;
    int w, h;
    const char* preset;
    int crf;
  };
  const Tier tiers[] = {{"draft", 854, 480, "veryfast", 26},
                        {"standard", 1280, 720, "faster", 22},
                        {"final", 1920, 1080, "medium", 19}};
  const fs::path dir = fs::temp_directory_path() / fmt::format("filmgen-bench-encode-{}", getpid());
  fs::create_directories(dir);
  fmt::print("{} frames per tier, 24 fps, threads 2, tune film\n", frames);
  fmt::print("{:<9} {:>10} {:>9} {:>4} {:>8} {:>9} {:>8} {:>9}\n", "tier", "size", "preset", "crf",
             "frames", "seconds", "fps", "kbit/s");
  for (const Tier& t : tiers) {
    // 24 distinct frames cycled, so memory stays small at 1080p.
    std::vector<std::vector<uint8_t>> src;
    for (int i = 0; i < 24; ++i) src.push_back(frame(t.w, t.h, i));
    filmgen::media::VideoParams vp{t.w, t.h, 24, t.preset, t.crf};
    const fs::path out = dir / fmt::format("{}.mp4", t.name);
    const auto t0 = std::chrono::steady_clock::now();
    filmgen::media::SegmentEncoder enc(out, vp);
    for (int i = 0; i < frames; ++i)
      enc.add_frame(src[i % 24].data(), static_cast<size_t>(t.w) * 3);
    enc.finish();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double kbps = fs::file_size(out) * 8.0 / 1000.0 / (frames / 24.0);
    fmt::print("{:<9} {:>10} {:>9} {:>4} {:>8} {:>9.2f} {:>8.1f} {:>9.0f}\n", t.name,
               fmt::format("{}x{}", t.w, t.h), t.preset, t.crf, frames, s, frames / s, kbps);
  }
  fs::remove_all(dir);
  return 0;
}
