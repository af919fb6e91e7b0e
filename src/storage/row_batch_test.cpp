// RowBatch under DatabaseTransactions::Gathering, on both engines: gathered rows are written at
// the body's end in the order added, children after their parents; a failing body or savepoint
// leaves none of its rows; WriteGathered writes them (or one table's) early; marks are written
// once; outside a gathering nothing is gathered.
#include "storage/row_batch.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "storage/testing.hpp"
#include "storage/transactions.hpp"

namespace caunoi::storage {
namespace {

const std::vector<std::string> kParent = {"id", "n"};
const std::vector<std::string> kChild = {"parent_id", "k"};

class RowBatchTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        db = test_db::Open(GetParam());
        const bool sqlite = db->dialect() == Dialect::kSqlite;
        const std::string seq = sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY";
        ASSERT_TRUE(db->ExecScript("CREATE TABLE rb_parent (seq " + seq +
                                   ", id TEXT NOT NULL UNIQUE, n INTEGER NOT NULL); CREATE TABLE rb_child (seq " + seq +
                                   ", parent_id TEXT NOT NULL REFERENCES rb_parent(id), k INTEGER NOT NULL); "
                                   "CREATE TABLE rb_mark (v TEXT PRIMARY KEY)")
                        .ok());
        if (sqlite) {
            ASSERT_TRUE(db->ExecScript("PRAGMA foreign_keys=ON").ok());
        }
        tx = std::make_unique<DatabaseTransactions>(*db);
    }
    int64_t Count(const std::string& table) { return db->QueryOne("SELECT COUNT(*) FROM " + table)->Int(0); }
    // A parent and `children` children of it, gathered.
    Status AddFamily(int64_t n, int children) {
        RowBatch& rows = tx->rows();
        CAUNOI_TRY(rows.Add("rb_parent", kParent, {"p" + std::to_string(n), n}));
        for (int64_t k = 0; k < children; ++k)
            CAUNOI_TRY(rows.Add("rb_child", kChild, {"p" + std::to_string(n), k}, "rb_parent"));
        return {};
    }
    std::unique_ptr<Database> db;
    std::unique_ptr<DatabaseTransactions> tx;
};

TEST_P(RowBatchTest, GatheredRowsAreWrittenAtTheEndInOrderChildrenAfterParents) {
    int64_t seen_inside = -1;
    Status st = tx->Atomically([&]() -> Status {
        return tx->Gathering([&]() -> Status {
            EXPECT_TRUE(tx->rows().gathering());
            // Five children a parent: the children's statements fill up before the parents' do.
            for (int64_t n = 0; n < 150; ++n) CAUNOI_TRY(AddFamily(n, 5));
            tx->rows().Mark("rb_mark (v)", "x");
            tx->rows().Mark("rb_mark (v)", "x");
            tx->rows().Mark("rb_mark (v)", "y");
            seen_inside = Count("rb_parent");
            return Status{};
        });
    });
    ASSERT_TRUE(st.ok()) << st.error().detail;
    EXPECT_LT(seen_inside, 150) << "not all written before the end";
    EXPECT_FALSE(tx->rows().gathering());
    EXPECT_EQ(Count("rb_parent"), 150);
    EXPECT_EQ(Count("rb_child"), 750);
    EXPECT_EQ(Count("rb_mark"), 2);
    // In the order added.
    auto order = db->Query("SELECT n FROM rb_parent ORDER BY seq");
    ASSERT_TRUE(order.ok());
    for (size_t i = 0; i < order->size(); ++i) ASSERT_EQ((*order)[i].Int(0), static_cast<int64_t>(i));
    EXPECT_EQ(db->QueryOne("SELECT MIN(k), MAX(k), COUNT(DISTINCT parent_id) FROM rb_child")->Int(2), 150);
}

TEST_P(RowBatchTest, AFailingBodyLeavesNoneOfItsRowsAndTheNextGatheringStartsEmpty) {
    Status st = tx->Atomically([&]() -> Status {
        return tx->Gathering([&]() -> Status {
            CAUNOI_TRY(AddFamily(1, 100));  // some of it written already: 64 rows a statement
            tx->rows().Mark("rb_mark (v)", "x");
            return Error::Invalid("x", "no", "no");
        });
    });
    EXPECT_FALSE(st.ok());
    EXPECT_EQ(Count("rb_parent"), 0);
    EXPECT_EQ(Count("rb_child"), 0);
    EXPECT_EQ(Count("rb_mark"), 0);
    ASSERT_TRUE(tx->Atomically([&] { return tx->Gathering([&] { return AddFamily(2, 1); }); }).ok());
    EXPECT_EQ(Count("rb_parent"), 1);
    EXPECT_EQ(Count("rb_child"), 1);
    EXPECT_EQ(db->QueryOne("SELECT id FROM rb_parent")->Text(0), "p2");
}

