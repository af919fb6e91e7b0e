#include "core/calendar.hpp"

#include <gtest/gtest.h>

#include "core/embedded.hpp"

namespace caunoi {
namespace {

int64_t D(const char* s) { return ParseDate(s).value(); }

WorkingCalendar Shipped() {
    auto c = WorkingCalendar::Parse(EmbeddedFile("data/holidays.tsv"));
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().detail);
    return c.value();
}

TEST(Calendar, ParsesAndFormatsRealDatesOnly) {
    EXPECT_EQ(FormatDate(D("2026-02-17")), "2026-02-17");
    EXPECT_EQ(FormatDateVn(D("2024-02-29")), "29/02/2024");
    EXPECT_FALSE(ParseDate("2025-02-29"));
    EXPECT_FALSE(ParseDate("2026-13-01"));
    EXPECT_FALSE(ParseDate("2026-1-01"));
    EXPECT_FALSE(ParseDate("26-01-2026"));
    EXPECT_EQ(Weekday(D("2026-11-28")), 6);              // a Saturday
    EXPECT_EQ(LocalDayOf(1764349200), D("2025-11-29"));  // 2025-11-28 17:00 UTC is past midnight in UTC+7
}

TEST(WorkingDays, SkipWeekends) {
    WorkingCalendar none = WorkingCalendar::Parse("date\tkind\tvi\ten\tstatus\n").value();
    EXPECT_EQ(FormatDate(none.AddWorkingDays(D("2026-11-27"), 1)), "2026-11-30");  // Fri -> Mon
    EXPECT_EQ(FormatDate(none.AddWorkingDays(D("2026-11-28"), 3)), "2026-12-02");  // filed on a Saturday
    EXPECT_EQ(FormatDate(none.AddWorkingDays(D("2026-11-29"), 0)), "2026-11-30");  // same day -> Monday
    EXPECT_EQ(FormatDate(none.AddWorkingDays(D("2026-11-25"), 0)), "2026-11-25");
}

TEST(WorkingDays, SkipTetAndHolidaysFromTheDataFile) {
    WorkingCalendar cal = Shipped();
    EXPECT_FALSE(cal.IsWorkingDay(D("2026-02-17")));  // first day of Tết Bính Ngọ
    // Filed the Friday before Tết: the whole Tết week does not count.
    EXPECT_EQ(FormatDate(cal.AddWorkingDays(D("2026-02-13"), 3)), "2026-02-25");
    // 30 April and 1 May 2026 (Thursday, Friday) then the weekend.
    EXPECT_EQ(FormatDate(cal.AddWorkingDays(D("2026-04-29"), 1)), "2026-05-04");
    // A Saturday worked in exchange for a bridge day counts.
    EXPECT_TRUE(cal.IsWorkingDay(D("2025-04-26")));
    EXPECT_EQ(FormatDate(cal.AddWorkingDays(D("2025-04-25"), 1)), "2025-04-26");
    EXPECT_LE(cal.first_year(), 2025);
    EXPECT_GE(cal.last_year(), 2027);
}

TEST(WorkingDays, RejectMalformedHolidayRows) {
    const std::string h = "date\tkind\tvi\ten\tstatus\n";
    EXPECT_FALSE(WorkingCalendar::Parse(h + "2026-02-30\toff\tx\ty\tverified\n").ok());
    EXPECT_FALSE(WorkingCalendar::Parse(h + "2026-02-17\tholiday\tx\ty\tverified\n").ok());
    EXPECT_FALSE(WorkingCalendar::Parse(h + "2026-02-17\toff\tx\ty\tmaybe\n").ok());
    EXPECT_FALSE(WorkingCalendar::Parse(h + "2026-02-17\twork\tx\ty\tverified\n").ok());  // not a Saturday
    EXPECT_FALSE(WorkingCalendar::Parse(h + "2026-02-17\toff\tx\ty\tverified\n2026-02-17\toff\tx\ty\tverified\n").ok());
    auto e = WorkingCalendar::Parse(h + "2026-02-17\toff\tx\n");
    ASSERT_FALSE(e.ok());
    EXPECT_NE(e.error().detail.find("line 2"), std::string::npos);
}

}  // namespace
}  // namespace caunoi
