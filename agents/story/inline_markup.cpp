// Fountain inline markup (see inline_markup.hpp).
#include "inline_markup.hpp"

#include <algorithm>
#include <array>

#include "text_util.hpp"

namespace filmgen::story {

std::string extract_notes(std::string_view raw, std::vector<std::string>& notes) {
  std::string out;
  out.reserve(raw.size());
  std::size_t pos = 0;
  while (pos < raw.size()) {
    const std::size_t open = raw.find("[[", pos);
    if (open == std::string_view::npos) break;
    const std::size_t close = raw.find("]]", open + 2);
    if (close == std::string_view::npos) break;  // no later note can close either
    out.append(raw.substr(pos, open - pos));
    notes.emplace_back(trim(raw.substr(open + 2, close - open - 2)));
    pos = close + 2;
    // Do not leave a double space where the note was.
    if (!out.empty() && out.back() == ' ' && pos < raw.size() && raw[pos] == ' ') ++pos;
  }
  out.append(raw.substr(pos));
  return out;
}

namespace {

bool is_escapable(char c) {
  static constexpr std::string_view kEscapable = "@#!*_$~`+=.><\\/[]()^";
  return kEscapable.find(c) != std::string_view::npos;
}

struct Marker {
  std::size_t raw_pos;  // position in raw
  std::size_t len;      // 1..3 for '*', 1 for '_'
  char ch;
  std::size_t out_pos;  // position in output where the marker would have been
  bool matched = false;
  std::size_t partner = 0;
};

std::uint8_t style_of(char ch, std::size_t len) {
  if (ch == '_') return kUnderline;
  if (len == 1) return kItalic;
  if (len == 2) return kBold;
  return kItalic | kBold;
}

}  // namespace

StyledText strip_emphasis(std::string_view raw) {
  // Pass 1: find marker runs and pair them with a stack per line (closers pop their opener,
  // discarding crossed openers above it, so each marker is touched O(1) times amortised).
  std::vector<Marker> markers;
  std::vector<std::size_t> stack;
  std::array<int, 4> open_count{};  // '*'x1, '*'x2, '*'x3, '_'
  auto slot = [](char ch, std::size_t len) { return ch == '_' ? 3 : static_cast<int>(len) - 1; };
  auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
  for (std::size_t i = 0; i < raw.size();) {
    const char c = raw[i];
    if (c == '\\' && i + 1 < raw.size() && is_escapable(raw[i + 1])) {
      i += 2;
      continue;
    }
    if (c == '\n') {
      for (auto s : stack) --open_count[slot(markers[s].ch, markers[s].len)];
      stack.clear();
      ++i;
      continue;
    }
    if (c != '*' && c != '_') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < raw.size() && raw[j] == c) ++j;
    const std::size_t len = j - i;
    if ((c == '*' && len > 3) || (c == '_' && len > 1)) {  // literal run
      i = j;
      continue;
    }
    const bool can_open = j < raw.size() && !is_ws(raw[j]);
    const bool can_close = i > 0 && !is_ws(raw[i - 1]);
    markers.push_back({i, len, c, 0});
    const std::size_t idx = markers.size() - 1;
    const int sl = slot(c, len);
    bool closed = false;
    if (can_close && open_count[sl] > 0) {
      while (!stack.empty()) {
        const std::size_t top = stack.back();
        stack.pop_back();
        --open_count[slot(markers[top].ch, markers[top].len)];
        if (markers[top].ch == c && markers[top].len == len) {
          markers[top].matched = markers[idx].matched = true;
          markers[top].partner = idx;
          markers[idx].partner = top;
          closed = true;
          break;
        }
      }
    }
    if (!closed && can_open) {
      stack.push_back(idx);
      ++open_count[sl];
    }
    i = j;
  }

  // Pass 2: copy text, dropping matched markers and escape backslashes.
  StyledText out;
  out.text.reserve(raw.size());
  std::vector<std::pair<std::size_t, std::size_t>> opened;  // marker index, out position
  std::size_t m = 0;
  for (std::size_t i = 0; i < raw.size();) {
    if (m < markers.size() && markers[m].raw_pos == i) {
      const Marker& mk = markers[m];
      if (mk.matched) {
        if (mk.partner > m) {
          opened.emplace_back(m, out.text.size());
        } else {
          for (auto it = opened.rbegin(); it != opened.rend(); ++it) {
            if (it->first == mk.partner) {
              if (out.text.size() > it->second)
                out.spans.push_back({static_cast<int>(it->second), static_cast<int>(out.text.size()),
                                     style_of(mk.ch, mk.len)});
              opened.erase(std::next(it).base());
              break;
            }
          }
        }
      } else {
        out.text.append(raw.substr(i, mk.len));
      }
      i += mk.len;
      ++m;
      continue;
    }
    if (raw[i] == '\\' && i + 1 < raw.size() && is_escapable(raw[i + 1])) {
      out.text += raw[i + 1];
      i += 2;
      continue;
    }
    out.text += raw[i];
    ++i;
  }
  std::sort(out.spans.begin(), out.spans.end(), [](const EmphasisSpan& a, const EmphasisSpan& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  return out;
}

}  // namespace filmgen::story
