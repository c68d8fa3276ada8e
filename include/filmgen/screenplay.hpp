// The parsed screenplay: title page and a flat, ordered list of Fountain elements, each with
// its 1-based source line. Produced by story::parse_fountain / parse_prose (agents/story).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace filmgen {

inline constexpr int kScreenplaySchemaVersion = 1;

enum class ElementKind {
  kSceneHeading,
  kAction,
  kCharacter,
  kDialogue,
  kParenthetical,
  kLyrics,
  kTransition,
  kCentered,
  kSection,
  kSynopsis,
  kNote,
  kPageBreak,
};

// Which side of a dual-dialogue pair a character cue (and its dialogue) sits on.
enum class DualSide { kNone, kLeft, kRight };

// Style bits of an emphasis span.
enum EmphasisStyle : std::uint8_t { kItalic = 1, kBold = 2, kUnderline = 4 };

// [begin, end) byte offsets into Element::text that carry a style (markup removed from text).
struct EmphasisSpan {
  int begin = 0;
  int end = 0;
  std::uint8_t style = 0;  // EmphasisStyle bits
  bool operator==(const EmphasisSpan&) const = default;
};

struct Element {
  ElementKind kind = ElementKind::kAction;
  std::string text;  // plain text: emphasis markup, escapes, notes and `!`/`@`/`.` forcing removed
  int line = 0;      // 1-based line in the source file where the element starts
  std::vector<EmphasisSpan> emphasis;
  std::vector<std::string> notes;  // inline [[notes]] that were removed from text
  bool forced = false;             // forced with `.`, `!`, `@`, `>`
  // Character cues: name without extensions, extensions ("V.O.", "CONT'D"), dual side.
  std::string name;
  std::vector<std::string> extensions;
  DualSide dual = DualSide::kNone;  // also set on the dialogue/parenthetical of a dual cue
  std::string scene_number;         // scene headings: "1A" from `#1A#`
  int depth = 0;                    // sections: number of `#`
  bool operator==(const Element&) const = default;
};

struct TitleEntry {
  std::string key;    // as written, e.g. "Draft date"
  std::string value;  // lines joined with '\n', emphasis markup removed
  int line = 0;
  bool operator==(const TitleEntry&) const = default;
};

// Text hidden in /* boneyard */ comments, kept for round-trips but never planned.
struct Boneyard {
  std::string text;
  int line = 0;
  bool operator==(const Boneyard&) const = default;
};

struct Screenplay {
  int schema_version = kScreenplaySchemaVersion;
  std::string source_file;  // file name as given to the parser
  std::string format;       // "fountain" or "prose"
  std::vector<TitleEntry> title_page;
  std::vector<Element> elements;
  std::vector<Boneyard> boneyard;

  // The "Title" entry (lines joined by a space), or "" when there is none.
  std::string title() const;
  bool operator==(const Screenplay&) const = default;
};

const char* to_string(ElementKind kind);
// Throws std::invalid_argument for an unknown name.
ElementKind element_kind_from_string(const std::string& name);

void to_json(nlohmann::json& j, const EmphasisSpan& s);
void from_json(const nlohmann::json& j, EmphasisSpan& s);
void to_json(nlohmann::json& j, const Element& e);
void from_json(const nlohmann::json& j, Element& e);
void to_json(nlohmann::json& j, const TitleEntry& t);
void from_json(const nlohmann::json& j, TitleEntry& t);
void to_json(nlohmann::json& j, const Boneyard& b);
void from_json(const nlohmann::json& j, Boneyard& b);
void to_json(nlohmann::json& j, const Screenplay& s);
void from_json(const nlohmann::json& j, Screenplay& s);

}  // namespace filmgen
