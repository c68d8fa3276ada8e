// UTF-8 and word helpers (see text_util.hpp).
#include "text_util.hpp"

#include <cctype>

namespace filmgen::story {

char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(s, i);
    if (cp == 0xFFFD && !(i - start == 3 && s.compare(start, 3, "\xEF\xBF\xBD") == 0)) return false;
  }
  return true;
}

std::string sanitize_utf8(std::string_view s) {
  if (is_valid_utf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) append_utf8(out, next_code_point(s, i));
  return out;
}

namespace {
// Latin Extended-A pairs: upper at even code points except in 0x0139..0x0148 and 0x0179..0x017E.
bool latin_ext_a_upper(char32_t cp) {
  if ((cp >= 0x0139 && cp <= 0x0148) || (cp >= 0x0179 && cp <= 0x017E)) return cp % 2 == 1;
  if (cp == 0x0138 || cp == 0x0149 || cp == 0x017F) return false;
  return cp % 2 == 0;
}
}  // namespace

bool is_lower(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return true;
  if (cp < 0x80) return false;
  if (cp >= 0xDF && cp <= 0xFF) return cp != 0xF7;
  if (cp >= 0x0100 && cp <= 0x017F) return !latin_ext_a_upper(cp);
  if (cp >= 0x03AC && cp <= 0x03CE) return true;
  if (cp >= 0x0430 && cp <= 0x045F) return true;
  if (cp >= 0x0460 && cp <= 0x04FF) return cp % 2 == 1;
  if (cp >= 0x0561 && cp <= 0x0587) return true;
  return false;
}

bool is_upper(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return true;
  if (cp < 0x80) return false;
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x0100 && cp <= 0x017F) return latin_ext_a_upper(cp);
  if (cp >= 0x0386 && cp <= 0x03AB) return true;
  if (cp >= 0x0400 && cp <= 0x042F) return true;
  if (cp >= 0x0460 && cp <= 0x04FF) return cp % 2 == 0;
  if (cp >= 0x0531 && cp <= 0x0556) return true;
  return false;
}

bool is_letter(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  if (cp <= 0xBF) return false;                     // Latin-1 punctuation and symbols
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;   // general punctuation, arrows, symbols
  if (cp >= 0x3000 && cp <= 0x303F) return false;   // CJK punctuation
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;   // full-width punctuation
  if (cp == 0xFFFD || cp == 0xFEFF) return false;
  return true;
}

char32_t to_upper(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - 32;
  if (cp < 0x80 || !is_lower(cp)) return cp;
  if (cp >= 0xE0 && cp <= 0xFE) return cp - 0x20;
  if (cp == 0xFF) return 0x0178;
  if (cp >= 0x0100 && cp <= 0x017F) return cp - 1;
  if (cp == 0x03C2) return 0x03A3;
  if (cp >= 0x03B1 && cp <= 0x03CB) return cp - 0x20;
  if (cp >= 0x0430 && cp <= 0x044F) return cp - 0x20;
  if (cp >= 0x0450 && cp <= 0x045F) return cp - 0x50;
  if (cp >= 0x0460 && cp <= 0x04FF) return cp - 1;
  if (cp >= 0x0561 && cp <= 0x0586) return cp - 0x30;
  return cp;
}

std::string to_upper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out += static_cast<char>(b >= 'a' && b <= 'z' ? b - 32 : b);
      ++i;
      continue;
    }
    append_utf8(out, to_upper(next_code_point(s, i)));
  }
  return out;
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

bool is_cjk(char32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string_view trim_left(std::string_view s) {
  std::size_t b = 0;
  while (b < s.size() && is_space(s[b])) ++b;
  return s.substr(b);
}

std::string_view trim_right(std::string_view s) {
  std::size_t e = s.size();
  while (e > 0 && is_space(s[e - 1])) --e;
  return s.substr(0, e);
}

std::string_view trim(std::string_view s) { return trim_right(trim_left(s)); }

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = s[i], b = prefix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a + 32);
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b + 32);
    if (a != b) return false;
  }
  return true;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : trim(s)) {
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::vector<std::string> words_lower(std::string_view text) {
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    while (!cur.empty() && cur.back() == '\'') cur.pop_back();
    std::size_t b = 0;
    while (b < cur.size() && cur[b] == '\'') ++b;
    if (b < cur.size()) words.push_back(cur.substr(b));
    cur.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c) || c == '\'') {
        cur += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      } else {
        flush();
      }
      ++i;
      continue;
    }
    const std::size_t start = i;
    const char32_t cp = next_code_point(text, i);
    if (cp == 0x2019) {  // typographic apostrophe
      cur += '\'';
    } else if (is_letter(cp)) {
      cur.append(text.substr(start, i - start));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

double spoken_word_count(std::string_view text) {
  double words = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = next_code_point(text, i);
    if (is_cjk(cp)) {
      words += 0.6;
      in_word = false;
    } else if ((cp < 0x80 && std::isalnum(static_cast<int>(cp))) || (cp >= 0x80 && is_letter(cp))) {
      if (!in_word) words += 1;
      in_word = true;
    } else if (cp != '\'' && cp != 0x2019 && cp != '-') {
      in_word = false;
    }
  }
  return words;
}

std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace filmgen::story
