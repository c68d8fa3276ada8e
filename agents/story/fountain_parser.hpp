// Fountain (fountain.io) parser internals: source lines, title page, blocks, and elements.
// The public entry points are in include/filmgen/story.hpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace filmgen::story {

// Source text split into lines: BOM removed, CRLF/CR normalised, invalid UTF-8 replaced,
// /* boneyard */ cut out (lines that held only boneyard are marked removed).
struct SourceLines {
  std::vector<std::string> lines;
  std::vector<bool> removed;
  std::vector<std::pair<std::string, int>> boneyard;  // text, 1-based line
};
SourceLines split_source(std::string_view text);

// A parsed character cue line: "@McCoy (V.O.) ^" -> {"McCoy", {"V.O."}, dual, forced}.
struct Cue {
  bool ok = false;
  std::string name;
  std::vector<std::string> extensions;
  bool dual = false;
  bool forced = false;
};
// Recognises a character cue by the Fountain rules (upper case, or forced with `@`).
Cue parse_cue(std::string_view line);

}  // namespace filmgen::story
