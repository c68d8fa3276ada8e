// Reading a piece of script text the way a director would: emotional intensity, physical
// effects on screen, camera cues and emotions. Pure functions over words; deterministic.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "filmgen/plan.hpp"

namespace filmgen::story {

// 0..1 from punctuation, shouted words, a lexicon of charged words and the parentheticals.
double emotional_intensity(std::string_view text, std::string_view parentheticals);

// Physical phenomena the shot must render (water, rain, fire, smoke, fight, crowd, ...).
PhysicsFlags detect_physics(std::string_view text);

// Camera move suggested by the action words, physics and intensity.
CameraMove suggest_camera(std::string_view text, const PhysicsFlags& physics, double intensity);

// Emotion labels found in a line ("anger", "joy", "fear", "sadness", "surprise").
std::vector<std::string> detect_emotions(std::string_view text, std::string_view parentheticals);

// Transition named by a Fountain transition ("SMASH CUT TO:" -> kSmashCut).
Transition transition_from_text(std::string_view text);

// True for parentheticals that stop the speech: (beat), (pause), (a long silence).
bool is_pause_parenthetical(std::string_view parenthetical);

// True for extensions that put the speaker off screen: V.O., O.S., O.C., OFF, PRE-LAP.
bool is_off_screen(const std::vector<std::string>& extensions);

}  // namespace filmgen::story
