#include "core/rate_limit.hpp"

#include <gtest/gtest.h>

namespace caunoi {

TEST(RateLimiter, BlocksAfterTheLimitUntilTheWindowEnds) {
    RateLimiter rl(3, 60);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(rl.WaitFor("a", 100), 0);
        rl.Hit("a", 100);
    }
    EXPECT_EQ(rl.WaitFor("a", 110), 50);
    EXPECT_EQ(rl.WaitFor("b", 110), 0);  // keys are independent
    EXPECT_EQ(rl.WaitFor("a", 160), 0);
    rl.Hit("a", 160);
    EXPECT_EQ(rl.WaitFor("a", 161), 0);
}

TEST(RateLimiter, StaysBoundedAndKeepsRecentKeys) {
    RateLimiter rl(1, 1000, 100);
    for (int i = 0; i < 1000; ++i) rl.Hit("k" + std::to_string(i), i);
    EXPECT_GT(rl.WaitFor("k999", 999), 0);  // the newest window survives eviction
}

}  // namespace caunoi
