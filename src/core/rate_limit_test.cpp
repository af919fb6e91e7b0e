#include "core/rate_limit.hpp"

#include <gtest/gtest.h>

namespace caunoi {

TEST(MemoryRateCounter, BlocksAfterTheLimitUntilTheWindowEnds) {
    MemoryRateCounter rc;
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(rc.WaitFor("a", 3, 60, 100).value(), 0);
        ASSERT_TRUE(rc.Hit("a", 60, 100).ok());
    }
    EXPECT_EQ(rc.WaitFor("a", 3, 60, 110).value(), 50);
    EXPECT_EQ(rc.WaitFor("b", 3, 60, 110).value(), 0);  // keys are independent
    EXPECT_EQ(rc.WaitFor("a", 3, 60, 160).value(), 0);
    ASSERT_TRUE(rc.Hit("a", 60, 160).ok());
    EXPECT_EQ(rc.WaitFor("a", 3, 60, 161).value(), 0);
}

TEST(MemoryRateCounter, StaysBoundedAndKeepsRecentKeys) {
    MemoryRateCounter rc(100);
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(rc.Hit("k" + std::to_string(i), 1000, i).ok());
    EXPECT_GT(rc.WaitFor("k999", 1, 1000, 999).value(), 0);  // the newest window survives eviction
}

}  // namespace caunoi
