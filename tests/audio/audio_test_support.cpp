#include "audio_test_support.hpp"

#include <cstdlib>
#include <sstream>

#include "test_support.hpp"

namespace filmgen::test {

namespace {
double number_after(const std::string& text, size_t at) {
  return std::strtod(text.c_str() + text.find_first_of("-0123456789", at), nullptr);
}
}  // namespace

FfLoudness ffmpeg_ebur128(const std::filesystem::path& file) {
  FfLoudness r;
  auto res = run_command("ffmpeg -hide_banner -nostats -i '" + file.string() +
                         "' -af ebur128=peak=true -f null - 2>&1");
  r.log = res.out + res.err;
  const size_t summary = r.log.rfind("Summary:");
  if (res.exit_code != 0 || summary == std::string::npos) return r;
  const size_t i = r.log.find("I:", summary);
  const size_t tp = r.log.find("True peak:", summary);
  const size_t p = tp == std::string::npos ? tp : r.log.find("Peak:", tp);
  if (i == std::string::npos || p == std::string::npos) return r;
  r.integrated_lufs = number_after(r.log, i + 2);
  r.true_peak_dbfs = number_after(r.log, p + 5);
  r.ok = true;
  return r;
}

std::map<std::string, double> ffmpeg_astats(const std::filesystem::path& file, const std::string& pre) {
  auto res = run_command("ffmpeg -hide_banner -nostats -i '" + file.string() + "' -af '" +
                         (pre.empty() ? "" : pre + ",") + "astats' -f null - 2>&1");
  std::map<std::string, double> out;
  std::istringstream in(res.out + res.err);
  std::string line;
  bool overall = false;
  while (std::getline(in, line)) {
    if (line.find("Overall") != std::string::npos) overall = true;
    const size_t bracket = line.find("] ");
    const size_t colon = line.rfind(": ");
    if (bracket == std::string::npos || colon == std::string::npos || colon < bracket) continue;
    const std::string name = line.substr(bracket + 2, colon - bracket - 2);
    const std::string value = line.substr(colon + 2);
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    // Channel 1's values first; the "Overall" section's replace them.
    if (end != value.c_str() && (overall || !out.count(name))) out[name] = v;
  }
  return out;
}

}  // namespace filmgen::test
