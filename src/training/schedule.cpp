#include "training/schedule.hpp"

#include <algorithm>
#include <cstdlib>

#include "core/calendar.hpp"

namespace caunoi::training {
namespace {

int MonthOf(int64_t day) { return std::stoi(FormatDate(day).substr(5, 2)); }

bool InRush(const Slot& s) { return s.minute < kRushEnd && s.minute + s.minutes > kRushStart; }

}  // namespace

std::vector<Concern> Advise(const board::CropCalendar& c, const Holidays& h, const Slot& s) {
    std::vector<Concern> out;
    const int month = MonthOf(s.day);
    const auto peaks = board::PeakMonths(c);
    if (std::find(peaks.begin(), peaks.end(), month) != peaks.end()) {
        Concern k{Concern::Kind::kPeak, {}, {}};
        for (const auto& r : c.rows) {
            auto st = r.months[static_cast<size_t>(month - 1)];
            if (st == board::Stage::kPlant || st == board::Stage::kHarvest) k.crops.emplace_back(r.crop, st);
        }
        out.push_back(std::move(k));
    }
    for (const auto& m : c.markets)
        if (m.weekday == Weekday(s.day)) out.push_back({Concern::Kind::kMarket, {}, m.name});
    if (InRush(s)) out.push_back({Concern::Kind::kEvening, {}, {}});
    if (auto it = h.find(s.day); it != h.end()) out.push_back({Concern::Kind::kHoliday, {}, it->second});
    return out;
}

std::vector<Slot> Suggest(const board::CropCalendar& c, const Holidays& h, const Slot& wanted, int64_t first_day,
                          int n) {
    Slot base = wanted;
    if (InRush(base)) base.minute = kAfterDinner;
    std::vector<Slot> good;
    for (int64_t d = std::max(first_day, wanted.day - kSuggestDaysBefore); d <= wanted.day + kSuggestDaysAfter; ++d) {
        Slot s = base;
        s.day = d;
        if (Advise(c, h, s).empty()) good.push_back(s);
    }
    std::stable_sort(good.begin(), good.end(), [&](const Slot& a, const Slot& b) {
        return std::llabs(a.day - wanted.day) < std::llabs(b.day - wanted.day);
    });
    if (good.size() > static_cast<size_t>(n)) good.resize(static_cast<size_t>(n));
    std::sort(good.begin(), good.end(), [](const Slot& a, const Slot& b) { return a.day < b.day; });
    return good;
}

}  // namespace caunoi::training
