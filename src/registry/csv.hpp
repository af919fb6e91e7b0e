// RFC 4180 CSV parsing (quoted fields, doubled quotes, CRLF or LF). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace caunoi::registry {
// Parses the whole text into rows of fields. Invalid: an unterminated quote (with its line).
Result<std::vector<std::vector<std::string>>> ParseCsv(std::string_view text);
}  // namespace caunoi::registry
