// Subtitles and timing: retime/place_lines, SRT/WebVTT golden text, cue onsets against the
// speech measured by ffmpeg, ffmpeg parses both formats.
#include <catch2/catch.hpp>

#include <cmath>
#include <regex>

#include "filmgen/audio.hpp"
#include "test_support.hpp"

using namespace filmgen;
using namespace filmgen::audio;
using namespace filmgen::test;

namespace {

SpokenLine line(const std::string& speaker, const std::string& text, const std::string& paren = "",
                std::vector<std::string> ext = {}) {
  SpokenLine l;
  l.speaker = speaker;
  l.text = text;
  l.parenthetical = paren;
  l.extensions = std::move(ext);
  l.duration_s = 1.0;
  return l;
}

FilmPlan two_shot_plan() {
  FilmPlan plan;
  Scene scene;
  scene.id = "S01";
  Shot a;
  a.id = "S01.01";
  a.duration_s = 3;  // an establishing shot, no lines
  Shot b;
  b.id = "S01.02";
  b.duration_s = 2;
  b.lines = {line("OMAR", "Evening, Ruth."), line("RUTH", "You're late.", "(beat)"),
             line("RUTH", "Forty years I have caught this bus.", "", {"V.O."})};
  scene.shots = {a, b};
  plan.scenes = {scene};
  return plan;
}

}  // namespace

TEST_CASE("timing: retime keeps planned length or fits the speech and its pauses", "[audio][subtitles]") {
  const FilmPlan plan = two_shot_plan();
  std::map<LineKey, LineTiming> m = {{{"S01.02", 0}, {1.5, 0.05, 1.45}},
                                     {{"S01.02", 1}, {1.0, 0.05, 0.95}},
                                     {{"S01.02", 2}, {2.5, 0.05, 2.45}}};
  const FilmPlan t = retime(plan, m);
  const auto& shots = t.scenes[0].shots;
  CHECK(shots[0].duration_s == 3);
  // head 0.2 + 1.5 + gap 0.25 + beat 0.6 + 1.0 + gap 0.25 + 2.5 + tail 0.3
  CHECK(shots[1].duration_s == Approx(6.6));
  CHECK(shots[1].lines[0].duration_s == 1.5);
  CHECK(t.scenes[0].duration_s == Approx(9.6));
  CHECK(t.stats.duration_s == Approx(9.6));
  // A long planned shot keeps its length.
  FilmPlan longer = plan;
  longer.scenes[0].shots[1].duration_s = 20;
  CHECK(retime(longer, m).scenes[0].shots[1].duration_s == 20);
  CHECK(parenthetical_pause("(long pause)") == 2.0);
  CHECK(parenthetical_pause("(pause)") == 1.0);
  CHECK(parenthetical_pause("(beat)") == 0.6);
  CHECK(parenthetical_pause("(quietly)") == 0);

  const auto placed = place_lines(t, {{"S01.01", 10.0}, {"S01.02", 13.0}}, m);
  REQUIRE(placed.size() == 3);
  CHECK(placed[0].start_s == Approx(13.2));
  CHECK(placed[1].start_s == Approx(13.2 + 1.5 + 0.25 + 0.6));
  CHECK(placed[2].start_s == Approx(13.2 + 1.5 + 0.25 + 0.6 + 1.0 + 0.25));
  CHECK(placed[2].off_screen);
  CHECK(placed[2].extension == "V.O.");
  CHECK(placed[0].onset_s == 0.05);
  // Without start times, shots follow each other.
  CHECK(place_lines(t, {}, m)[0].start_s == Approx(3.2));
  CHECK(nlohmann::json(placed[2]).get<PlacedLine>().start_s == placed[2].start_s);
}

TEST_CASE("subtitles: SRT and WebVTT golden text", "[audio][subtitles]") {
  std::vector<Cue> cues = {
      {1.05, 2.5, "OMAR", "Evening, Ruth. You're soaked.", false, ""},
      {3.2, 9.0, "RUTH",
       "Forty years I've caught this bus. Rain never stopped it once, not in all that time, and "
       "it won't stop it tonight either.",
       true, "V.O."},
      {3661.0004, 3662.5, "TOM", "Fish & chips <tonight> {maybe} -- or not.", false, ""}};
  const std::string srt = to_srt(cues);
  const std::string expected_srt =
      "1\n00:00:01,050 --> 00:00:02,500\nEvening, Ruth. You're soaked.\n\n"
      "2\n00:00:03,200 --> 00:00:04,713\nRUTH (V.O.): Forty years\nI've caught this bus.\n\n"
      "3\n00:00:04,713 --> 00:00:07,235\nRain never stopped it\nonce, not in all that time,\n\n"
      "4\n00:00:07,235 --> 00:00:09,000\nand it won't stop it tonight either.\n\n"
      "5\n01:01:01,000 --> 01:01:02,500\nFish & chips \u2039tonight\u203A (maybe) -- or not.\n\n";
  CHECK(srt == expected_srt);
  const std::string vtt = to_webvtt(cues);
  CHECK(vtt.rfind("WEBVTT\n\n00:00:01.050 --> 00:00:02.500\n<v OMAR>Evening, Ruth. You're soaked.\n\n", 0) == 0);
  CHECK(vtt.find("01:01:01.000 --> 01:01:02.500\n<v TOM>Fish &amp; chips &lt;tonight&gt; {maybe} -- or not.\n\n") !=
        std::string::npos);
  CHECK(format_timestamp(59.9996, ',') == "00:01:00,000");
  CHECK(format_timestamp(-1, '.') == "00:00:00.000");
}

