// The Open-Meteo adapter on recorded answers (tests/fixtures/weather/): the values read from daily
// and hourly data, what is refused, the address asked, and the source end to end over a fake
// fetcher (no network).
#include "http/open_meteo.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace caunoi::http {
namespace {

std::string WeatherFixture(const std::string& name) {
    std::ifstream in(std::string(CAUNOI_SOURCE_DIR) + "/tests/fixtures/weather/" + name);
    std::stringstream s;
    s << in.rdbuf();
    EXPECT_FALSE(s.str().empty()) << name;
    return s.str();
}

TEST(OpenMeteo, ReadsFourDaysWithTheWettestHourWindAndCode) {
    auto f = ParseOpenMeteo(WeatherFixture("open_meteo_4days.json"));
    ASSERT_TRUE(f.ok()) << f.error().detail;
    ASSERT_EQ(f->days.size(), 4u);
    const auto& d0 = f->days[0];
    EXPECT_EQ(d0.date, "2026-11-30");
    EXPECT_DOUBLE_EQ(d0.t_min, 14.0);
    EXPECT_DOUBLE_EQ(d0.t_max, 24.0);
    EXPECT_DOUBLE_EQ(d0.rain_mm, 6.0);
    EXPECT_NEAR(d0.rain_max_hour, 0.8, 1e-9);
    EXPECT_DOUBLE_EQ(d0.wind_kmh, 10.0);
    EXPECT_EQ(d0.code, 61);
    const auto& d1 = f->days[1];
    EXPECT_EQ(d1.date, "2026-12-01");
    EXPECT_DOUBLE_EQ(d1.rain_mm, 121.1);
    EXPECT_NEAR(d1.rain_max_hour, 14.4, 1e-9);
    EXPECT_DOUBLE_EQ(d1.wind_kmh, 18.0);
    EXPECT_EQ(d1.code, 65);
    EXPECT_DOUBLE_EQ(f->days[2].t_min, 12.4);
    EXPECT_EQ(f->days[3].date, "2026-12-03");
    EXPECT_DOUBLE_EQ(f->days[3].rain_mm, 0);
    EXPECT_DOUBLE_EQ(f->days[3].rain_max_hour, 0);
    EXPECT_EQ(f->days[3].code, 3);
}

TEST(OpenMeteo, HourlyDataAloneMakesTheDays) {
    auto f = ParseOpenMeteo(WeatherFixture("open_meteo_hourly_only.json"));
    ASSERT_TRUE(f.ok()) << f.error().detail;
    ASSERT_EQ(f->days.size(), 4u);
    EXPECT_EQ(f->days[0].date, "2026-11-30");
    EXPECT_EQ(f->days[3].date, "2026-12-03");
    // The day's lowest and highest hour, the sum of its hours, its wettest hour and strongest wind.
    EXPECT_DOUBLE_EQ(f->days[1].t_min, 13.2);
    EXPECT_DOUBLE_EQ(f->days[1].t_max, 23.2);
    EXPECT_NEAR(f->days[1].rain_mm, 121.1, 1e-6);
    EXPECT_NEAR(f->days[1].rain_max_hour, 14.4, 1e-9);
    EXPECT_DOUBLE_EQ(f->days[1].wind_kmh, 18.0);
    EXPECT_NEAR(f->days[0].rain_mm, 6.0, 1e-6);
    EXPECT_EQ(f->days[0].code, -1) << "no WMO code in hourly data";
}

TEST(OpenMeteo, ANullDayEndsTheForecast) {
    auto f = ParseOpenMeteo(WeatherFixture("open_meteo_null_day.json"));
    ASSERT_TRUE(f.ok()) << f.error().detail;
    ASSERT_EQ(f->days.size(), 2u);
    EXPECT_EQ(f->days[1].date, "2026-12-01");
}

TEST(OpenMeteo, KeepsAtMostFourDays) {
    auto f = ParseOpenMeteo(WeatherFixture("open_meteo_6days.json"));
    ASSERT_TRUE(f.ok()) << f.error().detail;
    ASSERT_EQ(f->days.size(), static_cast<size_t>(board::kForecastDays));
    EXPECT_EQ(f->days.back().date, "2026-12-03");
    EXPECT_DOUBLE_EQ(f->days[0].rain_max_hour, 0) << "unknown without hourly data";
}

void ExpectRefused(const std::string& body, const std::string& what, const std::string& mentions = "") {
    auto f = ParseOpenMeteo(body);
    ASSERT_FALSE(f.ok()) << what;
    EXPECT_EQ(f.error().code, ErrorCode::kInvalid) << what;
    if (!mentions.empty()) {
        EXPECT_NE(f.error().detail.find(mentions), std::string::npos) << f.error().detail;
    }
}

TEST(OpenMeteo, RefusesWhatIsNotAForecast) {
    ExpectRefused(WeatherFixture("open_meteo_unequal.json"), "unequal arrays", "different lengths");
    ExpectRefused(WeatherFixture("open_meteo_negative_rain.json"), "negative rain", "precipitation_sum");
    ExpectRefused(WeatherFixture("open_meteo_truncated.json"), "truncated", "not JSON");
    ExpectRefused(WeatherFixture("open_meteo_error.json"), "the API's error object");
    ExpectRefused(WeatherFixture("html_page.html"), "an HTML page");
    ExpectRefused(WeatherFixture("open_meteo_gap.json"), "a missing day", "consecutive");
    ExpectRefused(WeatherFixture("open_meteo_string_number.json"), "a string for a number", "temperature_2m_max");
    ExpectRefused("", "empty");
    ExpectRefused("[]", "an array");
    ExpectRefused(R"({"daily": {"time": []}})", "no days");
    ExpectRefused(R"({"daily": {"time": ["2026-11-31"], "temperature_2m_max": [20], "temperature_2m_min": [10],
                      "precipitation_sum": [0]}})",
                  "no such date", "not a date");
    ExpectRefused(R"({"daily": {"time": ["2026-11-30"], "temperature_2m_max": [10], "temperature_2m_min": [20],
                      "precipitation_sum": [0]}})",
                  "min above max");
    ExpectRefused(R"({"daily": {"time": ["2026-11-30"], "temperature_2m_max": [61], "temperature_2m_min": [20],
                      "precipitation_sum": [0]}})",
                  "a temperature no weather has");
    ExpectRefused(R"({"daily": {"time": ["2026-11-30"], "temperature_2m_max": [20], "temperature_2m_min": [10],
                      "precipitation_sum": [0], "wind_speed_10m_max": [-3]}})",
                  "negative wind");
    ExpectRefused(R"({"daily": {"time": ["2026-11-30"], "temperature_2m_max": [20], "temperature_2m_min": [10],
                      "precipitation_sum": [0]}, "hourly": {"time": ["2026-11-30T00:00"], "precipitation": [-1]}})",
                  "negative hourly rain", "hourly.precipitation");
}

