// Weather per commune for the village board (issue 18, docs/board.md): the forecast of today and
// the next days, where it comes from (`WeatherSource`, an Open-Meteo-style API in production:
// http/open_meteo.hpp; tests pass fixtures), a cache kept by the repository with its "as of" time,
// an officer's manual entry when the source is down, the refresh of every commune (never more than
// one request per commune per hour, with back-off after failures), the national heavy-rain classes
// and the suggestion to issue a warning when a day's forecast crosses the flash-flood threshold.
// Nothing here sends a warning. Thread-safety: a WeatherService is used by one thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/fields.hpp"
#include "core/result.hpp"

namespace caunoi::board {

// Today and the next three days.
inline constexpr int kForecastDays = 4;
// The shortest time between two requests for one commune's forecast.
inline constexpr int64_t kRefreshSeconds = 3600;
// The longest wait after failed requests.
inline constexpr int64_t kMaxBackoffSeconds = 6 * 3600;

struct DayWeather {
    std::string date;             // YYYY-MM-DD, Vietnam's time
    double t_min = 0, t_max = 0;  // °C
    double rain_mm = 0;           // the day's total
    double rain_max_hour = 0;     // the wettest hour (mm); 0 when unknown
    double wind_kmh = 0;          // the strongest wind; 0 when unknown
    int code = -1;                // WMO weather code; -1 unknown (manual entries)
};

struct Forecast {
    std::vector<DayWeather> days;  // consecutive days, the first is the day it was made for
};

// What gives a forecast for a point.
class WeatherSource {
  public:
    virtual ~WeatherSource() = default;
    // An error (kUnavailable or kInvalid, English detail) when the source is unreachable, answers
    // an error, or answers something that is not a forecast.
    virtual Result<Forecast> Fetch(double lat, double lon) = 0;
};

// The national forecasts' rain classes over 24 hours: light under 16 mm, moderate 16–50 mm
// (mưa vừa), heavy 50–100 mm (mưa to), very heavy from 100 mm (mưa rất to); dry under 0.5 mm.
enum class Rain { kDry, kLight, kModerate, kHeavy, kVeryHeavy };
Rain RainOf(double mm_24h);
const char* RainKey(Rain r);   // "dry", "light", "moderate", "heavy", "very_heavy"
const char* RainName(Rain r);  // msgid: "Dry", "Light rain", …

// From 100 mm in 24 hours, Decision 18/2021/QĐ-TTg (art. 46) starts flash-flood and landslide risk
// level 1: the officer is offered to issue a warning.
inline constexpr double kWarningRainMm = 100;

// A commune's cached weather.
struct CommuneWeather {
    std::string commune_id;
    Forecast forecast;
    int64_t as_of = 0;       // when the forecast was fetched or entered (0: never)
    std::string source;      // "open-meteo" (any configured API), "manual"
    std::string entered_by;  // the officer's name, for manual entries
    int64_t last_attempt_at = 0, next_attempt_at = 0;
    int failures = 0;        // failed requests in a row
    std::string last_error;  // of the last failed request (English, for the officer and logs)
};

// A commune to refresh, with where its forecast is asked for.
struct WeatherTarget {
    std::string commune_id;
    double lat = 0, lon = 0;
    int failures = 0;
};

class WeatherRepository {
  public:
    virtual ~WeatherRepository() = default;
    // The cache of one commune; nullopt when nothing was ever fetched, entered or tried.
    virtual Result<std::optional<CommuneWeather>> Get(const std::string& commune_id) = 0;
    // Replaces the commune's forecast (days, as_of, source, entered_by); failures back to 0.
    virtual Status Save(const std::string& commune_id, const Forecast& f, int64_t as_of, const std::string& source,
                        const std::string& entered_by) = 0;
    // Records a request: when, when the next may be made, failures in a row, the error ("" if none).
    virtual Status RecordAttempt(const std::string& commune_id, int64_t at, int64_t next_at, int failures,
                                 const std::string& error) = 0;
    // Communes with a location (their own, else the middle of their villages') whose next request
    // is due at `now`.
    virtual Result<std::vector<WeatherTarget>> Due(int64_t now) = 0;
};

struct RefreshSummary {
    int asked = 0, fetched = 0, failed = 0;
};

class WeatherService {
  public:
    WeatherService(WeatherRepository& repo, audit::AuditLog& audit, const Clock& clock)
        : repo_(repo), audit_(audit), clock_(clock) {}

    Result<std::optional<CommuneWeather>> Of(const std::string& commune_id) { return repo_.Get(commune_id); }

    // An officer of the commune (or the province admin) enters today's and the next days'
    // forecast: fields day0_min, day0_max, day0_rain … day3_*; a day left empty is left out, but
    // today is required. Min and max in -10..50 °C (min ≤ max), rain 0..1000 mm.
    Status EnterManual(const Actor& a, const std::string& commune_id, const std::string& commune_path, const Fields& f);

    // Asks `source` for every commune due (one request each), saving what comes and recording
    // what fails (the cache stays); stops between communes once `stop` is set. The next request
    // for a commune is kRefreshSeconds after a good one, and after k failures in a row
    // kRefreshSeconds × 2^k, at most kMaxBackoffSeconds. `log` is told of each failure.
    Result<RefreshSummary> RefreshDue(WeatherSource& source, const std::atomic<bool>* stop,
                                      const std::function<void(const std::string&)>& log);

  private:
    WeatherRepository& repo_;
    audit::AuditLog& audit_;
    const Clock& clock_;
};

// The days of `w` from `today` (YYYY-MM-DD) on, at most kForecastDays.
std::vector<DayWeather> DaysFrom(const CommuneWeather& w, const std::string& today);

// The first of `days` whose rain reaches kWarningRainMm; nullptr when none does.
const DayWeather* WarningDay(const std::vector<DayWeather>& days);

// The one-SMS answer to THOITIET (GSM-7 text, at most 160 characters): the commune, "as of", then
// each day's temperatures and rain, shortened to fit. `T` translates a msgid.
std::string WeatherSmsText(const std::string& commune_name, const CommuneWeather& w, const std::string& today,
                           const std::function<std::string(const char*)>& T);

}  // namespace caunoi::board
