// The village board over the real stores on both engines: which communes are due for a forecast
// and where they are, the cache replaced and the attempts recorded; price reports (validation,
// scope, the outlier rule, review, latest, trend); the crop calendar's round trip and reset; and
// GIA / THOITIET reaching the board's hook with the right commune.
#include "storage/board_stores.hpp"

#include <gtest/gtest.h>

#include <map>

#include "board/crop_calendar.hpp"
#include "board/prices.hpp"
#include "board/weather.hpp"
#include "channel/encoding.hpp"
#include "core/calendar.hpp"
#include "core/embedded.hpp"
#include "sms/keywords.hpp"
#include "storage/test_wiring.hpp"

namespace caunoi::storage {
namespace {

Fields F(std::map<std::string, std::string> m) { return Fields(std::move(m)); }

// 2026-11-30 10:00 in Vietnam.
constexpr int64_t kNow = 1796007600;

board::CropCatalog Crops() {
    auto c = board::CropCatalog::Parse(EmbeddedFile("data/crops.tsv"));
    if (!c.ok()) throw std::runtime_error(c.error().detail);
    return std::move(c).value();
}

class BoardStores : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        w = std::make_unique<test_db::Wiring>(GetParam(), clock);
        db = &w->db;
        ASSERT_TRUE(test_db::InsertAreas(*db, {{"40", "", "province", "40"},
                                               {"16813", "40", "commune", "40/16813"},
                                               {"V1", "16813", "village", "40/16813/V1"},
                                               {"V2", "16813", "village", "40/16813/V2"},
                                               {"16870", "40", "commune", "40/16870"},
                                               {"V3", "16870", "village", "40/16870/V3"},
                                               {"V4", "16870", "village", "40/16870/V4"},
                                               {"V5", "16870", "village", "40/16870/V5"},
                                               {"17000", "40", "commune", "40/17000"},
                                               {"V9", "17000", "village", "40/17000/V9"},
                                               {"17100", "40", "ward", "40/17100"}})
                        .ok());
        for (const auto& [id, lat, lon] : std::vector<std::tuple<std::string, double, double>>{
                 {"40", 18.7, 105.6},     // the province: never asked for
                 {"16813", 19.4, 104.1},  // its own location, whatever its villages'
                 {"V1", 10.0, 100.0},
                 {"V3", 19.0, 104.0},  // 16870: the middle of V3 and V4 (V5 has none)
                 {"V4", 19.2, 104.4},
                 {"17100", 18.9, 105.0}})  // a ward; 17000 has no location at all
            ASSERT_TRUE(db->Exec("UPDATE areas SET lat = ?, lon = ? WHERE id = ?", {lat, lon, id}).ok());

        officer.user_id = "o1";
        officer.display_name = "Lô Thị Mai";
        officer.role = Role::kCommuneOfficer;
        officer.area_path = "40/16813";
        officer.scope.paths = {"40/16813"};
        member = officer;
        member.user_id = "m1";
        member.display_name = "Vừ A Dế";
        member.role = Role::kMember;
        member.scope.paths = {"40/16813/V1"};
        leader = member;
        leader.user_id = "l1";
        leader.role = Role::kTeamLeader;
        other_officer = officer;
        other_officer.user_id = "o2";
        other_officer.scope.paths = {"40/16870"};
    }

    FakeClock clock{kNow};
    std::unique_ptr<test_db::Wiring> w;
    Database* db = nullptr;
    Actor officer, member, leader, other_officer;
};

// ---- weather

class PointSource : public board::WeatherSource {
  public:
    Result<board::Forecast> Fetch(double lat, double lon) override {
        asked.push_back({lat, lon});
        if (fail) return Error::Internal("source down");
        board::Forecast f;
        for (int d = 0; d < days; ++d)
            f.days.push_back({FormatDate(*ParseDate("2026-11-30") + d), 14, 24, 10.0 * d, 1, 5, 61});
        return f;
    }
    std::vector<std::pair<double, double>> asked;
    bool fail = false;
    int days = 4;
};

