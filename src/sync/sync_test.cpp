// SyncService over in-memory fakes sharing one transaction: exactly-once pushes, a bad operation
// rejected alone, the clock window, offline profile edits and their conflicts, and pulls.
#include "sync/sync.hpp"

#include <gtest/gtest.h>

#include "core/ulid.hpp"
#include "testing/fakes.hpp"

using namespace caunoi;
using namespace caunoi::sync;

namespace {

constexpr int64_t kNow = 1'780'000'000;

struct SyncTest : ::testing::Test {
    fakes::FakeField field{kNow};
    SyncService& svc = field.sync;
    fakes::FakeSync& repo = field.sync_repo;
    const Actor member = fakes::FakeField::Member();

    // A visit to H1 done on the phone a minute ago.
    static Op Session(const std::string& id, int64_t at_ms = (kNow - 60) * 1000) {
        return Op{id,
                  "session",
                  at_ms,
                  0,
                  {{"household_id", "H1"},
                   {"channel", "home_visit"},
                   {"minutes", "20"},
                   {"residents", "R1"},
                   {"service_1", "vneid_level2"},
                   {"outcome_1", "done"},
                   {"tip", "otp_never"}},
                  {}};
    }
    void Change(int64_t rev, const std::string& path, const std::string& kind, const std::string& id) {
        repo.changes.push_back({path, ChangeRef{rev, kind, id}});
    }
};

TEST_F(SyncTest, AnOperationIsAppliedOnceAndARepeatGetsTheFirstAnswer) {
    const Op op = Session(NewUlid());
    auto first = svc.Push(member, "phone-1", {op});
    ASSERT_TRUE(first.ok()) << first.error().detail;
    ASSERT_EQ(first->size(), 1u);
    EXPECT_EQ((*first)[0].status, "applied");
    EXPECT_EQ((*first)[0].area_path, "40/16813/V1");
    ASSERT_EQ(field.fieldwork_repo.sessions.size(), 1u);
    EXPECT_EQ(field.fieldwork_repo.sessions[0].id, op.id);  // the phone's id is the session's
    EXPECT_EQ(field.fieldwork_repo.sessions[0].at, kNow - 60);
    ASSERT_EQ(repo.ops.count(op.id), 1u);
    EXPECT_EQ(repo.ops[op.id].status, "applied");
    EXPECT_EQ(repo.ops[op.id].device, "phone-1");
    // One audit entry, the sync's own (the session does not audit itself a second time).
    ASSERT_EQ(field.audit_repo.entries.size(), 1u);
    EXPECT_EQ(field.audit_repo.entries[0].action, "sync");
    EXPECT_NE(field.audit_repo.entries[0].detail.find("applied from device phone-1"), std::string::npos);
    EXPECT_NE(field.audit_repo.entries[0].detail.find("1 services, 1 tasks"), std::string::npos);

    auto again = svc.Push(member, "phone-1", {op});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ((*again)[0].status, "duplicate");
    EXPECT_EQ((*again)[0].first, "applied");
    EXPECT_EQ(field.fieldwork_repo.sessions.size(), 1u);

    // Another user's operation with the same id is not theirs to answer.
    EXPECT_TRUE(repo.FindOps("U2", {op.id})->empty());
}

TEST_F(SyncTest, ABadOperationIsRejectedAloneAndTheRestOfTheBatchApplied) {
    const Op a = Session(NewUlid()), c = Session(NewUlid());
    Op b = Session(NewUlid());
    b.kind = "frobnicate";
    auto r = svc.Push(member, "phone-1", {a, b, c});
    ASSERT_TRUE(r.ok()) << r.error().detail;
    ASSERT_EQ(r->size(), 3u);
    EXPECT_EQ((*r)[0].status, "applied");
    EXPECT_EQ((*r)[1].status, "rejected");
    EXPECT_EQ((*r)[1].field, "kind");
    EXPECT_EQ((*r)[2].status, "applied");
    // The first attempt (no savepoints) was undone whole: each session is there once.
    EXPECT_EQ(field.fieldwork_repo.sessions.size(), 2u);
    EXPECT_GE(field.tx.rollbacks, 2);  // the first attempt, and b's savepoint
    EXPECT_EQ(repo.ops.size(), 3u);
    EXPECT_EQ(repo.ops[b.id].status, "rejected");
    EXPECT_EQ(repo.ops[b.id].field, "kind");

    auto again = svc.Push(member, "phone-1", {b});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ((*again)[0].status, "duplicate");
    EXPECT_EQ((*again)[0].first, "rejected");
    EXPECT_EQ((*again)[0].field, "kind");
}

TEST_F(SyncTest, OperationsOutsideTheClockWindowOrWithoutAnIdAreRefused) {
    const Op future = Session(NewUlid(), (kNow + 11 * 60) * 1000);
    const Op old = Session(NewUlid(), (kNow - 61LL * 86400) * 1000);
    const Op soon = Session(NewUlid(), (kNow + 9 * 60) * 1000);  // a phone's clock a little ahead
    const Op no_id = Session("not-an-id");
    auto r = svc.Push(member, "phone-1", {future, old, soon, no_id});
    ASSERT_TRUE(r.ok()) << r.error().detail;
    EXPECT_EQ((*r)[0].status, "rejected");
    EXPECT_EQ((*r)[0].field, "at");
    EXPECT_EQ((*r)[1].status, "rejected");
    EXPECT_EQ((*r)[1].field, "at");
    EXPECT_EQ((*r)[2].status, "applied");
    EXPECT_EQ((*r)[3].status, "rejected");
    EXPECT_EQ((*r)[3].field, "id");
    EXPECT_EQ(repo.ops.size(), 3u);  // without an id, nothing to remember it by
    EXPECT_EQ(field.fieldwork_repo.sessions.size(), 1u);
}

TEST_F(SyncTest, ABatchOfMoreThanTheLimitIsRefusedWhole) {
    std::vector<Op> ops(kMaxOps + 1, Session(NewUlid()));
    auto r = svc.Push(member, "phone-1", ops);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "ops");
    EXPECT_TRUE(repo.ops.empty());
}

