// From plan to render jobs: one job per shot with its bible entries, prompt, seed and frame
// range, a title card from the title page, and dissolves as pieces of their own.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "filmgen/backend.hpp"
#include "filmgen/plan.hpp"

namespace filmgen::router {

struct JobOptions {
  int width = 1280;
  int height = 720;
  int fps = 24;
  uint64_t seed = 1;
  std::map<std::string, uint64_t> seed_overrides;  // shot id -> seed for that shot alone
  bool captions = false;
  double title_card_s = 3.0;  // 0: no title card
  double dissolve_s = 1.0;    // longest dissolve; shorter when the shots are short
};

// A piece of the cut: a shot, or the dissolve between two shots (job blends into to).
struct CutPiece {
  enum class Kind { kShot, kDissolve };
  Kind kind = Kind::kShot;
  std::string scene_id;
  RenderJob job;
  RenderJob to;  // kDissolve only
  std::string id() const { return kind == Kind::kShot ? job.shot.id : job.shot.id + ">" + to.shot.id; }
};

// The whole film in order. Frame counts are rounded per shot, so editing one shot never
// changes another shot's job.
std::vector<CutPiece> build_cut(const FilmPlan& plan, const JobOptions& options);

// Each shot's seed depends on the film's seed and the shot's id only.
uint64_t shot_seed(uint64_t film_seed, const std::string& shot_id);

// The text prompt for generative backends, from the bible entries of what is on screen.
std::string assemble_prompt(const Shot& shot, const Scene& scene, const std::vector<CharacterBible>& on_screen,
                            const LocationBible& location);
std::string negative_prompt();

}  // namespace filmgen::router
