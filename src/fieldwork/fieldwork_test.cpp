// FieldworkService::RecordSession over in-memory fakes: what a visit writes, the follow-ups its
// rules create, the order in which a bad visit is refused, and the push's shared reads.
#include "fieldwork/fieldwork.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/ulid.hpp"
#include "testing/fakes.hpp"

using namespace caunoi;
using namespace caunoi::fieldwork;

namespace {

constexpr int64_t kNow = 1'780'000'000;

// A valid visit to H1 helping R1 (file_dossier done, tip otp_never), with `set` added or replaced
// and `drop` left out.
Fields Visit(std::map<std::string, std::string> set = {}, const std::vector<std::string>& drop = {}) {
    std::map<std::string, std::string> m = {
        {"household_id", "H1"},        {"channel", "home_visit"}, {"minutes", "30"},   {"residents", "R1"},
        {"service_1", "file_dossier"}, {"outcome_1", "done"},     {"tip", "otp_never"}};
    for (auto& [k, v] : set) m[k] = v;
    for (const auto& k : drop) m.erase(k);
    return Fields(std::move(m));
}

struct RecordSession : ::testing::Test {
    fakes::FakeField field{kNow};
    FieldworkService& svc = field.fieldwork;
    fakes::FakeFieldwork& repo = field.fieldwork_repo;
    const Actor member = fakes::FakeField::Member();
};

std::set<std::string> RuleKeys(const std::vector<Task>& tasks) {
    std::set<std::string> out;
    for (const auto& t : tasks) out.insert(t.rule_key + ":" + t.resident_id);
    return out;
}

TEST_F(RecordSession, WritesTheSessionItsFollowUpsAndOneAuditEntry) {
    auto r = svc.RecordSession(member, Visit({{"residents", "R1,R2,R1"}, {"helpers", "U2,U1"}}));
    ASSERT_TRUE(r.ok()) << r.error().detail;
    const auto& [s, tasks] = *r;
    EXPECT_EQ(s.residents, (std::vector<std::string>{"R1", "R2"}));  // each once, in order
    EXPECT_EQ(s.helpers, (std::vector<std::string>{"U1", "U2"}));    // the recorder first
    EXPECT_EQ(s.channel, "home_visit");
    EXPECT_EQ(s.minutes, 30);
    EXPECT_EQ(s.at, kNow);
    EXPECT_EQ(s.recorded_by, "U1");
    EXPECT_EQ(s.area_path, "40/16813/V1");
    EXPECT_TRUE(IsUlid(s.id));
    ASSERT_EQ(repo.sessions.size(), 1u);
    EXPECT_EQ(repo.sessions[0].id, s.id);
    // Each person's dossier is checked; R1's basic phone in a 4G village calls for a talk.
    EXPECT_EQ(RuleKeys(tasks), (std::set<std::string>{"check_dossier:R1", "check_dossier:R2", "device_options:R1"}));
    EXPECT_EQ(repo.tasks.size(), 3u);
    for (const auto& t : tasks) {
        EXPECT_EQ(t.session_id, s.id);
        EXPECT_EQ(t.created_at, kNow);
        if (t.rule_key == "device_options") {
            EXPECT_EQ(t.due_at, kNow + 14 * 86400);
        }
    }
    ASSERT_EQ(field.audit_repo.entries.size(), 1u);
    const auto& e = field.audit_repo.entries[0];
    EXPECT_EQ(e.action, "create");
    EXPECT_EQ(e.entity, "session");
    EXPECT_EQ(e.entity_id, s.id);
    EXPECT_EQ(e.detail, "1 services, 3 tasks");
}

TEST_F(RecordSession, ARefusalNamesTheFirstFieldAtFaultAndWritesNothing) {
    struct Case {
        std::map<std::string, std::string> set;
        std::vector<std::string> drop;
        std::string field;
    };
    const std::vector<Case> cases = {
        {{{"colour", "red"}}, {}, "colour"},
        {{}, {"channel"}, "channel"},
        {{{"minutes", "0"}}, {}, "minutes"},
        {{{"residents", "R3"}}, {}, "residents"},  // of another household
        {{{"residents", ""}}, {}, "residents"},
        {{{"service_1", "retired"}}, {}, "service_1"},
        {{}, {"service_1", "outcome_1"}, "service_1"},
        {{{"outcome_1", "not_done"}}, {}, "reason_1"},
        {{}, {"tip"}, "tip"},
        {{{"tip", "no_such_tip"}}, {}, "tip"},
        {{{"skill.R2.payment", "assisted"}}, {}, "skill.R2.payment"},  // R2 was not helped
        {{{"skill.R1.juggling", "assisted"}}, {}, "skill.R1.juggling"},
        {{{"helpers", "U7"}}, {}, "helpers"},
        {{{"corrects", "01J00000000000000000000000"}}, {}, "corrects"},
        // The order of the checks: what the person filled first is judged first.
        {{{"residents", "R3"}}, {"channel"}, "channel"},
        {{{"service_1", "retired"}}, {"tip"}, "service_1"},
        {{{"tip", "no_such_tip"}, {"helpers", "U7"}}, {}, "tip"},
        {{{"skill.R2.payment", "assisted"}, {"helpers", "U7"}}, {}, "skill.R2.payment"},
        {{{"helpers", "U7"}, {"corrects", "01J00000000000000000000000"}}, {}, "helpers"},
    };
    for (const auto& c : cases) {
        auto r = svc.RecordSession(member, Visit(c.set, c.drop));
        ASSERT_FALSE(r.ok()) << c.field;
        EXPECT_EQ(r.error().code, ErrorCode::kInvalid) << c.field;
        EXPECT_EQ(r.error().field, c.field);
    }
    EXPECT_TRUE(repo.sessions.empty());
    EXPECT_TRUE(repo.tasks.empty());
    EXPECT_TRUE(field.audit_repo.entries.empty());
}

TEST_F(RecordSession, AHouseholdOutOfScopeIsNotFound) {
    auto r = svc.RecordSession(member, Visit({{"household_id", "H2"}, {"residents", "R3"}}));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
}

TEST_F(RecordSession, OnlyANotDoneLineKeepsItsReason) {
    auto r = svc.RecordSession(member, Visit({{"reason_1", "no_signal"},
                                              {"service_2", "vneid_level2"},
                                              {"outcome_2", "not_done"},
                                              {"reason_2", "no_signal"}}));
    ASSERT_TRUE(r.ok()) << r.error().detail;
    ASSERT_EQ(r->first.lines.size(), 2u);
    EXPECT_EQ(r->first.lines[0].reason, "");
    EXPECT_EQ(r->first.lines[1].reason, "no_signal");
    EXPECT_EQ(RuleKeys(r->second),
              (std::set<std::string>{"check_dossier:R1", "device_options:R1", "retry_with_signal:R1"}));
}

TEST_F(RecordSession, AFollowUpAlreadyWaitingIsNotCreatedAgain) {
    ASSERT_TRUE(svc.RecordSession(member, Visit()).ok());
    auto again = svc.RecordSession(member, Visit());
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->second.empty());
    EXPECT_EQ(repo.tasks.size(), 2u);
    EXPECT_EQ(field.audit_repo.entries.back().detail, "1 services, 0 tasks");
}