TEST_P(BoardStores, WeatherIsAskedForEachLocatedCommuneAtItsOwnPointOrItsVillagesMiddle) {
    WeatherStore store(*db);
    auto due = store.Due(kNow);
    ASSERT_TRUE(due.ok()) << due.error().detail;
    std::map<std::string, std::pair<double, double>> at;
    for (const auto& t : *due) at[t.commune_id] = {t.lat, t.lon};
    ASSERT_EQ(at.size(), 3u) << "16813, 16870 and the ward; not 17000, the province or villages";
    EXPECT_DOUBLE_EQ(at["16813"].first, 19.4);
    EXPECT_DOUBLE_EQ(at["16813"].second, 104.1);
    EXPECT_NEAR(at["16870"].first, 19.1, 1e-9);
    EXPECT_NEAR(at["16870"].second, 104.2, 1e-9);
    EXPECT_DOUBLE_EQ(at["17100"].first, 18.9);
}

TEST_P(BoardStores, WeatherRefreshSavesRecordsAndWaitsOnBothEngines) {
    WeatherStore store(*db);
    board::WeatherService service(store, w->audit, clock);
    PointSource source;
    auto s = service.RefreshDue(source, nullptr, nullptr);
    ASSERT_TRUE(s.ok()) << s.error().detail;
    EXPECT_EQ(s->fetched, 3);
    EXPECT_EQ(source.asked.size(), 3u);
    auto got = service.Of("16813");
    ASSERT_TRUE(got.ok() && *got);
    const auto& cw = **got;
    EXPECT_EQ(cw.source, "open-meteo");
    EXPECT_EQ(cw.as_of, kNow);
    EXPECT_EQ(cw.next_attempt_at, kNow + board::kRefreshSeconds);
    ASSERT_EQ(cw.forecast.days.size(), 4u);
    EXPECT_EQ(cw.forecast.days[2].date, "2026-12-02");
    EXPECT_DOUBLE_EQ(cw.forecast.days[2].rain_mm, 20);
    EXPECT_DOUBLE_EQ(cw.forecast.days[2].rain_max_hour, 1);
    EXPECT_DOUBLE_EQ(cw.forecast.days[2].wind_kmh, 5);
    EXPECT_EQ(cw.forecast.days[2].code, 61);
    EXPECT_TRUE(store.Due(kNow + board::kRefreshSeconds - 1)->empty());

    // An hour later the source fails: the cache stays, the failure is recorded and seen by Due.
    clock.Advance(board::kRefreshSeconds);
    source.fail = true;
    s = service.RefreshDue(source, nullptr, nullptr);
    EXPECT_EQ(s->failed, 3);
    auto after = service.Of("16813").value().value();
    EXPECT_EQ(after.forecast.days.size(), 4u);
    EXPECT_EQ(after.as_of, kNow);
    EXPECT_EQ(after.failures, 1);
    EXPECT_EQ(after.last_error, "source down");
    EXPECT_EQ(after.last_attempt_at, clock.NowSeconds());
    EXPECT_EQ(after.next_attempt_at, clock.NowSeconds() + 2 * board::kRefreshSeconds);
    auto due = store.Due(after.next_attempt_at);
    ASSERT_EQ(due->size(), 3u);
    EXPECT_EQ(due->front().failures, 1);

    // A new forecast with fewer days replaces the old days entirely.
    clock.Advance(2 * board::kRefreshSeconds);
    source.fail = false;
    source.days = 2;
    ASSERT_TRUE(service.RefreshDue(source, nullptr, nullptr).ok());
    auto replaced = service.Of("16813").value().value();
    EXPECT_EQ(replaced.forecast.days.size(), 2u);
    EXPECT_EQ(replaced.failures, 0);
    EXPECT_EQ(replaced.last_error, "");
}