TEST_P(RowBatchTest, ABodyThatThrowsLeavesTheBatchNotGathering) {
    // A request's handler may throw (the server answers 500): the next request must write at once.
    EXPECT_THROW((void)tx->Atomically([&]() -> Status {
        return tx->Gathering([&]() -> Status {
            (void)AddFamily(1, 1);
            throw std::runtime_error("boom");
        });
    }),
                 std::runtime_error);
    EXPECT_FALSE(tx->rows().gathering());
    EXPECT_THROW((void)tx->Atomically([&]() -> Status {
        return tx->Gathering(
            [&]() -> Status { return tx->Savepoint([&]() -> Status { throw std::runtime_error("boom"); }); });
    }),
                 std::runtime_error);
    EXPECT_FALSE(tx->rows().gathering());
    ASSERT_TRUE(tx->Atomically([&] { return tx->Gathering([&] { return AddFamily(2, 1); }); }).ok());
    EXPECT_EQ(Count("rb_parent"), 1);
}

TEST_P(RowBatchTest, AFailedSavepointTakesItsRowsAndOnlyThose) {
    Status st = tx->Atomically([&]() -> Status {
        return tx->Gathering([&]() -> Status {
            CAUNOI_TRY(AddFamily(1, 2));
            Status inner = tx->Savepoint([&]() -> Status {
                EXPECT_FALSE(tx->rows().gathering()) << "inside a savepoint rows are written at once";
                CAUNOI_TRY(db->Exec("INSERT INTO rb_parent (id, n) VALUES ('p2', 2)"));
                return Error::Invalid("x", "no", "no");
            });
            EXPECT_FALSE(inner.ok());
            EXPECT_TRUE(tx->rows().gathering());
            return AddFamily(3, 1);
        });
    });
    ASSERT_TRUE(st.ok()) << st.error().detail;
    auto ids = db->Query("SELECT id FROM rb_parent ORDER BY seq");
    ASSERT_TRUE(ids.ok());
    ASSERT_EQ(ids->size(), 2u);
    EXPECT_EQ((*ids)[0].Text(0), "p1");
    EXPECT_EQ((*ids)[1].Text(0), "p3");
    EXPECT_EQ(Count("rb_child"), 3);
}

TEST_P(RowBatchTest, WriteGatheredWritesThemBeforeTheBodyEnds) {
    Status st = tx->Atomically([&]() -> Status {
        return tx->Gathering([&]() -> Status {
            CAUNOI_TRY(AddFamily(1, 1));
            EXPECT_EQ(Count("rb_parent"), 0);
            CAUNOI_TRY(tx->WriteGathered());
            EXPECT_EQ(Count("rb_parent"), 1);
            EXPECT_EQ(Count("rb_child"), 1);
            return AddFamily(2, 0);
        });
    });
    ASSERT_TRUE(st.ok()) << st.error().detail;
    EXPECT_EQ(Count("rb_parent"), 2);
}

TEST_P(RowBatchTest, WritingOneTableWritesItsRowsOnlyAndItsParentsFirst) {
    Status st = tx->Atomically([&]() -> Status {
        return tx->Gathering([&]() -> Status {
            CAUNOI_TRY(AddFamily(1, 2));
            tx->rows().Mark("rb_mark (v)", "x");
            CAUNOI_TRY(WriteGathered(&tx->rows(), "rb_parent"));
            EXPECT_EQ(Count("rb_parent"), 1);
            EXPECT_EQ(Count("rb_child"), 0);
            EXPECT_EQ(Count("rb_mark"), 0);
            CAUNOI_TRY(AddFamily(2, 1));
            CAUNOI_TRY(WriteGathered(&tx->rows(), "rb_child"));  // p2 first: its children refer to it
            EXPECT_EQ(Count("rb_parent"), 2);
            EXPECT_EQ(Count("rb_child"), 3);
            return WriteGathered(&tx->rows(), "rb_none");  // nothing gathered for it: nothing to do
        });
    });
    ASSERT_TRUE(st.ok()) << st.error().detail;
    EXPECT_EQ(Count("rb_mark"), 1);
}

TEST_P(RowBatchTest, NothingIsGatheredOutsideAGatheringAndAChildNeedsItsParentsTable) {
    EXPECT_FALSE(tx->rows().gathering());
    RowBatch alone(*db);
    alone.Start();
    Status orphan = alone.Add("rb_child", kChild, {"p9", int64_t{0}}, "rb_parent");
    EXPECT_FALSE(orphan.ok());
    EXPECT_EQ(orphan.error().code, ErrorCode::kInternal);
    alone.Stop();
    EXPECT_FALSE(alone.gathering());
    EXPECT_TRUE(WriteGathered(nullptr).ok());
    EXPECT_TRUE(WriteGathered(&alone).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, RowBatchTest, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
