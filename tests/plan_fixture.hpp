// A film plan (with bibles) from script text, for tests of the stages after planning.
#pragma once

#include <string>

#include "filmgen/bible_builder.hpp"
#include "filmgen/story.hpp"

namespace filmgen::test {

inline FilmPlan plan_text(const std::string& text) {
  auto screenplay = story::parse_script(text, "test.fountain");
  auto plan = story::plan_film(screenplay);
  bible::attach_bibles(plan, screenplay);
  return plan;
}

}  // namespace filmgen::test
