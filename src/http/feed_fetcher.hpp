// The alert feed poller's Fetcher (warnings/feed.hpp) over HTTP (http_get.hpp): redirects followed
// at most `max_redirects` times, a loop said as such; an HTTP error status, an HTML page
// (text/html: a hub's error or login page) and https (this build links no TLS library) refused
// with the reason. Thread-safety: one thread at a time.
#pragma once

#include <string>

#include "warnings/feed.hpp"

namespace caunoi::http {

class HttpFetcher final : public warnings::Fetcher {
  public:
    explicit HttpFetcher(int timeout_seconds = 10, int max_redirects = 5)
        : timeout_seconds_(timeout_seconds), max_redirects_(max_redirects) {}
    Result<warnings::Fetched> Get(const std::string& url, size_t max_bytes) override;

  private:
    int timeout_seconds_;
    int max_redirects_;
};

}  // namespace caunoi::http