TEST(OpenMeteo, RefusesABodyOverTheLimitEvenIfItIsAForecast) {
    std::string big = WeatherFixture("open_meteo_4days.json");
    ASSERT_FALSE(big.empty());
    big.insert(big.size() - 1, std::string(600 * 1024, ' '));  // valid JSON, 600 KB
    ASSERT_GT(big.size(), kMaxForecastBytes);
    ExpectRefused(big, "600 KB", "larger than");
}

TEST(OpenMeteo, AsksForFourDaysOfDailyAndHourlyValuesInVietnamsTime) {
    class NoFetch : public warnings::Fetcher {
        Result<warnings::Fetched> Get(const std::string&, size_t) override { return Error::Internal("unused"); }
    } none;
    OpenMeteoSource source(none, "http://127.0.0.1:8089/meteo/");
    const std::string url = source.UrlFor(19.40123, 104.1);
    EXPECT_EQ(url.rfind("http://127.0.0.1:8089/meteo/v1/forecast?latitude=19.4012&longitude=104.1000&", 0), 0u) << url;
    for (const char* part :
         {"daily=temperature_2m_max,temperature_2m_min,precipitation_sum,weather_code,"
          "wind_speed_10m_max",
          "hourly=precipitation,temperature_2m,wind_speed_10m", "timezone=Asia%2FHo_Chi_Minh", "forecast_days=4"})
        EXPECT_NE(url.find(part), std::string::npos) << part << " in " << url;
    EXPECT_EQ(url.find("//v1"), std::string::npos) << url;
}

class FakeFetcher : public warnings::Fetcher {
  public:
    Result<warnings::Fetched> Get(const std::string& url, size_t max_bytes) override {
        urls.push_back(url);
        limits.push_back(max_bytes);
        if (!error.detail.empty()) return error;
        return warnings::Fetched{url, body};
    }
    std::string body;
    Error error;
    std::vector<std::string> urls;
    std::vector<size_t> limits;
};

TEST(OpenMeteo, FetchesThroughTheFetcherOnceAndParses) {
    FakeFetcher fetcher;
    fetcher.body = WeatherFixture("open_meteo_4days.json");
    OpenMeteoSource source(fetcher, "http://meteo.test");
    auto f = source.Fetch(19.4, 104.1);
    ASSERT_TRUE(f.ok()) << f.error().detail;
    EXPECT_EQ(f->days.size(), 4u);
    ASSERT_EQ(fetcher.urls.size(), 1u);
    EXPECT_EQ(fetcher.urls[0], source.UrlFor(19.4, 104.1));
    EXPECT_EQ(fetcher.limits[0], kMaxForecastBytes);
}

TEST(OpenMeteo, AFetchThatFailsOrAnswersNonsenseIsAnError) {
    FakeFetcher down;
    down.error = Error{ErrorCode::kUnavailable, "Unavailable", "connect: connection refused", {}};
    OpenMeteoSource a(down, "http://meteo.test");
    auto fa = a.Fetch(19.4, 104.1);
    ASSERT_FALSE(fa.ok());
    EXPECT_EQ(fa.error().code, ErrorCode::kUnavailable);
    EXPECT_NE(fa.error().detail.find("connection refused"), std::string::npos);

    FakeFetcher html;
    html.body = WeatherFixture("html_page.html");
    OpenMeteoSource b(html, "http://meteo.test");
    auto fb = b.Fetch(19.4, 104.1);
    ASSERT_FALSE(fb.ok());
    EXPECT_EQ(fb.error().code, ErrorCode::kInvalid);

    FakeFetcher api_error;
    api_error.body = WeatherFixture("open_meteo_error.json");
    OpenMeteoSource c(api_error, "http://meteo.test");
    EXPECT_FALSE(c.Fetch(19.4, 104.1).ok());
}

}  // namespace
}  // namespace caunoi::http
