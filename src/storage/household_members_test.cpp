// RegistryStore::ListHouseholdMembers, on both engines: a push's households and the people it
// names, read at once, give what FindHousehold and ListMembers give one by one, in scope only,
// each once however often named and however many chunks the ids take; a household whose people
// are not named (or gone) comes with nobody.
#include <gtest/gtest.h>

#include <algorithm>

#include "storage/test_wiring.hpp"

namespace caunoi::storage {
namespace {

class HouseholdMembers : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        w = std::make_unique<test_db::Wiring>(GetParam(), clock);
        ASSERT_TRUE(test_db::InsertAreas(w->db, {{"40", "", "province", "40"},
                                                 {"16813", "40", "commune", "40/16813"},
                                                 {"V1", "16813", "village", "40/16813/V1"},
                                                 {"V2", "16813", "village", "40/16813/V2"}})
                        .ok());
        ASSERT_TRUE(test_db::AddResidents(w->registry_store, 1,
                                          {{"H1", "V1", "R1", "0912345678", "registry"},
                                           {"H1", "V1", "R2", "0912345679", "registry"},
                                           {"H2", "V2", "R3", "0912345680", "registry"},
                                           {"H3", "V1", "R4", "0912345681", "registry"}})
                        .ok());
        // R2 has skills; H3 has nobody left in it.
        auto r2 = w->registry_store.FindResident(village, "R2").value();
        r2.skills = {2, 0, 1, 0, 2};
        ASSERT_TRUE(w->registry_store.UpdateResident(r2).ok());
        auto r4 = w->registry_store.FindResident(village, "R4").value();
        ASSERT_TRUE(w->registry_store.DeleteResident(r4).ok());
    }
    // Each household's members as ListMembers reads them, sorted by id.
    std::vector<registry::Member> OneByOne(const std::string& id) {
        auto m = w->registry_store.ListMembers(village, id).value();
        std::sort(m.begin(), m.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
        return m;
    }

    FakeClock clock{1'780'000'000};
    const Scope village{{"40/16813/V1"}};
    std::unique_ptr<test_db::Wiring> w;
};

TEST_P(HouseholdMembers, GivesWhatTheOneByOneReadsGiveInScopeAndEachOnce) {
    // H2 is out of the scope, "nope" is nobody's; H1 and R2 are named twice, far apart (two
    // chunks); R3 lives in H2, R4 left H3.
    std::vector<std::string> households = {"H1", "H2", "nope", "H3"}, residents = {"R1", "R2", "R3", "R4"};
    for (int i = 0; i < 240; ++i) {
        households.push_back("X" + std::to_string(i));
        residents.push_back("Y" + std::to_string(i));
    }
    households.push_back("H1");
    residents.push_back("R2");
    auto read = w->registry_store.ListHouseholdMembers(village, households, residents);
    ASSERT_TRUE(read.ok()) << read.error().detail;
    std::vector<std::string> found;
    for (const auto& h : *read) found.push_back(h.id);
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, (std::vector<std::string>{"H1", "H3"}));
    for (auto h : *read) {
        EXPECT_FALSE(h.complete);
        auto one = w->registry_store.FindHousehold(village, h.id).value();
        EXPECT_EQ(h.village_id, one.village_id);
        EXPECT_EQ(h.area_path, one.area_path);
        std::sort(h.members.begin(), h.members.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
        const auto members = OneByOne(h.id);
        ASSERT_EQ(h.members.size(), members.size()) << h.id;
        for (size_t i = 0; i < members.size(); ++i) {
            EXPECT_EQ(h.members[i].id, members[i].id);
            EXPECT_EQ(h.members[i].phone_kind, members[i].phone_kind);
            EXPECT_EQ(h.members[i].skills, members[i].skills);
        }
    }
    EXPECT_EQ(OneByOne("H1").size(), 2u);
    EXPECT_EQ(OneByOne("H1")[1].skills, (std::array<int, 5>{2, 0, 1, 0, 2}));
    EXPECT_TRUE(OneByOne("H3").empty());

    // Only the people named: R1 alone of H1.
    auto only_r1 = w->registry_store.ListHouseholdMembers(village, {"H1"}, {"R1", "R3"});
    ASSERT_EQ(only_r1->size(), 1u);
    ASSERT_EQ(only_r1->at(0).members.size(), 1u);
    EXPECT_EQ(only_r1->at(0).members[0].id, "R1");

    // The whole commune sees H2 and R3 too; nothing at all for no ids or an empty scope.
    auto commune = w->registry_store.ListHouseholdMembers(Scope{{"40/16813"}}, households, residents);
    size_t people = 0;
    for (const auto& h : *commune) people += h.members.size();
    EXPECT_EQ(commune->size(), 3u);
    EXPECT_EQ(people, 3u);
    EXPECT_TRUE(w->registry_store.ListHouseholdMembers(village, {}, residents)->empty());
    EXPECT_TRUE(w->registry_store.ListHouseholdMembers(Scope{}, households, residents)->empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, HouseholdMembers, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
