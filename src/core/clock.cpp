#include "core/clock.hpp"

#include <chrono>
#include <ctime>

namespace caunoi {
std::string FormatVietnamTime(int64_t epoch, const char* format) {
    std::time_t t = static_cast<std::time_t>(epoch + 7 * 3600);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    size_t n = std::strftime(buf, sizeof buf, format, &tm);
    return std::string(buf, n);
}

int64_t SystemClock::NowSeconds() const {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

int64_t SystemClock::NowMillis() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}
}  // namespace caunoi
