// The village board's weather without a database: the rain classes, the warning threshold, the
// officer's manual entry (validation, scope, audit), the refresh of every commune against a fake
// source (one request per commune per hour, back-off after failures, the cache kept), and the
// one-SMS answer to THOITIET.
#include "board/weather.hpp"

#include <gtest/gtest.h>

#include <map>

#include "channel/encoding.hpp"
#include "core/calendar.hpp"
#include "core/embedded.hpp"
#include "core/i18n.hpp"
#include "testing/fakes.hpp"

namespace caunoi::board {
namespace {

Fields F(std::map<std::string, std::string> m) { return Fields(std::move(m)); }

// 2026-11-30 10:00 in Vietnam (03:00 UTC).
constexpr int64_t kNow = 1796007600;

// Keeps the cache as the SQL store does, and lists as due the communes of `located` whose next
// request is at or before `now`.
class FakeWeatherRepo : public WeatherRepository {
  public:
    Result<std::optional<CommuneWeather>> Get(const std::string& id) override {
        auto it = rows.find(id);
        if (it == rows.end()) return std::optional<CommuneWeather>{};
        return std::optional<CommuneWeather>(it->second);
    }
    Status Save(const std::string& id, const Forecast& f, int64_t as_of, const std::string& source,
                const std::string& by) override {
        ++saves;
        auto& w = rows[id];
        w.commune_id = id;
        w.forecast = f;
        w.as_of = as_of;
        w.source = source;
        w.entered_by = by;
        w.failures = 0;
        return {};
    }
    Status RecordAttempt(const std::string& id, int64_t at, int64_t next_at, int failures,
                         const std::string& error) override {
        auto& w = rows[id];
        w.commune_id = id;
        w.last_attempt_at = at;
        w.next_attempt_at = next_at;
        w.failures = failures;
        w.last_error = error;
        return {};
    }
    Result<std::vector<WeatherTarget>> Due(int64_t now) override {
        std::vector<WeatherTarget> out;
        for (const auto& [id, ll] : located) {
            auto it = rows.find(id);
            if (it != rows.end() && it->second.next_attempt_at > now) continue;
            out.push_back({id, ll.first, ll.second, it == rows.end() ? 0 : it->second.failures});
        }
        return out;
    }
    std::map<std::string, CommuneWeather> rows;
    std::map<std::string, std::pair<double, double>> located;
    int saves = 0;
};

Forecast Days(const std::string& first, std::initializer_list<double> rains) {
    Forecast f;
    int64_t d = *ParseDate(first);
    for (double r : rains) f.days.push_back({FormatDate(d++), 14, 24, r, 0, 0, -1});
    return f;
}

// A source answering per point: a forecast, an error, or an empty forecast; it counts its calls.
class FakeSource : public WeatherSource {
  public:
    Result<Forecast> Fetch(double lat, double lon) override {
        asked.push_back({lat, lon});
        if (on_fetch) on_fetch();
        auto it = answers.find(lat);
        if (it == answers.end()) return Error{ErrorCode::kUnavailable, "Unavailable", "connection refused", {}};
        return it->second;
    }
    std::map<double, Result<Forecast>> answers;  // by latitude
    std::vector<std::pair<double, double>> asked;
    std::function<void()> on_fetch;
};

class WeatherServiceTest : public ::testing::Test {
  protected:
    void SetUp() override {
        officer.user_id = "o1";
        officer.display_name = "Lô Thị Mai";
        officer.role = Role::kCommuneOfficer;
        officer.area_path = "40/16813";
        officer.scope.paths = {"40/16813"};
    }
    Fields Day0(const std::string& lo, const std::string& hi, const std::string& rain) {
        return F({{"day0_min", lo}, {"day0_max", hi}, {"day0_rain", rain}});
    }
    FakeClock clock{kNow};
    FakeWeatherRepo repo;
    fakes::FakeAudit audit_repo;
    audit::AuditLog audit{audit_repo, clock};
    WeatherService service{repo, audit, clock};
    Actor officer;
};

TEST(WeatherRain, ClassesFollowTheNationalThresholds) {
    EXPECT_EQ(RainOf(0), Rain::kDry);
    EXPECT_EQ(RainOf(0.49), Rain::kDry);
    EXPECT_EQ(RainOf(0.5), Rain::kLight);
    EXPECT_EQ(RainOf(15.9), Rain::kLight);
    EXPECT_EQ(RainOf(16), Rain::kModerate);
    EXPECT_EQ(RainOf(49.9), Rain::kModerate);
    EXPECT_EQ(RainOf(50), Rain::kHeavy);
    EXPECT_EQ(RainOf(99.9), Rain::kHeavy);
    EXPECT_EQ(RainOf(100), Rain::kVeryHeavy);
    EXPECT_EQ(RainOf(420), Rain::kVeryHeavy);
    EXPECT_STREQ(RainKey(Rain::kVeryHeavy), "very_heavy");
    EXPECT_STREQ(RainKey(Rain::kDry), "dry");
}

TEST(WeatherRain, TheWarningDayIsTheFirstToReachOneHundredMillimetres) {
    EXPECT_EQ(WarningDay(Days("2026-11-30", {99.9, 50, 0}).days), nullptr);
    const auto f = Days("2026-11-30", {10, 100, 150});
    const DayWeather* d = WarningDay(f.days);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->date, "2026-12-01");
    EXPECT_EQ(WarningDay({}), nullptr);
}

TEST(WeatherDays, FromTodayOnAtMostFourDays) {
    CommuneWeather w;
    w.forecast = Days("2026-11-28", {1, 2, 3, 4, 5, 6, 7});
    const auto days = DaysFrom(w, "2026-11-30");
    ASSERT_EQ(days.size(), 4u);
    EXPECT_EQ(days.front().date, "2026-11-30");
    EXPECT_EQ(days.back().date, "2026-12-03");
    EXPECT_TRUE(DaysFrom(w, "2026-12-05").empty());
}

TEST_F(WeatherServiceTest, AnOfficerEntersTodayAndTheNextDaysInVietnamsTime) {
    // 18:30 UTC is already the next day in Vietnam.
    clock.Advance(15 * 3600 + 30 * 60);
    Fields f({{"day0_min", "15"},
              {"day0_max", "22.5"},
              {"day0_rain", "3"},
              {"day1_min", "14"},
              {"day1_max", "20"},
              {"day1_rain", "120"},
              {"day2_min", ""},
              {"day2_max", " "},
              {"day2_rain", ""}});
    ASSERT_TRUE(service.EnterManual(officer, "16813", "40/16813", f).ok());
    const auto& w = repo.rows.at("16813");
    ASSERT_EQ(w.forecast.days.size(), 2u);
    EXPECT_EQ(w.forecast.days[0].date, "2026-12-01");
    EXPECT_EQ(w.forecast.days[1].date, "2026-12-02");
    EXPECT_DOUBLE_EQ(w.forecast.days[0].t_max, 22.5);
    EXPECT_DOUBLE_EQ(w.forecast.days[1].rain_mm, 120);
    EXPECT_EQ(w.forecast.days[0].code, -1);
    EXPECT_EQ(w.source, "manual");
    EXPECT_EQ(w.entered_by, "Lô Thị Mai");
    EXPECT_EQ(w.as_of, clock.NowSeconds());
    ASSERT_EQ(audit_repo.With("weather.enter").size(), 1u);
    EXPECT_EQ(audit_repo.With("weather.enter")[0].entity_id, "16813");
}

TEST_F(WeatherServiceTest, ManualDaysAreConsecutiveFromToday) {
    // Day 1 left empty: day 2 cannot be stored as the day after today.
    Fields f({{"day0_min", "15"},
              {"day0_max", "22"},
              {"day0_rain", "0"},
              {"day2_min", "14"},
              {"day2_max", "20"},
              {"day2_rain", "5"}});
    auto st = service.EnterManual(officer, "16813", "40/16813", f);
    ASSERT_FALSE(st.ok()) << "a later day after an empty one is not dropped silently";
    EXPECT_EQ(st.error().field, "day1_min");
    EXPECT_EQ(repo.rows.count("16813"), 0u) << "nothing stored";
}

TEST_F(WeatherServiceTest, ManualEntryRefusalsNameTheFieldAndStoreNothing) {
    struct Case {
        Fields f;
        std::string field;
    };
    const std::vector<Case> cases = {
        {Fields(), "day0_rain"},  // today is required
        {F({{"day1_min", "10"}, {"day1_max", "20"}, {"day1_rain", "0"}}), "day0_rain"},
        {Day0("", "20", "0"), "day0_min"},  // a day needs all three
        {Day0("10", "", "0"), "day0_max"},
        {Day0("10", "20", ""), "day0_rain"},
        {Day0("21", "20", "0"), "day0_min"},   // min above max
        {Day0("-11", "20", "0"), "day0_min"},  // out of range
        {Day0("10", "51", "0"), "day0_max"},
        {Day0("10", "20", "-1"), "day0_rain"},
        {Day0("10", "20", "1001"), "day0_rain"},
        {Day0("10", "20", "nhiều"), "day0_rain"},
        {F({{"day0_min", "10"}, {"day0_max", "20"}, {"day0_rain", "0"}, {"day1_min", "12"}}), "day1_max"},
    };
    for (const auto& c : cases) {
        auto st = service.EnterManual(officer, "16813", "40/16813", c.f);
        ASSERT_FALSE(st.ok()) << c.field;
        EXPECT_EQ(st.error().code, ErrorCode::kInvalid) << c.field;
        EXPECT_EQ(st.error().field, c.field);
    }
    EXPECT_EQ(repo.saves, 0);
    EXPECT_TRUE(audit_repo.entries.empty());
    // The limits themselves are allowed.
    EXPECT_TRUE(service.EnterManual(officer, "16813", "40/16813", Day0("-10", "50", "1000")).ok());
    EXPECT_TRUE(service.EnterManual(officer, "16813", "40/16813", Day0("20", "20", "0")).ok());
}

TEST_F(WeatherServiceTest, OnlyTheCommunesOfficersEnterItsWeather) {
    auto other = service.EnterManual(officer, "16870", "40/16870", Day0("10", "20", "0"));
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
    Actor leader = officer;
    leader.role = Role::kTeamLeader;
    auto below = service.EnterManual(leader, "16813", "40/16813", Day0("10", "20", "0"));
    ASSERT_FALSE(below.ok());
    EXPECT_EQ(below.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(repo.saves, 0);
    Actor admin = officer;
    admin.role = Role::kProvinceAdmin;
    admin.scope.paths = {"40"};
    EXPECT_TRUE(service.EnterManual(admin, "16870", "40/16870", Day0("10", "20", "0")).ok());
}

TEST_F(WeatherServiceTest, RefreshBacksOffAfterFailuresAndNeverAsksTwiceInAnHour) {
    repo.located = {{"A", {19.1, 104.1}}, {"B", {19.2, 104.2}}};
    FakeSource source;
    source.answers.emplace(19.1, Days("2026-11-30", {1, 2, 3, 4}));
    // B's source is down; B had a forecast from before, which stays.
    ASSERT_TRUE(repo.Save("B", Days("2026-11-29", {5, 6}), kNow - 86400, "open-meteo", "").ok());
    std::vector<std::string> logged;
    auto log = [&](const std::string& s) { logged.push_back(s); };

    auto s1 = service.RefreshDue(source, nullptr, log);
    ASSERT_TRUE(s1.ok());
    EXPECT_EQ(s1->asked, 2);
    EXPECT_EQ(s1->fetched, 1);
    EXPECT_EQ(s1->failed, 1);
    ASSERT_EQ(source.asked.size(), 2u);
    EXPECT_EQ(repo.rows.at("A").forecast.days.size(), 4u);
    EXPECT_EQ(repo.rows.at("A").as_of, kNow);
    EXPECT_EQ(repo.rows.at("A").next_attempt_at, kNow + kRefreshSeconds);
    EXPECT_EQ(repo.rows.at("A").failures, 0);
    EXPECT_EQ(repo.rows.at("B").forecast.days.size(), 2u) << "the cache is kept";
    EXPECT_EQ(repo.rows.at("B").as_of, kNow - 86400);
    EXPECT_EQ(repo.rows.at("B").failures, 1);
    EXPECT_EQ(repo.rows.at("B").next_attempt_at, kNow + 2 * kRefreshSeconds);
    EXPECT_NE(repo.rows.at("B").last_error.find("connection refused"), std::string::npos);
    ASSERT_EQ(logged.size(), 1u);
    EXPECT_NE(logged[0].find("B"), std::string::npos);

    // Right after, and up to the hour: nobody is asked again.
    clock.Advance(kRefreshSeconds - 1);
    EXPECT_EQ(service.RefreshDue(source, nullptr, log)->asked, 0);
    EXPECT_EQ(source.asked.size(), 2u);
    clock.Advance(1);
    EXPECT_EQ(service.RefreshDue(source, nullptr, log)->asked, 1);  // A only
    EXPECT_EQ(source.asked.back().first, 19.1);

    // B: 2 h, then 4 h, then at most 6 h between requests.
    std::vector<int64_t> waits;
    for (int i = 0; i < 5; ++i) {
        const int64_t next = repo.rows.at("B").next_attempt_at;
        clock.Advance(next - clock.NowSeconds());
        const size_t before = source.asked.size();
        ASSERT_TRUE(service.RefreshDue(source, nullptr, log).ok());
        ASSERT_GT(source.asked.size(), before);
        waits.push_back(repo.rows.at("B").next_attempt_at - clock.NowSeconds());
    }
    EXPECT_EQ(waits, (std::vector<int64_t>{4 * 3600, 6 * 3600, 6 * 3600, 6 * 3600, 6 * 3600}));
    EXPECT_EQ(repo.rows.at("B").failures, 6);

    // B's source answers again: back to one hour, no failures.
    source.answers.emplace(19.2, Days("2026-12-01", {0, 0, 0, 0}));
    clock.Advance(repo.rows.at("B").next_attempt_at - clock.NowSeconds());
    ASSERT_TRUE(service.RefreshDue(source, nullptr, log).ok());
    EXPECT_EQ(repo.rows.at("B").failures, 0);
    EXPECT_EQ(repo.rows.at("B").next_attempt_at, clock.NowSeconds() + kRefreshSeconds);
    EXPECT_EQ(repo.rows.at("B").forecast.days.front().date, "2026-12-01");
}

TEST_F(WeatherServiceTest, ASourceWithoutDaysIsAFailureAndTheCacheStays) {
    repo.located = {{"A", {19.1, 104.1}}};
    ASSERT_TRUE(repo.Save("A", Days("2026-11-30", {7}), kNow - 60, "manual", "Mai").ok());
    FakeSource source;
    source.answers.emplace(19.1, Forecast{});
    auto s = service.RefreshDue(source, nullptr, nullptr);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->fetched, 0);
    EXPECT_EQ(s->failed, 1);
    EXPECT_EQ(repo.rows.at("A").failures, 1);
    EXPECT_EQ(repo.rows.at("A").source, "manual");
    ASSERT_EQ(repo.rows.at("A").forecast.days.size(), 1u);
    EXPECT_FALSE(repo.rows.at("A").last_error.empty());
}

TEST_F(WeatherServiceTest, RefreshStopsBetweenCommunesOnceAsked) {
    repo.located = {{"A", {19.1, 104.1}}, {"B", {19.2, 104.2}}, {"C", {19.3, 104.3}}};
    FakeSource source;
    std::atomic<bool> stop{true};
    EXPECT_EQ(service.RefreshDue(source, &stop, nullptr)->asked, 0);
    EXPECT_TRUE(source.asked.empty());
    stop = false;
    source.on_fetch = [&] { stop = true; };
    auto s = service.RefreshDue(source, &stop, nullptr);
    EXPECT_EQ(s->asked, 1);
    EXPECT_EQ(source.asked.size(), 1u);
    EXPECT_EQ(repo.rows.count("B"), 0u) << "B and C are still due next time";
}

std::string Identity(const char* s) { return s; }

CommuneWeather FourDays() {
    CommuneWeather w;
    w.commune_id = "16813";
    w.as_of = kNow - 45 * 60;                                 // 09:15 in Vietnam
    w.forecast.days = {{"2026-11-29", 10, 20, 500, 0, 0, 1},  // yesterday: not shown
                       {"2026-11-30", 14.4, 24, 6, 0.8, 10, 61},
                       {"2026-12-01", 13.2, 23.2, 121.1, 14.4, 18, 65},
                       {"2026-12-02", 12.4, 22.4, 60, 2.7, 10, 63},
                       {"2026-12-03", -0.4, 21.6, 0.2, 0, 10, 3}};
    return w;
}

void ExpectOneGsm7Sms(const std::string& s) {
    const auto size = channel::Measure(s);
    EXPECT_TRUE(size.gsm7) << s;
    EXPECT_LE(size.units, 160) << s;
    EXPECT_EQ(size.parts, 1) << s;
}

TEST(WeatherSms, TodayFirstHeavyDaysFlaggedInOneGsm7Message) {
    const std::string s = WeatherSmsText("Mường Xén", FourDays(), "2026-11-30", Identity);
    ExpectOneGsm7Sms(s);
    EXPECT_EQ(s.rfind("Cau Noi: weather Muong Xen (09:15 30/11): Today 14-24C rain 6mm;", 0), 0u) << s;
    EXPECT_EQ(s.find("500"), std::string::npos) << "yesterday is not shown: " << s;
    EXPECT_NE(s.find("01/12 13-23C rain 121mm HEAVY;"), std::string::npos) << s;
    EXPECT_NE(s.find("02/12 12-22C rain 60mm HEAVY;"), std::string::npos) << s;
    EXPECT_NE(s.find("03/12 0-22C dry."), std::string::npos) << "no \"-0\", dry under 0.5 mm: " << s;
    EXPECT_EQ(s.find("Today", 10), s.find("Today")) << "Today once";
}

TEST(WeatherSms, AFirstDayAfterTodayIsNamedByItsDate) {
    const std::string s = WeatherSmsText("Mường Xén", FourDays(), "2026-11-28", Identity);
    EXPECT_EQ(s.find("Today"), std::string::npos) << s;
    EXPECT_NE(s.find(": 29/11 10-20C rain 500mm HEAVY;"), std::string::npos) << s;
}

TEST(WeatherSms, InVietnameseItStaysGsm7) {
    i18n::Catalogs catalogs;
    catalogs.Add("vi", i18n::ParsePo(EmbeddedFile("i18n/vi.po")));
    auto T = [&](const char* id) { return catalogs.Translate("vi", id); };
    const std::string s = WeatherSmsText("Mường Xén", FourDays(), "2026-11-30", T);
    ExpectOneGsm7Sms(s);
    EXPECT_EQ(s.rfind("Cau Noi: thoi tiet Muong Xen (09:15 30/11): Hom nay 14-24C", 0), 0u) << s;
    EXPECT_NE(s.find("MUA TO"), std::string::npos) << s;
}

TEST(WeatherSms, FitsOneMessageWhateverTheNameAndTheDays) {
    CommuneWeather many = FourDays();
    for (int i = 0; i < 20; ++i)
        many.forecast.days.push_back({"2026-12-" + std::to_string(10 + i), -9, 49, 999, 0, 0, 1});
    for (const std::string& name : {std::string("Xã Tri Lễ"), std::string(120, 'x'), std::string(400, 'y'),
                                    std::string("Phường ") + std::string(60, 'a') + " Ồ"}) {
        for (const CommuneWeather& w : {FourDays(), many, CommuneWeather{}}) {
            const std::string s = WeatherSmsText(name, w, "2026-11-30", Identity);
            ExpectOneGsm7Sms(s);
            EXPECT_EQ(s.rfind("Cau Noi: weather ", 0), 0u) << s;
        }
    }
    // A long name still leaves room for today.
    const std::string s = WeatherSmsText(std::string(120, 'x'), FourDays(), "2026-11-30", Identity);
    EXPECT_NE(s.find("Today 14-24C"), std::string::npos) << s;
}

TEST(WeatherSms, NoDaysLeftSaysThereIsNoForecast) {
    const std::string s = WeatherSmsText("Mường Xén", FourDays(), "2026-12-10", Identity);
    ExpectOneGsm7Sms(s);
    EXPECT_NE(s.find("no forecast at the moment."), std::string::npos) << s;
}

}  // namespace
}  // namespace caunoi::board
