#include "http/feed_fetcher.hpp"

#include <set>

#include "http/http_get.hpp"

namespace caunoi::http {

Result<warnings::Fetched> HttpFetcher::Get(const std::string& url, size_t max_bytes) {
    std::set<std::string> visited;
    std::string at = url;
    for (int redirects = 0;; ++redirects) {
        auto target = ParseHttpUrl(at);
        if (!target) {
            return FetchFailed(at.rfind("https://", 0) == 0 ? "https is not supported by this build (no TLS): " + at
                                                            : "not an http:// address: " + at);
        }
        visited.insert(at);
        CAUNOI_ASSIGN(auto res, HttpGet(*target, timeout_seconds_, max_bytes));
        const unsigned s = res.status;
        if (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) {
            const std::string next = warnings::ResolveUrl(at, res.location);
            if (next.empty())
                return FetchFailed("HTTP " + std::to_string(s) +
                                   " to no usable address: " + res.location.substr(0, 100));
            if (visited.count(next)) return FetchFailed("a redirect loop: " + at + " -> " + next);
            if (redirects == max_redirects_)
                return FetchFailed("more than " + std::to_string(max_redirects_) + " redirects, the last to " + next);
            at = next;
            continue;
        }
        if (s < 200 || s > 299) return FetchFailed("HTTP " + std::to_string(s) + " from " + at);
        std::string type = res.content_type.substr(0, res.content_type.find(';'));
        for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (type.find("html") != std::string::npos)
            return FetchFailed("an HTML page (" + type + "), not a feed or a CAP document, from " + at);
        return warnings::Fetched{.url = at, .body = std::move(res.body)};
    }
}

}  // namespace caunoi::http
