// Password policy and hashing. Hashes are argon2id (libsodium crypto_pwhash_str) with the
// OWASP-recommended minimum: 19 MiB memory, 2 iterations, 1 lane.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace caunoi::auth {

// At least 8 characters, at most 128 bytes, valid UTF-8, not a common password,
// not the login name itself.
Status CheckPasswordPolicy(std::string_view password, std::string_view login);
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view hash, std::string_view password);

// Seconds an account stays locked after `failures` consecutive failed logins.
// Grows 2^n from the 5th failure, capped at 5 minutes, so a stranger guessing at an
// account can slow it down but never keep its owner out for long.
int64_t LockSecondsAfter(int failures);

}  // namespace caunoi::auth
