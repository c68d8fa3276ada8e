// Character bible: who each speaking character is, looks like, wears and sounds like.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "filmgen/bible.hpp"
#include "filmgen/plan.hpp"
#include "filmgen/screenplay.hpp"

namespace filmgen::bible {

// Appearance read from a description ("(40s), tall and wiry, grey beard"); fields the text
// does not give stay empty. gender_hint is extra text (the surrounding sentences) for pronouns.
Appearance appearance_from_description(std::string_view description, std::string_view gender_hint);

// Fills every empty appearance field with a default hashed from the name, recording the field
// in appearance.defaults. taken_looks: "hair|build" of characters already assigned, so the
// defaults of a new one differ from theirs.
void fill_default_appearance(Appearance& a, const std::string& name,
                             const std::set<std::string>& taken_looks);

// One entry per speaking character of the plan, in order of first appearance.
std::vector<CharacterBible> build_characters(const Screenplay& screenplay, const FilmPlan& plan);

}  // namespace filmgen::bible
