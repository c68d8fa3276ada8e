#include "filmgen/error.hpp"

namespace filmgen {

std::string format_input_error(const SourceLocation& where, const std::string& what,
                               const std::string& expected) {
  std::string out = where.file.empty() ? std::string("<input>") : where.file;
  if (where.line > 0) out += ":" + std::to_string(where.line);
  out += ": " + what;
  if (!expected.empty()) out += "; expected " + expected;
  return out;
}

void throw_input_error(const std::string& stage, const SourceLocation& where,
                       const std::string& what, const std::string& expected) {
  throw Error(ErrorCode::kBadInput, stage, format_input_error(where, what, expected));
}

}  // namespace filmgen
