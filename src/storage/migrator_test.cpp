#include "storage/migrator.hpp"

#include <gtest/gtest.h>

#include "storage/testing.hpp"

using namespace caunoi::storage;

namespace {

class Migrations : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override { db = test_db::Open(GetParam()); }
    std::unique_ptr<Database> db;
};

TEST_P(Migrations, ApplyOnceAndRecordVersion) {
    auto applied = Migrate(*db, EmbeddedMigrations(), 100);
    ASSERT_TRUE(applied.ok()) << applied.error().detail;
    EXPECT_FALSE(applied->empty());
    EXPECT_EQ(CurrentSchemaVersion(*db).value(), LatestSchemaVersion());
    auto again = Migrate(*db, EmbeddedMigrations(), 200);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->empty());
}

TEST_P(Migrations, RefuseNewerDatabase) {
    ASSERT_TRUE(Migrate(*db, EmbeddedMigrations(), 1).ok());
    ASSERT_TRUE(db->Exec("INSERT INTO schema_migrations VALUES (999, 'future', 1)").ok());
    auto r = Migrate(*db, EmbeddedMigrations(), 2);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().detail.find("newer"), std::string::npos);
}

TEST_P(Migrations, FailedVersionRollsBackWhole) {
    std::vector<Migration> ms = {{1, "V001__a", "", "CREATE TABLE a(x INTEGER);"},
                                 {2, "V002__b", "", "CREATE TABLE b(x INTEGER); CREATE TABLE a(y INTEGER);"}};
    auto r = Migrate(*db, ms, 1);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(CurrentSchemaVersion(*db).value(), 1);
    // Table b from the failed version must not exist.
    EXPECT_FALSE(db->Query("SELECT * FROM b").ok());
}

TEST_P(Migrations, EngineSpecificPartsApplyOnlyToTheirEngine) {
    std::vector<Migration> ms = {{1, "V001__a", "", "CREATE TABLE a(x INTEGER);"},
                                 {1, "V001__s", "sqlite", "CREATE TABLE only_sqlite(x INTEGER);"},
                                 {1, "V001__p", "postgres", "CREATE TABLE only_pg(x INTEGER);"}};
    ASSERT_TRUE(Migrate(*db, ms, 1).ok());
    const bool pg = db->dialect() == Dialect::kPostgres;
    EXPECT_EQ(db->Query("SELECT * FROM only_pg").ok(), pg);
    EXPECT_EQ(db->Query("SELECT * FROM only_sqlite").ok(), !pg);
}

