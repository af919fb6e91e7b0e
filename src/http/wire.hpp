#pragma once
// A response as the bytes written to the socket: the status line and headers in one string, then
// the body, shared with a cache when it comes from one. Written with one gathered write; Beast's
// serializer cost a quarter of a cached page's CPU (docs/benchmarks.md, "Village board").
#include <memory>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace caunoi::http {

struct Wire {
    std::string head;
    std::string body;
    std::shared_ptr<const std::string> shared;  // the body when it is a cache's compressed copy
    std::string_view Body() const { return shared ? std::string_view(*shared) : std::string_view(body); }
};

// `version` is the request's (10 or 11). A response with an unsafe header (a control character)
// becomes a bare 500. The body is compressed for a client that accepts gzip when it is text and
// over 512 bytes; a HEAD answer has the headers of the GET answer and no body; 1xx, 204 and 304
// have neither body nor Content-Length.
Wire ToWire(Response&& resp, const Request& req, unsigned version, bool keep_alive);

}  // namespace caunoi::http
