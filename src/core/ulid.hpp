// ULIDs: 26-char Crockford base32, time-ordered, generated on any device (works offline).
// Thread-safe (libsodium's randombytes is).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace caunoi {

std::string NewUlid(int64_t unix_ms);
std::string NewUlid();  // now
// True if `s` has the shape of a ULID (26 Crockford base32 chars, upper case).
bool IsUlid(std::string_view s);

}  // namespace caunoi
