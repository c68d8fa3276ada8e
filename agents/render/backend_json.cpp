#include "filmgen/backend.hpp"

using nlohmann::json;

namespace filmgen {

void to_json(json& j, const RenderJob& v) {
  j = {{"shot", v.shot},
       {"scene_id", v.scene_id},
       {"scene_heading", v.scene_heading},
       {"film_title", v.film_title},
       {"scene_cast", v.scene_cast},
       {"characters", v.characters},
       {"location", v.location},
       {"time_of_day", v.time_of_day},
       {"prompt", v.prompt},
       {"negative_prompt", v.negative_prompt},
       {"seed", v.seed},
       {"width", v.width},
       {"height", v.height},
       {"fps", v.fps},
       {"first_frame", v.first_frame},
       {"frame_count", v.frame_count},
       {"captions", v.captions},
       {"speech_envelope", v.speech_envelope},
       {"line_starts", v.line_starts},
       {"init_frame", v.init_frame},
       {"reference_frames", v.reference_frames}};
}

void from_json(const json& j, RenderJob& v) {
  j.at("shot").get_to(v.shot);
  j.at("scene_id").get_to(v.scene_id);
  j.at("scene_heading").get_to(v.scene_heading);
  j.at("film_title").get_to(v.film_title);
  j.at("scene_cast").get_to(v.scene_cast);
  j.at("characters").get_to(v.characters);
  j.at("location").get_to(v.location);
  j.at("time_of_day").get_to(v.time_of_day);
  j.at("prompt").get_to(v.prompt);
  j.at("negative_prompt").get_to(v.negative_prompt);
  j.at("seed").get_to(v.seed);
  j.at("width").get_to(v.width);
  j.at("height").get_to(v.height);
  j.at("fps").get_to(v.fps);
  j.at("first_frame").get_to(v.first_frame);
  j.at("frame_count").get_to(v.frame_count);
  j.at("captions").get_to(v.captions);
  j.at("speech_envelope").get_to(v.speech_envelope);
  j.at("line_starts").get_to(v.line_starts);
  j.at("init_frame").get_to(v.init_frame);
  j.at("reference_frames").get_to(v.reference_frames);
}

void to_json(json& j, const Box& v) { j = {v.x, v.y, v.w, v.h}; }
void from_json(const json& j, Box& v) {
  v.x = j.at(0);
  v.y = j.at(1);
  v.w = j.at(2);
  v.h = j.at(3);
}

void to_json(json& j, const FigureFact& v) {
  j = {{"character", v.character}, {"body", v.body}, {"face", v.face}, {"speaking", v.speaking}};
}
void from_json(const json& j, FigureFact& v) {
  j.at("character").get_to(v.character);
  j.at("body").get_to(v.body);
  j.at("face").get_to(v.face);
  j.at("speaking").get_to(v.speaking);
}

void to_json(json& j, const ShotFacts& v) {
  j = {{"backend", v.backend}, {"frames", v.frames}, {"width", v.width}, {"height", v.height}, {"figures", v.figures}};
}
void from_json(const json& j, ShotFacts& v) {
  j.at("backend").get_to(v.backend);
  j.at("frames").get_to(v.frames);
  j.at("width").get_to(v.width);
  j.at("height").get_to(v.height);
  j.at("figures").get_to(v.figures);
}

void to_json(json& j, const ShotClip& v) {
  j = {{"shot_id", v.shot_id}, {"segment", v.segment}, {"still", v.still}, {"frames", v.frames}, {"facts", v.facts}};
}
void from_json(const json& j, ShotClip& v) {
  j.at("shot_id").get_to(v.shot_id);
  j.at("segment").get_to(v.segment);
  j.at("still").get_to(v.still);
  j.at("frames").get_to(v.frames);
  j.at("facts").get_to(v.facts);
}

}  // namespace filmgen
