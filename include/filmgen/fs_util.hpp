// Writing files so that nothing half-written ever sits under a final name.
#pragma once

#include <filesystem>
#include <string>

namespace filmgen {

// Writes to "<path>.part-<pid>" in the same folder, fsyncs and renames over path.
void write_file_atomic(const std::filesystem::path& path, const std::string& contents);

// A temporary sibling of a final path, for writers that produce the file themselves (an
// encoder, a muxer). commit() renames it into place; destruction without commit removes it.
class AtomicOutput {
 public:
  explicit AtomicOutput(std::filesystem::path final_path);
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  const std::filesystem::path& temp_path() const { return temp_; }
  const std::filesystem::path& final_path() const { return final_; }
  void commit();

 private:
  std::filesystem::path final_;
  std::filesystem::path temp_;
  bool committed_ = false;
};

// Reads a whole file; throws Error{kBadInput} naming the file if it cannot.
std::string read_input_file(const std::filesystem::path& path, const std::string& stage);

}  // namespace filmgen
