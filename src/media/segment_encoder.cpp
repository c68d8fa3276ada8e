// SegmentEncoder: BGR24 frames -> libx264 (through libavcodec) -> one MP4 segment.
extern "C" {
#include <libavutil/opt.h>
}

#include <algorithm>
#include <array>
#include <mutex>

#include "av_util.hpp"
#include "bgr_to_yuv.hpp"
#include "filmgen/error.hpp"
#include "filmgen/fs_util.hpp"
#include "filmgen/log.hpp"
#include "filmgen/media.hpp"

namespace filmgen::media {

using namespace detail;

namespace {
constexpr std::array<const char*, 10> kPresets = {"ultrafast", "superfast", "veryfast", "faster",
                                                  "fast",      "medium",    "slow",     "slower",
                                                  "veryslow",  "placebo"};
constexpr std::array<const char*, 8> kTunes = {"film", "animation", "grain",      "stillimage",
                                               "psnr", "ssim",      "fastdecode", "zerolatency"};

bool one_of(const std::string& s, const auto& list) {
  return std::any_of(list.begin(), list.end(), [&](const char* x) { return s == x; });
}

void validate(const VideoParams& p) {
  auto bad = [](const std::string& m) { throw Error(ErrorCode::kBadInput, "media", m); };
  if (p.width <= 0 || p.height <= 0)
    bad(fmt::format("video size {}x{} is invalid; expected positive width and height", p.width,
                    p.height));
  if (p.width % 2 || p.height % 2)
    bad(fmt::format("video size {}x{} has an odd side; yuv420p needs even width and height",
                    p.width, p.height));
  if (p.fps <= 0 || p.fps > 240) bad(fmt::format("fps {} is invalid; expected 1..240", p.fps));
  if (!one_of(p.x264_preset, kPresets))
    bad("x264 preset \"" + p.x264_preset + "\" is unknown; expected ultrafast..placebo");
  if (!p.x264_tune.empty() && !one_of(p.x264_tune, kTunes))
    bad("x264 tune \"" + p.x264_tune + "\" is unknown; expected film, animation, grain, ...");
  if (p.crf < 0 || p.crf > 51) bad(fmt::format("crf {} is invalid; expected 0..51", p.crf));
  if (p.threads < 1 || p.threads > 64)
    bad(
        fmt::format("threads {} is invalid; expected 1..64 (a fixed count: x264's output "
                    "depends on it)",
                    p.threads));
}

// Options that pin down the bitstream: closed GOPs, a bounded keyframe interval, frame
// threads as given, and x264's cpu-independent mode so SIMD choice cannot change the output.
std::string x264_params(const VideoParams& p) {
  const int keyint = keyframe_interval(p);
  return fmt::format(
      "keyint={}:min-keyint={}:scenecut=40:open-gop=0:threads={}:sliced-threads=0:"
      "cpu-independent=1:colorprim=bt709:transfer=bt709:colormatrix=bt709:range=tv",
      keyint, std::max(1, keyint / 10), p.threads);
}

const AVCodec* find_x264() {
  const AVCodec* codec = avcodec_find_encoder_by_name("libx264");
  if (!codec)
    throw Error(ErrorCode::kEnvironment, "media",
                "FFmpeg's libavcodec has no libx264 encoder; install Debian's libavcodec59 "
                "(scripts/setup.sh) and check `filmgen doctor`");
  return codec;
}
// x264 has no header here; its build number is read from the version SEI of a tiny encode.
std::string x264_version() {
  static std::once_flag once;
  static std::string version = "unknown";
  std::call_once(once, [] {
    install_log_bridge();
    try {
      const AVCodec* codec = find_x264();
      CodecContextPtr c(avcodec_alloc_context3(codec));
      c->width = c->height = 64;
      c->pix_fmt = AV_PIX_FMT_YUV420P;
      c->time_base = AVRational{1, 24};
      c->thread_count = 1;
      av_opt_set(c->priv_data, "preset", "ultrafast", 0);
      if (avcodec_open2(c.get(), codec, nullptr) < 0) return;
      FramePtr f = make_frame();
      f->format = AV_PIX_FMT_YUV420P;
      f->width = f->height = 64;
      if (av_frame_get_buffer(f.get(), 0) < 0) return;
      for (int p = 0; p < 3; ++p)
        std::fill_n(f->data[p], f->linesize[p] * (p ? 32 : 64), uint8_t{128});
      f->pts = 0;
      avcodec_send_frame(c.get(), f.get());
      avcodec_send_frame(c.get(), nullptr);
      PacketPtr pkt = make_packet();
      std::string bytes;
      while (avcodec_receive_packet(c.get(), pkt.get()) == 0) {
        bytes.append(reinterpret_cast<const char*>(pkt->data), pkt->size);
        av_packet_unref(pkt.get());
      }
      if (c->extradata)
        bytes.append(reinterpret_cast<const char*>(c->extradata), c->extradata_size);
      auto at = bytes.find("x264 - core ");
      if (at != std::string::npos) {
        auto end = bytes.find(' ', at + 12);
        version = bytes.substr(at + 12, end - (at + 12));
      }
    } catch (const Error&) {
    }
  });
  return version;
}
}  // namespace

int keyframe_interval(const VideoParams& params) {
  return std::max(1, 2 * params.fps);
}

std::string encoder_fingerprint(const VideoParams& p) {
  return fmt::format(
      "lavc {} x264 core {} | {}x{}@{} preset={} tune={} crf={} | {} | yuv420p "
      "bt709 tv (filmgen integer rgb->yuv v1) mp4-bitexact",
      fmt::format("{}.{}.{}", AV_VERSION_MAJOR(avcodec_version()),
                  AV_VERSION_MINOR(avcodec_version()), AV_VERSION_MICRO(avcodec_version())),
      x264_version(), p.width, p.height, p.fps, p.x264_preset,
      p.x264_tune.empty() ? "none" : p.x264_tune, p.crf, x264_params(p));
}

struct SegmentEncoder::Impl {
  VideoParams params;
  AtomicOutput out;  // declared before the muxer: the file is closed before it is removed
  OutputFormatPtr mux;
  CodecContextPtr enc;
  FramePtr frame;
  PacketPtr pkt;
  AVStream* stream = nullptr;
  int64_t frames = 0;
  bool finished = false;

