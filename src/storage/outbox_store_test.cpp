// The SMS outbox queue on every engine: leases, expiry, and two senders at once.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "storage/migrator.hpp"
#include "storage/sms_store.hpp"
#include "storage/testing.hpp"

namespace caunoi::storage {
namespace {

class OutboxQueueTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        char tmpl[] = "/tmp/caunoi-outbox-XXXXXX";
        dir = mkdtemp(tmpl);
        std::tie(a, b) = test_db::OpenTwo(GetParam(), dir);
        ASSERT_TRUE(Migrate(*a, EmbeddedMigrations(), 1).ok());
    }
    void TearDown() override {
        a.reset();
        b.reset();
        std::filesystem::remove_all(dir);
    }
    void Queue(int n) {
        ASSERT_TRUE(a->InTransaction([&]() -> Status {
                         for (int i = 0; i < n; ++i)
                             CAUNOI_TRY(a->Exec(
                                 "INSERT INTO sms_outbox (commune_id, id, area_path, phone, body, parts, created_at) "
                                 "VALUES ('16813', ?, '40/16813', '0912345678', 'x', 1, ?)",
                                 {"m" + std::to_string(1000 + i), int64_t{i}}));
                         return {};
                     }).ok());
    }
    std::string dir;
    std::unique_ptr<Database> a, b;
};

TEST_P(OutboxQueueTest, LeasesOldestFirstAndReleasesExpiredLeases) {
    Queue(10);
    OutboxStore qa(*a), qb(*b);
    auto first = qa.Claim("A", 4, 100, 60).value();
    ASSERT_EQ(first.size(), 4u);
    EXPECT_EQ(first.front().id, "m1000");
    auto rest = qb.Claim("B", 100, 110, 60).value();
    EXPECT_EQ(rest.size(), 6u);
    EXPECT_TRUE(qb.Claim("B", 100, 120, 60).value().empty());  // everything leased
    auto again = qb.Claim("C", 100, 160, 60).value();          // A's lease ran out at 160
    EXPECT_EQ(again.size(), 4u);
    EXPECT_EQ(a->QueryOne("SELECT COUNT(*) FROM sms_outbox WHERE claimed_by = 'C'").value().Int(0), 4);
}

TEST_P(OutboxQueueTest, TwoSendersAtOnceNeverGetTheSameMessage) {
    const int kMessages = 400;
    Queue(kMessages);
    std::vector<std::string> got_a, got_b;
    auto sender = [](Database& db, const std::string& name, std::vector<std::string>& got) {
        OutboxStore q(db);
        for (int round = 0; round < 1000; ++round) {
            auto batch = q.Claim(name, 7, 1000, 600);
            if (!batch.ok()) continue;  // SQLite: the other writer held the lock past the timeout
            if (batch->empty()) break;
            for (const auto& m : *batch) got.push_back(m.id);
        }
    };
    std::thread ta(sender, std::ref(*a), "A", std::ref(got_a));
    std::thread tb(sender, std::ref(*b), "B", std::ref(got_b));
    ta.join();
    tb.join();
    std::set<std::string> all(got_a.begin(), got_a.end());
    for (const auto& id : got_b) EXPECT_TRUE(all.insert(id).second) << id << " claimed twice";
    EXPECT_EQ(all.size(), static_cast<size_t>(kMessages));
    EXPECT_EQ(got_a.size() + got_b.size(), static_cast<size_t>(kMessages));
}

