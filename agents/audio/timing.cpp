// Measured speech in the plan: shot durations from the voice stems, and each line's place in
// the film timeline.
#include <algorithm>
#include <cctype>

#include "dsp.hpp"
#include "filmgen/audio.hpp"

namespace filmgen::audio {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool has_speech(const SpokenLine& l) {
  return speakable_text(l.text).find_first_not_of(" ,.;:!?-'\"") != std::string::npos;
}

double line_length(const Shot& shot, size_t i, const std::map<LineKey, LineTiming>& measured) {
  auto it = measured.find({shot.id, static_cast<int>(i)});
  return it != measured.end() ? it->second.duration_s : shot.lines[i].duration_s;
}

// Start of each line inside its shot and the speech's total length (head to tail).
double layout_shot(const Shot& shot, const std::map<LineKey, LineTiming>& measured,
                   const PauseRules& rules, std::vector<double>* starts) {
  double t = rules.head_s;
  bool first = true;
  for (size_t i = 0; i < shot.lines.size(); ++i) {
    const SpokenLine& l = shot.lines[i];
    t += parenthetical_pause(l.parenthetical, rules);
    const bool speech = has_speech(l);
    if (speech && !first) t += rules.gap_s;
    if (starts) starts->push_back(t);
    if (speech) {
      t += line_length(shot, i, measured);
      first = false;
    }
  }
  return t + rules.tail_s;
}

}  // namespace

LineTiming timing_of(const LineAudio& audio) {
  return {audio.duration_s, audio.onset_s, audio.speech_end_s};
}

double parenthetical_pause(const std::string& parenthetical, const PauseRules& rules) {
  const std::string p = lower(parenthetical);
  if (p.find("long pause") != std::string::npos) return 2 * rules.pause_s;
  if (p.find("pause") != std::string::npos || p.find("silence") != std::string::npos) return rules.pause_s;
  if (p.find("beat") != std::string::npos) return rules.beat_s;
  return 0;
}

FilmPlan retime(const FilmPlan& plan, const std::map<LineKey, LineTiming>& measured,
                const PauseRules& rules) {
  FilmPlan out = plan;
  double film = 0;
  for (auto& scene : out.scenes) {
    double total = 0;
    for (auto& shot : scene.shots) {
      if (!shot.lines.empty()) {
        for (size_t i = 0; i < shot.lines.size(); ++i) {
          auto it = measured.find({shot.id, static_cast<int>(i)});
          if (it != measured.end()) shot.lines[i].duration_s = it->second.duration_s;
        }
        shot.duration_s = std::max(shot.duration_s, layout_shot(shot, measured, rules, nullptr));
      }
      total += shot.duration_s;
    }
    scene.duration_s = total;
    film += total;
  }
  out.stats.duration_s = film;
  return out;
}

std::vector<PlacedLine> place_lines(const FilmPlan& plan, const std::map<std::string, double>& shot_start_s,
                                    const std::map<LineKey, LineTiming>& measured, const PauseRules& rules) {
  std::vector<PlacedLine> out;
  double cursor = 0;
  for (size_t si = 0; si < plan.scenes.size(); ++si) {
    for (const Shot& shot : plan.scenes[si].shots) {
      auto it = shot_start_s.find(shot.id);
      const double shot_start = it != shot_start_s.end() ? it->second : cursor;
      cursor = shot_start + shot.duration_s;
      std::vector<double> starts;
      layout_shot(shot, measured, rules, &starts);
      for (size_t i = 0; i < shot.lines.size(); ++i) {
        const SpokenLine& l = shot.lines[i];
        if (!has_speech(l)) continue;
        PlacedLine p;
        p.key = {shot.id, static_cast<int>(i)};
        p.scene = static_cast<int>(si);
        p.speaker = l.speaker;
        p.text = l.text;
        p.parenthetical = l.parenthetical;
        for (const auto& e : l.extensions) {
          const std::string u = lower(e);
          if (u == "v.o." || u == "o.s." || u == "o.c." || u == "off" || u == "vo" || u == "os") {
            p.off_screen = true;
            p.extension = e;
            break;
          }
        }
        p.start_s = shot_start + starts[i];
        auto m = measured.find(p.key);
        p.duration_s = m != measured.end() ? m->second.duration_s : l.duration_s;
        p.onset_s = m != measured.end() ? m->second.onset_s : 0;
        p.speech_end_s = m != measured.end() && m->second.speech_end_s >= 0 ? m->second.speech_end_s : p.duration_s;
        out.push_back(std::move(p));
      }
    }
  }
  return out;
}

}  // namespace filmgen::audio
