// Independent measurements for the audio tests: ffmpeg's ebur128 and astats filters.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace filmgen::test {

struct FfLoudness {
  double integrated_lufs = 0;
  double true_peak_dbfs = 0;
  bool ok = false;
  std::string log;
};

// ffmpeg -i file -af ebur128=peak=true: the summary's "I:" and true "Peak:".
FfLoudness ffmpeg_ebur128(const std::filesystem::path& file);

// ffmpeg -af [pre,]astats: name -> value ("RMS level dB", ...) from the "Overall" section,
// or channel 1 for values only given per channel ("Zero crossings rate").
std::map<std::string, double> ffmpeg_astats(const std::filesystem::path& file, const std::string& pre = "");

}  // namespace filmgen::test
