// Helpers shared by the tests: temporary folders, reading files, running the filmgen binary.
#pragma once

#include <filesystem>
#include <string>

namespace filmgen::test {

// A fresh folder under the system temp dir, removed when the object goes out of scope.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "filmgen-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs a shell command line and captures stdout, stderr and the exit code.
CommandResult run_command(const std::string& command_line);

// Runs the built filmgen binary with the given arguments (already shell-quoted).
CommandResult run_filmgen(const std::string& args);

std::filesystem::path source_dir();
std::filesystem::path shared_dir();
std::filesystem::path test_data_dir();
// A script in the project's examples/ folder.
std::string example(const std::string& name);

}  // namespace filmgen::test
