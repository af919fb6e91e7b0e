#include "training/schedule.hpp"

#include <gtest/gtest.h>

#include "core/calendar.hpp"

namespace caunoi::training {
namespace {

using board::Stage;

int64_t Day(const char* ymd) { return *ParseDate(ymd); }

// Rice planted in April and harvested in September and October; maize harvested in September.
board::CropCalendar Calendar() {
    board::CropCalendar c;
    board::CropRow rice{"rice", {}}, maize{"maize", {}};
    rice.months[3] = Stage::kPlant;
    rice.months[8] = Stage::kHarvest;
    rice.months[9] = Stage::kHarvest;
    maize.months[8] = Stage::kHarvest;
    c.rows = {rice, maize};
    c.markets = {{"Chợ phiên Mường Xén", 0}};  // Sundays
    return c;
}

std::vector<Concern::Kind> Kinds(const std::vector<Concern>& cs) {
    std::vector<Concern::Kind> out;
    for (const auto& c : cs) out.push_back(c.kind);
    return out;
}

TEST(ScheduleAdvice, AQuietWeekdayMorningIsGood) {
    // Tuesday 2026-12-08, 08:00, an hour.
    EXPECT_TRUE(Advise(Calendar(), {}, {Day("2026-12-08"), 8 * 60, 60}).empty());
}

TEST(ScheduleAdvice, HarvestPeakNamesItsCrops) {
    auto cs = Advise(Calendar(), {}, {Day("2027-09-14"), 8 * 60, 60});
    ASSERT_EQ(Kinds(cs), std::vector<Concern::Kind>{Concern::Kind::kPeak});
    ASSERT_EQ(cs[0].crops.size(), 2u);
    EXPECT_EQ(cs[0].crops[0].first, "rice");
    EXPECT_EQ(cs[0].crops[0].second, Stage::kHarvest);
    EXPECT_EQ(cs[0].crops[1].first, "maize");
}

TEST(ScheduleAdvice, MarketDayEveningRushAndHolidayEachSaySo) {
    // Sunday 2026-12-13 at 17:00: the market, and the rush.
    auto cs = Advise(Calendar(), {}, {Day("2026-12-13"), 17 * 60, 60});
    EXPECT_EQ(Kinds(cs), (std::vector<Concern::Kind>{Concern::Kind::kMarket, Concern::Kind::kEvening}));
    EXPECT_EQ(cs[0].name, "Chợ phiên Mường Xén");
    // Ending as the rush starts is fine; starting as it ends too.
    EXPECT_TRUE(Advise(Calendar(), {}, {Day("2026-12-08"), 15 * 60 + 30, 60}).empty());
    EXPECT_TRUE(Advise(Calendar(), {}, {Day("2026-12-08"), kRushEnd, 90}).empty());
    EXPECT_EQ(Kinds(Advise(Calendar(), {}, {Day("2026-12-08"), 15 * 60 + 45, 60})),
              std::vector<Concern::Kind>{Concern::Kind::kEvening});
    Holidays h{{Day("2027-01-01"), "Tết Dương lịch"}};
    auto hol = Advise(Calendar(), h, {Day("2027-01-01"), 8 * 60, 60});
    ASSERT_EQ(Kinds(hol), std::vector<Concern::Kind>{Concern::Kind::kHoliday});
    EXPECT_EQ(hol[0].name, "Tết Dương lịch");
}

TEST(ScheduleSuggestions, ThreeGoodDaysNearestTheWantedOneInDateOrder) {
    // Wanted: Sunday 2026-12-13 at 17:00 (market, rush). Nearest good days: Sat 12, Mon 14, Fri 11
    // (Sun excluded; Sat 12 and Mon 14 are one day away, Fri 11 and Tue 15 two).
    auto s = Suggest(Calendar(), {}, {Day("2026-12-13"), 17 * 60, 60}, Day("2026-12-01"));
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(FormatDate(s[0].day), "2026-12-11");
    EXPECT_EQ(FormatDate(s[1].day), "2026-12-12");
    EXPECT_EQ(FormatDate(s[2].day), "2026-12-14");
    for (const auto& x : s) {
        EXPECT_EQ(x.minute, kAfterDinner) << "moved out of the rush";
        EXPECT_EQ(x.minutes, 60);
        EXPECT_TRUE(Advise(Calendar(), {}, x).empty());
    }
}

TEST(ScheduleSuggestions, NeverBeforeTheFirstAllowedDay) {
    auto s = Suggest(Calendar(), {}, {Day("2026-12-13"), 8 * 60, 60}, Day("2026-12-13"));
    ASSERT_EQ(s.size(), 3u);
    for (const auto& x : s) EXPECT_GT(x.day, Day("2026-12-13"));
    EXPECT_EQ(FormatDate(s[0].day), "2026-12-14");
}

TEST(ScheduleSuggestions, LeaveAPeakAcrossTheMonthAndTheYearBoundary) {
    // The whole of September and October is the harvest: a date there moves to August or November.
    auto s = Suggest(Calendar(), {}, {Day("2027-09-01"), 8 * 60, 60}, Day("2027-08-01"));
    ASSERT_EQ(s.size(), 3u);
    for (const auto& x : s) EXPECT_EQ(FormatDate(x.day).substr(5, 2), "08");
    // A calendar whose peak is December and January (cassava and ginger harvested): a date on
    // 30 December moves past New Year into February, or back into November.
    board::CropCalendar winter;
    board::CropRow cassava{"cassava", {}}, ginger{"ginger", {}};
    for (auto* r : {&cassava, &ginger}) r->months[11] = r->months[0] = Stage::kHarvest;
    winter.rows = {cassava, ginger};
    EXPECT_EQ(Kinds(Advise(winter, {}, {Day("2027-01-05"), 8 * 60, 60})),
              std::vector<Concern::Kind>{Concern::Kind::kPeak});
    auto w = Suggest(winter, {}, {Day("2026-12-30"), 8 * 60, 60}, Day("2026-12-30"));
    ASSERT_EQ(w.size(), 3u);
    for (const auto& x : w) EXPECT_EQ(FormatDate(x.day).substr(0, 7), "2027-02") << FormatDate(x.day);
    auto back = Suggest(winter, {}, {Day("2026-12-03"), 8 * 60, 60}, Day("2026-11-20"));
    ASSERT_EQ(back.size(), 3u);
    EXPECT_EQ(FormatDate(back.back().day), "2026-11-30");
}

TEST(ScheduleSuggestions, FewerWhenNoGoodDayIsNear) {
    board::CropCalendar busy = Calendar();
    busy.markets.clear();
    for (int d = 0; d < 7; ++d) busy.markets.push_back({"Chợ " + std::to_string(d), d});
    EXPECT_TRUE(Suggest(busy, {}, {Day("2026-12-08"), 8 * 60, 60}, Day("2026-12-01")).empty());
}

}  // namespace
}  // namespace caunoi::training
