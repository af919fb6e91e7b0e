// Small wrappers over libsodium. Call InitCrypto() once at startup (idempotent).
// All functions are thread-safe after InitCrypto().
#pragma once

#include <string>
#include <string_view>

namespace caunoi::crypto {

void InitCrypto();
// `bytes` random bytes as unpadded base64url.
std::string RandomToken(size_t bytes = 32);
// Unkeyed BLAKE2b-256 hex digest: for storing session tokens (high entropy, so no salt needed).
std::string HashHex(std::string_view data);
// Keyed BLAKE2b-256 hex digest: for national ID numbers (low entropy, so a secret key is needed).
std::string KeyedHashHex(std::string_view key, std::string_view data);
// Constant-time comparison.
bool Equal(std::string_view a, std::string_view b);
// Standard (padded) base64 as in HTTP Basic credentials; false if `in` is not that.
bool Base64Decode(std::string_view in, std::string& out);
std::string Base64Encode(std::string_view in);

}  // namespace caunoi::crypto
