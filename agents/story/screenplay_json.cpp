// JSON for the Screenplay types (include/filmgen/screenplay.hpp).
#include <array>
#include <stdexcept>

#include "filmgen/screenplay.hpp"

namespace filmgen {

namespace {
constexpr std::array<const char*, 12> kKindNames = {
    "scene_heading", "action",  "character", "dialogue", "parenthetical", "lyrics",
    "transition",    "centered", "section",  "synopsis", "note",          "page_break"};
}  // namespace

const char* to_string(ElementKind kind) { return kKindNames[static_cast<int>(kind)]; }

ElementKind element_kind_from_string(const std::string& name) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i)
    if (name == kKindNames[i]) return static_cast<ElementKind>(i);
  throw std::invalid_argument("unknown screenplay element kind '" + name + "'");
}

void to_json(nlohmann::json& j, const EmphasisSpan& s) {
  std::string style;
  if (s.style & kBold) style += "bold";
  if (s.style & kItalic) style += style.empty() ? "italic" : "+italic";
  if (s.style & kUnderline) style += style.empty() ? "underline" : "+underline";
  j = {{"begin", s.begin}, {"end", s.end}, {"style", style}};
}

void from_json(const nlohmann::json& j, EmphasisSpan& s) {
  s.begin = j.at("begin").get<int>();
  s.end = j.at("end").get<int>();
  const auto style = j.at("style").get<std::string>();
  s.style = 0;
  if (style.find("bold") != std::string::npos) s.style |= kBold;
  if (style.find("italic") != std::string::npos) s.style |= kItalic;
  if (style.find("underline") != std::string::npos) s.style |= kUnderline;
}

void to_json(nlohmann::json& j, const Element& e) {
  j = {{"kind", to_string(e.kind)}, {"line", e.line}, {"text", e.text}};
  if (!e.emphasis.empty()) j["emphasis"] = e.emphasis;
  if (!e.notes.empty()) j["notes"] = e.notes;
  if (e.forced) j["forced"] = true;
  if (!e.name.empty()) j["name"] = e.name;
  if (!e.extensions.empty()) j["extensions"] = e.extensions;
  if (e.dual != DualSide::kNone) j["dual"] = e.dual == DualSide::kLeft ? "left" : "right";
  if (!e.scene_number.empty()) j["scene_number"] = e.scene_number;
  if (e.depth) j["depth"] = e.depth;
}

void from_json(const nlohmann::json& j, Element& e) {
  e = Element{};
  e.kind = element_kind_from_string(j.at("kind").get<std::string>());
  e.line = j.at("line").get<int>();
  e.text = j.at("text").get<std::string>();
  e.emphasis = j.value("emphasis", std::vector<EmphasisSpan>{});
  e.notes = j.value("notes", std::vector<std::string>{});
  e.forced = j.value("forced", false);
  e.name = j.value("name", "");
  e.extensions = j.value("extensions", std::vector<std::string>{});
  const std::string dual = j.value("dual", "");
  e.dual = dual == "left" ? DualSide::kLeft : dual == "right" ? DualSide::kRight : DualSide::kNone;
  e.scene_number = j.value("scene_number", "");
  e.depth = j.value("depth", 0);
}

void to_json(nlohmann::json& j, const TitleEntry& t) {
  j = {{"key", t.key}, {"value", t.value}, {"line", t.line}};
}
void from_json(const nlohmann::json& j, TitleEntry& t) {
  t.key = j.at("key").get<std::string>();
  t.value = j.at("value").get<std::string>();
  t.line = j.value("line", 0);
}

void to_json(nlohmann::json& j, const Boneyard& b) { j = {{"text", b.text}, {"line", b.line}}; }
void from_json(const nlohmann::json& j, Boneyard& b) {
  b.text = j.at("text").get<std::string>();
  b.line = j.value("line", 0);
}

void to_json(nlohmann::json& j, const Screenplay& s) {
  j = {{"schema", "filmgen.screenplay"},
       {"schema_version", s.schema_version},
       {"source_file", s.source_file},
       {"format", s.format},
       {"title", s.title()},
       {"title_page", s.title_page},
       {"elements", s.elements},
       {"boneyard", s.boneyard}};
}

void from_json(const nlohmann::json& j, Screenplay& s) {
  s = Screenplay{};
  s.schema_version = j.value("schema_version", kScreenplaySchemaVersion);
  if (s.schema_version > kScreenplaySchemaVersion)
    throw std::invalid_argument("screenplay schema_version " + std::to_string(s.schema_version) +
                                " is newer than this filmgen (" +
                                std::to_string(kScreenplaySchemaVersion) + ")");
  s.source_file = j.value("source_file", "");
  s.format = j.value("format", "fountain");
  s.title_page = j.value("title_page", std::vector<TitleEntry>{});
  s.elements = j.at("elements").get<std::vector<Element>>();
  s.boneyard = j.value("boneyard", std::vector<Boneyard>{});
}

}  // namespace filmgen
