#include "filmgen/fs_util.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "filmgen/error.hpp"

namespace fs = std::filesystem;

namespace filmgen {

namespace {
void sync_file(const fs::path& p) {
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}
}  // namespace

AtomicOutput::AtomicOutput(fs::path final_path) : final_(std::move(final_path)) {
  if (final_.has_parent_path()) fs::create_directories(final_.parent_path());
  temp_ = final_;
  temp_ += ".part-" + std::to_string(::getpid());
}

AtomicOutput::~AtomicOutput() {
  if (committed_) return;
  std::error_code ec;
  fs::remove(temp_, ec);
}

void AtomicOutput::commit() {
  sync_file(temp_);
  if (::rename(temp_.c_str(), final_.c_str()) != 0)
    throw Error(ErrorCode::kInternal, "output",
                "cannot move " + temp_.string() + " to " + final_.string() + ": " + std::strerror(errno));
  committed_ = true;
  sync_file(final_.has_parent_path() ? final_.parent_path() : fs::path("."));
}

void write_file_atomic(const fs::path& path, const std::string& contents) {
  AtomicOutput out(path);
  {
    std::ofstream f(out.temp_path(), std::ios::binary | std::ios::trunc);
    f << contents;
    f.flush();
    if (!f)
      throw Error(ErrorCode::kEnvironment, "output", "cannot write " + out.temp_path().string());
  }
  out.commit();
}

std::string read_input_file(const fs::path& path, const std::string& stage) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw Error(ErrorCode::kBadInput, stage, path.string() + ": no such file");
  if (fs::is_directory(path, ec))
    throw Error(ErrorCode::kBadInput, stage, path.string() + ": is a folder; expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kBadInput, stage, path.string() + ": cannot be read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace filmgen
