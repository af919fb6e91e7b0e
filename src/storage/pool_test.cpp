// The connection pool on both engines: bounded, one connection per transaction, a clear error
// when every connection stays busy, and concurrent workers whose writes all land.
#include "storage/pool.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "core/metrics.hpp"
#include "storage/testing.hpp"

namespace caunoi::storage {
namespace {

using namespace std::chrono_literals;

// A counter of /metrics without labels, as rendered now (0 before it is first counted).
double Counted(const char* name) {
    const std::string out = metrics::Registry::Global().Render(), key = std::string("\n") + name + " ";
    auto at = out.find(key);
    return at == std::string::npos ? 0 : std::stod(out.substr(at + key.size()));
}

class PoolTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        char tmpl[] = "/tmp/caunoi-pool-XXXXXX";
        dir = mkdtemp(tmpl);
        auto [first, second] = test_db::OpenTwo(GetParam(), dir);
        setup = std::move(first);
        ASSERT_TRUE(setup->ExecScript("CREATE TABLE t (worker INTEGER NOT NULL, n INTEGER NOT NULL)").ok());
        url = GetParam() == "sqlite" ? dir + "/two.db" : test_db::LastPgUrl();
    }
    void TearDown() override {
        setup.reset();
        std::filesystem::remove_all(dir);
    }
    Pool::Opener Opener() {
        return [this]() -> Result<std::unique_ptr<Database>> {
            ++opens;
            if (GetParam() == "sqlite") {
                CAUNOI_ASSIGN(auto db, SqliteDatabase::Open(url));
                return std::unique_ptr<Database>(std::move(db));
            }
            CAUNOI_ASSIGN(auto db, PgDatabase::Open(url));
            return std::unique_ptr<Database>(std::move(db));
        };
    }
    Dialect dialect() const { return setup->dialect(); }
    std::string dir, url;
    std::unique_ptr<Database> setup;
    std::atomic<int> opens{0};
};

TEST_P(PoolTest, FourWorkersOnTwoConnectionsAllLandAndNoMoreConnectionsOpen) {
    Pool pool(dialect(), 2, Opener());
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int w = 0; w < 4; ++w) {
        threads.emplace_back([&, w] {
            PooledDatabase db(pool);
            for (int i = 0; i < 40; ++i) {
                Status st = db.InTransaction([&]() -> Status {
                    CAUNOI_TRY(db.Exec("INSERT INTO t (worker, n) VALUES (?, ?)", {int64_t{w}, int64_t{i}}));
                    if (db.Changes() != 1) return Error::Internal("Changes() should be 1");
                    // Read inside the transaction: the same connection sees its own row.
                    CAUNOI_ASSIGN(auto mine, db.QueryOne("SELECT COUNT(*) FROM t WHERE worker = ?", {int64_t{w}}));
                    if (mine.Int(0) != i + 1) return Error::Internal("transaction moved connections");
                    return {};
                });
                if (!st.ok()) ++failures;
                if (!db.Query("SELECT COUNT(*) FROM t").ok()) ++failures;  // outside: borrows for one statement
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(setup->QueryOne("SELECT COUNT(*) FROM t").value().Int(0), 160);
    EXPECT_LE(pool.opened(), 2u);
    EXPECT_EQ(opens.load(), static_cast<int>(pool.opened()));
}

TEST_P(PoolTest, ATransactionHoldsItsConnectionAndOthersWaitThenGiveUpClearly) {
    Pool pool(dialect(), 1, Opener(), 100ms);
    PooledDatabase a(pool), b(pool);
    const double waits = Counted("caunoi_db_pool_waits_total"), timeouts = Counted("caunoi_db_pool_timeouts_total"),
                 waited = Counted("caunoi_db_pool_wait_seconds_total");
    Status st = a.InTransaction([&]() -> Status {
        CAUNOI_TRY(a.Exec("INSERT INTO t (worker, n) VALUES (1, 1)"));
        auto busy = b.Query("SELECT COUNT(*) FROM t");
        EXPECT_FALSE(busy.ok());
        if (!busy.ok()) {
            EXPECT_NE(busy.error().detail.find("database busy"), std::string::npos);
        }
        return Error::Invalid("x", "roll back");
    });
    EXPECT_FALSE(st.ok());
    // The connection came back (rolled back) and serves the next caller.
    auto n = b.QueryOne("SELECT COUNT(*) FROM t");
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(n->Int(0), 0);
    EXPECT_EQ(pool.opened(), 1u);
    // Counted for /metrics: the one wait, its time (the 100 ms it gave), its timeout; a free
    // connection is no wait.
    EXPECT_EQ(Counted("caunoi_db_pool_waits_total") - waits, 1);
    EXPECT_EQ(Counted("caunoi_db_pool_timeouts_total") - timeouts, 1);
    EXPECT_GE(Counted("caunoi_db_pool_wait_seconds_total") - waited, 0.09);
}

TEST_P(PoolTest, AConnectionThatCannotOpenIsAnErrorAndFreesItsPlace) {
    bool fail = true;
    auto open = Opener();
    Pool pool(dialect(), 1, [&]() -> Result<std::unique_ptr<Database>> {
        if (fail) return Error::Internal("cannot connect: test");
        return open();
    });
    PooledDatabase db(pool);
    auto r = db.Query("SELECT 1");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().detail.find("cannot connect"), std::string::npos);
    fail = false;
    EXPECT_TRUE(db.Query("SELECT 1").ok());
    EXPECT_EQ(pool.opened(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Engines, PoolTest, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