TEST_F(RecordSession, ACorrectionNamesAnEarlierSessionOfTheHousehold) {
    auto first = svc.RecordSession(member, Visit());
    ASSERT_TRUE(first.ok());
    auto fix = svc.RecordSession(member, Visit({{"corrects", first->first.id}, {"minutes", "45"}}));
    ASSERT_TRUE(fix.ok()) << fix.error().detail;
    EXPECT_EQ(fix->first.corrects_id, first->first.id);
}

TEST_F(RecordSession, WithinAPushReadsAreSharedAndSkillLevelsCarryToTheNextSession) {
    BatchCache batch;
    const std::string id1 = NewUlid(), id2 = NewUlid(), id3 = NewUlid();
    auto one = svc.RecordSession(member, Visit({{"skill.R1.payment", "assisted"}, {"skill.R1.safety", "none"}}),
                                 Origin{id1, kNow - 120, true, &batch});
    ASSERT_TRUE(one.ok()) << one.error().detail;
    EXPECT_EQ(one->first.id, id1);
    EXPECT_EQ(one->first.at, kNow - 120);
    ASSERT_EQ(one->first.skill_changes.size(), 1u);  // safety was "none" already
    EXPECT_EQ(one->first.skill_changes[0].skill, 2);
    EXPECT_EQ(one->first.skill_changes[0].from, 0);
    EXPECT_EQ(one->first.skill_changes[0].to, 1);

    // The fake registry still says 0: the second session starts from what the first stored.
    auto two = svc.RecordSession(member, Visit({{"skill.R1.skill_payment", "independent"}}),
                                 Origin{id2, kNow - 60, true, &batch});
    ASSERT_TRUE(two.ok()) << two.error().detail;
    ASSERT_EQ(two->first.skill_changes.size(), 1u);
    EXPECT_EQ(two->first.skill_changes[0].from, 1);
    EXPECT_EQ(two->first.skill_changes[0].to, 2);

    auto three =
        svc.RecordSession(member, Visit({{"skill.R1.payment", "independent"}}), Origin{id3, kNow - 30, true, &batch});
    ASSERT_TRUE(three.ok());
    EXPECT_TRUE(three->first.skill_changes.empty());  // no change: no event

    EXPECT_EQ(field.registry_repo.list_members_calls, 1);
    EXPECT_EQ(repo.coverage_calls, 1);
    EXPECT_TRUE(field.audit_repo.entries.empty());  // the caller (sync) audits
}

