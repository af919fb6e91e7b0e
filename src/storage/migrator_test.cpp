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

INSTANTIATE_TEST_SUITE_P(Engines, Migrations, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

TEST(PgDatabase, ABadAddressIsAClearErrorWithoutThePassword) {
    auto r = PgDatabase::Open("postgresql://caunoi:s3cret@127.0.0.1:1/nowhere?connect_timeout=2");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().detail.find("cannot connect to postgresql://caunoi:***@127.0.0.1:1/nowhere"), std::string::npos)
        << r.error().detail;
    EXPECT_EQ(r.error().detail.find("s3cret"), std::string::npos);
}

}  // namespace
