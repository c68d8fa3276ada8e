// concat_segments: shot segments joined by remux, plus AAC audio, mov_text subtitles,
// chapters and tags, into one MP4.
extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/mem.h>
}

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <set>

#include "av_util.hpp"
#include "filmgen/error.hpp"
#include "filmgen/fs_util.hpp"
#include "filmgen/log.hpp"
#include "filmgen/media.hpp"

namespace filmgen::media {

using namespace detail;

namespace {

[[noreturn]] void bad_input(const std::string& message) {
  throw Error(ErrorCode::kBadInput, "media", message);
}

// One producer of packets for one output stream, in decode order.
class Source {
 public:
  virtual ~Source() = default;
  // Fills pkt with the next packet, timestamps in the output stream's time base.
  virtual bool next(AVPacket* pkt) = 0;
  AVStream* out = nullptr;
};

bool same_stream_header(const AVCodecParameters* a, const AVCodecParameters* b) {
  return a->codec_id == b->codec_id && a->width == b->width && a->height == b->height &&
         a->format == b->format && a->extradata_size == b->extradata_size &&
         (a->extradata_size == 0 ||
          std::memcmp(a->extradata, b->extradata, a->extradata_size) == 0);
}

class VideoSource : public Source {
 public:
  explicit VideoSource(const std::vector<fs::path>& segments) : segments_(segments) {
    if (segments_.empty()) bad_input("concat needs at least one segment");
    open(0);
    reference_ = avcodec_parameters_alloc();
    check(avcodec_parameters_copy(reference_, in_stream()->codecpar), "copying stream header");
    reference_rate_ = in_stream()->avg_frame_rate;
  }
  ~VideoSource() override { avcodec_parameters_free(&reference_); }

  const AVCodecParameters* reference() const { return reference_; }
  AVStream* in_stream() const { return input_->streams[stream_index_]; }
  AVRational frame_rate() const { return reference_rate_; }

  bool next(AVPacket* pkt) override {
    while (true) {
      if (!input_) {
        if (++index_ >= segments_.size()) return false;
        open(index_);
        const AVStream* s = in_stream();
        if (!same_stream_header(reference_, s->codecpar) ||
            av_cmp_q(s->avg_frame_rate, reference_rate_) != 0)
          bad_input(segments_[index_].string() +
                    ": its H.264 stream header (size, rate or "
                    "encoder settings) differs from " +
                    segments_[0].string() +
                    "; every segment of a film must be encoded with the same VideoParams");
      }
      int ret = av_read_frame(input_.get(), pkt);
      if (ret == AVERROR_EOF) {
        input_.reset();
        continue;
      }
      if (ret < 0) bad_input(segments_[index_].string() + ": cannot read: " + av_error_text(ret));
      if (pkt->stream_index != stream_index_) {
        av_packet_unref(pkt);
        continue;
      }
      if (pkt->pts == AV_NOPTS_VALUE || pkt->dts == AV_NOPTS_VALUE)
        bad_input(segments_[index_].string() + ": a packet has no timestamp");
      av_packet_rescale_ts(pkt, in_stream()->time_base, out->time_base);
      if (first_in_segment_) {
        if (!(pkt->flags & AV_PKT_FLAG_KEY))
          bad_input(segments_[index_].string() + ": does not start with a keyframe");
        // The first packet (an IDR) has the segment's lowest pts. A segment too short for
        // B-frames has a smaller reorder delay than the stream header declares; its decode
        // times move earlier by the difference so they continue those of the segment before.
        const int64_t tick = av_rescale_q(1, av_inv_q(reference_rate_), out->time_base);
        const int64_t delay = std::max(0, reference_->video_delay) * tick;
        const int64_t own_delay = pkt->pts - pkt->dts;
        if (own_delay < 0 || own_delay > delay)
          bad_input(
              fmt::format("{}: its first frame is decoded {} ticks before it is shown; "
                          "expected 0..{}",
                          segments_[index_].string(), own_delay, delay));
        shift_ = end_ - pkt->pts;
        dts_shift_ = shift_ - (delay - own_delay);
        first_in_segment_ = false;
      }
      pkt->pts += shift_;
      pkt->dts += dts_shift_;
      if (pkt->dts <= last_dts_)
        throw Error(ErrorCode::kInternal, "media",
                    segments_[index_].string() +
                        ": decode timestamps would go backwards at the "
                        "join; its reorder delay differs from the segment before it");
      last_dts_ = pkt->dts;
      end_ = std::max(end_, pkt->pts + pkt->duration);
      pkt->stream_index = out->index;
      pkt->pos = -1;
      return true;
    }
  }