TEST_P(BoardStores, AManualEntryReplacesTheCacheAndAnAttemptAloneHasNoForecast) {
    WeatherStore store(*db);
    board::WeatherService service(store, w->audit, clock);
    EXPECT_FALSE(service.Of("16813").value().has_value()) << "nothing fetched, entered or tried";
    ASSERT_TRUE(store.RecordAttempt("16870", kNow, kNow + 7200, 1, "timeout").ok());
    auto tried = service.Of("16870").value();
    ASSERT_TRUE(tried.has_value());
    EXPECT_EQ(tried->as_of, 0);
    EXPECT_TRUE(tried->forecast.days.empty());
    EXPECT_EQ(tried->source, "");

    Fields f({{"day0_min", "12"}, {"day0_max", "19"}, {"day0_rain", "130"}});
    EXPECT_EQ(service.EnterManual(officer, "16870", "40/16870", f).error().code, ErrorCode::kNotFound);
    Actor admin = officer;
    admin.role = Role::kProvinceAdmin;
    admin.scope.paths = {"40"};
    ASSERT_TRUE(service.EnterManual(admin, "16870", "40/16870", f).ok());
    auto entered = service.Of("16870").value().value();
    EXPECT_EQ(entered.source, "manual");
    EXPECT_EQ(entered.entered_by, "Lô Thị Mai");
    ASSERT_EQ(entered.forecast.days.size(), 1u);
    EXPECT_EQ(entered.forecast.days[0].date, "2026-11-30");
    EXPECT_DOUBLE_EQ(entered.forecast.days[0].rain_mm, 130);
    EXPECT_EQ(entered.forecast.days[0].code, -1);
    EXPECT_EQ(entered.next_attempt_at, kNow + 7200) << "the source's schedule is its own";
}

// ---- prices

class BoardPrices : public BoardStores {
  protected:
    Result<board::PriceReport> Report(const Actor& a, const std::string& commune, const std::string& path,
                                      std::map<std::string, std::string> fields) {
        return service->Report(a, commune, path, Fields(std::move(fields)));
    }
    Result<board::PriceReport> Ginger(int64_t price, const std::string& commune = "16813", const std::string& on = "") {
        std::map<std::string, std::string> f = {
            {"crop", "ginger"}, {"unit", "kg"}, {"price", std::to_string(price)}, {"market", "Chợ Mường Xén"}};
        if (!on.empty()) f["observed_on"] = on;
        Actor a = officer;
        a.scope.paths = {"40"};
        return Report(a, commune, "40/" + commune, f);
    }
    // A counted report put straight in the table (e.g. older than a report may be).
    void Seed(const std::string& commune, const std::string& crop, const std::string& unit, int64_t price,
              const std::string& on, const std::string& status = "counted") {
        board::PriceReport r;
        r.id = "seed" + std::to_string(++seeded);
        r.commune_id = commune;
        r.area_path = "40/" + commune;
        r.crop = crop;
        r.unit = unit;
        r.price = price;
        r.market = "m";
        r.observed_on = on;
        r.reported_by = "x";
        r.reporter_name = "X";
        r.status = status;
        r.created_at = kNow - 1000 + seeded;
        ASSERT_TRUE(store->Insert(r).ok());
    }
    void SetUp() override {
        BoardStores::SetUp();
        store = std::make_unique<PriceStore>(*db);
        service = std::make_unique<board::PriceService>(*store, crops, w->audit, clock);
    }
    board::CropCatalog crops = Crops();
    std::unique_ptr<PriceStore> store;
    std::unique_ptr<board::PriceService> service;
    int seeded = 0;
};

