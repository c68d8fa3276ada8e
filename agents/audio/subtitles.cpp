// Subtitles: cues timed to the speech, laid out (wrap, split, speaker prefix) and written as
// SubRip and WebVTT.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "dsp.hpp"
#include "filmgen/audio.hpp"

namespace filmgen::audio {

namespace {

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> words;
  std::string w;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (!w.empty()) words.push_back(w), w.clear();
    } else {
      w += c;
    }
  }
  if (!w.empty()) words.push_back(w);
  return words;
}

// Display width in code points (UTF-8 continuation bytes do not count).
size_t width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Greedy wrap at max_chars; a word longer than a line sits on its own line.
std::vector<std::string> wrap(const std::vector<std::string>& words, size_t a, size_t b, int max_chars) {
  std::vector<std::string> lines;
  std::string line;
  for (size_t i = a; i < b; ++i) {
    if (!line.empty() && width(line) + 1 + width(words[i]) > static_cast<size_t>(max_chars)) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + words[i];
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

// Two lines of similar length read better than a full line and a short one.
std::vector<std::string> balance(const std::vector<std::string>& words, size_t a, size_t b, int max_chars) {
  auto lines = wrap(words, a, b, max_chars);
  if (lines.size() != 2) return lines;
  std::vector<std::string> best = lines;
  size_t best_diff = 1000;
  for (size_t cut = a + 1; cut < b; ++cut) {
    auto l1 = wrap(words, a, cut, max_chars), l2 = wrap(words, cut, b, max_chars);
    if (l1.size() != 1 || l2.size() != 1) continue;
    const size_t w1 = width(l1[0]), w2 = width(l2[0]);
    const size_t diff = w1 > w2 ? w1 - w2 : w2 - w1;
    if (diff < best_diff) best_diff = diff, best = {l1[0], l2[0]};
  }
  return best;
}

// 2 after a sentence, 1 after a clause, 0 elsewhere.
int break_strength(const std::string& w) {
  const char c = w.empty() ? ' ' : w.back();
  if (c == '.' || c == '?' || c == '!') return 2;
  return c == ':' || c == ';' || c == ',' ? 1 : 0;
}

std::string join(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += (s.empty() ? "" : "\n") + l;
  return s;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

}  // namespace

std::string format_timestamp(double seconds, char separator) {
  const long long ms = std::llround(std::max(0.0, seconds) * 1000);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld%c%03lld", ms / 3600000, ms / 60000 % 60,
                ms / 1000 % 60, separator, ms % 1000);
  return buf;
}

std::vector<Cue> make_cues(const std::vector<PlacedLine>& lines) {
  std::vector<Cue> cues;
  for (const auto& l : lines) {
    Cue c;
    c.text = clean_text(l.text, false);
    if (c.text.empty()) continue;
    c.start_s = l.start_s + l.onset_s;
    c.end_s = l.start_s + std::max(l.onset_s, l.speech_end_s);
    c.speaker = l.speaker;
    c.off_screen = l.off_screen;
    c.extension = l.extension;
    cues.push_back(std::move(c));
  }
  return cues;
}

std::vector<Cue> layout_cues(const std::vector<Cue>& input, const CueLayout& layout) {
  std::vector<Cue> sorted = input;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Cue& a, const Cue& b) { return a.start_s < b.start_s; });
  std::vector<Cue> out;
  const int max_lines = std::max(1, layout.max_lines);
  for (const Cue& cue : sorted) {
    std::vector<std::string> words = split_words(cue.text);
    if (words.empty()) continue;
    size_t prefix_words = 0;
    if (cue.off_screen && !cue.speaker.empty()) {
      const std::string prefix = cue.speaker + " (" + (cue.extension.empty() ? "O.S." : cue.extension) + "):";
      const auto pw = split_words(prefix);
      // Laid-out cues already carry it: layout is idempotent.
      if (cue.text.rfind(prefix, 0) != 0) words.insert(words.begin(), pw.begin(), pw.end());
      prefix_words = pw.size();
    }
    // Chunks of at most max_lines wrapped lines, cut at a sentence or clause end when one is
    // late enough.
    std::vector<std::pair<size_t, size_t>> chunks;
    size_t a = 0;
    while (a < words.size()) {
      size_t b = a + 1;
      while (b < words.size() && wrap(words, a, b + 1, layout.max_chars).size() <= static_cast<size_t>(max_lines)) ++b;
      if (b < words.size()) {
        size_t cut = b;
        int strength = 0;
        // A sentence end in the last two thirds, else a clause end in the last half.
        for (size_t k = b - 1; k > a; --k) {
          const int st = break_strength(words[k]);
          const size_t min_k = a + (b - a) / (st == 2 ? 3 : 2);
          if (st > strength && k > min_k) strength = st, cut = k + 1;
        }
        b = cut;
      }
      chunks.push_back({a, b});
      a = b;
    }
    // Time shared in proportion to the spoken words of each chunk.
    double total_words = 0;
    std::vector<double> w(chunks.size());
    for (size_t i = 0; i < chunks.size(); ++i) {
      const size_t from = std::max(chunks[i].first, prefix_words);
      w[i] = chunks[i].second > from ? double(chunks[i].second - from) : 0.5;
      total_words += w[i];
    }
    double t = cue.start_s;
    const double span = std::max(0.0, cue.end_s - cue.start_s);
    for (size_t i = 0; i < chunks.size(); ++i) {
      Cue c = cue;
      c.start_s = t;
      t = i + 1 == chunks.size() ? cue.end_s : t + span * w[i] / total_words;
      c.end_s = t;
      c.text = join(balance(words, chunks[i].first, chunks[i].second, layout.max_chars));
      out.push_back(std::move(c));
    }
  }
  // No overlaps; short cues borrow from the following gap.
  for (size_t i = 0; i < out.size(); ++i) {
    const double next = i + 1 < out.size() ? out[i + 1].start_s : 1e300;
    if (out[i].end_s - out[i].start_s < layout.min_s) out[i].end_s = std::min(out[i].start_s + layout.min_s, next);
    out[i].end_s = std::min(out[i].end_s, next);
  }
  return out;
}

