// The retention job (storage/retention_store.hpp), on both engines: what is old enough loses the
// person (scam reports, SMS) or goes (audit entries, sync answers, changes of records that are
// gone), what is recent or still queued is untouched, every count stays, a second run does nothing,
// and a phone whose cursor is older than the removed changes is told to start its sync again.
#include <gtest/gtest.h>

#include "storage/retention_store.hpp"
#include "storage/test_wiring.hpp"

namespace caunoi::storage {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kNow = 4000 * kDay;

class Retention : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        w = std::make_unique<test_db::Wiring>(GetParam(), clock);
        ASSERT_TRUE(test_db::InsertAreas(w->db, {{"40", "", "province", "40"},
                                                 {"16813", "40", "commune", "40/16813"},
                                                 {"V1", "16813", "village", "40/16813/V1"}})
                        .ok());
        ASSERT_TRUE(test_db::AddResidents(w->registry_store, 1,
                                          {{"H1", "V1", "R1", "0912345678", "registry"},
                                           {"H2", "V1", "R2", "0987654321", "registry"}})
                        .ok());
    }
    void Exec(const std::string& sql, const Params& p = {}) { ASSERT_TRUE(w->db.Exec(sql, p).ok()) << sql; }
    int64_t Count(const std::string& sql, const Params& p = {}) {
        auto r = w->db.QueryOne(sql, p);
        EXPECT_TRUE(r.ok()) << sql;
        return r.ok() ? r->Int(0) : -1;
    }
    RetentionResult Apply(int64_t now) {
        RetentionStore store(w->db);
        auto r = store.Apply({}, now);
        EXPECT_TRUE(r.ok()) << r.error().detail;
        return r.ok() ? *r : RetentionResult{};
    }
    static Actor Member() {
        Actor a;
        a.user_id = "u1";
        a.role = Role::kMember;
        a.area_path = "40/16813";
        a.scope.paths = {"40/16813/V1"};
        return a;
    }
    FakeClock clock{kNow};
    std::unique_ptr<test_db::Wiring> w;
};

TEST_P(Retention, OldPersonalDataGoesRecentAndQueuedStaysCountsKept) {
    const int64_t old_scam = kNow - 731 * kDay, old_sms = kNow - 366 * kDay, recent = kNow - 10 * kDay;
    for (auto [id, at] : {std::pair<const char*, int64_t>{"S1", old_scam}, {"S2", recent}})
        Exec("INSERT INTO scam_reports (commune_id, id, area_path, phone, body, at) VALUES ('16813', ?, "
             "'40/16813/V1', '0912345678', 'so la goi gia danh cong an', ?)",
             {id, at});
    for (auto [id, at] : {std::pair<const char*, int64_t>{"I1", old_sms}, {"I2", recent}})
        Exec("INSERT INTO sms_inbox (commune_id, id, area_path, phone, body, command, resident_id, received_at) "
             "VALUES ('16813', ?, '40/16813/V1', '+84912345678', 'HS 123', 'status', 'R1', ?)",
             {id, at});
    for (auto [id, status, at] : {std::tuple<const char*, const char*, int64_t>{"O1", "sent", old_sms},
                                  {"O2", "queued", old_sms},
                                  {"O3", "delivered", recent}})
        Exec("INSERT INTO sms_outbox (id, area_path, phone, body, parts, status, created_at, commune_id, kind) "
             "VALUES (?, '40/16813/V1', '+84912345678', 'Ho so da nhan', 1, ?, ?, '16813', 'dossier')",
             {id, status, at});
    for (int64_t at : {kNow - 1096 * kDay, recent})
        Exec("INSERT INTO audit_log (at, user_id, action, entity, entity_id, area_path) VALUES (?, 'u1', 'view', "
             "'resident', 'R1', '40/16813/V1')",
             {at});
    for (auto [id, at] : {std::pair<const char*, int64_t>{"OP1", kNow - 91 * kDay}, {"OP2", recent}})
        Exec("INSERT INTO sync_ops (user_id, id, device, kind, status, done_at, received_at) VALUES ('u1', ?, 'p', "
             "'session', 'applied', 0, ?)",
             {id, at});

    auto r = Apply(kNow);
    EXPECT_EQ(r.scam_reports, 1);
    EXPECT_EQ(r.sms_received, 1);
    EXPECT_EQ(r.sms_sent, 1) << "a queued message is kept whatever its age";
    EXPECT_EQ(r.audit_entries, 1);
    EXPECT_EQ(r.sync_answers, 1);
    // The old rows lost the person; the recent ones did not; no row went, so every count stays.
    EXPECT_EQ(Count("SELECT COUNT(*) FROM scam_reports"), 2);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM scam_reports WHERE id = 'S1' AND phone = '' AND body = ''"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM scam_reports WHERE id = 'S2' AND phone = '0912345678'"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_inbox WHERE phone = '' AND body = '' AND resident_id IS NULL"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_inbox WHERE id = 'I2' AND resident_id = 'R1'"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_outbox WHERE phone = ''"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_outbox WHERE id = 'O2' AND body = 'Ho so da nhan'"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE at < ?", {kNow - 1095 * kDay}), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE at = ?", {recent}), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sync_ops"), 1);

    auto again = Apply(kNow);
    EXPECT_EQ(again.scam_reports + again.sms_received + again.sms_sent + again.audit_entries + again.sync_answers +
                  again.changes,
              0)
        << "a second run finds nothing more";
}

