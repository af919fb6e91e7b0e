// Advice on when to hold a training session (issue 19, docs/training.md): people come when they
// are not in the fields, not at the market and not cooking. A proposed time gets the reasons it
// is a poor one, read from the commune's crop calendar and market days and the public holidays,
// and three better times near it.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "board/crop_calendar.hpp"

namespace caunoi::training {

// When a session is held, in local time.
struct Slot {
    int64_t day = 0;   // day number (core/calendar.hpp)
    int minute = 0;    // minute of the day it starts, 0–1439
    int minutes = 60;  // how long
};

// The evening rush: back from the fields, cooking, children. A session overlapping it is poor.
inline constexpr int kRushStart = 16 * 60 + 30, kRushEnd = 19 * 60 + 30;
// Where a suggestion moves a session that fell in the rush: after dinner.
inline constexpr int kAfterDinner = 19 * 60 + 30;
// Suggestions are looked for from a month before the wanted day (never before tomorrow) to four
// months after it.
inline constexpr int kSuggestDaysBefore = 30, kSuggestDaysAfter = 120;

struct Concern {
    enum class Kind { kPeak, kMarket, kEvening, kHoliday } kind;
    std::vector<std::pair<std::string, board::Stage>> crops;  // kPeak: the crops planted or harvested that month
    std::string name;                                         // kMarket: the market; kHoliday: the holiday
};

// Public holidays by day number, with their Vietnamese names (WorkingCalendar's days off).
using Holidays = std::map<int64_t, std::string>;

// Why `s` is a poor time: its month a peak of the calendar (board::PeakMonths), a market day of
// the commune, the evening rush, a public holiday. Empty: a good time.
std::vector<Concern> Advise(const board::CropCalendar& c, const Holidays& h, const Slot& s);

// Up to `n` times with no concern, nearest to `wanted` first (from kSuggestDaysBefore before it
// to kSuggestDaysAfter after it, never before `first_day`), then given in date order. The time of
// day is kept unless it falls in the rush (then kAfterDinner). Fewer than `n` when the calendar
// leaves fewer good days in that window.
std::vector<Slot> Suggest(const board::CropCalendar& c, const Holidays& h, const Slot& wanted, int64_t first_day,
                          int n = 3);

}  // namespace caunoi::training