TEST_P(OutboxQueueTest, WarningsOvertakeRoutineMessagesAndRetriesWaitTheirTurn) {
    Queue(5);
    OutboxStore q(*a);
    channel::OutboxMessage warning;
    warning.id = "w1";
    warning.area_path = "40/16813";
    warning.phone = "0912345678";
    warning.body = "Canh bao lu quet";
    warning.created_at = 50;
    warning.kind = "warning";
    warning.priority = channel::kPriorityWarning;
    ASSERT_TRUE(q.Enqueue(warning).ok());
    auto first = q.Claim("A", 2, 100, 60).value();
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].id, "w1") << "queued last, sent first";
    EXPECT_EQ(first[1].id, "m1000");
    // A retry waits for its time; a failure and a success are final.
    ASSERT_TRUE(q.Retry("m1000", "A", 200, "Kannel unreachable").ok());
    ASSERT_TRUE(q.MarkSent("w1", "A", 101).ok());
    auto next = q.Claim("A", 10, 150, 60).value();
    ASSERT_EQ(next.size(), 4u);
    EXPECT_EQ(next[0].id, "m1001");
    for (const auto& m : next) EXPECT_NE(m.id, "m1000");
    ASSERT_TRUE(q.Fail("m1001", "A", "refused").ok());
    // Another sender's result for a message it does not hold changes nothing.
    ASSERT_TRUE(q.MarkSent("m1002", "B", 151).ok());
    // At 300 the retry is due, and the leases taken at 150 have run out: oldest first again.
    auto later = q.Claim("A", 10, 300, 60).value();
    ASSERT_EQ(later.size(), 4u);
    EXPECT_EQ(later[0].id, "m1000");
    EXPECT_EQ(later[0].attempts, 1);
    EXPECT_EQ(later[0].fail_reason, "Kannel unreachable");
    auto status = [&](const char* id) {
        return a->QueryOne("SELECT status FROM sms_outbox WHERE id = ?", {std::string(id)}).value().Text(0);
    };
    EXPECT_EQ(status("w1"), "sent");
    EXPECT_EQ(status("m1001"), "failed");
    EXPECT_EQ(status("m1002"), "queued");
    // Delivery reports: delivered stays delivered; a failure report after delivery is ignored.
    ASSERT_TRUE(q.Report("w1", true, "", 102).ok());
    ASSERT_TRUE(q.Report("w1", false, "late", 103).ok());
    EXPECT_EQ(status("w1"), "delivered");
}

// HUY stops routine messages and warnings, not replies nor the dossier news the person asked for;
// HUY HS stops those too; a later HUY does not lift HUY HS; DK lifts both.
TEST_P(OutboxQueueTest, AnOptOutStopsWhatItSaysAndNoMore) {
    OutboxStore q(*a);
    SmsStore store(*a);
    ASSERT_TRUE(store.OptOut("0912345678", false, 10).ok());
    int64_t at = 20;
    auto enqueue_all = [&] {
        for (const char* kind : {"dossier", "reply", "warning", "manual"}) {
            channel::OutboxMessage m;
            m.id = std::string("o-") + kind + std::to_string(at);
            m.area_path = "40/16813";
            m.phone = "0912345678";
            m.body = "x";
            m.created_at = at;
            m.kind = kind;
            ASSERT_TRUE(q.Enqueue(m).ok());
        }
    };
    auto flagged = [&]() {
        std::map<std::string, bool> out;
        auto claimed = q.Claim("A", 10, at, 1);
        EXPECT_TRUE(claimed.ok());
        if (claimed.ok())
            for (const auto& m : *claimed) out[m.kind] = m.opted_out;
        at += 10;  // past the lease: the next claim starts afresh
        return out;
    };
    enqueue_all();
    EXPECT_EQ(flagged(),
              (std::map<std::string, bool>{{"dossier", false}, {"reply", false}, {"warning", true}, {"manual", true}}));
    ASSERT_TRUE(store.OptOut("0912345678", true, 30).ok());
    EXPECT_EQ(flagged(),
              (std::map<std::string, bool>{{"dossier", true}, {"reply", false}, {"warning", true}, {"manual", true}}));
    ASSERT_TRUE(store.OptOut("0912345678", false, 40).ok());
    EXPECT_EQ(flagged()["dossier"], true) << "HUY after HUY HS keeps the dossier news stopped";
    // Subscribing again ends the opt-out.
    ASSERT_TRUE(test_db::InsertAreas(*a, {{"40", "", "province", "40"}, {"16813", "40", "commune", "40/16813"}}).ok());
    ASSERT_TRUE(store.Subscribe("0912345678", "16813", 50).ok());
    EXPECT_EQ(flagged(), (std::map<std::string, bool>{
                             {"dossier", false}, {"reply", false}, {"warning", false}, {"manual", false}}));
}

INSTANTIATE_TEST_SUITE_P(Engines, OutboxQueueTest, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
