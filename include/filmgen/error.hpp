// Errors that cross stage boundaries. main() maps ErrorCode to the process exit code.
#pragma once

#include <stdexcept>
#include <string>

namespace filmgen {

// Values are the documented process exit codes (see README "Exit codes").
enum class ErrorCode : int {
  kInternal = 1,     // anything else
  kBadInput = 2,     // script, config, cast file, arguments
  kEnvironment = 3,  // missing dependency, model, device
  kReview = 4,       // rendered, but shots are flagged for review
  kInterrupted = 130,
};

// Where in an input file a problem is; line is 1-based, 0 when unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string stage, const std::string& message)
      : std::runtime_error(message), code_(code), stage_(std::move(stage)) {}

  ErrorCode code() const { return code_; }
  const std::string& stage() const { return stage_; }
  int exit_code() const { return static_cast<int>(code_); }

 private:
  ErrorCode code_;
  std::string stage_;
};

// "file:line: what was wrong; expected ..." in one line, the format every input error uses.
std::string format_input_error(const SourceLocation& where, const std::string& what,
                               const std::string& expected);

// Throws Error{kBadInput} with format_input_error's message.
[[noreturn]] void throw_input_error(const std::string& stage, const SourceLocation& where,
                                    const std::string& what, const std::string& expected);

}  // namespace filmgen