TEST_P(Retention, ChangesOfErasedRecordsGoOnceOldAndOlderCursorsStartAgain) {
    // R2 is erased; the change log keeps the deletion for phones to learn of it.
    auto r2 = w->registry_store.FindResident(Scope{{"40"}}, "R2");
    ASSERT_TRUE(r2.ok());
    ASSERT_TRUE(w->registry_store.DeleteResident(*r2).ok());
    const int64_t gone = Count("SELECT COUNT(*) FROM sync_changes WHERE entity_id = 'R2'");
    ASSERT_GT(gone, 0);
    const int64_t deleted_at_rev = Count("SELECT MAX(rev) FROM sync_changes WHERE entity_id = 'R2'");

    // The first run only notes the clock: nothing is old enough yet.
    auto first = Apply(kNow);
    EXPECT_EQ(first.changes, 0);
    EXPECT_EQ(first.cursor_floor, 0);
    EXPECT_TRUE(w->sync.Pull(Member(), 1, 100).ok());

    // 181 days later the deletion is older than the limit: it goes, and the floor passes it.
    auto later = Apply(kNow + 181 * kDay);
    EXPECT_EQ(later.changes, gone);
    EXPECT_EQ(later.cursor_floor, deleted_at_rev);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sync_changes WHERE entity_id = 'R2'"), 0);
    EXPECT_GT(Count("SELECT COUNT(*) FROM sync_changes WHERE entity_id = 'R1'"), 0) << "a living record's change stays";

    // A phone that synced before the deletion may hold R2 still: it must start again.
    auto behind = w->sync.Pull(Member(), 1, 100);
    ASSERT_FALSE(behind.ok());
    EXPECT_EQ(behind.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(behind.error().title_id, "Start the sync again");
    auto fresh = w->sync.Pull(Member(), 0, 100);
    ASSERT_TRUE(fresh.ok());
    bool has_r1 = false, has_r2 = false;
    for (const auto& r : fresh->residents) {
        has_r1 = has_r1 || r.id == "R1";
        has_r2 = has_r2 || r.id == "R2";
    }
    EXPECT_TRUE(has_r1);
    EXPECT_FALSE(has_r2);
    EXPECT_TRUE(w->sync.Pull(Member(), deleted_at_rev, 100).ok()) << "a phone that saw the deletion carries on";
}

INSTANTIATE_TEST_SUITE_P(Engines, Retention, ::testing::ValuesIn(test_db::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace caunoi::storage