std::string to_srt(const std::vector<Cue>& cues, const CueLayout& layout) {
  std::string s;
  int n = 0;
  for (const Cue& c : layout_cues(cues, layout)) {
    std::string text = c.text;
    text = replace_all(text, "<", "\u2039");
    text = replace_all(text, ">", "\u203A");
    text = replace_all(text, "{", "(");
    text = replace_all(text, "}", ")");
    s += std::to_string(++n) + "\n" + format_timestamp(c.start_s, ',') + " --> " +
         format_timestamp(c.end_s, ',') + "\n" + text + "\n\n";
  }
  return s;
}

std::string to_webvtt(const std::vector<Cue>& cues, const CueLayout& layout) {
  auto esc = [](std::string t) {
    t = replace_all(t, "&", "&amp;");
    t = replace_all(t, "<", "&lt;");
    return replace_all(t, ">", "&gt;");
  };
  std::string s = "WEBVTT\n\n";
  for (const Cue& c : layout_cues(cues, layout)) {
    s += format_timestamp(c.start_s, '.') + " --> " + format_timestamp(c.end_s, '.') + "\n";
    if (!c.speaker.empty()) s += "<v " + esc(c.speaker) + ">";
    s += esc(c.text) + "\n\n";
  }
  return s;
}

media::SubtitleTrackInput to_subtitle_track(const std::vector<Cue>& cues, const std::string& language,
                                            const std::string& title, const CueLayout& layout) {
  media::SubtitleTrackInput track;
  track.language = language;
  track.title = title;
  for (const Cue& c : layout_cues(cues, layout)) track.cues.push_back({c.start_s, c.end_s, c.text});
  return track;
}

}  // namespace filmgen::audio
