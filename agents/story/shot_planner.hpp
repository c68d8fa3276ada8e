// Shot planner internals shared with the bibles: finding known characters in action text.
// The entry point is story::plan_film in include/filmgen/story.hpp.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace filmgen::story {

// Finds mentions of known characters in text: "Brick and Steel" -> BRICK, STEEL. A mention is
// the name's words in order, any case, starting with a capital letter.
class CharacterMatcher {
 public:
  explicit CharacterMatcher(const std::vector<std::string>& canonical_names);
  // Names found in text, in order of first mention, without duplicates.
  std::vector<std::string> find(std::string_view text) const;
  // Byte offset of the first mention of name in text (npos if none); end receives its end.
  std::size_t first_mention(std::string_view text, const std::string& name, std::size_t* end) const;

 private:
  struct Entry {
    std::string name;
    std::vector<std::string> words;  // lower case
  };
  std::unordered_map<std::string, std::vector<Entry>> by_first_word_;
};

}  // namespace filmgen::story