TEST_F(SyncTest, AnOfflineProfileEditAppliesWhatNobodyChangedAndKeepsTheRestForALeader) {
    Change(5, "40/16813/V1", "resident", "R1");
    Op edit{NewUlid(),
            "resident_update",
            (kNow - 60) * 1000,
            5,
            {{"resident_id", "R1"}, {"phone_kind", "smart"}, {"full_name", "Lò Văn Hai"}},
            {{"phone_kind", "basic"}, {"full_name", "Lò Văn Cũ"}}};
    auto r = svc.Push(member, "phone-1", {edit});
    ASSERT_TRUE(r.ok()) << r.error().detail;
    EXPECT_EQ((*r)[0].status, "conflict");
    EXPECT_EQ((*r)[0].reason, "full_name");
    EXPECT_EQ(field.registry_repo.residents["R1"].phone_kind, "smart");  // nobody else changed it
    EXPECT_EQ(field.registry_repo.residents["R1"].full_name, "Lò Văn R1");
    ASSERT_EQ(repo.conflicts.size(), 1u);
    const Conflict kept = repo.conflicts.begin()->second;
    EXPECT_EQ(kept.field, "full_name");
    EXPECT_EQ(kept.server_value, "Lò Văn R1");
    EXPECT_EQ(kept.phone_value, "Lò Văn Hai");
    EXPECT_EQ(kept.status, "open");

    Op ahead = edit;
    ahead.id = NewUlid();
    ahead.base_rev = 6;  // a revision this server never gave
    auto refused = svc.Push(member, "phone-1", {ahead});
    ASSERT_TRUE(refused.ok());
    EXPECT_EQ((*refused)[0].status, "rejected");
    EXPECT_EQ((*refused)[0].field, "base_rev");

    // Members do not see conflicts; a leader takes the phone's value once.
    EXPECT_EQ(svc.Conflicts(member).error().code, ErrorCode::kNotFound);
    Actor leader = member;
    leader.role = Role::kTeamLeader;
    ASSERT_EQ(svc.Conflicts(leader)->size(), 1u);
    EXPECT_EQ(svc.Resolve(leader, kept.id, "neither").error().field, "keep");
    auto resolved = svc.Resolve(leader, kept.id, "phone");
    ASSERT_TRUE(resolved.ok()) << resolved.error().detail;
    EXPECT_EQ(resolved->status, "took_phone");
    EXPECT_EQ(field.registry_repo.residents["R1"].full_name, "Lò Văn Hai");
    EXPECT_EQ(svc.Resolve(leader, kept.id, "server").error().code, ErrorCode::kConflict);
    EXPECT_TRUE(svc.Conflicts(leader)->empty());
}

TEST_F(SyncTest, APullGivesTheLatestOfEachRecordOnceAndNotesWhatIsGone) {
    Change(1, "40/16813/V1", "household", "H1");
    Change(2, "40/16813/V1", "resident", "R1");
    Change(3, "40/16813/V2", "resident", "R3");  // not the member's village
    Change(4, "40/16813/V1", "resident", "R1");
    Change(5, "40/16813/V1", "task", "T404");  // closed and gone
    field.fieldwork_repo.tips_heard["R1"] = {{"otp_never", 20}, {"links", 10}};

    auto page = svc.Pull(member, 0, 100);
    ASSERT_TRUE(page.ok()) << page.error().detail;
    ASSERT_EQ(page->households.size(), 1u);
    EXPECT_EQ(page->households[0].id, "H1");
    ASSERT_EQ(page->residents.size(), 1u);  // R1 once
    EXPECT_EQ(page->residents[0].id, "R1");
    EXPECT_EQ(page->deleted, (std::vector<std::pair<std::string, std::string>>{{"task", "T404"}}));
    EXPECT_EQ(page->cursor, 5);
    EXPECT_FALSE(page->more);
    EXPECT_EQ(page->tips_heard["R1"], (std::vector<std::string>{"links", "otp_never"}));  // oldest first
    // Reading a resident's record is audited.
    auto views = field.audit_repo.With("view");
    ASSERT_EQ(views.size(), 1u);
    EXPECT_EQ(views[0].entity_id, "R1");
    EXPECT_EQ(views[0].detail, "sync");

    auto first_two = svc.Pull(member, 0, 2);
    ASSERT_TRUE(first_two.ok());
    EXPECT_TRUE(first_two->more);
    EXPECT_EQ(first_two->cursor, 2);

    EXPECT_EQ(svc.Pull(member, 6, 100).error().field, "cursor");
    EXPECT_EQ(svc.Pull(member, -1, 100).error().field, "cursor");
}

TEST_F(SyncTest, ATaskClosedMeanwhileStaysClosedAndTheOperationIsApplied) {
    fieldwork::Task t;
    t.id = "T1";
    t.household_id = "H1";
    t.area_path = "40/16813/V1";
    t.status = fieldwork::TaskStatus::kSkipped;
    field.fieldwork_repo.tasks[t.id] = t;
    auto r = svc.Push(member, "phone-1", {Op{NewUlid(), "task_done", (kNow - 60) * 1000, 0, {{"task_id", "T1"}}, {}}});
    ASSERT_TRUE(r.ok()) << r.error().detail;
    EXPECT_EQ((*r)[0].status, "applied");
    EXPECT_EQ(field.fieldwork_repo.tasks["T1"].status, fieldwork::TaskStatus::kSkipped);
}

}  // namespace
