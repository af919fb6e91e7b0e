#include "core/clock.hpp"

#include <chrono>

namespace caunoi {
int64_t SystemClock::NowSeconds() const {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}
}  // namespace caunoi
