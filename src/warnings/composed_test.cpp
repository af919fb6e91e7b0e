#include "warnings/composed.hpp"

#include <gtest/gtest.h>

#include "warnings/area_match.hpp"
#include "warnings/test_parts.hpp"

namespace caunoi::warnings {
namespace {

using test_parts::Flood;
using test_parts::Vietnamese;

ComposedWarning Composed() {
    ComposedWarning w;
    w.id = "01JXK2V6Q8W3ZC5N7T9R4M2B1A";
    w.sender = "caunoi@caunoi.example.vn";
    w.sent = ParseCapTime("2026-06-12T14:30:00+07:00", "t").value();
    w.parts = Flood();
    w.communes = {"16813"};
    w.circles = {{{19.41, 104.13}, 3}};
    return w;
}

TEST(Composed, IsPublishedAsValidCapThatReadsBackWithItsAreas) {
    auto cap = ToCap(Composed(), Vietnamese());
    const std::string xml = WriteCap(cap);
    EXPECT_TRUE(test_parts::ValidByTheOasisSchema(xml, "composed")) << xml;
    auto back = ParseCap(xml);
    ASSERT_TRUE(back.ok()) << back.error().field << ": " << back.error().detail;
    EXPECT_EQ(back->status, "Actual");
    const auto& i = back->infos.at(0);
    EXPECT_EQ(i.language, "vi-VN");
    EXPECT_EQ(i.event, "Lũ quét");
    EXPECT_EQ(i.severity, "Severe");
    EXPECT_EQ(i.categories, (std::vector<std::string>{"Met"}));
    EXPECT_EQ(i.parameters.at(0), (std::pair<std::string, std::string>{"riskLevel", "3"}));
    EXPECT_EQ(i.expires, Flood().until);
    auto areas = AreasOf(i.areas);
    EXPECT_EQ(areas.communes, (std::vector<std::string>{"16813"}));
    ASSERT_EQ(areas.circles.size(), 1u);
    EXPECT_DOUBLE_EQ(areas.circles[0].radius_km, 3);
}

TEST(Composed, AnExerciseIsMarkedSoAndLevelsMapToSeverity) {
    auto w = Composed();
    w.exercise = true;
    EXPECT_EQ(ToCap(w, Vietnamese()).status, "Exercise");
    EXPECT_STREQ(CapSeverity(1), "Minor");
    EXPECT_STREQ(CapSeverity(2), "Moderate");
    EXPECT_STREQ(CapSeverity(4), "Severe");
    EXPECT_STREQ(CapSeverity(5), "Extreme");
    EXPECT_STREQ(CapCategory(Hazard::kLandslide), "Geo");
    EXPECT_STREQ(CapCategory(Hazard::kForestFire), "Fire");
}

}  // namespace
}  // namespace caunoi::warnings
