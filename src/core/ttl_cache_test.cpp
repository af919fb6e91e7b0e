#include "core/ttl_cache.hpp"

#include <gtest/gtest.h>

#include <string>

namespace caunoi {
namespace {

TEST(TtlCache, AnEntryLivesItsTtlFromWhenItWasReadAndNotAMillisecondMore) {
    FakeClock clock(1000);
    TtlCache<std::string, int> cache(clock, 1000, 10);
    const int64_t read_at = cache.Now();
    clock.AdvanceMillis(300);  // the read took 300 ms
    cache.Put("a", 1, read_at);
    ASSERT_NE(cache.Find("a"), nullptr);
    EXPECT_EQ(*cache.Find("a"), 1);
    clock.AdvanceMillis(699);
    EXPECT_NE(cache.Find("a"), nullptr);
    clock.AdvanceMillis(1);
    EXPECT_EQ(cache.Find("a"), nullptr);
    EXPECT_EQ(cache.size(), 0u);  // dropped when found expired
}

TEST(TtlCache, AClockSetBackExpiresWhatWasStoredLater) {
    FakeClock clock(1000);
    TtlCache<std::string, int> cache(clock, 30'000, 10);
    cache.Put("a", 1);
    clock.Advance(-3600);
    EXPECT_EQ(cache.Find("a"), nullptr);
}

TEST(TtlCache, StoringIntoAFullCacheDropsEverythingFirst) {
    FakeClock clock(1000);
    TtlCache<int, int> cache(clock, 1000, 3);
    for (int i = 0; i < 3; ++i) cache.Put(i, i);
    EXPECT_EQ(cache.size(), 3u);
    cache.Put(3, 3);
    EXPECT_EQ(cache.size(), 1u);
    EXPECT_EQ(cache.Find(0), nullptr);
    ASSERT_NE(cache.Find(3), nullptr);
    EXPECT_EQ(*cache.Find(3), 3);
}

TEST(TtlCache, EraseEraseIfAndClear) {
    FakeClock clock(1000);
    TtlCache<std::string, std::string> cache(clock, 1000, 10);
    cache.Put("s1", "u1");
    cache.Put("s2", "u2");
    cache.Put("s3", "u1");
    cache.EraseIf([](const std::string&, const std::string& user) { return user == "u1"; });
    EXPECT_EQ(cache.size(), 1u);
    EXPECT_NE(cache.Find("s2"), nullptr);
    cache.Erase("s2");
    EXPECT_EQ(cache.Find("s2"), nullptr);
    cache.Put("s4", "u4");
    cache.Clear();
    EXPECT_EQ(cache.size(), 0u);
}

TEST(TtlValue, FreshWithinTheTtlStaleAfterTouchedAgainAndCleared) {
    FakeClock clock(1000);
    TtlValue<std::string> v(clock, 1000);
    EXPECT_EQ(v.Fresh(), nullptr);
    EXPECT_EQ(v.Stale(), nullptr);
    v.Set("catalog", v.Now());
    ASSERT_NE(v.Fresh(), nullptr);
    EXPECT_EQ(*v.Fresh(), "catalog");
    clock.Advance(1);
    EXPECT_EQ(v.Fresh(), nullptr);
    ASSERT_NE(v.Stale(), nullptr);  // still there to revalidate
    EXPECT_EQ(*v.Stale(), "catalog");
    v.Touch(v.Now());
    EXPECT_NE(v.Fresh(), nullptr);
    v.Clear();
    EXPECT_EQ(v.Fresh(), nullptr);
    EXPECT_EQ(v.Stale(), nullptr);
}

}  // namespace
}  // namespace caunoi