// V016 rewrites SQLite's CHECK (col IN (...)) lists as OR chains in place: rows written before stay,
// the CHECKs still refuse what they refused, and no insert builds a temporary b-tree for them.
TEST_P(Migrations, CheckListsKeepTheirMeaning) {
    std::vector<Migration> before;
    for (const auto& m : EmbeddedMigrations())
        if (m.version < 16) before.push_back(m);
    ASSERT_TRUE(Migrate(*db, before, 1).ok());
    const std::string insert =
        "INSERT INTO sync_ops (id, user_id, device, kind, status, done_at, received_at) VALUES (?, 'u', 'd', "
        "'session', ?, 1, 1)";
    ASSERT_TRUE(db->Exec(insert, {std::string("op1"), std::string("applied")}).ok());
    auto applied = Migrate(*db, EmbeddedMigrations(), 2);
    ASSERT_TRUE(applied.ok()) << applied.error().detail;
    EXPECT_EQ(db->QueryOne("SELECT status FROM sync_ops WHERE id = 'op1'").value().Text(0), "applied");
    EXPECT_TRUE(db->Exec(insert, {std::string("op2"), std::string("rejected")}).ok());
    EXPECT_FALSE(db->Exec(insert, {std::string("op3"), std::string("lost")}).ok());
    const std::string area =
        "INSERT INTO areas (id, kind, name, name_folded, path, coverage, created_at) VALUES (?, 'village', 'x', 'x', "
        "?, "
        "?, 1)";
    EXPECT_FALSE(db->Exec(area, {std::string("a1"), std::string("40/a1"), std::string("5g")}).ok());
    EXPECT_TRUE(db->Exec(area, {std::string("a2"), std::string("40/a2"), std::string("3g")}).ok());
    EXPECT_TRUE(db->Exec(area, {std::string("a3"), std::string("40/a3"), nullptr}).ok());  // NULL passes, as before
    if (db->dialect() != Dialect::kSqlite) return;
    EXPECT_EQ(db->QueryOne("PRAGMA integrity_check").value().Text(0), "ok");
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM sqlite_schema WHERE sql LIKE '%CHECK (% IN (%'").value().Int(0), 0);
    for (const char* sql :
         {"EXPLAIN INSERT INTO support_sessions (id, household_id, area_path, channel, minutes, tip_key, recorded_by, "
          "helpers, at) VALUES ('s', 'h', 'p', 'phone', 5, 't', 'u', 'u', 1)",
          "EXPLAIN INSERT INTO session_services (session_id, line, service_key, outcome, reason) VALUES ('s', 1, 'k', "
          "'not_done', 'other')",
          "EXPLAIN INSERT INTO sync_ops (id, user_id, device, kind, status, done_at, received_at) VALUES ('o', 'u', "
          "'d', 'session', 'applied', 1, 1)"}) {
        auto plan = db->Query(sql);
        ASSERT_TRUE(plan.ok()) << plan.error().detail;
        for (const auto& op : *plan) EXPECT_NE(op.Text(1), "OpenEphemeral") << sql;
    }
}

// V039 (SQLite) rebuilds four of a session's tables as WITHOUT ROWID tables and drops the session
// insert's mark trigger: rows written before stay, as do the tables' own mark triggers.
TEST_P(Migrations, SessionRowsKeepTheirRowsAndMarksWhenRebuilt) {
    std::vector<Migration> before;
    for (const auto& m : EmbeddedMigrations())
        if (m.version < 39) before.push_back(m);
    ASSERT_TRUE(Migrate(*db, before, 1).ok());
    if (db->dialect() != Dialect::kSqlite) {
        ASSERT_TRUE(Migrate(*db, EmbeddedMigrations(), 2).ok());
        EXPECT_EQ(CurrentSchemaVersion(*db).value(), EmbeddedMigrations().back().version);
        return;
    }
    // Rows alone, without their parents: foreign keys off while they are written and copied.
    ASSERT_TRUE(
        db->ExecScript("PRAGMA foreign_keys = OFF;"
                       "INSERT INTO session_residents (session_id, resident_id, commune_id) VALUES ('s1', 'r1', 'c1');"
                       "INSERT INTO tips_given (resident_id, tip_key, session_id, at, commune_id) VALUES "
                       "('r1', 't', 's1', 7, 'c1');"
                       "INSERT INTO session_services (session_id, line, service_key, outcome, reason, commune_id) "
                       "VALUES ('s1', 1, 'k', 'not_done', 'no_signal', 'c1');"
                       "INSERT INTO sync_ops (user_id, id, device, kind, status, field, reason, done_at, received_at) "
                       "VALUES ('u', 'o1', 'd', 'session', 'rejected', 'f', 'r', 5, 6);")
            .ok());
    auto applied = Migrate(*db, EmbeddedMigrations(), 2);
    ASSERT_TRUE(applied.ok()) << applied.error().detail;
    auto one = [&](const std::string& sql) { return db->QueryOne(sql).value().Text(0); };
    EXPECT_EQ(one("SELECT session_id || resident_id || commune_id FROM session_residents"), "s1r1c1");
    EXPECT_EQ(one("SELECT resident_id || tip_key || session_id || at || commune_id FROM tips_given"), "r1ts17c1");
    EXPECT_EQ(one("SELECT session_id || line || service_key || outcome || reason || commune_id FROM session_services"),
              "s11knot_doneno_signalc1");
    EXPECT_EQ(one("SELECT user_id || id || device || kind || status || field || reason || done_at || received_at "
                  "FROM sync_ops"),
              "uo1dsessionrejectedfr56");
    for (const char* t : {"session_residents", "tips_given", "session_services", "sync_ops"}) {
        auto sql = db->QueryOne("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", {std::string(t)});
        ASSERT_TRUE(sql.ok()) << t;
        EXPECT_NE(sql->Text(0).find("WITHOUT ROWID"), std::string::npos) << t;
    }
    EXPECT_FALSE(db->Exec("INSERT INTO session_services (session_id, line, service_key, outcome) VALUES "
                          "('s2', 1, 'k', 'lost')")
                     .ok())
        << "the outcome's CHECK is kept";
    // A tip's delete and a service line's update still mark their commune; a session's insert
    // trigger is gone (FieldworkStore::InsertSession marks instead).
    ASSERT_TRUE(
        db->ExecScript(
              "DELETE FROM indicator_dirty; DELETE FROM tips_given; UPDATE session_services SET commune_id = 'c2'")
            .ok());
    EXPECT_EQ(one("SELECT group_concat(commune_id, ',') FROM (SELECT commune_id FROM indicator_dirty ORDER BY 1)"),
              "c1,c2");
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'support_sessions_mark_insert'")->Int(0),
              0);
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'support_sessions_mark_delete'")->Int(0),
              1);
    EXPECT_EQ(one("PRAGMA integrity_check"), "ok");
}

