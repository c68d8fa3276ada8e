#include "filmgen/hash.hpp"

#include <xxhash.h>

#include <cstdio>
#include <fstream>
#include <vector>

#include "filmgen/error.hpp"

namespace filmgen {

namespace {
XXH3_state_t* as_state(void* p) { return static_cast<XXH3_state_t*>(p); }

std::string to_hex(XXH128_hash_t h) {
  XXH128_canonical_t canon;
  XXH128_canonicalFromHash(&canon, h);
  static const char* digits = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 0; i < 16; ++i) {
    out[2 * i] = digits[canon.digest[i] >> 4];
    out[2 * i + 1] = digits[canon.digest[i] & 15];
  }
  return out;
}
}  // namespace

Hasher::Hasher() : state_(XXH3_createState()) { XXH3_128bits_reset(as_state(state_)); }
Hasher::~Hasher() { XXH3_freeState(as_state(state_)); }

Hasher& Hasher::update(std::string_view bytes) {
  XXH3_128bits_update(as_state(state_), bytes.data(), bytes.size());
  return *this;
}

Hasher& Hasher::field(std::string_view bytes) {
  uint64_t n = bytes.size();
  char len[8];
  for (int i = 0; i < 8; ++i) len[i] = static_cast<char>((n >> (8 * i)) & 0xff);
  update(std::string_view(len, 8));
  return update(bytes);
}

std::string Hasher::hex() const { return to_hex(XXH3_128bits_digest(as_state(state_))); }

std::string hash_bytes(std::string_view bytes) {
  return to_hex(XXH3_128bits(bytes.data(), bytes.size()));
}

std::string hash_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kInternal, "hash", "cannot read " + path.string());
  Hasher h;
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    h.update(std::string_view(buf.data(), static_cast<size_t>(in.gcount())));
  }
  return h.hex();
}

std::string canonical_json(const nlohmann::json& value) {
  // nlohmann::json objects are std::map-backed, so dump() already sorts keys.
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string hash_json(const nlohmann::json& value) { return hash_bytes(canonical_json(value)); }

}  // namespace filmgen
