// Reports what the sound stages need: espeak-ng and its voices, FluidSynth and a General
// MIDI soundfont, libebur128.
#include <ebur128.h>
#include <espeak-ng/speak_lib.h>
#include <fluidsynth.h>
#include <fmt/format.h>

#include "audio_assets.hpp"
#include "filmgen/doctor.hpp"

namespace filmgen::audio {

namespace {
DependencyCheck probe_espeak() {
  // Initialise without audio output; only synthesis to memory is used.
  int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
  if (rate <= 0)
    return {"sound", "espeak-ng voices", "not loadable", false, true,
            "espeak-ng could not load its data; install espeak-ng-data (scripts/setup.sh)"};
  const espeak_VOICE** voices = espeak_ListVoices(nullptr);
  int count = 0;
  bool english = false;
  for (; voices && voices[count]; ++count) {
    std::string lang = voices[count]->languages ? voices[count]->languages + 1 : "";
    english = english || lang.rfind("en", 0) == 0;
  }
  const char* version = espeak_Info(nullptr);
  return {"sound", "espeak-ng voices", fmt::format("{}, {} voices", version ? version : "?", count),
          english, true, english ? "" : "no English voice found; install espeak-ng-data"};
}
}  // namespace

std::vector<DependencyCheck> probe_dependencies() {
  std::vector<DependencyCheck> checks;
  checks.push_back(probe_espeak());
  checks.push_back({"sound", "FluidSynth", fluid_version_str(), true, true, ""});
  auto sf = soundfont_path();
  bool sf_ok = sf && fluid_is_soundfont(sf->c_str());
  checks.push_back({"sound", "General MIDI soundfont", sf ? sf->string() : "missing", sf_ok, true,
                    sf_ok ? "" : "install fluid-soundfont-gm (scripts/setup.sh)"});
  int major = 0, minor = 0, patch = 0;
  ebur128_get_version(&major, &minor, &patch);
  checks.push_back({"sound", "libebur128", fmt::format("{}.{}.{}", major, minor, patch), true, true, ""});
  return checks;
}

}  // namespace filmgen::audio
