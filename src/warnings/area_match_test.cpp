#include "warnings/area_match.hpp"

#include <gtest/gtest.h>

#include <map>

#include "warnings/test_parts.hpp"

namespace caunoi::warnings {
namespace {

// A square of `half` degrees around (lat, lon), closed.
std::vector<CapPoint> Square(double lat, double lon, double half) {
    return {{lat - half, lon - half},
            {lat - half, lon + half},
            {lat + half, lon + half},
            {lat + half, lon - half},
            {lat - half, lon - half}};
}

std::map<std::string, ReachedVillage> ById(const std::vector<ReachedVillage>& r) {
    std::map<std::string, ReachedVillage> out;
    for (const auto& v : r) out.emplace(v.id, v);
    return out;
}

TEST(AreaMatch, APolygonReachesTheVillagesInItAndOnItsEdge) {
    WarnedAreas a;
    a.polygons.push_back({Square(19.3, 104.1, 0.1), {}});
    auto r = ById(ReachedVillages(a, {},
                                  {{"in", "C1", 19.31, 104.12},
                                   {"out", "C1", 19.45, 104.1},
                                   {"edge", "C1", 19.2, 104.15},      // on the south edge
                                   {"corner", "C1", 19.4, 104.2}}));  // a vertex
    EXPECT_EQ(r.size(), 3u);
    EXPECT_TRUE(r.count("in") && r.count("edge") && r.count("corner"));
    EXPECT_EQ(r.at("in").by, ReachedBy::kPosition);
    EXPECT_FALSE(r.at("in").check);
}

TEST(AreaMatch, AHoleAndANotchAreNotReached) {
    WarnedAreas a;
    a.polygons.push_back({Square(19.3, 104.1, 0.2), {Square(19.3, 104.1, 0.05)}});
    // A U: the notch between its arms (around lat 19.7) is outside. Drawn clockwise, on purpose.
    a.polygons.push_back({{{19.6, 104.0},
                           {19.8, 104.0},
                           {19.8, 104.05},
                           {19.65, 104.05},
                           {19.65, 104.15},
                           {19.8, 104.15},
                           {19.8, 104.2},
                           {19.6, 104.2},
                           {19.6, 104.0}},
                          {}});
    auto r = ById(ReachedVillages(a, {},
                                  {{"hole", "C1", 19.3, 104.1},
                                   {"ring", "C1", 19.42, 104.1},
                                   {"notch", "C2", 19.75, 104.1},
                                   {"arm", "C2", 19.75, 104.02}}));
    EXPECT_FALSE(r.count("hole"));
    EXPECT_TRUE(r.count("ring"));
    EXPECT_FALSE(r.count("notch"));
    EXPECT_TRUE(r.count("arm"));
}

TEST(AreaMatch, APolygonAcrossTwoCommunesAndVillagesWithoutCoordinates) {
    WarnedAreas a;
    a.polygons.push_back({Square(19.3, 104.1, 0.1), {}});
    auto r = ById(ReachedVillages(a, {{"C3", 19.32, 104.05}, {"C4", 20.5, 105.0}},
                                  {{"a1", "C1", 19.25, 104.05},
                                   {"b1", "C2", 19.35, 104.15},
                                   {"b2", "C2", std::nullopt, std::nullopt},  // its commune is reached
                                   {"c1", "C3", std::nullopt, std::nullopt},  // its commune's centre is in
                                   {"d1", "C4", std::nullopt, std::nullopt},  // nothing of C4 is reached
                                   {"e1", "C5", std::nullopt, std::nullopt}}));
    EXPECT_TRUE(r.count("a1") && r.count("b1"));
    ASSERT_TRUE(r.count("b2"));
    EXPECT_EQ(r.at("b2").by, ReachedBy::kCommuneOnly);
    EXPECT_TRUE(r.at("b2").check) << "no coordinates: someone should check";
    ASSERT_TRUE(r.count("c1"));
    EXPECT_TRUE(r.at("c1").check);
    EXPECT_FALSE(r.count("d1"));
    EXPECT_FALSE(r.count("e1"));
}

TEST(AreaMatch, ACircleByGreatCircleDistance) {
    WarnedAreas a;
    a.circles.push_back({{19.0, 104.5}, 10.0});
    // 0.089° of latitude is 9.9 km, 0.0909° is 10.1 km.
    auto r = ById(ReachedVillages(a, {}, {{"near", "C1", 19.089, 104.5}, {"far", "C1", 19.0909, 104.5}}));
    EXPECT_TRUE(r.count("near"));
    EXPECT_FALSE(r.count("far"));
    EXPECT_NEAR(DistanceKm({18.6796, 105.6813}, {21.0285, 105.8542}), 262, 3) << "Vinh to Hà Nội";
}

TEST(AreaMatch, ACommuneNamedByItsCodeReachesAllItsVillages) {
    WarnedAreas a;
    a.communes = {"16813"};
    auto r = ById(ReachedVillages(
        a, {},
        {{"x1", "16813", 19.3, 104.1}, {"x2", "16813", std::nullopt, std::nullopt}, {"y1", "16870", 19.3, 104.1}}));
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r.at("x1").by, ReachedBy::kCommuneCode);
    EXPECT_EQ(r.at("x2").by, ReachedBy::kCommuneCode);
    EXPECT_FALSE(r.at("x2").check) << "the whole commune is named: nothing to check";
}

TEST(AreaMatch, TheAreasOfACapAlert) {
    auto alert = ParseCap(test_parts::CapFixture("nghe_an_flash_flood.xml"));
    ASSERT_TRUE(alert.ok());
    auto a = AreasOf(alert->infos.at(0).areas);
    EXPECT_EQ(a.communes, (std::vector<std::string>{"16813", "16870"}));
    auto storm = ParseCap(test_parts::CapFixture("thunderstorm.xml")).value();
    auto b = AreasOf(storm.infos.at(0).areas);
    ASSERT_EQ(b.polygons.size(), 1u);
    auto r = ReachedVillages(b, {}, {{"inside", "X", 38.45, -119.9}, {"outside", "X", 38.0, -119.9}});
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].id, "inside");
}

}  // namespace
}  // namespace caunoi::warnings
