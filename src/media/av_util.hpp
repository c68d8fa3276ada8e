// Internal to src/media: unique_ptr owners for libav handles, error mapping, log bridging.
#pragma once

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>
#include <libswscale/swscale.h>
}

#include <memory>
#include <string>

namespace filmgen::media::detail {

struct InputFormatDeleter {
  void operator()(AVFormatContext* c) const { avformat_close_input(&c); }
};
// Closes the file (if the muxer opened one) and frees the context; no trailer is written.
struct OutputFormatDeleter {
  void operator()(AVFormatContext* c) const {
    if (c->pb && !(c->oformat->flags & AVFMT_NOFILE)) avio_closep(&c->pb);
    avformat_free_context(c);
  }
};
struct CodecContextDeleter {
  void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameDeleter {
  void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketDeleter {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct SwsDeleter {
  void operator()(SwsContext* s) const { sws_freeContext(s); }
};

using InputFormatPtr = std::unique_ptr<AVFormatContext, InputFormatDeleter>;
using OutputFormatPtr = std::unique_ptr<AVFormatContext, OutputFormatDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwsPtr = std::unique_ptr<SwsContext, SwsDeleter>;

FramePtr make_frame();
PacketPtr make_packet();

std::string av_error_text(int err);

// Throws Error{kInternal, "media"} "<what>: <libav message>" when ret < 0; returns ret.
int check(int ret, const std::string& what);

// Routes libav's log lines to filmgen::log (once per process; idempotent).
void install_log_bridge();

// Opens a file for demuxing with stream info; Error{kBadInput} naming it when it cannot.
InputFormatPtr open_input(const std::string& path);

// "en" -> "eng"; 3-letter codes pass through lowercased; Error{kBadInput} otherwise.
std::string iso639_2(const std::string& language);

// A same-size sws converter between src and dst formats. The YUV side uses the BT.709 matrix
// (BT.601 when yuv_colorspace says so) and its limited range unless full_range_yuv; the RGB
// side is full range. Bit-exact rounding, so results do not depend on the CPU.
SwsPtr make_converter(int width, int height, AVPixelFormat src, AVPixelFormat dst,
                      AVColorSpace yuv_colorspace = AVCOL_SPC_BT709, bool full_range_yuv = false);

}  // namespace filmgen::media::detail
