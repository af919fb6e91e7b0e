// Fixed-window rate limiter keyed by string (a client address, a dossier code), in memory.
// Bounded: at most `max_keys` keys are tracked; when full, expired windows are dropped first,
// then the oldest windows. Thread-safety: internally locked, safe from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>

namespace caunoi {

class RateLimiter {
  public:
    RateLimiter(int max_hits, int64_t window_seconds, size_t max_keys = 100000)
        : max_(max_hits), window_(window_seconds), max_keys_(max_keys) {}

    // Seconds until `key` may try again (0: allowed now). Does not count a hit.
    int64_t WaitFor(const std::string& key, int64_t now) const;
    // Counts one hit for `key` at `now`.
    void Hit(const std::string& key, int64_t now);

  private:
    struct Window {
        int64_t start = 0;
        int hits = 0;
    };
    void MakeRoom(int64_t now);
    int max_;
    int64_t window_;
    size_t max_keys_;
    mutable std::mutex mu_;
    std::unordered_map<std::string, Window> windows_;
};

}  // namespace caunoi
