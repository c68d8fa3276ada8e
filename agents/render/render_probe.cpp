// Reports what the picture stages need: OpenCV, its face cascades, a font, libcurl.
#include <curl/curl.h>
#include <fmt/format.h>

#include <filesystem>
#include <opencv2/core/version.hpp>
#include <opencv2/objdetect.hpp>

#include "filmgen/doctor.hpp"
#include "render_assets.hpp"

namespace filmgen::render {

std::vector<DependencyCheck> probe_dependencies() {
  std::vector<DependencyCheck> checks;
  checks.push_back({"picture", "OpenCV", CV_VERSION, true, true, ""});

  auto cascade = face_cascade_path();
  bool cascade_ok = false;
  if (cascade) {
    cv::CascadeClassifier classifier;
    cascade_ok = classifier.load(cascade->string());
  }
  checks.push_back({"picture", "face cascade (opencv-data)", cascade ? cascade->string() : "missing",
                    cascade_ok, false,
                    cascade_ok ? "" : "install opencv-data (scripts/setup.sh); the continuity gate needs it"});

  auto font = font_path();
  checks.push_back({"picture", "font (DejaVu Sans)", font ? font->string() : "missing", font.has_value(),
                    false, font ? "" : "install fonts-dejavu-core; titles fall back to OpenCV's Hershey font"});

  curl_version_info_data* curl = curl_version_info(CURLVERSION_NOW);
  bool https = false;
  for (const char* const* p = curl->protocols; p && *p; ++p) https = https || std::string(*p) == "https";
  checks.push_back({"remote", "libcurl", fmt::format("{}{}", curl->version, https ? " (https)" : ""),
                    https, false, https ? "" : "libcurl without https; remote backends are unavailable"});
  return checks;
}

}  // namespace filmgen::render