  Impl(const fs::path& path, const VideoParams& p) : params(p), out(path) {}

  void drain() {
    while (true) {
      int ret = avcodec_receive_packet(enc.get(), pkt.get());
      if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF) return;
      check(ret, "encoding " + out.final_path().string());
      pkt->duration = 1;  // one frame in 1/fps; the mp4 muxer needs it for the last sample
      av_packet_rescale_ts(pkt.get(), enc->time_base, stream->time_base);
      pkt->stream_index = stream->index;
      check(av_interleaved_write_frame(mux.get(), pkt.get()),
            "writing " + out.temp_path().string());
    }
  }
};

SegmentEncoder::SegmentEncoder(const fs::path& out_path, const VideoParams& params) {
  install_log_bridge();
  validate(params);
  const AVCodec* codec = find_x264();
  impl_ = std::make_unique<Impl>(out_path, params);
  Impl& m = *impl_;
  const std::string temp = m.out.temp_path().string();

  AVFormatContext* raw = nullptr;
  check(avformat_alloc_output_context2(&raw, nullptr, "mp4", temp.c_str()),
        "creating the mp4 muxer");
  m.mux.reset(raw);
  m.mux->flags |= AVFMT_FLAG_BITEXACT;

  m.enc.reset(avcodec_alloc_context3(codec));
  if (!m.enc) throw Error(ErrorCode::kInternal, "media", "cannot allocate the x264 encoder");
  AVCodecContext* c = m.enc.get();
  c->width = params.width;
  c->height = params.height;
  c->pix_fmt = AV_PIX_FMT_YUV420P;
  c->time_base = AVRational{1, params.fps};
  c->framerate = AVRational{params.fps, 1};
  c->sample_aspect_ratio = AVRational{1, 1};
  c->gop_size = keyframe_interval(params);
  c->thread_count = params.threads;
  c->thread_type = FF_THREAD_FRAME;
  c->color_primaries = AVCOL_PRI_BT709;
  c->color_trc = AVCOL_TRC_BT709;
  c->colorspace = AVCOL_SPC_BT709;
  c->color_range = AVCOL_RANGE_MPEG;
  c->chroma_sample_location = AVCHROMA_LOC_LEFT;
  c->flags |= AV_CODEC_FLAG_BITEXACT | AV_CODEC_FLAG_CLOSED_GOP;
  if (m.mux->oformat->flags & AVFMT_GLOBALHEADER) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  check(av_opt_set(c->priv_data, "preset", params.x264_preset.c_str(), 0), "setting x264 preset");
  if (!params.x264_tune.empty())
    check(av_opt_set(c->priv_data, "tune", params.x264_tune.c_str(), 0), "setting x264 tune");
  check(av_opt_set_double(c->priv_data, "crf", params.crf, 0), "setting x264 crf");
  check(av_opt_set(c->priv_data, "x264-params", x264_params(params).c_str(), 0),
        "setting x264 params");
  int ret = avcodec_open2(c, codec, nullptr);
  if (ret < 0)
    throw Error(ErrorCode::kBadInput, "media",
                "libx264 rejected the encoder settings (" + encoder_fingerprint(params) +
                    "): " + av_error_text(ret));

  m.stream = avformat_new_stream(m.mux.get(), nullptr);
  if (!m.stream) throw Error(ErrorCode::kInternal, "media", "cannot add a video stream");
  m.stream->time_base = c->time_base;
  m.stream->avg_frame_rate = c->framerate;
  check(avcodec_parameters_from_context(m.stream->codecpar, c), "copying encoder parameters");

  check(avio_open(&m.mux->pb, temp.c_str(), AVIO_FLAG_WRITE), "opening " + temp);
  check(avformat_write_header(m.mux.get(), nullptr), "writing the header of " + temp);

  m.frame = make_frame();
  m.frame->format = AV_PIX_FMT_YUV420P;
  m.frame->width = params.width;
  m.frame->height = params.height;
  m.frame->color_primaries = AVCOL_PRI_BT709;
  m.frame->color_trc = AVCOL_TRC_BT709;
  m.frame->colorspace = AVCOL_SPC_BT709;
  m.frame->color_range = AVCOL_RANGE_MPEG;
  check(av_frame_get_buffer(m.frame.get(), 0), "allocating a frame");
  m.pkt = make_packet();
  log::debug("media: encoding {} ({})", out_path.string(), encoder_fingerprint(params));
}

