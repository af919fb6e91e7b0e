// The SMS outbox queue on every engine: leases, expiry, and two senders at once.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <set>
#include <thread>

#include "storage/migrator.hpp"
#include "storage/stores.hpp"
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

INSTANTIATE_TEST_SUITE_P(Engines, OutboxQueueTest, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
