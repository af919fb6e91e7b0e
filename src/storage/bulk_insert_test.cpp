// BulkInsert on both engines: every row written once, in order, whatever the count (full
// statements, the power-of-two rest, nothing), NULLs and text kept; a row of the wrong width refused.
#include "storage/bulk_insert.hpp"

#include <gtest/gtest.h>

#include "storage/testing.hpp"

namespace caunoi::storage {
namespace {

class BulkInsertTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        db = test_db::Open(GetParam());
        ASSERT_TRUE(db->ExecScript("CREATE TABLE bulk_t (n INTEGER NOT NULL, label TEXT, x REAL)").ok());
    }
    std::unique_ptr<Database> db;
};

TEST_P(BulkInsertTest, WritesEveryRowOnceWhateverTheCount) {
    int64_t total = 0;
    for (int64_t count : {0, 1, 7, 512, 513, 1500}) {
        ASSERT_TRUE(db->Exec("DELETE FROM bulk_t").ok());
        BulkInsert rows(*db, "bulk_t", {"n", "label", "x"});
        for (int64_t i = 0; i < count; ++i)
            ASSERT_TRUE(rows.Add({i, i % 3 ? Value{"Lò Văn " + std::to_string(i)} : Value{nullptr}, 0.5 * i}).ok());
        ASSERT_TRUE(rows.Flush().ok());
        EXPECT_EQ(rows.written(), count);
        auto r = db->QueryOne("SELECT COUNT(*), COUNT(DISTINCT n), COALESCE(SUM(n), 0), COUNT(label) FROM bulk_t");
        ASSERT_TRUE(r.ok());
        EXPECT_EQ(r->Int(0), count);
        EXPECT_EQ(r->Int(1), count);
        EXPECT_EQ(r->Int(2), count * (count - 1) / 2);
        EXPECT_EQ(r->Int(3), count - (count + 2) / 3);
        total += count;
    }
    EXPECT_GT(total, 0);
    auto one = db->QueryOne("SELECT label, x FROM bulk_t WHERE n = 1499");
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(one->Text(0), "Lò Văn 1499");
    EXPECT_DOUBLE_EQ(one->Real(1), 749.5);
}

TEST_P(BulkInsertTest, RefusesARowOfAnotherWidth) {
    BulkInsert rows(*db, "bulk_t", {"n", "label", "x"});
    EXPECT_FALSE(rows.Add({int64_t{1}, std::string("a")}).ok());
    ASSERT_TRUE(rows.Flush().ok());
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM bulk_t")->Int(0), 0);
}

TEST_P(BulkInsertTest, WritesTheParentsRowsBeforeTheirChildren) {
    ASSERT_TRUE(db->ExecScript("CREATE TABLE bulk_p (id TEXT PRIMARY KEY); CREATE TABLE bulk_c (p TEXT NOT NULL "
                               "REFERENCES bulk_p(id), k INTEGER NOT NULL)")
                    .ok());
    if (db->dialect() == Dialect::kSqlite) {
        ASSERT_TRUE(db->ExecScript("PRAGMA foreign_keys=ON").ok());
    }
    BulkInsert parents(*db, "bulk_p", {"id"});
    BulkInsert children(*db, "bulk_c", {"p", "k"});
    children.After(parents);
    // Four children a parent: the children's statements fill up long before the parents' do.
    for (int64_t i = 0; i < 700; ++i) {
        ASSERT_TRUE(parents.Add({"p" + std::to_string(i)}).ok());
        for (int64_t k = 0; k < 4; ++k) ASSERT_TRUE(children.Add({"p" + std::to_string(i), k}).ok());
    }
    ASSERT_TRUE(parents.Flush().ok());
    ASSERT_TRUE(children.Flush().ok());
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM bulk_c")->Int(0), 2800);
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM bulk_p")->Int(0), 700);
}

INSTANTIATE_TEST_SUITE_P(Engines, BulkInsertTest, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
