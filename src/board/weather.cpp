#include "board/weather.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "channel/encoding.hpp"
#include "core/calendar.hpp"
#include "core/text.hpp"

namespace caunoi::board {

Rain RainOf(double mm) {
    if (mm < 0.5) return Rain::kDry;
    if (mm < 16) return Rain::kLight;
    if (mm < 50) return Rain::kModerate;
    if (mm < kWarningRainMm) return Rain::kHeavy;
    return Rain::kVeryHeavy;
}

const char* RainKey(Rain r) {
    switch (r) {
        case Rain::kDry:
            return "dry";
        case Rain::kLight:
            return "light";
        case Rain::kModerate:
            return "moderate";
        case Rain::kHeavy:
            return "heavy";
        case Rain::kVeryHeavy:
            return "very_heavy";
    }
    return "dry";
}

const char* RainName(Rain r) {
    switch (r) {
        case Rain::kDry:
            return N_("No rain");
        case Rain::kLight:
            return N_("Light rain");
        case Rain::kModerate:
            return N_("Moderate rain");
        case Rain::kHeavy:
            return N_("Heavy rain");
        case Rain::kVeryHeavy:
            return N_("Very heavy rain");
    }
    return N_("No rain");
}

Status WeatherService::EnterManual(const Actor& a, const std::string& commune_id, const std::string& commune_path,
                                   const Fields& typed) {
    // "10,5" is how people here write ten and a half.
    Fields f;
    for (auto [k, v] : typed.all()) {
        std::replace(v.begin(), v.end(), ',', '.');
        f.Set(k, v);
    }
    if (!a.scope.Contains(commune_path)) return Error::NotFound("no such commune in your area");
    if (!a.AtLeast(Role::kCommuneOfficer)) return Error::Forbidden("only the commune's officers enter its weather");
    Forecast fc;
    const int64_t today = LocalDayOf(clock_.NowSeconds());
    for (int d = 0; d < kForecastDays; ++d) {
        const std::string p = "day" + std::to_string(d) + "_";
        CAUNOI_ASSIGN(auto lo, f.Real(p + "min", -10, 50));
        CAUNOI_ASSIGN(auto hi, f.Real(p + "max", -10, 50));
        CAUNOI_ASSIGN(auto rain, f.Real(p + "rain", 0, 1000));
        if (!lo && !hi && !rain) {
            if (d == 0)
                return Error::Invalid(p + "rain", "today's forecast is required",
                                      N_("Enter at least today's temperatures and rain"));
            // The days after it must be empty too: a later day after a gap would be lost.
            for (int later = d + 1; later < kForecastDays; ++later)
                for (const char* k : {"min", "max", "rain"}) {
                    const std::string key = "day" + std::to_string(later) + "_" + k;
                    if (f.Has(key) && !text::Trim(f.all().at(key)).empty())
                        return Error::Invalid(
                            p + "min", "a day left empty before " + key,
                            N_("Fill in the days in order: this day is empty but a later one is not"));
                }
            break;  // the days after are not known
        }
        if (!lo || !hi || !rain)
            return Error::Invalid(p + (!lo   ? "min"
                                       : !hi ? "max"
                                             : "rain"),
                                  "a day needs min, max and rain",
                                  N_("Enter the lowest and highest temperature and the rain of that day"));
        if (*lo > *hi)
            return Error::Invalid(p + "min", "min above max", N_("The lowest temperature is above the highest"));
        DayWeather day;
        day.date = FormatDate(today + d);
        day.t_min = *lo;
        day.t_max = *hi;
        day.rain_mm = *rain;
        fc.days.push_back(day);
    }
    CAUNOI_TRY(repo_.Save(commune_id, fc, clock_.NowSeconds(), "manual", a.display_name));
    return audit_.Record(a, "weather.enter", "commune", commune_id, commune_path);
}

Result<RefreshSummary> WeatherService::RefreshDue(WeatherSource& source, const std::atomic<bool>* stop,
                                                  const std::function<void(const std::string&)>& log) {
    RefreshSummary out;
    CAUNOI_ASSIGN(auto due, repo_.Due(clock_.NowSeconds()));
    for (const auto& t : due) {
        if (stop && *stop) break;
        ++out.asked;
        auto fc = source.Fetch(t.lat, t.lon);
        const int64_t now = clock_.NowSeconds();
        if (fc.ok() && !fc->days.empty()) {
            CAUNOI_TRY(repo_.Save(t.commune_id, *fc, now, "open-meteo", ""));
            CAUNOI_TRY(repo_.RecordAttempt(t.commune_id, now, now + kRefreshSeconds, 0, ""));
            ++out.fetched;
            continue;
        }
        const std::string why = fc.ok() ? "no days in the forecast" : fc.error().detail;
        const int failures = std::min(t.failures + 1, 16);
        const int64_t wait = std::min<int64_t>(kRefreshSeconds << std::min(failures, 8), kMaxBackoffSeconds);
        CAUNOI_TRY(repo_.RecordAttempt(t.commune_id, now, now + wait, failures, why.substr(0, 300)));
        ++out.failed;
        if (log) log("weather: commune " + t.commune_id + ": " + why);
    }
    return out;
}

std::vector<DayWeather> DaysFrom(const CommuneWeather& w, const std::string& today) {
    std::vector<DayWeather> out;
    for (const auto& d : w.forecast.days)
        if (d.date >= today && out.size() < static_cast<size_t>(kForecastDays)) out.push_back(d);
    return out;
}

const DayWeather* WarningDay(const std::vector<DayWeather>& days) {
    for (const auto& d : days)
        if (d.rain_mm >= kWarningRainMm) return &d;
    return nullptr;
}

namespace {
std::string Num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", std::round(v) == 0 ? 0.0 : std::round(v));  // no "-0"
    return buf;
}
// "30/11" of "2026-11-30".
std::string DayMonth(const std::string& date) {
    return date.size() == 10 ? date.substr(8, 2) + "/" + date.substr(5, 2) : date;
}
}  // namespace

