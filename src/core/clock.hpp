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
};

class SystemClock final : public Clock {
  public:
    int64_t NowSeconds() const override;
};

class FakeClock final : public Clock {
  public:
    explicit FakeClock(int64_t now) : now_(now) {}
    int64_t NowSeconds() const override { return now_; }
    void Advance(int64_t s) { now_ += s; }

  private:
    int64_t now_;
};

}  // namespace caunoi
