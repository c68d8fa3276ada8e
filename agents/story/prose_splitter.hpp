// Prose fallback: plain text (a story, a treatment) split into scenes and spoken lines.
// Entry point: story::parse_prose in include/filmgen/story.hpp.
#pragma once

#include <string_view>

namespace filmgen::story {

// True for a single-line paragraph that reads as a chapter heading ("Chapter 2", "PART ONE",
// "II.", "# The Storm", "Prologue").
bool is_chapter_heading(std::string_view line);

}  // namespace filmgen::story
