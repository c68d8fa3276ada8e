// UTF-8 and word helpers shared by the parser, planner and bibles (no locale, deterministic).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace filmgen::story {

// Decodes one code point at text[i] and advances i; invalid bytes give U+FFFD and advance 1.
char32_t next_code_point(std::string_view text, std::size_t& i);
void append_utf8(std::string& out, char32_t cp);
// True when every byte sequence is valid UTF-8.
bool is_valid_utf8(std::string_view text);
// Copy with invalid sequences replaced by U+FFFD, so JSON output never fails.
std::string sanitize_utf8(std::string_view text);

bool is_lower(char32_t cp);  // cased lower-case letter (Latin, Greek, Cyrillic, Armenian)
bool is_upper(char32_t cp);
bool is_letter(char32_t cp);  // ASCII letters and every non-ASCII code point that is not space/punct
char32_t to_upper(char32_t cp);
std::string to_upper(std::string_view text);
std::string to_lower_ascii(std::string_view text);
bool is_cjk(char32_t cp);

bool is_space(char c);  // space, tab, CR, LF, FF, VT
std::string_view trim(std::string_view s);
std::string_view trim_left(std::string_view s);
std::string_view trim_right(std::string_view s);
bool starts_with_ci(std::string_view s, std::string_view prefix);  // ASCII case-insensitive
std::string collapse_spaces(std::string_view s);  // runs of whitespace -> one space, trimmed

// Lower-case ASCII words (letters, digits, apostrophes) plus non-ASCII runs as words.
std::vector<std::string> words_lower(std::string_view text);
// Spoken-length word count; CJK characters count as 0.6 word each.
double spoken_word_count(std::string_view text);

// FNV-1a 64-bit, stable across platforms; seeds every deterministic default.
std::uint64_t stable_hash(std::string_view text);

}  // namespace filmgen::story
