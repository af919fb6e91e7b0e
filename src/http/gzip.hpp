// gzip compression of response bodies (zlib). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace caunoi::http {
// Returns the gzip-compressed body, or nullopt if compression failed.
std::optional<std::string> Gzip(std::string_view body);
// True if an Accept-Encoding header value accepts gzip (and does not give it q=0).
bool AcceptsGzip(std::string_view accept_encoding);
}  // namespace caunoi::http
