// Storyboards: a still of each shot, a contact sheet PNG and an HTML shot list.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "filmgen/backend.hpp"

namespace filmgen::render {

class PreviewBackend;

struct StoryboardPanel {
  std::string shot_id;
  std::string size;
  std::string scene_heading;
  std::string text;  // the first words of the dialogue or action
  double duration_s = 0;
  std::filesystem::path still;
};

// Renders the middle frame of the job's shot to a PNG.
void write_still(PreviewBackend& backend, const RenderJob& job, const std::filesystem::path& png);

StoryboardPanel make_panel(const RenderJob& job, const std::filesystem::path& still);

// The contact sheet (a grid of labelled stills) and an HTML page with every still beside its
// shot's details; the stills are copied next to the HTML. Files are written atomically.
void write_storyboard(const std::vector<StoryboardPanel>& panels, const std::string& title,
                      const std::filesystem::path& contact_sheet, const std::filesystem::path& html);

}  // namespace filmgen::render
