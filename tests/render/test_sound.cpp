// The film's sound as a viewer hears it, measured with ffmpeg: loudness, subtitles that start
// with the speech, distinct voices, one line re-spoken per edit, a second language.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <regex>
#include <set>

#include "filmgen/audio.hpp"
#include "test_support.hpp"

using filmgen::test::TempDir;
using filmgen::test::example;
using filmgen::test::read_file;
using filmgen::test::run_command;
using filmgen::test::write_file;
using nlohmann::json;

namespace {

void render(const TempDir& dir, const std::string& script, const std::string& extra = "") {
  auto r = run_command(std::string(FILMGEN_BINARY) + " -q --cache-dir " + (dir / "cache").string() + " render " + script +
                       " --tier draft -o " + (dir / "out" / "film.mp4").string() + " " + extra);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

json manifest(const TempDir& dir) { return json::parse(read_file(dir / "out" / "run_manifest.json")); }

std::vector<double> srt_starts(const std::string& srt) {
  std::vector<double> starts;
  std::regex time(R"((\d\d):(\d\d):(\d\d),(\d\d\d) -->)");
  for (auto it = std::sregex_iterator(srt.begin(), srt.end(), time); it != std::sregex_iterator(); ++it)
    starts.push_back(std::stoi((*it)[1]) * 3600 + std::stoi((*it)[2]) * 60 + std::stoi((*it)[3]) + std::stoi((*it)[4]) / 1000.0);
  return starts;
}

}  // namespace

TEST_CASE("the film's mix meets broadcast loudness and carries subtitles", "[sound][slow]") {
  TempDir dir;
  render(dir, example("tiny.fountain"));
  const auto film = dir / "out" / "film.mp4";
  json probe = json::parse(run_command("ffprobe -v error -of json -show_streams " + film.string()).out);
  int audio = 0, subtitles = 0;
  for (auto s : probe["streams"]) {
    if (s["codec_type"] == "audio") {
      ++audio;
      CHECK(s["codec_name"] == "aac");
      CHECK(s["sample_rate"] == "48000");
      CHECK(s["channels"] == 2);
      CHECK(s["tags"]["language"] == "eng");
    }
    if (s["codec_type"] == "subtitle") {
      ++subtitles;
      CHECK(s["codec_name"] == "mov_text");
      CHECK(s["tags"]["language"] == "eng");
    }
  }
  CHECK(audio == 1);
  CHECK(subtitles == 1);
  CHECK(std::filesystem::exists(dir / "out" / "film.srt"));
  CHECK(read_file(dir / "out" / "film.vtt").rfind("WEBVTT", 0) == 0);

  auto loud = run_command("ffmpeg -nostats -i " + film.string() + " -map 0:a -af ebur128=peak=true -f null -");
  // The summary's "I: -16.0 LUFS" and "Peak: -1.2 dBFS" (libstdc++'s regex overflows its stack
  // on the whole log, so look for the labels first).
  const std::string out = loud.err.substr(loud.err.rfind("Summary:"));
  auto number_after = [&](const std::string& label) { return std::stod(out.substr(out.find(label) + label.size())); };
  REQUIRE(out.find("I:") != std::string::npos);
  REQUIRE(out.find("Peak:") != std::string::npos);
  const double integrated = number_after("I:"), peak = number_after("Peak:");
  INFO("integrated " << integrated << " LUFS, true peak " << peak << " dBTP");
  CHECK(std::abs(integrated + 16) <= 1.0);
  CHECK(peak <= -1.0);
}

TEST_CASE("subtitle cues start within 100 ms of the speech they caption", "[sound][slow]") {
  TempDir dir;
  render(dir, example("tiny.fountain"), "--no-music");
  // Without music, the ends of silences are the speech onsets; ffmpeg finds them.
  auto silence = run_command("ffmpeg -nostats -i " + (dir / "out" / "film.mp4").string() +
                             " -map 0:a -af silencedetect=n=-45dB:d=0.25 -f null -");
  std::vector<double> onsets;
  std::regex end(R"(silence_end: ([\d.]+))");
  for (auto it = std::sregex_iterator(silence.err.begin(), silence.err.end(), end); it != std::sregex_iterator(); ++it)
    onsets.push_back(std::stod((*it)[1]));
  auto cues = srt_starts(read_file(dir / "out" / "film.srt"));
  REQUIRE(cues.size() == 3);
  for (double cue : cues) {
    double nearest = 1e9;
    for (double onset : onsets) nearest = std::min(nearest, std::abs(onset - cue));
    INFO("cue at " << cue << " s; nearest speech onset " << nearest << " s away");
    CHECK(nearest <= 0.1);
  }
}

TEST_CASE("each character speaks at a pitch of their own", "[sound][slow]") {
  TempDir dir;
  render(dir, example("night_shift.fountain"), "--no-music");
  json plan = json::parse(read_file(dir / "out" / "plan.json"));
  std::map<std::string, std::string> speaker_of;  // "S01.03/0" -> speaker
  for (const auto& scene : plan["scenes"])
    for (const auto& shot : scene["shots"])
      for (size_t i = 0; i < shot["lines"].size(); ++i)
        speaker_of[shot["id"].get<std::string>() + "/" + std::to_string(i)] = shot["lines"][i]["speaker"];
  std::map<std::string, std::vector<double>> f0;
  const json records = manifest(dir)["records"];
  for (const auto& rec : records) {
    if (rec["stage"] != "voice") continue;
    const std::string key = rec["key"];
    auto pcm = filmgen::audio::read_wav(dir / "cache" / "objects" / key.substr(0, 2) / key / "line.wav");
    double hz = filmgen::audio::estimate_f0(pcm);
    if (hz > 0) f0[speaker_of.at(rec["item"])].push_back(hz);
  }
  REQUIRE(f0.size() >= 2);
  std::map<std::string, double> median;
  for (auto& [who, values] : f0) {
    std::sort(values.begin(), values.end());
    median[who] = values[values.size() / 2];
  }
  for (auto a = median.begin(); a != median.end(); ++a)
    for (auto b = std::next(a); b != median.end(); ++b) {
      INFO(a->first << " " << a->second << " Hz, " << b->first << " " << b->second << " Hz");
      CHECK(std::abs(a->second - b->second) / std::min(a->second, b->second) > 0.1);
    }
}

TEST_CASE("editing one dialogue line synthesises exactly one new line", "[sound][slow]") {
  TempDir dir;
  std::string script = read_file(example("tiny.fountain"));
  write_file(dir / "tiny.fountain", script);
  render(dir, (dir / "tiny.fountain").string());
  script.replace(script.find("Make it count."), 14, "Make it last.");
  write_file(dir / "tiny.fountain", script);
  render(dir, (dir / "tiny.fountain").string());
  int voice_misses = 0, voice_hits = 0;
  const json records = manifest(dir)["records"];
  for (const auto& rec : records)
    if (rec["stage"] == "voice") (rec["hit"].get<bool>() ? voice_hits : voice_misses)++;
  CHECK(voice_misses == 1);
  CHECK(voice_hits == 2);
}

TEST_CASE("a translation adds a second audio track and subtitle track", "[sound][slow]") {
  TempDir dir;
  render(dir, example("tiny.fountain"), "--translation " + example("tiny.fr.fountain"));
  json probe = json::parse(run_command("ffprobe -v error -of json -show_streams " + (dir / "out" / "film.mp4").string()).out);
  std::multiset<std::string> tracks;
  for (auto s : probe["streams"])
    if (s["codec_type"] == "audio" || s["codec_type"] == "subtitle")
      tracks.insert(s["codec_type"].get<std::string>() + ":" + s["tags"]["language"].get<std::string>());
  CHECK(tracks == std::multiset<std::string>{"audio:eng", "audio:fra", "subtitle:eng", "subtitle:fra"});
  CHECK(read_file(dir / "out" / "film.fr.srt").find("Demain, on réessaie.") != std::string::npos);
}

TEST_CASE("a translation with a different number of lines is bad input", "[sound]") {
  TempDir dir;
  write_file(dir / "short.fountain", "Title: Tiny\nLanguage: fr\n\nEXT. PARK - DAY\n\nMAYA\nBonjour.\n");
  auto r = run_command(std::string(FILMGEN_BINARY) + " -q --cache-dir " + (dir / "cache").string() + " render " +
                       example("tiny.fountain") + " --tier draft -o " + (dir / "film.mp4").string() + " --translation " +
                       (dir / "short.fountain").string());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("has 1 spoken lines; expected 3") != std::string::npos);
}

TEST_CASE("narration reads read the action lines", "[sound][slow]") {
  TempDir dir;
  render(dir, example("tiny.fountain"), "--narrate --no-music");
  const std::string srt = read_file(dir / "out" / "film.srt");
  CHECK(srt.find("NARRATOR (V.O.):") != std::string::npos);
  CHECK(srt.find("feeds the ducks") != std::string::npos);
  json plan = json::parse(read_file(dir / "out" / "plan.json"));
  bool narrated = false;
  for (const auto& scene : plan["scenes"])
    for (const auto& shot : scene["shots"])
      for (const auto& line : shot["lines"]) narrated = narrated || line["speaker"] == "NARRATOR";
  CHECK(narrated);
}
