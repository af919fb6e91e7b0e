// HTTP request/response as plain values. Handlers see only these; Beast stays in server.cpp,
// which keeps the heavy headers out of every handler's compile.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"

namespace caunoi::http {

struct Request {
    std::string method;
    std::string path;                            // decoded path, no query
    std::map<std::string, std::string> query;    // decoded query parameters
    std::map<std::string, std::string> headers;  // lower-case names
    std::map<std::string, std::string> cookies;
    std::map<std::string, std::string> params;  // from the route pattern
    std::string body;
    std::string remote_addr;
    bool secure = false;  // came over TLS (through a trusted proxy)
    // Set by the middleware before the handler runs:
    std::optional<Actor> actor;
    std::string session_token;
    std::string csrf;
    std::string lang = "vi";
    std::string route;  // the matched route's pattern ("" when none): the metrics' label

    std::string Header(const std::string& lower_name) const;
    std::string Query(const std::string& k) const;
    const std::string& Param(const std::string& k) const { return params.at(k); }
    // A whole-number query parameter in [lo, hi]; `fallback` when absent; Invalid naming it otherwise.
    Result<int64_t> IntQuery(const std::string& k, int64_t lo, int64_t hi, int64_t fallback) const;
    // The page size of a list, `?limit=`: the one rule of every list. Absent or empty: `fallback`;
    // anything but a whole number from 1 to `max`: Invalid naming `limit` (never a silent default).
    Result<int> Limit(int fallback, int max) const;
    bool WantsJson() const { return path.rfind("/api/", 0) == 0; }
};

struct Response {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    // The body already compressed (a page kept in a cache, compressed once): sent as it is to a
    // client that accepts gzip, instead of compressing `body` again.
    std::shared_ptr<const std::string> gzip_body;
    // The body kept by a cache, sent instead of `body` (which is then empty): a hit costs no copy.
    std::shared_ptr<const std::string> shared_body;
    std::string_view Body() const { return shared_body ? std::string_view(*shared_body) : std::string_view(body); }
    // A response that needs CPU-heavy work first (hashing a password): the server runs `work` on
    // its small bounded pool, off the io thread, so other requests go on meanwhile; then `then`
    // back on the io thread gives the real response. `work` must not touch App or its stores.
    std::function<void()> work;
    std::function<Result<Response>()> then;

    static Response Redirect(const std::string& to);
    static Response Offload(std::function<void()> work, std::function<Result<Response>()> then);
    static Response Json(int status, std::string body);
    void SetCookie(const std::string& name, const std::string& value, bool secure, int64_t max_age = -1);
};

// Percent-decoding for paths, queries and form bodies ('+' is a space in forms and queries).
std::string UrlDecode(std::string_view s, bool plus_is_space);
std::string UrlEncode(std::string_view s);
// Parses "a=1&b=2" into a map; a repeated key (a group of checkboxes) joins its values with commas.
// Always true (kept for its callers).
bool ParseUrlEncoded(std::string_view s, std::map<std::string, std::string>& out);
std::map<std::string, std::string> ParseCookies(std::string_view header);
// A request target in origin form: "/path?query" as it came, or taken out of the absolute form
// "http://host:port/path?query" (RFC 9112 3.2.2: servers must accept it; Kannel sends it when
// told to reach caunoi as its HTTP proxy, docs/sms.md). "/" for an absolute form without a path.
std::string_view OriginForm(std::string_view target);
// The password of an HTTP Basic credential ("Basic base64(user:password)", the scheme in any
// case); false when the header is not one.
bool BasicPassword(std::string_view header, std::string& password);

// Where to send the browser after a login or a language switch: `next` itself when it is a path
// on this site made of printable ASCII only (no space, no control character, no backslash) that
// does not start with "//"; "/" otherwise. Browsers drop tabs and newlines from a URL, so
// "/\t/evil.example" would leave the site: refusing every control character closes that too.
std::string SafeNext(std::string_view next);
// True when a header can be written as is: a token name, a value without control characters
// (CR or LF would split the response; a tab is refused too: no header of ours needs one).
bool HeaderSafe(std::string_view name, std::string_view value);

}  // namespace caunoi::http
