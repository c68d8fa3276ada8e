#include "job_builder.hpp"

#include <algorithm>
#include <cmath>

#include "filmgen/hash.hpp"

namespace filmgen::router {

namespace {

const CharacterBible* find_character(const FilmPlan& plan, const std::string& name) {
  for (const auto& c : plan.characters)
    if (c.name == name) return &c;
  return nullptr;
}

const LocationBible* find_location(const FilmPlan& plan, const Scene& scene) {
  for (const auto& l : plan.locations)
    if (l.id == scene.location_id || l.name == scene.location) return &l;
  return nullptr;
}

std::string describe(const CharacterBible& c, const std::string& scene_id) {
  const auto& a = c.appearance;
  std::string out = c.name + ": ";
  auto add = [&](const std::string& part) {
    if (!part.empty()) out += (out.back() == ' ' ? "" : ", ") + part;
  };
  add(a.gender == "unspecified" ? "" : a.gender);
  add(a.age_range.empty() ? "" : "in their " + a.age_range);
  add(a.build);
  add(a.hair.empty() ? "" : a.hair + " hair");
  add(a.skin.empty() ? "" : a.skin + " skin");
  add(a.face);
  auto outfit = c.wardrobe.scenes.find(scene_id);
  add(outfit != c.wardrobe.scenes.end() ? "wearing " + outfit->second
                                        : (c.wardrobe.base.empty() ? "" : "wearing " + c.wardrobe.base));
  return out;
}

// Only what the picture depends on: a line edited elsewhere in the script must not change
// this job (and so its cache key).
CharacterBible for_picture(const CharacterBible& c, const std::string& scene_id) {
  CharacterBible out;
  out.id = c.id;
  out.name = c.name;
  out.description = c.description;
  out.appearance = c.appearance;
  out.wardrobe.base = c.wardrobe.base;
  if (auto it = c.wardrobe.scenes.find(scene_id); it != c.wardrobe.scenes.end()) out.wardrobe.scenes[it->first] = it->second;
  out.reference_frames = c.reference_frames;
  return out;
}

LocationBible for_picture(const LocationBible& l) {
  LocationBible out = l;
  out.scenes.clear();
  return out;
}

RenderJob make_job(const FilmPlan& plan, const Scene& scene, const Shot& shot, const JobOptions& o) {
  RenderJob job;
  job.shot = shot;
  job.shot.source_line = 0;
  job.scene_id = scene.id;
  job.scene_heading = scene.heading;
  job.scene_cast = scene.characters;
  std::vector<CharacterBible> on_screen;
  for (const auto& name : scene.characters)
    if (const auto* c = find_character(plan, name)) job.characters.push_back(for_picture(*c, scene.id));
  for (const auto& name : shot.characters)
    if (const auto* c = find_character(plan, name)) {
      on_screen.push_back(for_picture(*c, scene.id));
      if (std::find(scene.characters.begin(), scene.characters.end(), name) == scene.characters.end())
        job.characters.push_back(on_screen.back());
    }
  if (const auto* l = find_location(plan, scene)) job.location = for_picture(*l);
  job.time_of_day = scene.time_of_day;
  job.prompt = assemble_prompt(shot, scene, on_screen, job.location);
  job.negative_prompt = negative_prompt();
  auto override = o.seed_overrides.find(shot.id);
  job.seed = shot_seed(override != o.seed_overrides.end() ? override->second : o.seed, shot.id);
  job.width = o.width;
  job.height = o.height;
  job.fps = o.fps;
  job.frame_count = std::max(1, static_cast<int>(std::lround(shot.duration_s * o.fps)));
  job.captions = o.captions;
  return job;
}

bool dissolves(const Shot& a, const Shot& b) {
  return a.transition_out == Transition::kDissolve || b.transition_in == Transition::kDissolve;
}

}  // namespace

uint64_t shot_seed(uint64_t film_seed, const std::string& shot_id) {
  std::string h = hash_bytes(std::to_string(film_seed) + "/" + shot_id);
  return std::stoull(h.substr(0, 15), nullptr, 16);
}

std::string negative_prompt() {
  return "blurry, deformed face, extra limbs, extra fingers, text, watermark, logo, changed wardrobe, "
         "different hairstyle, inconsistent lighting, flicker";
}

std::string assemble_prompt(const Shot& shot, const Scene& scene, const std::vector<CharacterBible>& on_screen,
                            const LocationBible& location) {
  std::string p = std::string(to_string(shot.size)) + " shot, " + std::string(to_string(shot.camera)) + " camera. ";
  p += (location.interior ? "Interior, " : "Exterior, ") + (location.name.empty() ? scene.location : location.name);
  p += ", " + (scene.time_of_day.empty() ? std::string("day") : scene.time_of_day);
  for (const auto& l : location.lighting)
    if (l.time_of_day == scene.time_of_day) {
      p += ", " + std::to_string(l.kelvin) + "K key light";
      break;
    }
  if (!location.camera_style.empty()) p += ", " + location.camera_style;
  p += ".";
  for (const auto& c : on_screen) p += " " + describe(c, scene.id) + ".";
  if (!shot.action.empty()) p += " Action: " + shot.action;
  if (!shot.speaker.empty()) p += " " + shot.speaker + " speaks" + (shot.parenthetical.empty() ? "" : " " + shot.parenthetical) + ".";
  if (shot.physics.any()) p += " Effects: " + nlohmann::json(shot.physics).dump() + ".";
  p += " Emotional intensity " + std::to_string(static_cast<int>(std::lround(shot.emotional_intensity * 100))) + "%.";
  return p;
}

std::vector<CutPiece> build_cut(const FilmPlan& plan, const JobOptions& o) {
  std::vector<CutPiece> cut;
  if (o.title_card_s > 0 && !plan.title.empty() && !plan.scenes.empty()) {
    Shot title;
    title.id = "S00.01";
    title.kind = ShotKind::kTitleCard;
    title.size = ShotSize::kELS;
    title.action = plan.title;
    title.duration_s = o.title_card_s;
    title.transition_in = Transition::kFadeIn;
    title.transition_out = Transition::kFadeOut;
    Scene none;
    none.id = plan.scenes.front().id;
    RenderJob job = make_job(plan, none, title, o);
    job.film_title = plan.title;  // only here: a changed title re-renders the title card alone
    job.characters.clear();
    cut.push_back({CutPiece::Kind::kShot, none.id, job, {}});
  }
  for (const auto& scene : plan.scenes)
    for (const auto& shot : scene.shots) cut.push_back({CutPiece::Kind::kShot, scene.id, make_job(plan, scene, shot, o), {}});

  // Dissolves take half their frames from each side of the cut.
  std::vector<CutPiece> out;
  for (size_t i = 0; i < cut.size(); ++i) {
    out.push_back(cut[i]);
    if (i + 1 == cut.size() || !dissolves(cut[i].job.shot, cut[i + 1].job.shot)) continue;
    RenderJob& a = out.back().job;
    RenderJob& b = cut[i + 1].job;
    const int k = std::min({static_cast<int>(std::lround(o.dissolve_s * o.fps)), a.frame_count / 2, b.frame_count / 2}) / 2 * 2;
    if (k < 2) continue;
    const int half = k / 2;
    CutPiece piece{CutPiece::Kind::kDissolve, cut[i + 1].scene_id, a, b};
    piece.job.first_frame = a.first_frame + a.frame_count - half;
    piece.job.frame_count = k;
    piece.to.first_frame = -half;
    piece.to.frame_count = k;
    a.frame_count -= half;
    b.first_frame += half;
    b.frame_count -= half;
    out.push_back(piece);
  }
  return out;
}

}  // namespace filmgen::router