TEST_P(BoardPrices, AReportIsValidatedFieldByField) {
    const std::map<std::string, std::string> good = {
        {"crop", "Gừng"}, {"unit", "kg"}, {"price", "25.000"}, {"market", "Chợ phiên"}};
    auto ok = Report(member, "16813", "40/16813", good);
    ASSERT_TRUE(ok.ok()) << ok.error().detail;
    EXPECT_EQ(ok->crop, "ginger");
    EXPECT_EQ(ok->price, 25000);
    EXPECT_EQ(ok->observed_on, "2026-11-30");
    EXPECT_EQ(ok->status, "counted");
    EXPECT_EQ(ok->reported_by, "m1");
    EXPECT_EQ(ok->area_path, "40/16813");

    struct Case {
        std::string key, value, field;
    };
    for (const Case& c : std::vector<Case>{{"crop", "xoài", "crop"},
                                           {"crop", "", "crop"},
                                           {"unit", "quintal", "unit"},  // ginger is sold by the kg
                                           {"unit", "", "unit"},
                                           {"price", "0", "price"},
                                           {"price", "-5", "price"},
                                           {"price", "25k", "price"},
                                           {"price", "2.5e3", "price"},
                                           {"price", "1.000.000.001", "price"},
                                           {"market", "", "market"},
                                           {"observed_on", "2026-12-01", "observed_on"},  // tomorrow
                                           {"observed_on", "2026-10-30", "observed_on"},  // 31 days ago
                                           {"observed_on", "30/11/2026", "observed_on"},
                                           {"color", "red", "color"}}) {
        auto f = good;
        f[c.key] = c.value;
        auto r = Report(member, "16813", "40/16813", f);
        ASSERT_FALSE(r.ok()) << c.key << "=" << c.value;
        EXPECT_EQ(r.error().code, ErrorCode::kInvalid) << c.key << "=" << c.value;
        EXPECT_EQ(r.error().field, c.field) << c.key << "=" << c.value;
    }
    auto f = good;
    f["observed_on"] = "2026-10-31";  // 30 days ago
    EXPECT_TRUE(Report(member, "16813", "40/16813", f).ok());
    f["crop"] = "pig";
    f["unit"] = "head";
    f["price"] = "4 500 000";
    EXPECT_TRUE(Report(member, "16813", "40/16813", f).ok());
    EXPECT_EQ(store->LatestOfCrop("ginger", "2026-01-01", 10)->size(), 2u) << "only the good reports are stored";
}

TEST_P(BoardPrices, MembersReportWhereTheirVillagesAreOnly) {
    const std::map<std::string, std::string> f = {
        {"crop", "ginger"}, {"unit", "kg"}, {"price", "25000"}, {"market", "Chợ"}};
    EXPECT_TRUE(Report(member, "16813", "40/16813", f).ok());
    auto other = Report(member, "16870", "40/16870", f);
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
    EXPECT_FALSE(Report(officer, "16870", "40/16870", f).ok());
    EXPECT_TRUE(Report(other_officer, "16870", "40/16870", f).ok());
}

TEST_P(BoardPrices, FarFromTheRecentMedianIsHeldForALeader) {
    Seed("16813", "ginger", "kg", 5000, "2026-10-01");  // older than 30 days: not counted in the median
    Seed("16813", "ginger", "kg", 5000, "2026-10-02");
    Seed("16813", "ginger", "kg", 20000, "2026-11-20");
    Seed("16813", "ginger", "kg", 24000, "2026-11-21");
    Seed("16813", "ginger", "kg", 22000, "2026-11-22");
    Seed("16813", "ginger", "kg", 90000, "2026-11-23", "to_confirm");  // held: not counted either
    Seed("16813", "ginger", "kg", 91000, "2026-11-23", "rejected");
    // Median 22000: up to 33000 and down to 14667 count.
    EXPECT_EQ(Ginger(33000)->status, "counted");
    auto high = Ginger(33001);
    ASSERT_TRUE(high.ok());
    EXPECT_EQ(high->status, "to_confirm");
    EXPECT_EQ(high->median, 22000);
    EXPECT_EQ(Ginger(14667)->status, "counted");  // 5 counted now, median still 22000
    auto low = Ginger(14666);
    EXPECT_EQ(low->status, "to_confirm");
    EXPECT_EQ(low->median, 22000);
    // Only kg: a head of pig is compared with heads.
    EXPECT_EQ(store->CountedSince("16813", "ginger", "kg", "2026-10-31")->size(), 5u);
}

