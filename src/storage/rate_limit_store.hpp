// The rate limits' table (SQL implementation of RateCounter), over any Database engine.
// Borrows the Database; one thread at a time (as the Database).
#pragma once

#include <cstdint>
#include <string>

#include "core/rate_limit.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

// Look-up rate limits shared by every process on the database (table rate_limits).
class RateLimitStore final : public RateCounter {
  public:
    explicit RateLimitStore(Database& db) : db_(db) {}
    Result<int64_t> WaitFor(const std::string& key, int max, int64_t window, int64_t now) override;
    Status Hit(const std::string& key, int64_t window, int64_t now) override;

  private:
    static constexpr int kSweepEvery = 1000;
    static constexpr int64_t kKeepSeconds = 86400;
    Database& db_;
    int hits_since_sweep_ = 0;
};

}  // namespace caunoi::storage
