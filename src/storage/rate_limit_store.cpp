#include "storage/rate_limit_store.hpp"

namespace caunoi::storage {

Result<int64_t> RateLimitStore::WaitFor(const std::string& key, int max, int64_t window, int64_t now) {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT window_start, hits FROM rate_limits WHERE key = ?", {key}));
    if (rows.empty()) return int64_t{0};
    const int64_t start = rows[0].Int(0), hits = rows[0].Int(1);
    if (now >= start + window || hits < max) return int64_t{0};
    return start + window - now;
}

Status RateLimitStore::Hit(const std::string& key, int64_t window, int64_t now) {
    // One statement, so two processes counting the same key at once both count.
    CAUNOI_TRY(db_.Exec(
        "INSERT INTO rate_limits (key, window_start, hits) VALUES (?, ?, 1) ON CONFLICT (key) DO UPDATE SET "
        "hits = CASE WHEN rate_limits.window_start + ? <= excluded.window_start THEN 1 ELSE rate_limits.hits + 1 END, "
        "window_start = CASE WHEN rate_limits.window_start + ? <= excluded.window_start THEN excluded.window_start "
        "ELSE rate_limits.window_start END",
        {key, now, window, window}));
    // Now and then, forget windows that ended long ago (the longest window used is an hour).
    if (++hits_since_sweep_ >= kSweepEvery) {
        hits_since_sweep_ = 0;
        CAUNOI_TRY(db_.Exec("DELETE FROM rate_limits WHERE window_start < ?", {now - kKeepSeconds}));
    }
    return {};
}

}  // namespace caunoi::storage