TEST_P(BoardPrices, FewReportsInTheCommuneAreComparedWithTheProvinceAndFewerStillCount) {
    // Nothing anywhere: anything counts.
    EXPECT_EQ(Ginger(1000, "16870")->status, "counted");
    // 16870 has one, the province four (with 17000's): the province's median, 24000.
    Seed("17000", "ginger", "kg", 24000, "2026-11-25");
    Seed("17000", "ginger", "kg", 25000, "2026-11-25");
    Seed("17000", "ginger", "kg", 26000, "2026-11-25");
    auto r = Ginger(40000, "16870");
    EXPECT_EQ(r->status, "to_confirm");
    EXPECT_EQ(r->median, 24000);
    // Another crop with two reports in the province: counted whatever it is.
    Seed("17000", "tea", "kg", 10000, "2026-11-25");
    Seed("17000", "tea", "kg", 10000, "2026-11-25");
    auto tea = Report(other_officer, "16870", "40/16870",
                      {{"crop", "chè"}, {"unit", "kg"}, {"price", "900000"}, {"market", "Chợ"}});
    ASSERT_TRUE(tea.ok()) << tea.error().detail;
    EXPECT_EQ(tea->status, "counted");
}

TEST_P(BoardPrices, LeadersReviewHeldPricesOnceAndOnlyConfirmedOnesCount) {
    for (int64_t p : {20000, 22000, 24000}) ASSERT_TRUE(Ginger(p).ok());
    auto a = Ginger(100000).value();
    clock.Advance(60);
    auto b = Ginger(1000).value();
    ASSERT_EQ(a.status, "to_confirm");
    ASSERT_EQ(b.status, "to_confirm");
    auto held = service->Held(leader);
    ASSERT_TRUE(held.ok());
    ASSERT_EQ(held->size(), 2u);
    EXPECT_EQ((*held)[0].id, a.id) << "oldest first";
    EXPECT_TRUE(service->Held(other_officer)->empty());

    auto by_member = service->Review(member, a.id, true);
    EXPECT_EQ(by_member.error().code, ErrorCode::kForbidden);
    auto elsewhere = service->Review(other_officer, a.id, true);
    EXPECT_EQ(elsewhere.error().code, ErrorCode::kNotFound);

    ASSERT_TRUE(service->Review(leader, a.id, true).ok());
    EXPECT_EQ(service->Review(leader, a.id, false).error().code, ErrorCode::kConflict);
    ASSERT_TRUE(service->Review(officer, b.id, false).ok());
    EXPECT_EQ(service->Review(officer, b.id, true).error().code, ErrorCode::kConflict) << "a rejected price stays out";
    EXPECT_TRUE(service->Held(leader)->empty());

    auto counted = store->CountedSince("16813", "ginger", "kg", "2026-11-01").value();
    std::sort(counted.begin(), counted.end());
    EXPECT_EQ(counted, (std::vector<int64_t>{20000, 22000, 24000, 100000}));
}

TEST_P(BoardPrices, LatestIsTheNewestCountedPerCropAndUnit) {
    Seed("16813", "cassava", "kg", 3000, "2026-11-28");
    Seed("16813", "cassava", "kg", 3300, "2026-11-29");
    Seed("16813", "cassava", "kg", 2000, "2026-11-27");  // entered later, observed earlier
    Seed("16813", "cassava", "kg", 9900, "2026-11-30", "to_confirm");
    Seed("16813", "cassava", "quintal", 290000, "2026-11-20");
    Seed("16813", "ginger", "kg", 25000, "2026-11-10");
    Seed("16813", "ginger", "kg", 26000, "2026-11-10");  // same day, entered later
    Seed("16870", "ginger", "kg", 40000, "2026-11-30");
    auto latest = service->Latest("16813");
    ASSERT_TRUE(latest.ok()) << latest.error().detail;
    std::map<std::string, int64_t> by;
    for (const auto& r : *latest) by[r.crop + "/" + r.unit] = r.price;
    EXPECT_EQ(
        by, (std::map<std::string, int64_t>{{"cassava/kg", 3300}, {"cassava/quintal", 290000}, {"ginger/kg", 26000}}));

    auto of_crop = store->LatestOfCrop("ginger", "2026-11-05", 10);
    ASSERT_TRUE(of_crop.ok());
    ASSERT_EQ(of_crop->size(), 3u);
    EXPECT_EQ((*of_crop)[0].price, 40000) << "newest first";
    EXPECT_EQ((*of_crop)[1].price, 26000);
    EXPECT_EQ(store->LatestOfCrop("ginger", "2026-11-11", 10)->size(), 1u);
    EXPECT_EQ(store->LatestOfCrop("ginger", "2026-11-05", 1)->size(), 1u);
}

