// The one HTTP client of caunoi (Boost.Beast): a plain GET over HTTP/1.1, used by the Kannel
// gateway (sendsms) and the alert feed fetcher. http:// only: the build links no TLS library.
// Thread-safety: each call is independent (its own io_context).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "core/result.hpp"

namespace caunoi::http {

struct HttpUrl {
    std::string host, port;  // port "80" when the address names none
    std::string target;      // "/path?query" ("/" when the address has no path)
};

// "http://host[:port][/path][?query]" (a fragment dropped; "[::1]" for IPv6); nullopt for anything
// else, https included.
std::optional<HttpUrl> ParseHttpUrl(const std::string& url);

struct HttpAnswer {
    unsigned status = 0;
    std::string content_type;  // as sent, "" when none
    std::string location;      // the Location header, "" when none
    std::string body;
};

// One GET of `url`, "Connection: close"; connecting, sending and reading the whole answer within
// `timeout_seconds` (a server that stalls or trickles is cut off), a body of at most `max_body`
// bytes. Any HTTP status is an answer. Error (kUnavailable) with an English detail otherwise:
// "connecting: Connection refused", "timed out after N s", "larger than N KiB", "not an HTTP
// answer: ...".
// Resolving the host name is not under the timeout (the system resolver's own limits apply).
Result<HttpAnswer> HttpGet(const HttpUrl& url, int timeout_seconds, size_t max_body);

// The error HttpGet and its callers give for a fetch that failed (kUnavailable, English `detail`).
Error FetchFailed(std::string detail);

}  // namespace caunoi::http
