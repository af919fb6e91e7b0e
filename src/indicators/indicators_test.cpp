// Months in UTC+7, reach rules and the charts' SVG (docs/indicators.md).
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "indicators/charts.hpp"
#include "indicators/definitions.hpp"
#include "indicators/month.hpp"
#include "indicators/reach.hpp"

namespace caunoi::indicators {
namespace {

TEST(IndicatorMonth, LocalMonthsAndArithmetic) {
    EXPECT_EQ(MonthOfEpoch(1793465940), 202610);  // 2026-10-31 23:59 in Vietnam
    EXPECT_EQ(MonthOfEpoch(1793467800), 202611);  // 2026-11-01 00:30 in Vietnam, still October in UTC
    EXPECT_EQ(AddMonths(202611, 3), 202702);
    EXPECT_EQ(AddMonths(202601, -1), 202512);
    EXPECT_EQ(MonthsBetween(202511, 202602), 3);
    EXPECT_EQ(ParseMonth("2026-11"), 202611);
    EXPECT_EQ(ParseMonth("202611"), 202611);
    EXPECT_FALSE(ParseMonth("2026-00"));
    EXPECT_FALSE(ParseMonth("2026-11-01"));
    EXPECT_FALSE(ParseMonth("<script>"));
    EXPECT_EQ(FormatMonth(202603), "03/2026");
    EXPECT_EQ(MonthParam(202603), "2026-03");
}

TEST(IndicatorReach, ChannelsAPersonCanActuallyUse) {
    ResidentFacts vi_smart{"h", "v", 1990, "smart", true, "vi"};
    VillageFacts quiet{false, "", "4g"}, speaks_hmn{true, "tai,hmn", "none"};
    EXPECT_EQ(Reach(vi_smart, quiet, false), kApp | kSms);
    ResidentFacts smart_no_number = vi_smart;
    smart_no_number.has_phone = false;
    EXPECT_EQ(Reach(smart_no_number, quiet, false), unsigned{kApp});
    ResidentFacts hmn_basic{"h", "v", 1970, "basic", true, "hmn"};
    EXPECT_EQ(Reach(hmn_basic, quiet, false), 0u) << "no text in Mông, no loudspeaker";
    EXPECT_EQ(Reach(hmn_basic, speaks_hmn, false), unsigned{kLoudspeaker});
    ResidentFacts kjg{"h", "v", 1970, "none", false, "kjg"};
    EXPECT_EQ(Reach(kjg, speaks_hmn, false), 0u) << "the loudspeaker speaks Thái and Mông, not Khơ Mú";
    EXPECT_EQ(Reach(kjg, speaks_hmn, true), unsigned{kVisit});
    ResidentFacts h = kjg;
    h.language = "h";  // not a prefix match of "hmn"
    EXPECT_EQ(Reach(h, speaks_hmn, false), 0u);
    EXPECT_TRUE(IsAdult(vi_smart, 2026));
    ResidentFacts seventeen{"h", "v", 2009, "none", false, "vi"};
    EXPECT_FALSE(IsAdult(seventeen, 2026));
    EXPECT_TRUE(IsAged15(seventeen, 2026));
    EXPECT_FALSE(IsAdult(ResidentFacts{}, 2026)) << "unknown birth year";
}

TEST(IndicatorCharts, EscapedSvgWithoutScript) {
    std::string map = PlaceMap({{"<b>Nậm</b>", "/indicators/1", 19.2, 104.1, 50.0},
                                {"B", "", 19.3, 104.2, std::nullopt},
                                {"C", "", 19.1, 104.3, 100.0}},
                               "Hộ \"5 kỹ năng\"");
    EXPECT_EQ(map.find("<b>"), std::string::npos);
    EXPECT_NE(map.find("&lt;b&gt;N"), std::string::npos);
    EXPECT_NE(map.find("&quot;5"), std::string::npos);
    EXPECT_EQ(map.find("script"), std::string::npos);
    EXPECT_NE(map.find("fill=\"#bbb\""), std::string::npos) << "no figure: grey";
    EXPECT_NE(map.find(">&lt;b&gt;Nậm&lt;/b&gt; 50%</text>"), std::string::npos) << "a few places are named";
    EXPECT_NE(map.find(">100%</text>"), std::string::npos) << "the colours' key";
    const std::string crowded =
        PlaceMap({{"A", "", 19.0, 104.0, 10.0}, {"B", "", 19.0, 104.0, 20.0}, {"C", "", 19.5, 104.5, 30.0}}, "x");
    EXPECT_NE(crowded.find(">A 10%</text>"), std::string::npos);
    EXPECT_EQ(crowded.find(">B 20%</text>"), std::string::npos) << "a name over another is left to its tooltip";
    EXPECT_NE(crowded.find("<title>B: 20%</title>"), std::string::npos);
    std::vector<MapPlace> many;
    for (size_t i = 0; i <= kNamedPlaces; ++i)
        many.push_back({"P" + std::to_string(i), "", 19.0 + i * 0.01, 104.0, 10.0});
    EXPECT_EQ(PlaceMap(many, "x").find(">P1 "), std::string::npos) << "too many to name";
    EXPECT_NE(Sparkline({10.0, std::nullopt, 80.0}, "x").find("polyline"), std::string::npos);
    EXPECT_NE(Sparkline({std::nullopt, 80.0}, "x").find("circle"), std::string::npos);
    EXPECT_NE(TargetBar(40.0, 80).find("M80 0V10"), std::string::npos);
    EXPECT_EQ(Percent(std::nullopt), "—");
    EXPECT_EQ(Percent(66.99), "66%");
}

TEST(IndicatorDefinitions, KeysAreUniqueAndFamiliesMatchByPrefix) {
    std::set<std::string> keys;
    for (const auto& d : Definitions()) EXPECT_TRUE(keys.insert(d.key).second) << d.key;
    ASSERT_NE(Find("skill.skill_safety.independent"), nullptr);
    EXPECT_EQ(Find("skill.skill_safety.independent")->key, "skill.");
    EXPECT_EQ(Find("skill."), nullptr);
    EXPECT_EQ(Find("nonsense"), nullptr);
    EXPECT_EQ(Find("hh_fibre")->target, 80);
}

TEST(IndicatorDefinitions, EveryKeyIsDefinedInTheDocs) {
    std::ifstream in(std::string(CAUNOI_SOURCE_DIR) + "/docs/indicators.md");
    std::stringstream doc;
    doc << in.rdbuf();
    ASSERT_FALSE(doc.str().empty());
    for (const auto& d : Definitions()) {
        const std::string shown = d.family ? d.key + "<" : d.key;
        EXPECT_NE(doc.str().find("`" + shown), std::string::npos) << d.key << " is not in docs/indicators.md";
    }
}

}  // namespace
}  // namespace caunoi::indicators
