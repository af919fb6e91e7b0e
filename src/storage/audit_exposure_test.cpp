// The breach-report helper's query and summary (audit/exposure.hpp), on both engines: whose
// records one account or one time window read or changed, a household's change reaching each of
// its residents, an erased person kept by id, entries that touch nobody left out.
#include <gtest/gtest.h>

#include "audit/exposure.hpp"
#include "storage/audit_store.hpp"
#include "storage/test_wiring.hpp"

namespace caunoi::storage {
namespace {

class Exposure : public ::testing::TestWithParam<std::string> {
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
                                           {"H1", "V1", "R3", "", "registry"},
                                           {"H2", "V2", "R2", "0987654321", "registry"}})
                        .ok());
        ASSERT_TRUE(w->user_store.Insert(test_db::TestUser("u-leak", Role::kMember, "40/16813", "")).ok());
        // What the log holds: reads and changes by the leaked account and another.
        Add(100, "u-leak", "view", "resident", "R1", "search");
        Add(200, "u-leak", "view", "resident", "R1", "household list");
        Add(300, "u-leak", "update", "household", "H1", "");
        Add(400, "u-other", "view", "resident", "R2", "");
        Add(600, "u-leak", "view", "resident", "R9", "sync");  // erased since
        Add(700, "u-leak", "login", "user", "u-leak", "");     // touches nobody
        Add(800, "u-leak", "create", "team", "T1", "");
    }
    void Add(int64_t at, const char* user, const char* action, const char* entity, const char* id, const char* how) {
        audit::AuditEntry e;
        e.at = at;
        e.user_id = user;
        e.action = action;
        e.entity = entity;
        e.entity_id = id;
        e.area_path = "40/16813/V1";
        e.remote_addr = "10.0.0.9";
        e.detail = how;
        ASSERT_TRUE(w->audit_store.Append(e).ok());
    }
    std::vector<audit::ExposedPerson> Run(audit::ExposureQuery q) {
        auto events = w->audit_store.Exposed(q);
        EXPECT_TRUE(events.ok()) << events.error().detail;
        return events.ok() ? audit::Summarise(*events) : std::vector<audit::ExposedPerson>{};
    }
    FakeClock clock{1000};
    std::unique_ptr<test_db::Wiring> w;
};

TEST_P(Exposure, OneAccountsEntriesNameEveryPersonItReadOrChangedOnce) {
    auto people = Run({.user_id = "u-leak"});
    ASSERT_EQ(people.size(), 3u);
    const auto& r1 = people[0];
    EXPECT_EQ(r1.resident_id, "R1");
    EXPECT_EQ(r1.name, "Lò Văn R1");
    EXPECT_EQ(r1.phone, "0912345678");
    EXPECT_EQ(r1.village, "V1");
    EXPECT_EQ(r1.commune, "16813");
    EXPECT_EQ(r1.reads, 2);
    EXPECT_EQ(r1.changes, 1);
    EXPECT_EQ(r1.first_at, 100);
    EXPECT_EQ(r1.last_at, 300);
    EXPECT_EQ(r1.accounts, (std::set<std::string>{"user_u-leak"}));
    EXPECT_EQ(r1.ways, (std::set<std::string>{"household list", "search", "update"}));
    EXPECT_EQ(people[1].resident_id, "R3") << "a household's change reaches each of its residents";
    EXPECT_EQ(people[1].changes, 1);
    EXPECT_EQ(people[1].reads, 0);
    EXPECT_TRUE(people[2].erased) << "an erased person is still named, by id, last";
    EXPECT_EQ(people[2].resident_id, "R9");
    EXPECT_EQ(people[2].name, "");
}

TEST_P(Exposure, ATimeWindowTakesEveryAccountWithinItOnly) {
    auto people = Run({.user_id = "", .from = 250, .to = 450});
    ASSERT_EQ(people.size(), 3u);
    EXPECT_EQ(people[0].resident_id, "R1");
    EXPECT_EQ(people[0].reads, 0) << "the reads at 100 and 200 are outside";
    EXPECT_EQ(people[1].resident_id, "R3");
    EXPECT_EQ(people[2].resident_id, "R2");
    EXPECT_EQ(people[2].accounts, (std::set<std::string>{"u-other"})) << "an id with no account row is shown as is";
    EXPECT_TRUE(Run({.user_id = "u-leak", .from = 650}).empty()) << "a login and a team are nobody's record";
}

INSTANTIATE_TEST_SUITE_P(Engines, Exposure, ::testing::ValuesIn(test_db::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace caunoi::storage