INSTANTIATE_TEST_SUITE_P(Engines, Migrations, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

TEST(PgDatabase, ABadAddressIsAClearErrorWithoutThePassword) {
    auto r = PgDatabase::Open("postgresql://caunoi:s3cret@127.0.0.1:1/nowhere?connect_timeout=2");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().detail.find("cannot connect to postgresql://caunoi:***@127.0.0.1:1/nowhere"), std::string::npos)
        << r.error().detail;
    EXPECT_EQ(r.error().detail.find("s3cret"), std::string::npos);
}

}  // namespace

namespace {

// PostgreSQL only (registered only when the test cluster is there; scripts/test checks that
// PostgreSQL tests ran).
class PgConnection : public ::testing::TestWithParam<std::string> {};

TEST_P(PgConnection, ALostConnectionIsReopenedAndATransactionFailsWhole) {
    auto db = test_db::Open(GetParam());
    auto killer = PgDatabase::Open(test_db::LastPgUrl());
    ASSERT_TRUE(killer.ok());
    ASSERT_TRUE(db->ExecScript("CREATE TABLE k (v BIGINT)").ok());
    auto kill = [&] {
        int64_t pid = db->QueryOne("SELECT pg_backend_pid()").value().Int(0);
        ASSERT_TRUE((*killer)->Exec("SELECT pg_terminate_backend(?::int)", {pid}).ok());
    };
    kill();
    // A read after the loss runs on a fresh connection.
    auto n = db->QueryOne("SELECT COUNT(*) FROM k");
    ASSERT_TRUE(n.ok()) << n.error().detail;
    EXPECT_EQ(n->Int(0), 0);
    // Inside a transaction the loss fails the whole transaction: nothing is applied.
    caunoi::Status st = db->InTransaction([&]() -> caunoi::Status {
        CAUNOI_TRY(db->Exec("INSERT INTO k VALUES (1)"));
        kill();
        return db->Exec("INSERT INTO k VALUES (2)");
    });
    EXPECT_FALSE(st.ok());
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM k").value().Int(0), 0);
    // A write is never run twice on its own: it reports the loss, and the next one works.
    kill();
    EXPECT_FALSE(db->Exec("INSERT INTO k VALUES (3)").ok());
    EXPECT_TRUE(db->Exec("INSERT INTO k VALUES (4)").ok());
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM k").value().Int(0), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, PgConnection, ::testing::ValuesIn(test_db::PgOnly()), test_db::EngineName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(PgConnection);

}  // namespace