 private:
  void open(size_t i) {
    index_ = i;
    std::error_code ec;
    if (!fs::is_regular_file(segments_[i], ec))
      bad_input(segments_[i].string() + ": segment file does not exist");
    input_ = open_input(segments_[i].string());
    int found = -1;
    for (unsigned s = 0; s < input_->nb_streams; ++s) {
      if (input_->streams[s]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO) {
        if (found >= 0) bad_input(segments_[i].string() + ": more than one video stream");
        found = static_cast<int>(s);
      }
    }
    if (found < 0 || input_->streams[found]->codecpar->codec_id != AV_CODEC_ID_H264)
      bad_input(segments_[i].string() + ": has no H.264 video stream");
    stream_index_ = found;
    first_in_segment_ = true;
  }

  const std::vector<fs::path>& segments_;
  size_t index_ = 0;
  InputFormatPtr input_;
  int stream_index_ = -1;
  AVCodecParameters* reference_ = nullptr;
  AVRational reference_rate_{0, 1};
  bool first_in_segment_ = true;
  int64_t shift_ = 0, dts_shift_ = 0, end_ = 0, last_dts_ = INT64_MIN;
};

class AudioSource : public Source {
 public:
  explicit AudioSource(const AudioTrackInput& in) : in_(in) {
    if (in.channels < 1 || in.channels > 8)
      bad_input(
          fmt::format("audio track ({}): {} channels; expected 1..8", in.language, in.channels));
    if (in.samples.empty() || in.samples.size() % in.channels != 0)
      bad_input(
          fmt::format("audio track ({}): {} samples is not a positive multiple of {} "
                      "channels",
                      in.language, in.samples.size(), in.channels));
    const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_AAC);
    if (!codec)
      throw Error(ErrorCode::kEnvironment, "media", "FFmpeg's libavcodec has no AAC encoder");
    enc_.reset(avcodec_alloc_context3(codec));
    AVCodecContext* c = enc_.get();
    c->sample_fmt = AV_SAMPLE_FMT_FLTP;
    c->sample_rate = in.sample_rate;
    av_channel_layout_default(&c->ch_layout, in.channels);
    c->bit_rate = in.bitrate;
    c->time_base = AVRational{1, in.sample_rate};
    c->flags |= AV_CODEC_FLAG_BITEXACT | AV_CODEC_FLAG_GLOBAL_HEADER;
    int ret = avcodec_open2(c, codec, nullptr);
    if (ret < 0)
      bad_input(
          fmt::format("audio track ({}): the AAC encoder rejected {} Hz, {} channels, {} "
                      "bit/s: {}",
                      in.language, in.sample_rate, in.channels, in.bitrate, av_error_text(ret)));
    frame_ = make_frame();
    total_ = static_cast<int64_t>(in.samples.size()) / in.channels;
  }

  AVCodecContext* encoder() const { return enc_.get(); }

  bool next(AVPacket* pkt) override {
    while (true) {
      int ret = avcodec_receive_packet(enc_.get(), pkt);
      if (ret == 0) {
        av_packet_rescale_ts(pkt, enc_->time_base, out->time_base);
        pkt->stream_index = out->index;
        return true;
      }
      if (ret == AVERROR_EOF) return false;
      if (ret != AVERROR(EAGAIN)) check(ret, "encoding AAC");
      if (pos_ < total_) {
        send_frame();
      } else {
        check(avcodec_send_frame(enc_.get(), nullptr), "flushing the AAC encoder");
      }
    }
  }

