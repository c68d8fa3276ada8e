// Reports the FFmpeg libraries and the codecs the export needs.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <fmt/format.h>

#include "filmgen/doctor.hpp"

namespace filmgen::media {

namespace {
std::string version_string(unsigned v) {
  return fmt::format("{}.{}.{}", AV_VERSION_MAJOR(v), AV_VERSION_MINOR(v), AV_VERSION_MICRO(v));
}

DependencyCheck encoder_check(const char* codec_name, const char* what) {
  const AVCodec* codec = avcodec_find_encoder_by_name(codec_name);
  return {"media",
          what,
          codec ? codec->long_name : "missing",
          codec != nullptr,
          true,
          codec ? ""
                : fmt::format(
                      "FFmpeg has no {} encoder; install Debian's libavcodec59 (scripts/setup.sh)",
                      codec_name)};
}
}  // namespace

std::vector<DependencyCheck> probe_dependencies() {
  std::vector<DependencyCheck> checks;
  checks.push_back({"media", "libavformat", version_string(avformat_version()), true, true, ""});
  checks.push_back({"media", "libavcodec", version_string(avcodec_version()), true, true, ""});
  checks.push_back({"media", "libswscale", version_string(swscale_version()), true, true, ""});
  checks.push_back(
      {"media", "libswresample", version_string(swresample_version()), true, true, ""});
  checks.push_back(encoder_check("libx264", "H.264 encoder (libx264)"));
  checks.push_back(encoder_check("aac", "AAC encoder"));
  checks.push_back(encoder_check("mov_text", "mov_text subtitle encoder"));
  const AVOutputFormat* mp4 = av_guess_format("mp4", nullptr, nullptr);
  checks.push_back({"media", "MP4 muxer", mp4 ? mp4->long_name : "missing", mp4 != nullptr, true,
                    mp4 ? "" : "FFmpeg has no mp4 muxer"});
  return checks;
}

}  // namespace filmgen::media
