// decode_frames: chosen frames of a video, as BGR24, for tests and the continuity gate.
extern "C" {
#include <libavutil/imgutils.h>
}

#include <fmt/format.h>
#include <algorithm>

#include <map>

#include "av_util.hpp"
#include "filmgen/error.hpp"
#include "filmgen/media.hpp"

namespace filmgen::media {

using namespace detail;

std::vector<DecodedFrame> decode_frames(const fs::path& path, std::vector<int64_t> frame_indices) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw Error(ErrorCode::kBadInput, "media", path.string() + ": no such file");
  if (frame_indices.empty()) return {};
  for (int64_t i : frame_indices)
    if (i < 0)
      throw Error(ErrorCode::kBadInput, "media",
                  fmt::format("{}: frame index {} is negative", path.string(), i));

  InputFormatPtr in = open_input(path.string());
  const AVCodec* codec = nullptr;
  const int vi = av_find_best_stream(in.get(), AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
  if (vi < 0 || !codec)
    throw Error(ErrorCode::kBadInput, "media", path.string() + ": has no decodable video stream");
  for (unsigned i = 0; i < in->nb_streams; ++i)
    if (static_cast<int>(i) != vi) in->streams[i]->discard = AVDISCARD_ALL;

  CodecContextPtr dec(avcodec_alloc_context3(codec));
  check(avcodec_parameters_to_context(dec.get(), in->streams[vi]->codecpar), "decoder parameters");
  dec->thread_count = 2;  // H.264 decoding is bit-exact whatever the thread count
  check(avcodec_open2(dec.get(), codec, nullptr), "opening the decoder");

  const int64_t last_wanted = *std::max_element(frame_indices.begin(), frame_indices.end());
  std::map<int64_t, DecodedFrame> wanted;
  for (int64_t i : frame_indices) wanted.emplace(i, DecodedFrame{});

  FramePtr frame = make_frame();
  PacketPtr pkt = make_packet();
  SwsPtr sws;
  int sws_w = 0, sws_h = 0, sws_fmt = -1;
  int64_t index = 0;
  bool flushing = false;
  auto take_frames = [&] {
    while (true) {
      int ret = avcodec_receive_frame(dec.get(), frame.get());
      if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF) return ret == AVERROR_EOF;
      check(ret, "decoding " + path.string());
      auto it = wanted.find(index);
      if (it != wanted.end()) {
        if (!sws || sws_w != frame->width || sws_h != frame->height || sws_fmt != frame->format) {
          sws = make_converter(frame->width, frame->height,
                               static_cast<AVPixelFormat>(frame->format), AV_PIX_FMT_BGR24,
                               frame->colorspace, frame->color_range == AVCOL_RANGE_JPEG);
          sws_w = frame->width;
          sws_h = frame->height;
          sws_fmt = frame->format;
        }
        DecodedFrame& out = it->second;
        out.index = index;
        out.width = frame->width;
        out.height = frame->height;
        out.bgr.resize(static_cast<size_t>(frame->width) * frame->height * 3);
        uint8_t* dst[4] = {out.bgr.data(), nullptr, nullptr, nullptr};
        int dst_stride[4] = {frame->width * 3, 0, 0, 0};
        sws_scale(sws.get(), frame->data, frame->linesize, 0, frame->height, dst, dst_stride);
      }
      ++index;
      av_frame_unref(frame.get());
    }
  };

  bool done = false;
  while (!done && index <= last_wanted) {
    int ret = flushing ? 0 : av_read_frame(in.get(), pkt.get());
    if (!flushing && ret == AVERROR_EOF) {
      flushing = true;
      check(avcodec_send_packet(dec.get(), nullptr), "flushing the decoder");
    } else if (!flushing) {
      check(ret, "reading " + path.string());
      if (pkt->stream_index == vi) {
        ret = avcodec_send_packet(dec.get(), pkt.get());
        av_packet_unref(pkt.get());
        check(ret, "decoding " + path.string());
      } else {
        av_packet_unref(pkt.get());
      }
    }
    done = take_frames();
  }
  if (index <= last_wanted)
    throw Error(ErrorCode::kBadInput, "media",
                fmt::format("{}: frame {} was asked for but the video has {} frames", path.string(),
                            last_wanted, index));

  std::vector<DecodedFrame> result;
  result.reserve(frame_indices.size());
  for (int64_t i : frame_indices) result.push_back(wanted.at(i));
  return result;
}

}  // namespace filmgen::media
