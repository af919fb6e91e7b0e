// Fixed-window rate limits keyed by string (a client address, a dossier code). The counters
// live behind this interface; storage::RateLimitStore keeps them in the database, so every
// process serving one database shares them.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.hpp"

namespace caunoi {

class RateCounter {
  public:
    virtual ~RateCounter() = default;
    // Seconds until `key` may be counted again with at most `max` hits per `window` seconds
    // (0: now). Does not count.
    virtual Result<int64_t> WaitFor(const std::string& key, int max, int64_t window, int64_t now) = 0;
    // Counts one hit for `key` in its current window (a new window starts when the last ended).
    virtual Status Hit(const std::string& key, int64_t window, int64_t now) = 0;
};

}  // namespace caunoi
