#include "bgr_to_yuv.hpp"


namespace filmgen::media::detail {

namespace {
// Y' = 16 + 219/255 (0.2126 R + 0.7152 G + 0.0722 B); Cb, Cr = 128 + 224/255 (...) per
// ITU-R BT.709, in 16-bit fixed point.
constexpr int32_t kYR = 11966, kYG = 40254, kYB = 4064;
constexpr int32_t kUR = -6597, kUG = -22187, kUB = 28784;
constexpr int32_t kVR = 28784, kVG = -26148, kVB = -2637;

inline uint8_t clamp_byte(int32_t v) { return static_cast<uint8_t>(v < 0 ? 0 : (v > 255 ? 255 : v)); }
}  // namespace

// Plain loops over rows, so the compiler vectorises them (this file is built with -O3).
void bgr_to_yuv420_bt709(const uint8_t* bgr, size_t bgr_stride, int width, int height, uint8_t* y, int y_stride,
                         uint8_t* u, int u_stride, uint8_t* v, int v_stride) {
  for (int row = 0; row < height; ++row) {
    const uint8_t* p = bgr + static_cast<size_t>(row) * bgr_stride;
    uint8_t* out = y + static_cast<ptrdiff_t>(row) * y_stride;
    for (int col = 0; col < width; ++col) {
      const int32_t b = p[3 * col], g = p[3 * col + 1], r = p[3 * col + 2];
      out[col] = static_cast<uint8_t>((kYR * r + kYG * g + kYB * b + (16 << 16) + (1 << 15)) >> 16);
    }
  }
  for (int row = 0; row < height; row += 2) {
    const uint8_t* a = bgr + static_cast<size_t>(row) * bgr_stride;
    const uint8_t* b = a + bgr_stride;
    uint8_t* u_row = u + static_cast<ptrdiff_t>(row / 2) * u_stride;
    uint8_t* v_row = v + static_cast<ptrdiff_t>(row / 2) * v_stride;
    for (int c = 0; c < width / 2; ++c) {
      const int i = 6 * c;
      // Sums of the 2x2 block: shift by two more bits below.
      const int32_t bs = a[i] + a[i + 3] + b[i] + b[i + 3];
      const int32_t gs = a[i + 1] + a[i + 4] + b[i + 1] + b[i + 4];
      const int32_t rs = a[i + 2] + a[i + 5] + b[i + 2] + b[i + 5];
      u_row[c] = clamp_byte((kUR * rs + kUG * gs + kUB * bs + (128 << 18) + (1 << 17)) >> 18);
      v_row[c] = clamp_byte((kVR * rs + kVG * gs + kVB * bs + (128 << 18) + (1 << 17)) >> 18);
    }
  }
}

}  // namespace filmgen::media::detail
