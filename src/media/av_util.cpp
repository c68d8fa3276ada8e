// libav plumbing shared by the media library.
#include "av_util.hpp"

extern "C" {
#include <libavutil/error.h>
#include <libavutil/log.h>
#include <libavutil/pixdesc.h>
}

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "filmgen/error.hpp"
#include "filmgen/log.hpp"

namespace filmgen::media::detail {

FramePtr make_frame() {
  FramePtr f(av_frame_alloc());
  if (!f) throw Error(ErrorCode::kInternal, "media", "out of memory allocating a frame");
  return f;
}

PacketPtr make_packet() {
  PacketPtr p(av_packet_alloc());
  if (!p) throw Error(ErrorCode::kInternal, "media", "out of memory allocating a packet");
  return p;
}

std::string av_error_text(int err) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(err, buf, sizeof(buf));
  return buf;
}

int check(int ret, const std::string& what) {
  if (ret < 0) throw Error(ErrorCode::kInternal, "media", what + ": " + av_error_text(ret));
  return ret;
}

namespace {
void log_callback(void* avcl, int level, const char* fmt, va_list vl) {
  if (level > AV_LOG_INFO) return;
  const bool is_error = level <= AV_LOG_ERROR;
  if (!log::enabled(is_error ? log::Level::kWarn : log::Level::kDebug)) return;
  // libav emits lines in pieces; keep a per-thread partial line.
  thread_local std::string pending;
  thread_local int print_prefix = 1;
  char line[1024];
  av_log_format_line2(avcl, level, fmt, vl, line, sizeof(line), &print_prefix);
  pending += line;
  if (pending.empty() || pending.back() != '\n') return;
  pending.pop_back();
  if (is_error)
    log::warn("libav: {}", pending);
  else
    log::debug("libav: {}", pending);
  pending.clear();
}
}  // namespace

void install_log_bridge() {
  static std::once_flag once;
  std::call_once(once, [] { av_log_set_callback(log_callback); });
}

InputFormatPtr open_input(const std::string& path) {
  install_log_bridge();
  AVFormatContext* raw = nullptr;
  int ret = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
  if (ret < 0)
    throw Error(ErrorCode::kBadInput, "media", path + ": cannot open: " + av_error_text(ret));
  InputFormatPtr ctx(raw);
  ret = avformat_find_stream_info(ctx.get(), nullptr);
  if (ret < 0)
    throw Error(ErrorCode::kBadInput, "media",
                path + ": cannot read stream info: " + av_error_text(ret));
  return ctx;
}

std::string iso639_2(const std::string& language) {
  std::string l = language;
  std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return std::tolower(c); });
  static const std::map<std::string, std::string> two_to_three = {
      {"ar", "ara"}, {"cs", "ces"}, {"da", "dan"}, {"de", "deu"}, {"el", "ell"}, {"en", "eng"},
      {"es", "spa"}, {"fi", "fin"}, {"fr", "fra"}, {"he", "heb"}, {"hi", "hin"}, {"hu", "hun"},
      {"id", "ind"}, {"it", "ita"}, {"ja", "jpn"}, {"ko", "kor"}, {"nl", "nld"}, {"no", "nor"},
      {"pl", "pol"}, {"pt", "por"}, {"ro", "ron"}, {"ru", "rus"}, {"sv", "swe"}, {"th", "tha"},
      {"tr", "tur"}, {"uk", "ukr"}, {"vi", "vie"}, {"zh", "zho"}};
  const bool letters =
      !l.empty() && std::all_of(l.begin(), l.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (letters && l.size() == 3) return l;
  if (letters && l.size() == 2) {
    auto it = two_to_three.find(l);
    if (it != two_to_three.end()) return it->second;
  }
  throw Error(ErrorCode::kBadInput, "media",
              "language \"" + language +
                  "\" is not supported; expected an ISO 639-2 code such as \"eng\" (or a common "
                  "ISO 639-1 code such as \"en\")");
}

SwsPtr make_converter(int width, int height, AVPixelFormat src, AVPixelFormat dst,
                      AVColorSpace yuv_colorspace, bool full_range_yuv) {
  SwsPtr sws(sws_getContext(
      width, height, src, width, height, dst,
      SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT | SWS_FULL_CHR_H_INP | SWS_BITEXACT,
      nullptr, nullptr, nullptr));
  if (!sws)
    throw Error(ErrorCode::kInternal, "media",
                fmt::format("cannot convert {} to {} at {}x{}", av_get_pix_fmt_name(src),
                            av_get_pix_fmt_name(dst), width, height));
  auto is_yuv = [](AVPixelFormat f) {
    const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(f);
    return d && !(d->flags & AV_PIX_FMT_FLAG_RGB) && d->nb_components >= 3;
  };
  const int cs = (yuv_colorspace == AVCOL_SPC_BT470BG || yuv_colorspace == AVCOL_SPC_SMPTE170M)
                     ? SWS_CS_ITU601
                     : SWS_CS_ITU709;
  const int* coeffs = sws_getCoefficients(cs);
  const int yuv_range = full_range_yuv ? 1 : 0;
  const int src_range = is_yuv(src) ? yuv_range : 1;
  const int dst_range = is_yuv(dst) ? yuv_range : 1;
  check(sws_setColorspaceDetails(sws.get(), coeffs, src_range, coeffs, dst_range, 0, 1 << 16,
                                 1 << 16),
        "setting colour conversion details");
  return sws;
}

}  // namespace filmgen::media::detail
