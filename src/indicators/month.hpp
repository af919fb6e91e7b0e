// Months as indicators count them: YYYYMM integers (202611) of the local calendar in
// Asia/Ho_Chi_Minh (UTC+7), so a visit at 23:30 on the 31st local time counts in that month.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace caunoi::indicators {

using Month = int;  // YYYYMM

Month MonthOfEpoch(int64_t epoch);        // the local month an epoch second falls in
Month MonthOfDay(int64_t day);            // the month of a local day number (days since 1970-01-01)
Month AddMonths(Month m, int n);          // n may be negative
int MonthsBetween(Month from, Month to);  // to - from, in months
// "2026-11" or "202611" -> 202611; nullopt for anything else (month 0, 13, years before 2000 …).
std::optional<Month> ParseMonth(std::string_view s);
std::string FormatMonth(Month m);  // "11/2026", as people write it
std::string MonthParam(Month m);   // "2026-11", as forms and links carry it
int YearOf(Month m);

}  // namespace caunoi::indicators
