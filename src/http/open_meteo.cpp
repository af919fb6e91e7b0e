#include "http/open_meteo.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "core/calendar.hpp"

namespace caunoi::http {

namespace json = boost::json;

namespace {

Error Bad(const std::string& why) { return Error::Invalid("forecast", "not a forecast: " + why); }

// The array `key` of `obj` (nullptr when absent); an error when it is there but not an array.
Result<const json::array*> ArrayOf(const json::object* obj, const char* part, const char* key) {
    if (!obj) return static_cast<const json::array*>(nullptr);
    const json::value* v = obj->if_contains(key);
    if (!v) return static_cast<const json::array*>(nullptr);
    if (!v->is_array()) return Bad(std::string(part) + "." + key + " is not an array");
    return &v->get_array();
}

// Element `i` of `a` as a number within [lo, hi]; nullopt for null or a missing array.
Result<std::optional<double>> NumberAt(const json::array* a, size_t i, const char* key, double lo, double hi) {
    if (!a || i >= a->size() || (*a)[i].is_null()) return std::optional<double>{};
    const json::value& v = (*a)[i];
    if (!v.is_number()) return Bad(std::string(key) + "[" + std::to_string(i) + "] is not a number");
    const double d = v.to_number<double>();
    if (!std::isfinite(d) || d < lo || d > hi)
        return Bad(std::string(key) + "[" + std::to_string(i) + "] out of range: " + std::to_string(d));
    return std::optional<double>(d);
}

struct Hours {
    double rain = 0, rain_max = 0, wind_max = 0;
    std::optional<double> t_min, t_max;
    int count = 0;
};

}  // namespace

Result<board::Forecast> ParseOpenMeteo(std::string_view text) {
    if (text.size() > kMaxForecastBytes) return Bad("larger than " + std::to_string(kMaxForecastBytes) + " bytes");
    boost::system::error_code ec;
    json::value root = json::parse(text, ec);
    if (ec) return Bad("not JSON (" + ec.message() + ")");
    if (!root.is_object()) return Bad("not a JSON object");
    const auto& o = root.get_object();
    const json::object* daily =
        o.if_contains("daily") && o.at("daily").is_object() ? &o.at("daily").get_object() : nullptr;
    const json::object* hourly =
        o.if_contains("hourly") && o.at("hourly").is_object() ? &o.at("hourly").get_object() : nullptr;
    if (!daily && !hourly) return Bad("neither daily nor hourly values");

    // The hours, gathered by day.
    std::map<std::string, Hours> by_day;
    CAUNOI_ASSIGN(auto htime, ArrayOf(hourly, "hourly", "time"));
    CAUNOI_ASSIGN(auto hrain, ArrayOf(hourly, "hourly", "precipitation"));
    CAUNOI_ASSIGN(auto htemp, ArrayOf(hourly, "hourly", "temperature_2m"));
    CAUNOI_ASSIGN(auto hwind, ArrayOf(hourly, "hourly", "wind_speed_10m"));
    if (htime) {
        for (const auto* a : {hrain, htemp, hwind})
            if (a && a->size() != htime->size()) return Bad("hourly arrays of different lengths");
        for (size_t i = 0; i < htime->size(); ++i) {
            const auto& t = (*htime)[i];
            if (!t.is_string() || t.get_string().size() < 10 ||
                !ParseDate(std::string_view(t.get_string()).substr(0, 10)))
                return Bad("hourly.time[" + std::to_string(i) + "] is not a time");
            Hours& h = by_day[std::string(t.get_string().subview(0, 10))];
            CAUNOI_ASSIGN(auto rain, NumberAt(hrain, i, "hourly.precipitation", 0, 500));
            CAUNOI_ASSIGN(auto temp, NumberAt(htemp, i, "hourly.temperature_2m", -50, 60));
            CAUNOI_ASSIGN(auto wind, NumberAt(hwind, i, "hourly.wind_speed_10m", 0, 500));
            if (rain) {
                h.rain += *rain;
                h.rain_max = std::max(h.rain_max, *rain);
                ++h.count;
            }
            if (temp) {
                h.t_min = h.t_min ? std::min(*h.t_min, *temp) : *temp;
                h.t_max = h.t_max ? std::max(*h.t_max, *temp) : *temp;
            }
            if (wind) h.wind_max = std::max(h.wind_max, *wind);
        }
    }

    board::Forecast f;
    CAUNOI_ASSIGN(auto dtime, ArrayOf(daily, "daily", "time"));
    if (dtime) {
        CAUNOI_ASSIGN(auto dmax, ArrayOf(daily, "daily", "temperature_2m_max"));
        CAUNOI_ASSIGN(auto dmin, ArrayOf(daily, "daily", "temperature_2m_min"));
        CAUNOI_ASSIGN(auto drain, ArrayOf(daily, "daily", "precipitation_sum"));
        CAUNOI_ASSIGN(auto dcode, ArrayOf(daily, "daily", "weather_code"));
        CAUNOI_ASSIGN(auto dwind, ArrayOf(daily, "daily", "wind_speed_10m_max"));
        for (const auto* a : {dmax, dmin, drain, dcode, dwind})
            if (a && a->size() != dtime->size()) return Bad("daily arrays of different lengths");
        for (size_t i = 0; i < dtime->size() && f.days.size() < static_cast<size_t>(board::kForecastDays); ++i) {
            const auto& t = (*dtime)[i];
            if (!t.is_string() || !ParseDate(std::string_view(t.get_string())))
                return Bad("daily.time[" + std::to_string(i) + "] is not a date");
            board::DayWeather d;
            d.date = std::string(t.get_string());
            const Hours* h = by_day.count(d.date) ? &by_day[d.date] : nullptr;
            CAUNOI_ASSIGN(auto hi, NumberAt(dmax, i, "daily.temperature_2m_max", -50, 60));
            CAUNOI_ASSIGN(auto lo, NumberAt(dmin, i, "daily.temperature_2m_min", -50, 60));
            CAUNOI_ASSIGN(auto rain, NumberAt(drain, i, "daily.precipitation_sum", 0, 2000));
            CAUNOI_ASSIGN(auto code, NumberAt(dcode, i, "daily.weather_code", 0, 99));
            CAUNOI_ASSIGN(auto wind, NumberAt(dwind, i, "daily.wind_speed_10m_max", 0, 500));
            if (!hi && h) hi = h->t_max;
            if (!lo && h) lo = h->t_min;
            if (!rain && h && h->count) rain = h->rain;
            if (!hi || !lo || !rain) break;  // an unknown day ends the forecast
            if (*lo > *hi) return Bad("daily.temperature_2m_min above max on " + d.date);
            d.t_max = *hi;
            d.t_min = *lo;
            d.rain_mm = *rain;
            d.code = code ? static_cast<int>(*code) : -1;
            d.wind_kmh = wind ? *wind : (h ? h->wind_max : 0);
            d.rain_max_hour = h ? h->rain_max : 0;
            f.days.push_back(d);
        }
    } else {
        for (const auto& [day, h] : by_day) {
            if (f.days.size() == static_cast<size_t>(board::kForecastDays)) break;
            if (!h.t_min || !h.t_max || !h.count) break;
            f.days.push_back({day, *h.t_min, *h.t_max, h.rain, h.rain_max, h.wind_max, -1});
        }
    }
    if (f.days.empty()) return Bad("no day with temperatures and rain");
    for (size_t i = 1; i < f.days.size(); ++i)
        if (*ParseDate(f.days[i].date) != *ParseDate(f.days[i - 1].date) + 1) return Bad("days not consecutive");
    return f;
}

std::string OpenMeteoSource::UrlFor(double lat, double lon) const {
    char point[96];
    std::snprintf(point, sizeof point, "latitude=%.4f&longitude=%.4f", lat, lon);
    std::string base = base_;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/v1/forecast?" + point +
           "&daily=temperature_2m_max,temperature_2m_min,precipitation_sum,weather_code,wind_speed_10m_max"
           "&hourly=precipitation,temperature_2m,wind_speed_10m&timezone=Asia%2FHo_Chi_Minh&forecast_days=" +
           std::to_string(board::kForecastDays);
}

Result<board::Forecast> OpenMeteoSource::Fetch(double lat, double lon) {
    CAUNOI_ASSIGN(auto got, fetcher_.Get(UrlFor(lat, lon), kMaxForecastBytes));
    return ParseOpenMeteo(got.body);
}

}  // namespace caunoi::http
