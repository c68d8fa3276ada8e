// Cast file: a user's JSON overrides merged over the bibles (format: docs/cast-file.md).
#pragma once

#include <map>
#include <string>

namespace filmgen::bible {

// 1-based line of every JSON pointer ("/characters/STEEL/voice/pitch") in a valid JSON text.
std::map<std::string, int> json_pointer_lines(const std::string& text);

// "~" -> "~0", "/" -> "~1" (RFC 6901).
std::string escape_pointer_token(const std::string& token);

}  // namespace filmgen::bible