std::string WeatherSmsText(const std::string& commune_name, const CommuneWeather& w, const std::string& today,
                           const std::function<std::string(const char*)>& T) {
    const auto days = DaysFrom(w, today);
    // Whatever the commune's name, the message keeps room for the days: at most kMaxNameChars of it.
    constexpr size_t kMaxNameChars = 30;
    std::string name = channel::ToGsm7(commune_name);
    if (name.size() > kMaxNameChars) {
        size_t cut = kMaxNameChars;
        while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
        name = text::Trim(name.substr(0, cut));
    }
    std::string head = T(N_("Cau Noi: weather {commune}"));
    if (const size_t at = head.find("{commune}"); at != std::string::npos) head.replace(at, 9, name);
    const int64_t local = w.as_of + 7 * 3600;
    char asof[32];
    std::snprintf(asof, sizeof asof, " (%02lld:%02lld %s)", static_cast<long long>((local / 3600) % 24),
                  static_cast<long long>((local / 60) % 60), DayMonth(FormatDate(LocalDayOf(w.as_of))).c_str());
    head = channel::ToGsm7(head + asof);
    if (days.empty()) return head + ": " + channel::ToGsm7(T(N_("no forecast at the moment.")));
    std::string text = head + ":";
    for (size_t i = 0; i < days.size(); ++i) {
        const auto& d = days[i];
        std::string part =
            (d.date == today ? T(N_("Today")) : DayMonth(d.date)) + " " + Num(d.t_min) + "-" + Num(d.t_max) + "C";
        const Rain r = RainOf(d.rain_mm);
        part += r == Rain::kDry ? std::string(" ") + T(N_("dry")) : " " + T(N_("rain")) + " " + Num(d.rain_mm) + "mm";
        if (r >= Rain::kHeavy) part += " " + T(N_("HEAVY"));
        part = channel::ToGsm7(part + ";");
        if (text.size() + 1 + part.size() > 160) break;
        text += " " + part;
    }
    if (text.back() == ';') text.back() = '.';
    return text;
}

}  // namespace caunoi::board
