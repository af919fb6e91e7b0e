// Fixed-window rate limits keyed by string (a client address, a dossier code). The counters
// live behind an interface: in the database (storage::RateLimitStore) when several processes
// must share them, or in memory (MemoryRateCounter) for tests and single-process tools.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

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

// In memory, bounded to `max_keys` (expired windows go first, then the oldest).
// Thread-safety: internally locked.
class MemoryRateCounter final : public RateCounter {
  public:
    explicit MemoryRateCounter(size_t max_keys = 100000) : max_keys_(max_keys) {}
    Result<int64_t> WaitFor(const std::string& key, int max, int64_t window, int64_t now) override;
    Status Hit(const std::string& key, int64_t window, int64_t now) override;

  private:
    struct Window {
        int64_t start = 0;
        int64_t window = 0;
        int hits = 0;
    };
    void MakeRoom(int64_t now);
    size_t max_keys_;
    std::mutex mu_;
    std::unordered_map<std::string, Window> windows_;
};

}  // namespace caunoi