TEST_P(BoardPrices, TrendIsTheDailyMedianOfCountedPrices) {
    Seed("16813", "ginger", "kg", 20000, "2026-11-20");
    Seed("16813", "ginger", "kg", 30000, "2026-11-20");
    Seed("16813", "ginger", "kg", 25000, "2026-11-20");
    Seed("16813", "ginger", "kg", 10000, "2026-11-25");
    Seed("16813", "ginger", "kg", 20000, "2026-11-25");
    Seed("16813", "ginger", "kg", 99000, "2026-11-26", "to_confirm");
    Seed("16813", "ginger", "kg", 1000, "2026-08-01");  // before the 90 days
    Seed("16870", "ginger", "kg", 50000, "2026-11-20");
    auto t = service->Trend("16813", "ginger", "kg");
    ASSERT_TRUE(t.ok()) << t.error().detail;
    ASSERT_EQ(t->size(), 2u);
    EXPECT_EQ((*t)[0].day, "2026-11-20");
    EXPECT_EQ((*t)[0].price, 25000);
    EXPECT_EQ((*t)[1].day, "2026-11-25");
    EXPECT_EQ((*t)[1].price, 10000);
}

// ---- crop calendar

TEST_P(BoardStores, ACropCalendarRoundTripsWithItsMarketsAndResets) {
    CropCalendarStore store(*db);
    board::CropCalendar fallback;
    fallback.rows.push_back({"tea", {}});
    board::CropCalendarService service(store, fallback, {"rice", "maize", "tea"}, w->audit, clock);
    Fields f({{"rice_4", "plant"},
              {"rice_9", "harvest"},
              {"rice_12", "prepare"},
              {"maize_2", "plant"},
              {"maize_6", "harvest"},
              {"market_name_0", "Chợ phiên Tà Cạ"},
              {"market_day_0", "4"},
              {"market_name_1", "Chợ Mường Xén"},
              {"market_day_1", "0"}});
    ASSERT_TRUE(service.Save(officer, "16813", "40/16813", f).ok());
    auto got = store.Get("16813");
    ASSERT_TRUE(got.ok()) << got.error().detail;
    EXPECT_TRUE(got->own);
    EXPECT_EQ(got->edited_by, "Lô Thị Mai");
    EXPECT_EQ(got->edited_at, kNow);
    std::map<std::string, std::array<board::Stage, 12>> rows;
    for (const auto& r : got->rows) rows[r.crop] = r.months;
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows["rice"][3], board::Stage::kPlant);
    EXPECT_EQ(rows["rice"][8], board::Stage::kHarvest);
    EXPECT_EQ(rows["rice"][11], board::Stage::kPrepare);
    EXPECT_EQ(rows["rice"][0], board::Stage::kNone);
    EXPECT_EQ(rows["maize"][5], board::Stage::kHarvest);
    std::map<int, std::string> markets;
    for (const auto& m : got->markets) markets[m.weekday] = m.name;
    EXPECT_EQ(markets, (std::map<int, std::string>{{0, "Chợ Mường Xén"}, {4, "Chợ phiên Tà Cạ"}}));
    EXPECT_FALSE(store.Get("16870")->own);

    // A second save replaces everything; a refused one changes nothing.
    ASSERT_TRUE(service.Save(officer, "16813", "40/16813", F({{"maize_3", "plant"}, {"maize_7", "harvest"}})).ok());
    EXPECT_FALSE(service.Save(officer, "16813", "40/16813", F({{"maize_3", "plant"}})).ok());
    got = store.Get("16813");
    ASSERT_EQ(got->rows.size(), 1u);
    EXPECT_EQ(got->rows[0].months[2], board::Stage::kPlant);
    EXPECT_EQ(got->rows[0].months[6], board::Stage::kHarvest);
    EXPECT_TRUE(got->markets.empty());

    ASSERT_TRUE(service.Save(officer, "16813", "40/16813", F({{"reset", "1"}})).ok());
    EXPECT_FALSE(store.Get("16813")->own);
    auto of = service.Of("16813");
    ASSERT_EQ(of->rows.size(), 1u);
    EXPECT_EQ(of->rows[0].crop, "tea") << "the default again";
    EXPECT_TRUE(db->Query("SELECT 1 FROM crop_calendar_months WHERE commune_id = '16813'")->empty());
    EXPECT_TRUE(db->Query("SELECT 1 FROM market_days WHERE commune_id = '16813'")->empty());
}