TEST_F(RecordSession, APushsHouseholdsReadAheadAreNotReadAgainAndOnesOutOfScopeAreStillRefused) {
    BatchCache batch;
    // H2 is in a village outside the member's scope, H9 nobody's; the push names R1 and R3.
    ASSERT_TRUE(svc.ReadAhead(member, {"H1", "H2", "H9", "H1"}, {"R1", "R3"}, batch).ok());
    EXPECT_EQ(field.registry_repo.list_household_members_calls, 1);
    ASSERT_EQ(batch.households.size(), 1u);
    ASSERT_EQ(batch.households.at("H1").members.size(), 1u);  // R1 only: R2 was not named
    EXPECT_FALSE(batch.households.at("H1").complete);

    auto one = svc.RecordSession(member, Visit(), Origin{NewUlid(), kNow, true, &batch});
    ASSERT_TRUE(one.ok()) << one.error().detail;
    EXPECT_EQ(one->first.area_path, "40/16813/V1");
    EXPECT_EQ(field.registry_repo.list_members_calls, 0);
    // A session naming someone the push did not (R2): the household's members are read whole, once.
    for (int i = 0; i < 2; ++i) {
        auto two = svc.RecordSession(member, Visit({{"residents", "R2,R1"}}), Origin{NewUlid(), kNow, true, &batch});
        ASSERT_TRUE(two.ok()) << two.error().detail;
        EXPECT_EQ(two->first.residents, (std::vector<std::string>{"R2", "R1"}));
    }
    EXPECT_EQ(field.registry_repo.list_members_calls, 1);
    EXPECT_TRUE(batch.households.at("H1").complete);
    // Someone of no household of the member's is still refused, after the whole read.
    auto stranger = svc.RecordSession(member, Visit({{"residents", "R3"}}), Origin{NewUlid(), kNow, true, &batch});
    ASSERT_FALSE(stranger.ok());
    EXPECT_EQ(stranger.error().field, "residents");
    for (const char* other : {"H2", "H9"}) {
        auto refused = svc.RecordSession(member, Visit({{"household_id", other}, {"residents", "R3"}}),
                                         Origin{NewUlid(), kNow, true, &batch});
        ASSERT_FALSE(refused.ok()) << other;
        EXPECT_EQ(refused.error().code, ErrorCode::kNotFound) << other;
    }
    EXPECT_EQ(repo.sessions.size(), 3u);
}

TEST_F(RecordSession, AFailedWriteDropsThePushsSharedReads) {
    BatchCache batch;
    ASSERT_TRUE(svc.RecordSession(member, Visit(), Origin{NewUlid(), kNow, true, &batch}).ok());
    EXPECT_FALSE(batch.households.empty());
    EXPECT_FALSE(batch.coverage.empty());
    repo.fail_insert_session = true;
    auto failed =
        svc.RecordSession(member, Visit({{"skill.R1.payment", "assisted"}}), Origin{NewUlid(), kNow, true, &batch});
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, ErrorCode::kInternal);
    EXPECT_TRUE(batch.households.empty());
    EXPECT_TRUE(batch.coverage.empty());
    EXPECT_EQ(repo.sessions.size(), 1u);
}

}  // namespace
