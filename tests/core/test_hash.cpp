#include <catch2/catch.hpp>

#include "filmgen/hash.hpp"

using filmgen::canonical_json;
using filmgen::hash_bytes;
using filmgen::hash_json;
using nlohmann::json;

TEST_CASE("hashes are stable 128-bit hex", "[core][hash]") {
  auto h = hash_bytes("filmgen");
  CHECK(h.size() == 32);
  CHECK(h == hash_bytes("filmgen"));
  CHECK(h != hash_bytes("filmgeN"));
  CHECK(hash_bytes("") != hash_bytes(std::string(1, '\0')));
}

TEST_CASE("incremental hashing equals one-shot hashing", "[core][hash]") {
  filmgen::Hasher h;
  h.update("film").update("gen");
  CHECK(h.hex() == hash_bytes("filmgen"));
}

TEST_CASE("fields are length-prefixed", "[core][hash]") {
  filmgen::Hasher a, b;
  a.field("ab").field("c");
  b.field("a").field("bc");
  CHECK(a.hex() != b.hex());
}

TEST_CASE("canonical JSON ignores key order and whitespace", "[core][hash]") {
  json a = json::parse(R"({"b": 1, "a": {"y": [1, 2], "x": "s"}})");
  json b = json::parse(R"({"a":{"x":"s","y":[1,2]},"b":1})");
  CHECK(canonical_json(a) == canonical_json(b));
  CHECK(hash_json(a) == hash_json(b));
  CHECK(hash_json(a) != hash_json(json::parse(R"({"a":{"x":"s","y":[2,1]},"b":1})")));
}