 private:
  void send_frame() {
    const int n = static_cast<int>(std::min<int64_t>(enc_->frame_size, total_ - pos_));
    av_frame_unref(frame_.get());
    frame_->format = AV_SAMPLE_FMT_FLTP;
    frame_->sample_rate = enc_->sample_rate;
    frame_->nb_samples = n;
    check(av_channel_layout_copy(&frame_->ch_layout, &enc_->ch_layout), "channel layout");
    check(av_frame_get_buffer(frame_.get(), 0), "allocating an audio frame");
    const int ch = in_.channels;
    const float* src = in_.samples.data() + pos_ * ch;
    for (int c = 0; c < ch; ++c) {
      float* dst = reinterpret_cast<float*>(frame_->extended_data[c]);
      for (int i = 0; i < n; ++i) dst[i] = std::clamp(src[i * ch + c], -1.0f, 1.0f);
    }
    frame_->pts = pos_;
    pos_ += n;
    check(avcodec_send_frame(enc_.get(), frame_.get()), "sending audio to the AAC encoder");
  }

  const AudioTrackInput& in_;
  CodecContextPtr enc_;
  FramePtr frame_;
  int64_t pos_ = 0, total_ = 0;
};

// The default ASS header libavcodec's text decoders produce; mov_text's encoder needs one.
constexpr const char* kAssHeader =
    "[Script Info]\r\nScriptType: v4.00+\r\nPlayResX: 384\r\nPlayResY: 288\r\n"
    "ScaledBorderAndShadow: yes\r\n\r\n[V4+ Styles]\r\n"
    "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, "
    "BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, "
    "BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\r\n"
    "Style: Default,Arial,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,1\r\n"
    "\r\n[Events]\r\n"
    "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\r\n";

std::string ass_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n')
      out += "\\N";
    else if (c == '\r')
      continue;
    else if (c == '{')
      out += '(';  // '{' would open an ASS override block
    else if (c == '}')
      out += ')';
    else
      out += c;
  }
  return out;
}

class SubtitleSource : public Source {
 public:
  explicit SubtitleSource(const SubtitleTrackInput& in) {
    const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_MOV_TEXT);
    if (!codec)
      throw Error(ErrorCode::kEnvironment, "media", "FFmpeg's libavcodec has no mov_text encoder");
    enc_.reset(avcodec_alloc_context3(codec));
    AVCodecContext* c = enc_.get();
    c->time_base = AVRational{1, 1000};
    const size_t header_size = std::strlen(kAssHeader);
    c->subtitle_header = static_cast<uint8_t*>(av_mallocz(header_size + 1));
    std::memcpy(c->subtitle_header, kAssHeader, header_size);
    c->subtitle_header_size = static_cast<int>(header_size);
    c->flags |= AV_CODEC_FLAG_BITEXACT;
    check(avcodec_open2(c, codec, nullptr), "opening the mov_text encoder");

    int64_t last_end = 0;
    std::vector<uint8_t> buf(1 << 16);
    for (size_t i = 0; i < in.cues.size(); ++i) {
      const SubtitleCue& cue = in.cues[i];
      const int64_t start = std::llround(cue.start_s * 1000), end = std::llround(cue.end_s * 1000);
      if (start < 0 || end <= start || start < last_end)
        bad_input(
            fmt::format("subtitle track ({}) cue {} ({:.3f}-{:.3f} s): expected a start "
                        ">= 0 and >= the previous cue's end, and an end after the start",
                        in.language, i + 1, cue.start_s, cue.end_s));
      last_end = end;
      if (cue.text.empty()) continue;
      std::string line = "0,0,Default,,0,0,0,," + ass_text(cue.text);
      AVSubtitleRect rect{};
      rect.type = SUBTITLE_ASS;
      rect.ass = line.data();
      AVSubtitleRect* rects[] = {&rect};
      AVSubtitle sub{};
      sub.format = 1;
      sub.start_display_time = 0;
      sub.end_display_time = static_cast<uint32_t>(end - start);
      sub.num_rects = 1;
      sub.rects = rects;
      sub.pts = av_rescale_q(start, c->time_base, AV_TIME_BASE_Q);
      int size = avcodec_encode_subtitle(c, buf.data(), static_cast<int>(buf.size()), &sub);
      if (size < 0)
        bad_input(fmt::format("subtitle track ({}) cue {}: cannot encode: {}", in.language, i + 1,
                              av_error_text(size)));
      PacketPtr pkt = make_packet();
      check(av_new_packet(pkt.get(), size), "allocating a subtitle packet");
      std::memcpy(pkt->data, buf.data(), size);
      pkt->pts = pkt->dts = start;
      pkt->duration = end - start;
      pkt->flags |= AV_PKT_FLAG_KEY;
      packets_.push_back(std::move(pkt));
    }
  }

  AVCodecContext* encoder() const { return enc_.get(); }

  bool next(AVPacket* pkt) override {
    if (next_ >= packets_.size()) return false;
    av_packet_move_ref(pkt, packets_[next_++].get());
    av_packet_rescale_ts(pkt, enc_->time_base, out->time_base);
    pkt->stream_index = out->index;
    return true;
  }

 private:
  CodecContextPtr enc_;
  std::vector<PacketPtr> packets_;
  size_t next_ = 0;
};

