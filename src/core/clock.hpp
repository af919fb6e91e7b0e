// Clock: the only source of "now" in domain code, so tests can fix time.
// SystemClock is thread-safe; FakeClock is not (tests only).
#pragma once

#include <cstdint>
#include <string>

namespace caunoi {

// Formats UTC epoch seconds as local time in Asia/Ho_Chi_Minh (UTC+7, no daylight saving)
// with a strftime format.
std::string FormatVietnamTime(int64_t epoch, const char* format);

class Clock {
  public:
    virtual ~Clock() = default;
    virtual int64_t NowSeconds() const = 0;  // UTC epoch seconds
    // UTC epoch milliseconds, for short expiries (core/ttl_cache.hpp); whole seconds unless overridden.
    virtual int64_t NowMillis() const { return NowSeconds() * 1000; }
};

class SystemClock final : public Clock {
  public:
    int64_t NowSeconds() const override;
    int64_t NowMillis() const override;
};

class FakeClock final : public Clock {
  public:
    explicit FakeClock(int64_t now) : now_ms_(now * 1000) {}
    int64_t NowSeconds() const override { return now_ms_ / 1000; }
    int64_t NowMillis() const override { return now_ms_; }
    void Advance(int64_t s) { now_ms_ += s * 1000; }
    void AdvanceMillis(int64_t ms) { now_ms_ += ms; }

  private:
    int64_t now_ms_;
};

}  // namespace caunoi
