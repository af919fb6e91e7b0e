#include "core/calendar.hpp"

#include <cstdio>
#include <vector>

#include "core/text.hpp"

namespace caunoi {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int& y, int& m, int& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(static_cast<int64_t>(yoe) + era * 400 + (m <= 2));
}

}  // namespace

std::optional<int64_t> ParseDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    auto num = [&](size_t at, size_t n) {
        int v = 0;
        for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
        return v;
    };
    int y = num(0, 4), m = num(5, 2), d = num(8, 2);
    if (y < 1900 || m < 1 || m > 12 || d < 1) return std::nullopt;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > kDays[m - 1] + (m == 2 && leap)) return std::nullopt;
    return DaysFromCivil(y, m, d);
}

std::string FormatDate(int64_t day) {
    int y, m, d;
    CivilFromDays(day, y, m, d);
    char buf[40];  // room for any int, as the compiler checks
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

std::string FormatDateVn(int64_t day) {
    const std::string iso = FormatDate(day);  // YYYY-MM-DD -> dd/mm/yyyy
    return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

int64_t LocalDayOf(int64_t epoch) {
    int64_t t = epoch + 7 * 3600;
    return t >= 0 ? t / 86400 : (t - 86399) / 86400;
}

int Weekday(int64_t day) { return static_cast<int>(((day % 7) + 7 + 4) % 7); }  // 1970-01-01: Thursday

Result<WorkingCalendar> WorkingCalendar::Parse(const std::string& tsv) {
    WorkingCalendar cal;
    size_t pos = 0;
    int line_no = 0;
    bool header = true;
    while (pos < tsv.size()) {
        size_t end = tsv.find('\n', pos);
        if (end == std::string::npos) end = tsv.size();
        std::string_view line(tsv.data() + pos, end - pos);
        pos = end + 1;
        ++line_no;
        if (line.empty() || line[0] == '#') continue;
        if (header) {
            header = false;
            continue;
        }
        auto bad = [&](const std::string& why) {
            return Error::Invalid("holidays", "line " + std::to_string(line_no) + ": " + why);
        };
        std::vector<std::string_view> cols;
        size_t start = 0;
        for (size_t i = 0; i <= line.size(); ++i)
            if (i == line.size() || line[i] == '\t') {
                cols.push_back(line.substr(start, i - start));
                start = i + 1;
            }
        if (cols.size() != 5) return bad("expected 5 tab-separated columns");
        auto day = ParseDate(cols[0]);
        if (!day) return bad("not a date: " + std::string(cols[0]));
        if (cols[1] != "off" && cols[1] != "work") return bad("kind must be off or work");
        if (cols[4] != "verified" && cols[4] != "unverified") return bad("last column must be verified or unverified");
        if (cols[2].empty() || cols[3].empty() || !text::IsValidUtf8(cols[2], false)) return bad("names are required");
        int wd = Weekday(*day);
        if (cols[1] == "work" && wd != 6) return bad("a worked day must be a Saturday");
        if (cal.days_.count(*day)) return bad("date listed twice");
        cal.days_[*day] = {cols[1] == "off", std::string(cols[2]), std::string(cols[3]), cols[4] == "verified"};
        int year = std::stoi(std::string(cols[0].substr(0, 4)));
        if (cal.first_year_ == 0 || year < cal.first_year_) cal.first_year_ = year;
        if (year > cal.last_year_) cal.last_year_ = year;
    }
    return cal;
}

bool WorkingCalendar::IsWorkingDay(int64_t day) const {
    auto it = days_.find(day);
    if (it != days_.end()) return !it->second.day_off;
    int wd = Weekday(day);
    return wd != 0 && wd != 6;
}

int64_t WorkingCalendar::AddWorkingDays(int64_t start, int n) const {
    int64_t day = start;
    if (n <= 0) {
        while (!IsWorkingDay(day)) ++day;
        return day;
    }
    while (n > 0) {
        ++day;
        if (IsWorkingDay(day)) --n;
    }
    return day;
}

}  // namespace caunoi