// ---- GIA and THOITIET by SMS

class BoardSms : public BoardStores {
  protected:
    void SetUp() override {
        BoardStores::SetUp();
        ASSERT_TRUE(db->Exec("UPDATE areas SET name = 'Mường Xén' WHERE id = '16813'", {}).ok());
        ASSERT_TRUE(db->Exec("UPDATE areas SET name = 'Tri Lễ' WHERE id = '16870'", {}).ok());
        ASSERT_TRUE(
            test_db::AddResidents(w->registry_store, kNow, {{"H1", "V1", "R1", "0912345678", "registry,notifications"}})
                .ok());
        w->sms.OnBoard([this](sms::Command c, const std::string& arg, const std::string& commune) {
            calls.push_back({c, arg, commune});
            return Result<std::string>("board answer");
        });
    }
    std::string Send(const std::string& from, const std::string& text) {
        clock.Advance(3600);  // out of the reply rate limit's window
        auto r = w->sms.HandleInbound({from, text, false});
        EXPECT_TRUE(r.ok()) << text;
        return r.ok() ? r->reply : "";
    }
    struct Call {
        sms::Command command;
        std::string arg, commune;
    };
    std::vector<Call> calls;
};

TEST_P(BoardSms, PricesAndWeatherGoToTheBoardWithTheSendersCommune) {
    EXPECT_EQ(Send("0912345678", "GIA gừng"), "board answer");
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].command, sms::Command::kPrice);
    EXPECT_EQ(calls[0].arg, "gừng");
    EXPECT_EQ(calls[0].commune, "16813");

    EXPECT_EQ(Send("0912345678", "THOITIET"), "board answer");
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[1].command, sms::Command::kWeather);
    EXPECT_EQ(calls[1].commune, "16813");

    Send("0912345678", "mai có mưa không");
    ASSERT_EQ(calls.size(), 3u);
    EXPECT_EQ(calls[2].command, sms::Command::kWeather);
    EXPECT_EQ(calls[2].commune, "16813");

    // A number nobody knows: the province, no commune.
    Send("0977000111", "THOITIET");
    ASSERT_EQ(calls.size(), 4u);
    EXPECT_EQ(calls[3].commune, "");
}

TEST_P(BoardSms, ThoitietNamesACommuneOrIsToldThereIsNone) {
    Send("0912345678", "THOITIET Tri Lễ");
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].commune, "16870");
    Send("0977000111", "thoi tiet xa tri le");
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[1].commune, "16870");

    // Words that say when, not where: the sender's own commune.
    Send("0912345678", "THOITIET ngày mai thế nào");
    ASSERT_EQ(calls.size(), 3u);
    EXPECT_EQ(calls[2].commune, "16813");
    calls.pop_back();

    const std::string reply = Send("0912345678", "THOITIET Hà Nội");
    EXPECT_EQ(calls.size(), 2u) << "the board is not asked";
    EXPECT_NE(reply.find("Ha Noi"), std::string::npos) << reply;
    EXPECT_TRUE(channel::Measure(reply).gsm7) << reply;
}

INSTANTIATE_TEST_SUITE_P(Engines, BoardStores, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);
INSTANTIATE_TEST_SUITE_P(Engines, BoardPrices, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);
INSTANTIATE_TEST_SUITE_P(Engines, BoardSms, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
