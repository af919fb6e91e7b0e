// ULIDs: 26-char Crockford base32, time-ordered, generated on any device (works offline).
// Thread-safe (libsodium's randombytes is).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace caunoi {

std::string NewUlid(int64_t unix_ms);
// The ULID of `unix_ms` with the given 80 random bits (10 bytes): for generators that must be
// deterministic (the demo datasets draw these bytes from a seeded generator).
std::string UlidOf(int64_t unix_ms, const unsigned char (&random)[10]);
std::string NewUlid();  // now
// True if `s` has the shape of a ULID (26 Crockford base32 chars, upper case).
bool IsUlid(std::string_view s);

}  // namespace caunoi
