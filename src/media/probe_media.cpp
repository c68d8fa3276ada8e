// probe_media: container facts for the pipeline's own sanity checks.
#include "av_util.hpp"
#include "filmgen/error.hpp"
#include "filmgen/media.hpp"

namespace filmgen::media {

using namespace detail;

namespace {
std::string type_name(AVMediaType t) {
  const char* s = av_get_media_type_string(t);
  return s ? s : "unknown";
}
}  // namespace

MediaInfo probe_media(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw Error(ErrorCode::kBadInput, "media", path.string() + ": no such file");
  InputFormatPtr in = open_input(path.string());
  MediaInfo info;
  if (in->duration != AV_NOPTS_VALUE) info.duration_s = in->duration / double(AV_TIME_BASE);
  info.chapters = static_cast<int>(in->nb_chapters);
  const AVDictionaryEntry* e = nullptr;
  while ((e = av_dict_get(in->metadata, "", e, AV_DICT_IGNORE_SUFFIX)))
    info.metadata[e->key] = e->value;

  bool need_count = false;
  for (unsigned i = 0; i < in->nb_streams; ++i) {
    const AVStream* st = in->streams[i];
    const AVCodecParameters* par = st->codecpar;
    StreamInfo s;
    s.type = type_name(par->codec_type);
    s.codec = avcodec_get_name(par->codec_id);
    if (const AVDictionaryEntry* lang = av_dict_get(st->metadata, "language", nullptr, 0))
      s.language = lang->value;
    s.width = par->width;
    s.height = par->height;
    if (st->avg_frame_rate.num > 0 && st->avg_frame_rate.den > 0)
      s.fps = av_q2d(st->avg_frame_rate);
    else if (st->r_frame_rate.num > 0 && st->r_frame_rate.den > 0)
      s.fps = av_q2d(st->r_frame_rate);
    s.frames = st->nb_frames;
    s.sample_rate = par->sample_rate;
    s.channels = par->ch_layout.nb_channels;
    need_count = need_count || s.frames <= 0;
    info.streams.push_back(s);
  }
  if (need_count) {
    std::vector<int64_t> counts(in->nb_streams, 0);
    PacketPtr pkt = make_packet();
    while (av_read_frame(in.get(), pkt.get()) >= 0) {
      ++counts[pkt->stream_index];
      av_packet_unref(pkt.get());
    }
    for (unsigned i = 0; i < in->nb_streams; ++i)
      if (info.streams[i].frames <= 0) info.streams[i].frames = counts[i];
  }
  return info;
}

}  // namespace filmgen::media
