// Crop prices without a database: prices as people write them, the median, the crop catalog
// (data/crops.tsv) and what a name, an alias or a typo means, and the one-SMS answer to GIA.
// Reports, review and the SQL side: storage/board_stores_test.cpp.
#include "board/prices.hpp"

#include <gtest/gtest.h>

#include "channel/encoding.hpp"
#include "core/calendar.hpp"
#include "core/embedded.hpp"
#include "core/i18n.hpp"
#include "testing/fakes.hpp"

namespace caunoi::board {
namespace {

const CropCatalog& Shipped() {
    static const CropCatalog c = [] {
        auto parsed = CropCatalog::Parse(EmbeddedFile("data/crops.tsv"));
        if (!parsed.ok()) throw std::runtime_error(parsed.error().detail);
        return std::move(parsed).value();
    }();
    return c;
}

TEST(PriceParse, AcceptsDongWithThousandsSeparators) {
    EXPECT_EQ(ParseDong("25000"), 25000);
    EXPECT_EQ(ParseDong("25.000"), 25000);
    EXPECT_EQ(ParseDong("25 000"), 25000);
    EXPECT_EQ(ParseDong("25,000"), 25000);
    EXPECT_EQ(ParseDong(" 1.250.000 "), 1250000);
    EXPECT_EQ(ParseDong("1.000.000.000"), kMaxPrice);
    EXPECT_EQ(ParseDong("0"), 0);  // Report refuses it as a price
}

TEST(PriceParse, RefusesLettersSignsDecimalsAndHugeNumbers) {
    for (const char* s : {"",      "   ",      "abc",           "25k",         "25.000d", "-5",     "+5",   "2.5e3",
                          "1e9",   "...",      "1.000.000.001", "99999999999", "2.5",     "25.5",   "25,5", "25.000,50",
                          "25.00", "2.50.000", "25..000",       ".25",         "25.",     "25 000đ"})
        EXPECT_FALSE(ParseDong(s).has_value()) << "\"" << s << "\" -> " << ParseDong(s).value_or(-1);
}

TEST(PriceFormat, DotsEveryThreeDigits) {
    EXPECT_EQ(FormatDong(0), "0");
    EXPECT_EQ(FormatDong(999), "999");
    EXPECT_EQ(FormatDong(1000), "1.000");
    EXPECT_EQ(FormatDong(25000), "25.000");
    EXPECT_EQ(FormatDong(1234567), "1.234.567");
    EXPECT_EQ(FormatDong(kMaxPrice), "1.000.000.000");
    EXPECT_EQ(FormatDong(-25000), "-25.000");
    for (int64_t v : {1, 12, 123, 1234, 12345, 123456, 7654321})
        EXPECT_EQ(ParseDong(FormatDong(v)), v) << "round trip " << v;
}

TEST(PriceMedian, TheLowerMiddleOfAnEvenCount) {
    EXPECT_EQ(Median({}), 0);
    EXPECT_EQ(Median({7}), 7);
    EXPECT_EQ(Median({30, 10, 20}), 20);
    EXPECT_EQ(Median({40, 10, 30, 20}), 20);
    EXPECT_EQ(Median({5, 5, 100, 5}), 5);
    EXPECT_EQ(Median({1, 1000, 1000}), 1000);
}

TEST(CropCatalogParse, TheShippedCatalogHasItsCropsAndUnits) {
    const Crop* ginger = Shipped().Find("ginger");
    ASSERT_NE(ginger, nullptr);
    EXPECT_EQ(ginger->name_vi, "Gừng");
    EXPECT_EQ(ginger->units, (std::vector<std::string>{"kg"}));
    const Crop* pig = Shipped().Find("pig");
    ASSERT_NE(pig, nullptr);
    EXPECT_EQ(pig->units, (std::vector<std::string>{"head", "kg"}));
    EXPECT_EQ(Shipped().Find("Ginger"), nullptr) << "keys are exact";
    EXPECT_GE(Shipped().all().size(), 9u);
}

TEST(CropCatalogParse, RefusesBadFiles) {
    const std::string head = "key\tvi\ten\tunits\taliases\n";
    for (const std::string& bad : {std::string(""), head,                                             // no crops
                                   head + "rice\tLúa\tRice\tton\tlua\n",                              // unknown unit
                                   head + "rice\tLúa\tRice\t\tlua\n",                                 // no unit
                                   head + "\tLúa\tRice\tkg\tlua\n",                                   // no key
                                   head + "rice\t\tRice\tkg\tlua\n",                                  // no name
                                   head + "rice\tLúa\tRice\tkg\tlua\nrice\tThóc\tPaddy\tkg\tthoc\n",  // twice
                                   head + "rice\tLúa\tRice\tkg\n"})  // a column missing
        EXPECT_FALSE(CropCatalog::Parse(bad).ok()) << bad;
    auto ok = CropCatalog::Parse("# comment\n" + head + "rice\tLúa\tRice\tkg,quintal\tthoc\n");
    ASSERT_TRUE(ok.ok()) << ok.error().detail;
    EXPECT_EQ(ok->Match("lúa"), ok->Find("rice")) << "the folded Vietnamese name is an alias";
}

TEST(CropMatch, NamesAliasesAndFoldedText) {
    const auto& c = Shipped();
    EXPECT_EQ(c.Match("gừng"), c.Find("ginger"));
    EXPECT_EQ(c.Match("GUNG"), c.Find("ginger"));
    EXPECT_EQ(c.Match("  Gừng  "), c.Find("ginger"));
    EXPECT_EQ(c.Match("thao qua"), c.Find("cardamom"));
    EXPECT_EQ(c.Match("Thảo quả"), c.Find("cardamom"));
    EXPECT_EQ(c.Match("THAO  QUA"), c.Find("cardamom"));
    EXPECT_EQ(c.Match("cardamom"), c.Find("cardamom"));
    EXPECT_EQ(c.Match("heo"), c.Find("pig"));
    EXPECT_EQ(c.Match("Lợn đen"), c.Find("pig"));
    EXPECT_EQ(c.Match("sắn"), c.Find("cassava"));
    EXPECT_EQ(c.Match(""), nullptr);
    EXPECT_EQ(c.Match("   "), nullptr);
    EXPECT_EQ(c.Match("xoai"), nullptr);
}

TEST(CropMatch, OneTypoInLongWordsNeverAGuessBetweenTwoCrops) {
    const auto& c = Shipped();
    EXPECT_EQ(c.Match("gnug"), c.Find("ginger"));   // two letters swapped
    EXPECT_EQ(c.Match("gungg"), c.Find("ginger"));  // one letter more
    EXPECT_EQ(c.Match("thao qa"), c.Find("cardamom"));
    EXPECT_EQ(c.Match("gnugg"), nullptr) << "two typos";
    // "lo den" is one letter from both "bo den" (cattle) and "lon den" (pig).
    EXPECT_EQ(c.Match("lo den"), nullptr);
    // Words under 4 letters must be exact: "nga" is not "ngo", "sa" not "san", "qe" not "que".
    EXPECT_EQ(c.Match("nga"), nullptr);
    EXPECT_EQ(c.Match("sa"), nullptr);
    EXPECT_EQ(c.Match("qe"), nullptr);
    EXPECT_EQ(c.Match("ngo"), c.Find("maize"));
    EXPECT_EQ(c.Match("que"), c.Find("cinnamon"));
}

// Only LatestOfCrop matters to SmsAnswer: it answers `latest` and records what it was asked.
class LatestOnly : public PriceRepository {
  public:
    Status Insert(const PriceReport&) override { return {}; }
    Result<PriceReport> Get(const std::string&, const Scope&) override { return Error::NotFound(); }
    Status SetStatus(const std::string&, const std::string&, const std::string&, const std::string&, int64_t) override {
        return {};
    }
    Result<std::vector<int64_t>> CountedSince(const std::string&, const std::string&, const std::string&,
                                              const std::string&) override {
        return std::vector<int64_t>{};
    }
    Result<std::vector<PriceReport>> Latest(const std::string&) override { return std::vector<PriceReport>{}; }
    Result<std::vector<PriceReport>> LatestOfCrop(const std::string& crop, const std::string& since, int) override {
        asked_crop = crop;
        asked_since = since;
        return latest;
    }
    Result<std::vector<PriceReport>> Held(const Scope&) override { return std::vector<PriceReport>{}; }
    Result<std::vector<TrendPoint>> Daily(const std::string&, const std::string&, const std::string&,
                                          const std::string&) override {
        return std::vector<TrendPoint>{};
    }
    std::vector<PriceReport> latest;
    std::string asked_crop, asked_since;
};

PriceReport At(const std::string& commune, const std::string& crop, const std::string& unit, int64_t price,
               const std::string& on) {
    PriceReport r;
    r.commune_id = commune;
    r.crop = crop;
    r.unit = unit;
    r.price = price;
    r.observed_on = on;
    r.status = "counted";
    return r;
}

std::string NameOf(const std::string& id) {
    if (id == "16813") return "Mường Xén";
    if (id == "16870") return "Tri Lễ";
    return "Xã số " + id;
}

std::string Identity(const char* s) { return s; }

void ExpectOneGsm7Sms(const std::string& s) {
    const auto size = channel::Measure(s);
    EXPECT_TRUE(size.gsm7) << s;
    EXPECT_LE(size.units, 160) << s;
    EXPECT_EQ(size.parts, 1) << s;
}

class PriceSms : public ::testing::Test {
  protected:
    // 2026-11-30 10:00 in Vietnam.
    FakeClock clock{1796007600};
    LatestOnly repo;
    fakes::FakeAudit audit_repo;
    audit::AuditLog audit{audit_repo, clock};
    PriceService service{repo, Shipped(), audit, clock};
};

TEST_F(PriceSms, TheSendersCommuneFirstOneLinePerCommuneAndUnit) {
    repo.latest = {At("16870", "cassava", "kg", 3200, "2026-11-30"), At("16813", "cassava", "kg", 3000, "2026-11-29"),
                   At("16813", "cassava", "quintal", 290000, "2026-11-28"),
                   At("16813", "cassava", "kg", 2500, "2026-11-01"),  // older: not shown
                   At("16870", "cassava", "kg", 2800, "2026-11-20")};
    auto s = service.SmsAnswer("sắn", "16813", NameOf, Identity);
    ASSERT_TRUE(s.ok());
    ExpectOneGsm7Sms(*s);
    EXPECT_EQ(repo.asked_crop, "cassava");
    EXPECT_EQ(repo.asked_since, "2026-09-01") << "the last 90 days";
    EXPECT_EQ(*s,
              "Cau Noi: price of San: Muong Xen 3.000d/kg (29/11); Muong Xen 290.000d/quintal (28/11); Tri Le "
              "3.200d/kg (30/11).");
    // Someone unknown: newest first.
    auto anyone = service.SmsAnswer("san", "", NameOf, Identity);
    ASSERT_TRUE(anyone.ok());
    EXPECT_EQ(anyone->find("Tri Le 3.200"), std::string("Cau Noi: price of San: ").size()) << *anyone;
}

TEST_F(PriceSms, TheCropNamedFirstWhateverFollows) {
    repo.latest = {At("16813", "cassava", "kg", 3000, "2026-11-29")};
    auto s = service.SmsAnswer("sắn tươi hôm nay", "16813", NameOf, Identity);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(repo.asked_crop, "cassava") << *s;
}

TEST_F(PriceSms, ManyCommunesStillOneMessage) {
    for (int i = 0; i < 40; ++i)
        repo.latest.push_back(At(std::to_string(17000 + i), "ginger", "kg", 25000 + i, "2026-11-30"));
    repo.latest.push_back(At("16813", "ginger", "kg", 24000, "2026-11-02"));
    auto s = service.SmsAnswer("gung", "16813", NameOf, Identity);
    ASSERT_TRUE(s.ok());
    ExpectOneGsm7Sms(*s);
    EXPECT_NE(s->find("Gung: Muong Xen 24.000d/kg (02/11);"), std::string::npos) << *s;
    EXPECT_EQ(s->back(), '.');
}

TEST_F(PriceSms, AnUnknownCropIsAnsweredWithTheListOfCrops) {
    i18n::Catalogs catalogs;
    catalogs.Add("vi", i18n::ParsePo(EmbeddedFile("i18n/vi.po")));
    auto vi = [&](const char* id) { return catalogs.Translate("vi", id); };
    for (const auto& T :
         {std::function<std::string(const char*)>(Identity), std::function<std::string(const char*)>(vi)}) {
        for (const std::string& text :
             {std::string("xoài"), std::string(300, 'z'), std::string("Ồ Ồ Ồ Ồ Ồ Ồ Ồ Ồ Ồ Ồ Ồ")}) {
            auto s = service.SmsAnswer(text, "16813", NameOf, T);
            ASSERT_TRUE(s.ok());
            ExpectOneGsm7Sms(*s);
            for (const char* name : {"Lua", "Ngo", "San", "Gung", "Thao qua", "Que", "Che", "Bo den", "Lon den"})
                EXPECT_NE(s->find(name), std::string::npos) << name << " in " << *s;
        }
    }
    EXPECT_TRUE(repo.asked_crop.empty()) << "nothing looked up for an unknown crop";
}

TEST_F(PriceSms, NoRecentPriceSaysSo) {
    auto s = service.SmsAnswer("thảo quả", "16813", NameOf, Identity);
    ASSERT_TRUE(s.ok());
    ExpectOneGsm7Sms(*s);
    EXPECT_EQ(*s, "Cau Noi: no price of Thao qua was reported in the last 90 days.");
}

}  // namespace
}  // namespace caunoi::board