// Keys the mp4 muxer writes as iTunes atoms; any other key needs mdta keys.
bool all_itunes_keys(const std::map<std::string, std::string>& metadata) {
  static const std::set<std::string> known = {
      "title",       "artist",   "author", "album_artist", "composer", "album",
      "date",        "comment",  "genre",  "copyright",    "grouping", "lyrics",
      "description", "synopsis", "show",   "episode_id",   "network",  "keywords"};
  return std::all_of(metadata.begin(), metadata.end(),
                     [](const auto& kv) { return known.count(kv.first) > 0; });
}

void add_chapters(AVFormatContext* oc, const std::vector<Chapter>& chapters) {
  for (size_t i = 0; i < chapters.size(); ++i) {
    const Chapter& ch = chapters[i];
    const int64_t start = std::llround(ch.start_s * 1000), end = std::llround(ch.end_s * 1000);
    if (start < 0 || end <= start)
      bad_input(fmt::format("chapter {} \"{}\" ({:.3f}-{:.3f} s): expected 0 <= start < end", i + 1,
                            ch.title, ch.start_s, ch.end_s));
    auto* c = static_cast<AVChapter*>(av_mallocz(sizeof(AVChapter)));
    if (!c) throw Error(ErrorCode::kInternal, "media", "out of memory adding a chapter");
    c->id = static_cast<int64_t>(i) + 1;
    c->time_base = AVRational{1, 1000};
    c->start = start;
    c->end = end;
    av_dict_set(&c->metadata, "title", ch.title.c_str(), 0);
    auto* grown = static_cast<AVChapter**>(
        av_realloc_array(oc->chapters, oc->nb_chapters + 1, sizeof(AVChapter*)));
    if (!grown) {
      av_dict_free(&c->metadata);
      av_free(c);
      throw Error(ErrorCode::kInternal, "media", "out of memory adding a chapter");
    }
    oc->chapters = grown;
    oc->chapters[oc->nb_chapters++] = c;
  }
}

AVStream* new_stream(AVFormatContext* oc) {
  AVStream* st = avformat_new_stream(oc, nullptr);
  if (!st) throw Error(ErrorCode::kInternal, "media", "cannot add a stream");
  return st;
}

void set_track_tags(AVStream* st, const std::string& language, const std::string& title) {
  av_dict_set(&st->metadata, "language", iso639_2(language).c_str(), 0);
  if (!title.empty()) av_dict_set(&st->metadata, "handler_name", title.c_str(), 0);
}

}  // namespace

