// The sound half of the pipeline: voice stems per line, measured timing, lip sync for the
// picture, a score cue per scene, the mix and the subtitles, each stage through the runner.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "filmgen/audio.hpp"
#include "filmgen/pipeline.hpp"
#include "filmgen/plan.hpp"
#include "job_builder.hpp"

namespace filmgen::pipeline {

struct VoiceStems {
  std::map<audio::LineKey, audio::LineTiming> measured;
  std::map<audio::LineKey, std::filesystem::path> wav;
  std::map<audio::LineKey, std::string> hash;  // stage output hashes, for the mix's key
};

// Speaks every line of the plan with its character's voice (one cached stage per line, keyed
// by what is said and how, so editing one line synthesises one line). `texts` replaces the
// lines' text (a translation) and `language` the voice's language when given.
VoiceStems synthesize_voices(const FilmPlan& plan, Runner& runner, const std::string& language = "",
                             const std::map<audio::LineKey, std::string>* texts = nullptr);

// Each shot's start in the film from the cut (a shot cut into by a dissolve starts inside it).
std::map<std::string, double> shot_starts(const std::vector<router::CutPiece>& cut, int fps);

// Gives every job of the cut its lines' start times and the speaker loudness per frame.
void attach_lip_sync(std::vector<router::CutPiece>& cut, const std::vector<audio::PlacedLine>& placed,
                     const std::map<std::string, double>& starts, const VoiceStems& voices, int fps);

struct SoundtrackRequest {
  const FilmPlan* plan = nullptr;
  std::vector<router::CutPiece> const* cut = nullptr;
  int fps = 24;
  uint64_t seed = 1;
  bool music = true;
  std::string language = "eng";  // ISO 639-2 for the audio and subtitle tracks
  std::string title = "English";
};

struct Soundtrack {
  audio::Pcm mix;
  audio::MixResult facts;
  std::vector<audio::Cue> cues;
};

// Scores every scene (one cached cue per scene) and mixes it under the placed dialogue.
Soundtrack make_soundtrack(const SoundtrackRequest& request, const std::vector<audio::PlacedLine>& placed,
                           const VoiceStems& voices, Runner& runner);

}  // namespace filmgen::pipeline
