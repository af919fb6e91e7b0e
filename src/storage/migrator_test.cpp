#include "storage/migrator.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_database.hpp"

using namespace caunoi::storage;

TEST(Migrations, ApplyOnceAndRecordVersion) {
    auto db = SqliteDatabase::Open(":memory:");
    ASSERT_TRUE(db.ok());
    auto applied = Migrate(**db, EmbeddedMigrations(), 100);
    ASSERT_TRUE(applied.ok()) << applied.error().detail;
    EXPECT_FALSE(applied->empty());
    EXPECT_EQ(CurrentSchemaVersion(**db).value(), LatestSchemaVersion());
    auto again = Migrate(**db, EmbeddedMigrations(), 200);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->empty());
}

TEST(Migrations, RefuseNewerDatabase) {
    auto db = SqliteDatabase::Open(":memory:");
    ASSERT_TRUE(Migrate(**db, EmbeddedMigrations(), 1).ok());
    ASSERT_TRUE((*db)->Exec("INSERT INTO schema_migrations VALUES (999, 'future', 1)").ok());
    auto r = Migrate(**db, EmbeddedMigrations(), 2);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().detail.find("newer"), std::string::npos);
}

TEST(Migrations, FailedVersionRollsBackWhole) {
    auto db = SqliteDatabase::Open(":memory:");
    std::vector<Migration> ms = {{1, "V001__a", "", "CREATE TABLE a(x INTEGER);"},
                                 {2, "V002__b", "", "CREATE TABLE b(x INTEGER); CREATE TABLE a(y);"}};
    auto r = Migrate(**db, ms, 1);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(CurrentSchemaVersion(**db).value(), 1);
    // Table b from the failed version must not exist.
    EXPECT_FALSE((*db)->Query("SELECT * FROM b").ok());
}

TEST(SqliteDatabase, UniqueViolationIsConflict) {
    auto db = SqliteDatabase::Open(":memory:");
    ASSERT_TRUE((*db)->Exec("CREATE TABLE t(k TEXT PRIMARY KEY)").ok());
    ASSERT_TRUE((*db)->Exec("INSERT INTO t VALUES (?)", {std::string("a")}).ok());
    auto r = (*db)->Exec("INSERT INTO t VALUES (?)", {std::string("a")});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, caunoi::ErrorCode::kConflict);
}
