// Content hashing for cache keys and stored objects (XXH3-128, lower-case hex).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace filmgen {

// Incremental XXH3-128 hasher.
class Hasher {
 public:
  Hasher();
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  Hasher& update(std::string_view bytes);
  // Length-prefixed field, so ("ab","c") and ("a","bc") hash differently.
  Hasher& field(std::string_view bytes);
  std::string hex() const;

 private:
  void* state_;
};

std::string hash_bytes(std::string_view bytes);
// Hash of a file's contents; throws filmgen::Error if it cannot be read.
std::string hash_file(const std::filesystem::path& path);
// Canonical JSON: keys sorted, no whitespace, numbers as nlohmann prints them.
std::string canonical_json(const nlohmann::json& value);
std::string hash_json(const nlohmann::json& value);

}  // namespace filmgen
