#include "indicators/month.hpp"

#include <cstdio>

#include "core/calendar.hpp"

namespace caunoi::indicators {

Month MonthOfDay(int64_t day) {
    const std::string d = FormatDate(day);  // YYYY-MM-DD
    return std::stoi(d.substr(0, 4)) * 100 + std::stoi(d.substr(5, 2));
}

Month MonthOfEpoch(int64_t epoch) { return MonthOfDay(LocalDayOf(epoch)); }

Month AddMonths(Month m, int n) {
    int index = (m / 100) * 12 + (m % 100 - 1) + n;
    return (index / 12) * 100 + index % 12 + 1;
}

int MonthsBetween(Month from, Month to) { return ((to / 100) * 12 + to % 100) - ((from / 100) * 12 + from % 100); }

std::optional<Month> ParseMonth(std::string_view s) {
    std::string digits;
    for (char c : s) {
        if (c >= '0' && c <= '9')
            digits += c;
        else if (c != '-' || digits.size() != 4)
            return std::nullopt;
    }
    if (digits.size() != 6) return std::nullopt;
    const int y = std::stoi(digits.substr(0, 4)), mo = std::stoi(digits.substr(4, 2));
    if (y < 2000 || y > 2200 || mo < 1 || mo > 12) return std::nullopt;
    return y * 100 + mo;
}

std::string FormatMonth(Month m) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d/%04d", m % 100, m / 100);
    return buf;
}

std::string MonthParam(Month m) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", m / 100, m % 100);
    return buf;
}

int YearOf(Month m) { return m / 100; }

}  // namespace caunoi::indicators