TEST_CASE("subtitles: layout wraps, splits, never overlaps", "[audio][subtitles]") {
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "word" + std::to_string(i) + " ";
  const auto laid = layout_cues({{0, 10, "A", long_text, false, ""}, {9.5, 11, "B", "Next.", false, ""}});
  REQUIRE(laid.size() >= 4);
  double words = 0;
  for (size_t i = 0; i + 1 < laid.size(); ++i) {
    CHECK(laid[i].end_s <= laid[i + 1].start_s + 1e-9);
    int lines = 1;
    size_t from = 0;
    for (size_t at = laid[i].text.find('\n'); ; at = laid[i].text.find('\n', from)) {
      const std::string l = laid[i].text.substr(from, at == std::string::npos ? std::string::npos : at - from);
      CHECK(l.size() <= 42);
      if (at == std::string::npos) break;
      from = at + 1;
      ++lines;
    }
    CHECK(lines <= 2);
    words += std::count(laid[i].text.begin(), laid[i].text.end(), 'w');
  }
  // Time in proportion to words: the first chunk's share matches its share of the words.
  const double first_words = std::count(laid[0].text.begin(), laid[0].text.end(), 'w');
  CHECK((laid[0].end_s - laid[0].start_s) == Approx(10 * first_words / 40).margin(0.01));
  // A short cue is lengthened into the gap but not over the next one.
  const auto short_cues = layout_cues({{1, 1.2, "A", "Hi.", false, ""}, {1.6, 3, "B", "Hello.", false, ""}});
  CHECK(short_cues[0].end_s == Approx(1.6));
}

TEST_CASE("subtitles: cues start with the speech, and ffmpeg parses SRT and WebVTT", "[audio][subtitles][slow]") {
  FilmPlan plan = two_shot_plan();
  std::map<LineKey, LineTiming> measured;
  std::map<LineKey, Pcm> stems;
  VoiceProfile omar, ruth;
  omar.variant = "m1";
  omar.pitch = 30;
  ruth.variant = "f1";
  ruth.pitch = 64;
  const auto& shot = plan.scenes[0].shots[1];
  for (size_t i = 0; i < shot.lines.size(); ++i) {
    auto a = synthesize_line({.text = shot.lines[i].text, .parenthetical = shot.lines[i].parenthetical,
                              .voice = shot.lines[i].speaker == "OMAR" ? omar : ruth});
    measured[{shot.id, static_cast<int>(i)}] = timing_of(a);
    stems[{shot.id, static_cast<int>(i)}] = a.pcm;
  }
  const FilmPlan timed = retime(plan, measured);
  const auto placed = place_lines(timed, {}, measured);
  const auto cues = layout_cues(make_cues(placed));
  REQUIRE(cues.size() == 3);
  // The dialogue bus alone, written out; ffmpeg's silencedetect finds where speech starts.
  MixInput in;
  for (const auto& p : placed) in.dialogue.push_back({.start_s = p.start_s, .pcm = stems.at(p.key)});
  in.total_s = timed.stats.duration_s;
  MixOptions opt;
  opt.keep_buses = true;
  const auto mixed = mix(in, opt);
  TempDir dir("filmgen-subs");
  write_wav(dir / "dialogue.wav", mixed.dialogue_bus);
  auto sd = run_command("ffmpeg -hide_banner -nostats -i '" + (dir / "dialogue.wav").string() +
                        "' -af silencedetect=noise=-50dB:d=0.2 -f null - 2>&1");
  std::vector<double> speech_starts;
  std::regex end_re("silence_end: ([0-9.]+)");
  const std::string log = sd.out + sd.err;
  for (std::sregex_iterator it(log.begin(), log.end(), end_re), e; it != e; ++it)
    speech_starts.push_back(std::stod((*it)[1]));
  REQUIRE(speech_starts.size() >= 3);
  for (size_t i = 0; i < 3; ++i) {
    double nearest = 1e9;
    for (double t : speech_starts)
      if (std::abs(t - cues[i].start_s) < std::abs(nearest - cues[i].start_s)) nearest = t;
    INFO("cue " << i << " at " << cues[i].start_s << " s, ffmpeg finds speech starting at " << nearest << " s");
    CHECK(std::abs(cues[i].start_s - nearest) < 0.1);
  }
  CHECK(cues[2].text.rfind("RUTH (V.O.): ", 0) == 0);
  // ffmpeg parses both files and finds every cue.
  write_file(dir / "film.srt", to_srt(cues));
  write_file(dir / "film.vtt", to_webvtt(cues));
  for (const char* f : {"film.srt", "film.vtt"}) {
    auto r = run_command("ffmpeg -hide_banner -loglevel error -i '" + (dir / f).string() + "' -f srt - 2>&1");
    INFO(f << ": " << r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Evening, Ruth.") != std::string::npos);
    CHECK(r.out.find("Forty years") != std::string::npos);
    CHECK(r.out.find("<v") == std::string::npos);
  }
  const auto track = to_subtitle_track(make_cues(placed), "eng", "English");
  CHECK(track.cues.size() == 3);
  CHECK(track.language == "eng");
}
