// RegistryService against in-memory fakes: the rules live in the domain, not in SQL.
#include "registry/registry.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/crypto.hpp"
#include "testing/fakes.hpp"

using namespace caunoi;
using namespace caunoi::registry;

namespace {

using fakes::FakeAudit;
using fakes::FakeVillages;
using FakeRepo = fakes::FakeRegistry;

struct Fixture : ::testing::Test {
    Fixture() { crypto::InitCrypto(); }
    Actor Member() {
        Actor a;
        a.user_id = "U1";
        a.role = Role::kMember;
        a.scope.paths = {"40/16813/V1"};
        a.remote_addr = "10.0.0.1";
        return a;
    }
    Household NewHousehold() {
        auto h = svc.CreateHousehold(Member(), Fields({{"village_id", "V1"},
                                                       {"name", "Lò Văn Ban"},
                                                       {"consent", "yes"},
                                                       {"consent_purposes", "support, registry"}}));
        EXPECT_TRUE(h.ok()) << (h.ok() ? "" : h.error().detail);
        return h.value();
    }
    FakeRepo repo;
    FakeAudit audit_repo;
    FakeVillages villages;
    FakeClock clock{1'800'000'000};
    audit::AuditLog audit{audit_repo, clock};
    NoTransactions tx;
    RegistryService svc{repo, tx, audit, clock, "0123456789abcdef0123456789abcdef", villages};
};

}  // namespace

TEST_F(Fixture, RefusesPersonalDataWithoutConsent) {
    auto h = svc.CreateHousehold(Member(), Fields({{"village_id", "V1"}, {"name", "Lò Văn Ban"}}));
    ASSERT_FALSE(h.ok());
    EXPECT_EQ(h.error().field, "consent");
    EXPECT_TRUE(repo.households.empty());
    EXPECT_TRUE(audit_repo.entries.empty());
}

TEST_F(Fixture, ConsentNeedsTheRegistryPurposeAndRecordsWhoAndWhen) {
    auto no_registry = svc.CreateHousehold(
        Member(), Fields({{"village_id", "V1"}, {"name", "X"}, {"consent", "1"}, {"consent_purposes", "statistics"}}));
    ASSERT_FALSE(no_registry.ok());
    auto h = NewHousehold();
    EXPECT_EQ(h.consent.by, "U1");
    EXPECT_EQ(h.consent.at, 1'800'000'000);
    EXPECT_EQ(h.consent.purposes, "registry,support");  // normalized order
}

TEST_F(Fixture, NationalIdIsKeyedHashPlusLastFour) {
    auto h = NewHousehold();
    auto r = svc.CreateResident(Member(), Fields({{"household_id", h.id},
                                                  {"consent", "1"},
                                                  {"consent_purposes", "registry"},
                                                  {"full_name", "Lò Thị Tiên"},
                                                  {"national_id", "040301234567"}}));
    ASSERT_TRUE(r.ok()) << r.error().detail;
    EXPECT_EQ(r->national_id_last4, "4567");
    EXPECT_EQ(r->national_id_hash.size(), 64u);
    EXPECT_EQ(r->national_id_hash.find("040301234567"), std::string::npos);
    EXPECT_EQ(r->national_id_hash, crypto::KeyedHashHex("0123456789abcdef0123456789abcdef", "040301234567"));
    EXPECT_NE(r->national_id_hash, crypto::HashHex("040301234567"));
    auto bad =
        svc.UpdateResident(Member(), r->id, Fields(std::map<std::string, std::string>{{"national_id", "12345"}}));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "national_id");
}

TEST_F(Fixture, ReadingAResidentIsAudited) {
    auto h = NewHousehold();
    auto r = svc.CreateResident(Member(), Fields({{"household_id", h.id},
                                                  {"consent", "1"},
                                                  {"consent_purposes", "registry"},
                                                  {"full_name", "Vi Văn Hùng"}}));
    ASSERT_TRUE(r.ok());
    audit_repo.entries.clear();
    ASSERT_TRUE(svc.GetResident(Member(), r->id).ok());
    ASSERT_EQ(audit_repo.entries.size(), 1u);
    EXPECT_EQ(audit_repo.entries[0].action, "view");
    EXPECT_EQ(audit_repo.entries[0].entity_id, r->id);
    EXPECT_EQ(audit_repo.entries[0].remote_addr, "10.0.0.1");
}

TEST_F(Fixture, OutOfScopeIsNotFoundAndNothingIsAudited) {
    auto h = NewHousehold();
    Actor stranger = Member();
    stranger.scope.paths = {"40/16870"};
    audit_repo.entries.clear();
    auto got = svc.GetHousehold(stranger, h.id);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.error().code, ErrorCode::kNotFound);
    auto create = svc.CreateHousehold(
        stranger, Fields({{"village_id", "V1"}, {"name", "X"}, {"consent", "1"}, {"consent_purposes", "registry"}}));
    EXPECT_EQ(create.error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(audit_repo.entries.empty());
}

TEST_F(Fixture, MembersCannotEraseLeadersCan) {
    auto h = NewHousehold();
    EXPECT_EQ(svc.DeleteHousehold(Member(), h.id).error().code, ErrorCode::kNotFound);
    Actor leader = Member();
    leader.role = Role::kTeamLeader;
    ASSERT_TRUE(svc.DeleteHousehold(leader, h.id).ok());
    EXPECT_TRUE(repo.households.empty());
    EXPECT_EQ(audit_repo.entries.back().action, "delete");
}

TEST_F(Fixture, SearchTextIsFoldedIntoSafeTokens) {
    HouseholdQuery q;
    q.text = "Đinh \"Văn\" OR* NEAR(";
    ASSERT_TRUE(svc.ListHouseholds(Member(), q).ok());
    EXPECT_EQ(repo.tokens, (std::vector<std::string>{"dinh", "van", "or", "near"}));
}

TEST_F(Fixture, UnknownFieldsAndBadValuesNameTheField) {
    auto h = NewHousehold();
    auto r = svc.CreateResident(Member(), Fields({{"household_id", h.id},
                                                  {"consent", "1"},
                                                  {"consent_purposes", "registry"},
                                                  {"full_name", "A"},
                                                  {"skill_payment", "expert"}}));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "skill_payment");
    auto u = svc.UpdateHousehold(Member(), h.id, Fields(std::map<std::string, std::string>{{"colour", "red"}}));
    EXPECT_EQ(u.error().field, "colour");
}

