// The weather source of the village board (board::WeatherSource) over an Open-Meteo-style JSON
// forecast API: GET {base}/v1/forecast?latitude=…&longitude=…&daily=…&hourly=…&timezone=
// Asia/Ho_Chi_Minh&forecast_days=4, read into days (temperatures, rain, the wettest hour, the
// strongest wind, the WMO code). Fetching through a warnings::Fetcher (HttpFetcher: redirects,
// HTTP errors and HTML pages refused). ParseOpenMeteo is pure and thread-safe; an OpenMeteoSource
// is used by one thread at a time.
#pragma once

#include <string>
#include <string_view>

#include "board/weather.hpp"
#include "warnings/feed.hpp"

namespace caunoi::http {

inline constexpr size_t kMaxForecastBytes = 512 * 1024;

// The forecast in an Open-Meteo answer: `daily` (time, temperature_2m_max, temperature_2m_min,
// precipitation_sum; weather_code and wind_speed_10m_max when given) and `hourly` (time,
// precipitation, temperature_2m, wind_speed_10m; used for the wettest hour, the strongest wind,
// and the day's rain and temperatures when `daily` lacks them), at most board::kForecastDays days
// from the first. Refused (kInvalid, English detail naming the key): not JSON, no days, arrays of
// unequal length, a date that is not one, values out of any weather's range (temperature outside
// -50..60 °C, rain outside 0..2000 mm, wind outside 0..500 km/h). A day with a null value ends
// the forecast there.
Result<board::Forecast> ParseOpenMeteo(std::string_view json);

class OpenMeteoSource final : public board::WeatherSource {
  public:
    // `base` as configured: "http://host:port" (a path prefix allowed), no trailing slash needed.
    OpenMeteoSource(warnings::Fetcher& fetcher, std::string base) : fetcher_(fetcher), base_(std::move(base)) {}
    Result<board::Forecast> Fetch(double lat, double lon) override;
    // The address asked for a point (tests and logs).
    std::string UrlFor(double lat, double lon) const;

  private:
    warnings::Fetcher& fetcher_;
    std::string base_;
};

}  // namespace caunoi::http
