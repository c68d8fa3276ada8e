// Fountain inline markup: emphasis (*italic*, **bold**, ***both***, _underline_), escapes and
// [[notes]]. Linear time; unmatched markers stay literal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "filmgen/screenplay.hpp"

namespace filmgen::story {

struct StyledText {
  std::string text;
  std::vector<EmphasisSpan> spans;
};

// Removes [[notes]] (appending their text to notes) and returns what is left.
std::string extract_notes(std::string_view raw, std::vector<std::string>& notes);

// Strips emphasis markers and backslash escapes; spans index the returned text.
StyledText strip_emphasis(std::string_view raw);

}  // namespace filmgen::story