TEST_F(Fixture, SkillChangesOnTheProfileAreKeptAsHistory) {
    auto h = NewHousehold();
    auto r = svc.CreateResident(Member(), Fields({{"household_id", h.id},
                                                  {"consent", "1"},
                                                  {"consent_purposes", "registry"},
                                                  {"full_name", "Hà Thị Thoa"}}));
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(
        svc.UpdateResident(Member(), r->id, Fields({{"skill_payment", "assisted"}, {"skill_safety", "none"}})).ok());
    ASSERT_EQ(repo.skill_events.size(), 1u);  // skill_safety did not change
    EXPECT_EQ(repo.skill_events[0].skill, 2);
    EXPECT_EQ(repo.skill_events[0].from, 0);
    EXPECT_EQ(repo.skill_events[0].to, 1);
}

namespace {
PersonMatch Person(const std::string& id, const std::string& name, const std::string& household) {
    PersonMatch m;
    m.resident_id = id;
    m.full_name = name;
    m.household_id = household;
    m.area_path = "40/16813/V1";
    return m;
}
}  // namespace

TEST_F(Fixture, PeopleSearchReadsAPhoneNumberInAnyUsualForm) {
    for (const char* typed : {"0912 345 678", "+84 912.345.678", "84912345678", "(091) 234-5678"}) {
        ASSERT_TRUE(svc.FindPeople(Member(), typed).ok()) << typed;
        EXPECT_EQ(repo.last_people_query.phones, (std::vector<std::string>{"0912345678", "+84912345678"})) << typed;
        EXPECT_TRUE(repo.last_people_query.tokens.empty());
        EXPECT_TRUE(repo.last_people_query.national_id_hash.empty());
    }
}

TEST_F(Fixture, PeopleSearchComparesAnIdNumberOnlyThroughItsKeyedHash) {
    repo.people = {Person("R1", "Lò Thị Mai", "H1")};
    auto found = svc.FindPeople(Member(), "040 190 001 234");
    ASSERT_TRUE(found.ok());
    const auto& q = repo.last_people_query;
    EXPECT_EQ(q.national_id_hash, crypto::KeyedHashHex("0123456789abcdef0123456789abcdef", "040190001234"));
    EXPECT_EQ(q.national_id_hash.find("040190001234"), std::string::npos);
    ASSERT_EQ(found->people.size(), 1u);
    EXPECT_EQ(found->people.at(0).matched, "national_id");
    // The read of the record is audited, without the number.
    ASSERT_EQ(audit_repo.entries.size(), 1u);
    EXPECT_EQ(audit_repo.entries[0].entity_id, "R1");
    EXPECT_EQ(audit_repo.entries[0].detail.find("040190"), std::string::npos);
}

// People whose own name carries the words come first: a household found through its name or
// words spread over several of its people ("Lò" one, "Ban" another) shows its first person after
// them, though it comes first in name order ("Hà Văn Bun" before "Lò Văn Ban").
TEST_F(Fixture, PeopleSearchByNameShowsWhoMatchedFirstThenTheHouseholdsFirstPerson) {
    repo.people = {Person("R0", "Hà Văn Bun", "H0"),   Person("R1", "Lò Văn Ban", "H1"),
                   Person("R2", "Vi Thị Đức", "H1"),   Person("R3", "Lò Văn Đức", "H1"),
                   Person("R4", "Moong Văn Pó", "H2"), Person("R5", "Moong Thị Xua", "H2")};
    auto found = svc.FindPeople(Member(), "duc");
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(repo.last_people_query.tokens, (std::vector<std::string>{"duc"}));
    ASSERT_EQ(found->people.size(), 4u);  // both Đức of H1; H0 and H2 by their first person
    EXPECT_EQ(found->people.at(0).resident_id, "R2");
    EXPECT_EQ(found->people.at(0).matched, "name");
    EXPECT_EQ(found->people.at(1).resident_id, "R3");
    EXPECT_EQ(found->people.at(2).resident_id, "R0");
    EXPECT_EQ(found->people.at(2).matched, "household");
    EXPECT_EQ(found->people.at(3).resident_id, "R4");
    EXPECT_EQ(found->people.at(3).matched, "household");
}

TEST_F(Fixture, PeopleSearchTreatsOtherDigitsAsNoMatchAndRefusesBadText) {
    repo.people = {Person("R1", "Lò Văn Ban", "H1")};
    auto found = svc.FindPeople(Member(), "12345");
    ASSERT_TRUE(found.ok());
    EXPECT_TRUE(found->people.empty());
    EXPECT_FALSE(svc.FindPeople(Member(), std::string("\xff\xfe")).ok());
}