SegmentEncoder::~SegmentEncoder() = default;

void SegmentEncoder::add_frame(const uint8_t* bgr, size_t stride) {
  Impl& m = *impl_;
  if (m.finished)
    throw Error(ErrorCode::kInternal, "media",
                "add_frame after finish on " + m.out.final_path().string());
  if (!bgr || stride < static_cast<size_t>(m.params.width) * 3)
    throw Error(ErrorCode::kInternal, "media",
                fmt::format("frame for {} has stride {} < {} bytes", m.out.final_path().string(),
                            stride, m.params.width * 3));
  check(av_frame_make_writable(m.frame.get()), "making a frame writable");
  detail::bgr_to_yuv420_bt709(bgr, stride, m.params.width, m.params.height, m.frame->data[0], m.frame->linesize[0],
                              m.frame->data[1], m.frame->linesize[1], m.frame->data[2], m.frame->linesize[2]);
  m.frame->pts = m.frames;
  m.frame->pict_type = AV_PICTURE_TYPE_NONE;
  check(avcodec_send_frame(m.enc.get(), m.frame.get()), "sending a frame to x264");
  ++m.frames;
  m.drain();
}

void SegmentEncoder::finish() {
  Impl& m = *impl_;
  if (m.finished) return;
  if (m.frames == 0)
    throw Error(ErrorCode::kBadInput, "media",
                m.out.final_path().string() + ": a segment needs at least one frame");
  check(avcodec_send_frame(m.enc.get(), nullptr), "flushing x264");
  m.drain();
  check(av_write_trailer(m.mux.get()), "finishing " + m.out.temp_path().string());
  check(avio_closep(&m.mux->pb), "closing " + m.out.temp_path().string());
  m.out.commit();
  m.finished = true;
}

int64_t SegmentEncoder::frames_written() const {
  return impl_->frames;
}

}  // namespace filmgen::media
