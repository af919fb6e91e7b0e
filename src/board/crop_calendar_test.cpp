// The crop calendar without a database: the shipped default (data/crop_calendar.tsv), the peak
// months, and an officer's edit (each refusal naming its field, nothing stored when refused, reset,
// scope). The SQL round trip: storage/board_stores_test.cpp.
#include "board/crop_calendar.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/embedded.hpp"
#include "testing/fakes.hpp"

namespace caunoi::board {
namespace {

Fields F(std::map<std::string, std::string> m) { return Fields(std::move(m)); }

const std::vector<std::string> kCrops = {"rice",     "maize", "cassava", "ginger", "cardamom",
                                         "cinnamon", "tea",   "cattle",  "pig"};

CropCalendar Default() {
    auto c = ParseDefaultCalendar(EmbeddedFile("data/crop_calendar.tsv"), kCrops);
    if (!c.ok()) throw std::runtime_error(c.error().detail);
    return std::move(c).value();
}

const CropRow* RowOf(const CropCalendar& c, const std::string& crop) {
    for (const auto& r : c.rows)
        if (r.crop == crop) return &r;
    return nullptr;
}

TEST(CropCalendarDefault, TheShippedFileParses) {
    const CropCalendar c = Default();
    EXPECT_FALSE(c.own);
    const CropRow* rice = RowOf(c, "rice");
    ASSERT_NE(rice, nullptr);
    EXPECT_EQ(rice->months[0], Stage::kNone);     // January
    EXPECT_EQ(rice->months[1], Stage::kPrepare);  // February
    EXPECT_EQ(rice->months[3], Stage::kPlant);    // April
    EXPECT_EQ(rice->months[8], Stage::kHarvest);  // September
    EXPECT_EQ(rice->months[11], Stage::kNone);    // December
    EXPECT_NE(RowOf(c, "tea"), nullptr);
}

TEST(CropCalendarDefault, UnknownCropsAndStagesAreRefused) {
    const std::string head = "crop\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n";
    EXPECT_TRUE(ParseDefaultCalendar(head + "rice\t\t\t\tplant\t\t\t\t\tharvest\t\t\t\n", kCrops).ok());
    auto crop = ParseDefaultCalendar(head + "coffee\t\t\t\tplant\t\t\t\t\tharvest\t\t\t\n", kCrops);
    ASSERT_FALSE(crop.ok());
    EXPECT_NE(crop.error().detail.find("coffee"), std::string::npos);
    auto stage = ParseDefaultCalendar(head + "rice\t\t\t\tsow\t\t\t\t\tharvest\t\t\t\n", kCrops);
    ASSERT_FALSE(stage.ok());
    EXPECT_NE(stage.error().detail.find("sow"), std::string::npos);
    EXPECT_FALSE(ParseDefaultCalendar(head + "rice\tplant\n", kCrops).ok()) << "12 months a row";
}

TEST(CropCalendarPeaks, MonthsWhereWorkPilesUp) {
    CropCalendar c;
    CropRow a{"rice", {}}, b{"tea", {}};
    a.months[3] = Stage::kPlant;
    a.months[8] = Stage::kHarvest;
    a.months[5] = Stage::kTend;
    b.months[8] = Stage::kHarvest;
    b.months[0] = Stage::kPrepare;
    c.rows = {a, b};
    EXPECT_EQ(PeakMonths(c), (std::vector<int>{4, 9}));
    EXPECT_TRUE(PeakMonths(CropCalendar{}).empty());
    const auto peaks = PeakMonths(Default());
    EXPECT_TRUE(std::is_sorted(peaks.begin(), peaks.end()));
    EXPECT_NE(std::find(peaks.begin(), peaks.end(), 4), peaks.end()) << "rice and ginger planted in April";
    EXPECT_NE(std::find(peaks.begin(), peaks.end(), 9), peaks.end()) << "rice harvested, maize planted";
    EXPECT_LE(peaks.size(), 6u) << "some months of the year are quieter";
    EXPECT_EQ(std::find(peaks.begin(), peaks.end(), 12), peaks.end()) << "December: cassava and ginger only";
    // Every month alike: no peak.
    CropCalendar flat;
    CropRow all{"tea", {}};
    all.months.fill(Stage::kHarvest);
    flat.rows = {all};
    EXPECT_TRUE(PeakMonths(flat).empty());
}

class FakeCalendars : public CropCalendarRepository {
  public:
    Result<CropCalendar> Get(const std::string& id) override {
        auto it = rows.find(id);
        return it == rows.end() ? CropCalendar{} : it->second;
    }
    Status Replace(const std::string& id, const CropCalendar& c) override {
        ++replaces;
        if (c.own)
            rows[id] = c;
        else
            rows.erase(id);
        return {};
    }
    std::map<std::string, CropCalendar> rows;
    int replaces = 0;
};

class CropCalendarSave : public ::testing::Test {
  protected:
    void SetUp() override {
        officer.user_id = "o1";
        officer.display_name = "Vi Văn Hùng";
        officer.role = Role::kCommuneOfficer;
        officer.scope.paths = {"40/16813"};
    }
    // Rice planted in April and harvested in September, market on Sunday.
    Fields Good() {
        return F({{"rice_2", "prepare"},
                  {"rice_4", "plant"},
                  {"rice_6", "tend"},
                  {"rice_9", "harvest"},
                  {"tea_5", "harvest"},
                  {"market_name_0", "Chợ phiên Mường Xén"},
                  {"market_day_0", "0"},
                  {"market_name_1", "Chợ Tà Cạ"},
                  {"market_day_1", "4"}});
    }
    Status Save(const Fields& f) { return service.Save(officer, "16813", "40/16813", f); }
    void ExpectRefused(const Fields& f, const std::string& field) {
        const int before = repo.replaces;
        auto st = Save(f);
        ASSERT_FALSE(st.ok()) << field;
        EXPECT_EQ(st.error().code, ErrorCode::kInvalid) << field;
        EXPECT_EQ(st.error().field, field);
        EXPECT_EQ(repo.replaces, before) << "nothing stored when refused: " << field;
    }
    FakeClock clock{1796007600};
    FakeCalendars repo;
    fakes::FakeAudit audit_repo;
    audit::AuditLog audit{audit_repo, clock};
    CropCalendarService service{repo, Default(), kCrops, audit, clock};
    Actor officer;
};

TEST_F(CropCalendarSave, AnOfficerSavesTheCommunesOwnCalendar) {
    EXPECT_FALSE(service.Of("16813")->own) << "the default before any edit";
    ASSERT_TRUE(Save(Good()).ok());
    auto c = service.Of("16813");
    ASSERT_TRUE(c.ok());
    EXPECT_TRUE(c->own);
    EXPECT_EQ(c->edited_by, "Vi Văn Hùng");
    EXPECT_EQ(c->edited_at, clock.NowSeconds());
    ASSERT_EQ(c->rows.size(), 2u) << "crops without any stage are left out";
    const CropRow* rice = RowOf(*c, "rice");
    ASSERT_NE(rice, nullptr);
    EXPECT_EQ(rice->months[3], Stage::kPlant);
    EXPECT_EQ(rice->months[8], Stage::kHarvest);
    EXPECT_EQ(rice->months[0], Stage::kNone);
    ASSERT_EQ(c->markets.size(), 2u);
    EXPECT_EQ(c->markets[0].name, "Chợ phiên Mường Xén");
    EXPECT_EQ(c->markets[0].weekday, 0);
    EXPECT_EQ(c->markets[1].weekday, 4);
    EXPECT_EQ(audit_repo.With("calendar.save").size(), 1u);
    EXPECT_FALSE(service.Of("16870")->own) << "another commune keeps the default";
}

TEST_F(CropCalendarSave, RefusalsNameTheFieldAndStoreNothing) {
    auto with = [&](std::initializer_list<std::pair<const std::string, std::string>> extra) {
        Fields f = Good();
        for (const auto& [k, v] : extra) f.Set(k, v);
        return f;
    };
    ExpectRefused(with({{"rice_13", "plant"}}), "rice_13");
    ExpectRefused(with({{"rice_0", "plant"}}), "rice_0");
    ExpectRefused(with({{"coffee_3", "plant"}}), "coffee_3");
    ExpectRefused(with({{"rice_5", "sow"}}), "rice_5");
    ExpectRefused(with({{"rice_9", ""}}), "rice_1");         // planted, never harvested
    ExpectRefused(F({{"maize_10", "harvest"}}), "maize_1");  // harvested, never planted
    ExpectRefused(with({{"market_name_2", "Chợ mới"}}), "market_day_2");
    ExpectRefused(with({{"market_day_2", "3"}}), "market_name_2");
    ExpectRefused(with({{"market_name_2", "Chợ mới"}, {"market_day_2", "0"}}), "market_day_2");  // Sunday twice
    ExpectRefused(with({{"market_name_2", "Chợ mới"}, {"market_day_2", "7"}}), "market_day_2");
    ExpectRefused(with({{"market_name_4", "Chợ mới"}, {"market_day_4", "3"}}), "market_day_4");  // four at most
    EXPECT_TRUE(audit_repo.entries.empty());
    // The unknown field is named in the detail too.
    auto st = Save(with({{"rice_13", "plant"}}));
    EXPECT_NE(st.error().detail.find("rice_13"), std::string::npos);
    // Perennials need no harvest in the year: tea only tended is fine.
    EXPECT_TRUE(Save(F({{"tea_1", "tend"}, {"cardamom_8", "harvest"}})).ok());
}

TEST_F(CropCalendarSave, ARefusalKeepsTheCalendarSavedBefore) {
    ASSERT_TRUE(Save(Good()).ok());
    Fields bad = Good();
    bad.Set("rice_4", "");
    ExpectRefused(bad, "rice_1");
    auto saved = service.Of("16813");
    ASSERT_TRUE(saved.ok());
    const CropRow* rice = RowOf(*saved, "rice");
    ASSERT_NE(rice, nullptr);
    EXPECT_EQ(rice->months[3], Stage::kPlant);
}

TEST_F(CropCalendarSave, ResetReturnsToTheDefault) {
    ASSERT_TRUE(Save(Good()).ok());
    ASSERT_TRUE(Save(F({{"reset", "1"}})).ok());
    auto c = service.Of("16813");
    ASSERT_TRUE(c.ok());
    EXPECT_FALSE(c->own);
    EXPECT_EQ(c->rows.size(), Default().rows.size());
    EXPECT_EQ(audit_repo.With("calendar.reset").size(), 1u);
}

TEST_F(CropCalendarSave, OnlyTheCommunesOfficers) {
    auto other = service.Save(officer, "16870", "40/16870", Good());
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
    Actor leader = officer;
    leader.role = Role::kTeamLeader;
    auto below = service.Save(leader, "16813", "40/16813", Good());
    ASSERT_FALSE(below.ok());
    EXPECT_EQ(below.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(repo.replaces, 0);
}

}  // namespace
}  // namespace caunoi::board
