// Calendar dates and the working-day calendar of Vietnamese public offices: Monday to Friday,
// minus public holidays (Tết included), plus the Saturdays worked in exchange for a bridge day.
// Dates are day numbers (days since 1970-01-01) of the local calendar in Asia/Ho_Chi_Minh.
// Thread-safety: WorkingCalendar is immutable after Parse; the functions are pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace caunoi {

// "YYYY-MM-DD" (a real calendar date) -> day number; nullopt otherwise.
std::optional<int64_t> ParseDate(std::string_view s);
std::string FormatDate(int64_t day);    // "YYYY-MM-DD"
std::string FormatDateVn(int64_t day);  // "dd/mm/yyyy"
// The local day (UTC+7) an epoch second falls on.
int64_t LocalDayOf(int64_t epoch);
int Weekday(int64_t day);  // 0 = Sunday … 6 = Saturday

struct CalendarDay {
    bool day_off = true;  // false: a Saturday worked in exchange for a bridge day
    std::string name_vi, name_en;
    bool verified = false;  // false: taken from an announcement we could not check, or estimated
};

class WorkingCalendar {
  public:
    // data/holidays.tsv: date, kind (off | work), Vietnamese name, English name,
    // verified | unverified. '#' lines are comments; the first other line is the header.
    static Result<WorkingCalendar> Parse(const std::string& tsv);

    bool IsWorkingDay(int64_t day) const;
    // The day `n` working days after `start` (the start day itself never counts: time limits run
    // from the day after filing). n = 0: `start` if it is a working day, else the next one.
    int64_t AddWorkingDays(int64_t start, int n) const;
    const std::map<int64_t, CalendarDay>& days() const { return days_; }
    int first_year() const { return first_year_; }
    int last_year() const { return last_year_; }

  private:
    std::map<int64_t, CalendarDay> days_;
    int first_year_ = 0, last_year_ = 0;
};

}  // namespace caunoi