void concat_segments(const std::vector<fs::path>& segments, const fs::path& out_mp4,
                     const ConcatOptions& options) {
  install_log_bridge();
  std::vector<std::unique_ptr<Source>> sources;
  auto video = std::make_unique<VideoSource>(segments);
  VideoSource& v = *video;
  sources.push_back(std::move(video));
  for (const auto& a : options.audio_tracks) sources.push_back(std::make_unique<AudioSource>(a));
  for (const auto& s : options.subtitle_tracks)
    sources.push_back(std::make_unique<SubtitleSource>(s));

  AtomicOutput out(out_mp4);
  const std::string temp = out.temp_path().string();
  AVFormatContext* raw = nullptr;
  check(avformat_alloc_output_context2(&raw, nullptr, "mp4", temp.c_str()),
        "creating the mp4 muxer");
  OutputFormatPtr oc(raw);
  oc->flags |= AVFMT_FLAG_BITEXACT;

  AVStream* vs = new_stream(oc.get());
  check(avcodec_parameters_copy(vs->codecpar, v.reference()), "copying the video header");
  vs->codecpar->codec_tag = 0;
  vs->time_base = v.in_stream()->time_base;
  vs->avg_frame_rate = v.frame_rate();
  vs->disposition = AV_DISPOSITION_DEFAULT;
  v.out = vs;

  size_t next = 1;
  for (size_t i = 0; i < options.audio_tracks.size(); ++i, ++next) {
    auto& src = static_cast<AudioSource&>(*sources[next]);
    AVStream* st = new_stream(oc.get());
    check(avcodec_parameters_from_context(st->codecpar, src.encoder()), "audio parameters");
    st->time_base = src.encoder()->time_base;
    st->disposition = i == 0 ? AV_DISPOSITION_DEFAULT : 0;
    set_track_tags(st, options.audio_tracks[i].language, options.audio_tracks[i].title);
    src.out = st;
  }
  for (size_t i = 0; i < options.subtitle_tracks.size(); ++i, ++next) {
    auto& src = static_cast<SubtitleSource&>(*sources[next]);
    AVStream* st = new_stream(oc.get());
    check(avcodec_parameters_from_context(st->codecpar, src.encoder()), "subtitle parameters");
    st->time_base = src.encoder()->time_base;
    st->disposition = 0;
    set_track_tags(st, options.subtitle_tracks[i].language, options.subtitle_tracks[i].title);
    src.out = st;
  }

  add_chapters(oc.get(), options.chapters);
  for (const auto& [key, value] : options.metadata)
    av_dict_set(&oc->metadata, key.c_str(), value.c_str(), 0);

  std::string movflags;
  if (options.faststart) movflags += "+faststart";
  if (!all_itunes_keys(options.metadata)) movflags += "+use_metadata_tags";
  AVDictionary* mux_opts = nullptr;
  if (!movflags.empty()) av_dict_set(&mux_opts, "movflags", movflags.c_str(), 0);

  check(avio_open(&oc->pb, temp.c_str(), AVIO_FLAG_WRITE), "opening " + temp);
  int ret = avformat_write_header(oc.get(), &mux_opts);
  av_dict_free(&mux_opts);
  check(ret, "writing the header of " + temp);

  // Merge the sources by decode time so the file is interleaved.
  std::vector<PacketPtr> pending;
  std::vector<bool> has;
  for (auto& s : sources) {
    pending.push_back(make_packet());
    has.push_back(s->next(pending.back().get()));
  }
  int64_t video_packets = 0;
  while (true) {
    int pick = -1;
    for (size_t i = 0; i < sources.size(); ++i) {
      if (!has[i]) continue;
      if (pick < 0 || av_compare_ts(pending[i]->dts, sources[i]->out->time_base, pending[pick]->dts,
                                    sources[pick]->out->time_base) < 0)
        pick = static_cast<int>(i);
    }
    if (pick < 0) break;
    if (pick == 0) ++video_packets;
    check(av_interleaved_write_frame(oc.get(), pending[pick].get()), "writing " + temp);
    has[pick] = sources[pick]->next(pending[pick].get());
  }
  check(av_write_trailer(oc.get()), "finishing " + temp);
  check(avio_closep(&oc->pb), "closing " + temp);
  oc.reset();
  out.commit();
  log::debug("media: joined {} segments ({} video packets) into {}", segments.size(), video_packets,
             out_mp4.string());
}

}  // namespace filmgen::media
