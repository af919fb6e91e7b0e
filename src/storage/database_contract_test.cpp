// The Database interface's contract, run on every engine: what stores may rely on.
#include <gtest/gtest.h>

#include <stdexcept>

#include "storage/bulk_insert.hpp"
#include "storage/dialect.hpp"
#include "storage/migrator.hpp"
#include "storage/registry_store.hpp"
#include "storage/scope_sql.hpp"
#include "storage/testing.hpp"

namespace caunoi::storage {
namespace {

class DatabaseContract : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        db = test_db::Open(GetParam());
        ASSERT_TRUE(db->ExecScript(TranslateDdl(db->dialect(),
                                                "CREATE TABLE t (seq INTEGER PRIMARY KEY, k TEXT NOT NULL UNIQUE, "
                                                "n INTEGER, x REAL, s TEXT)"))
                        .ok());
    }
    std::unique_ptr<Database> db;
};

TEST_P(DatabaseContract, ValuesRoundTripWithTheirTypes) {
    const int64_t big = 4102444800123;  // beyond int32: epoch milliseconds, counters
    ASSERT_TRUE(
        db->Exec("INSERT INTO t (k, n, x, s) VALUES (?, ?, ?, ?)", {"a", big, 19.5721389, "Mường Xén ? 'x'"}).ok());
    ASSERT_TRUE(db->Exec("INSERT INTO t (k, n, x, s) VALUES (?, ?, ?, ?)", {"b", nullptr, nullptr, nullptr}).ok());
    auto rows = db->Query("SELECT k, n, x, s, seq FROM t ORDER BY k").value();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].Int(1), big);
    EXPECT_DOUBLE_EQ(rows[0].Real(2), 19.5721389);
    EXPECT_EQ(rows[0].Text(3), "Mường Xén ? 'x'");
    EXPECT_TRUE(rows[1].IsNull(1));
    EXPECT_TRUE(rows[1].IsNull(3));
    EXPECT_LT(rows[0].Int(4), rows[1].Int(4));  // INTEGER PRIMARY KEY numbers rows in order
    // A '?' inside a literal is not a placeholder.
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM t WHERE s = 'a?b' OR k = ?", {"a"}).value().Int(0), 1);
    // Aggregates come back as numbers on both engines.
    auto agg = db->QueryOne("SELECT COUNT(*), COALESCE(SUM(n), 0), MAX(x) FROM t").value();
    EXPECT_EQ(agg.Int(0), 2);
    EXPECT_EQ(agg.Int(1), big);
}

TEST_P(DatabaseContract, ChangesUpsertAndReturning) {
    ASSERT_TRUE(db->Exec("INSERT INTO t (k, n) VALUES ('a', 1), ('b', 2), ('c', 3)").ok());
    ASSERT_TRUE(db->Exec("UPDATE t SET n = n + 1 WHERE n >= ?", {int64_t{2}}).ok());
    EXPECT_EQ(db->Changes(), 2);
    auto up =
        db->QueryOne("INSERT INTO t (k, n) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET n = excluded.n RETURNING n",
                     {"a", int64_t{10}});
    ASSERT_TRUE(up.ok());
    EXPECT_EQ(up->Int(0), 10);
    EXPECT_EQ(db->QueryOne("SELECT n FROM t WHERE k = 'x'").error().code, ErrorCode::kNotFound);
    // Row-value comparison (cursor pagination).
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM t WHERE (k, n) > (?, ?)", {"b", int64_t{0}}).value().Int(0), 2);
}

TEST_P(DatabaseContract, UniqueViolationIsAConflictAndTransactionsAreAllOrNothing) {
    ASSERT_TRUE(db->Exec("INSERT INTO t (k) VALUES ('a')").ok());
    EXPECT_EQ(db->Exec("INSERT INTO t (k) VALUES ('a')").error().code, ErrorCode::kConflict);
    Status st = db->InTransaction([&]() -> Status {
        CAUNOI_TRY(db->Exec("INSERT INTO t (k) VALUES ('b')"));
        CAUNOI_TRY(db->InTransaction([&] { return db->Exec("INSERT INTO t (k) VALUES ('c')"); }));  // joins
        return db->Exec("INSERT INTO t (k) VALUES ('a')");                                          // fails
    });
    EXPECT_EQ(st.error().code, ErrorCode::kConflict);
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM t").value().Int(0), 1);
    // A body that swallows a failed statement still does not commit: nothing half-applied.
    st = db->InTransaction([&]() -> Status {
        CAUNOI_TRY(db->Exec("INSERT INTO t (k) VALUES ('d')"));
        (void)db->Exec("INSERT INTO t (k) VALUES ('a')");
        return {};
    });
    if (db->dialect() == Dialect::kPostgres) {
        EXPECT_FALSE(st.ok());
        EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM t").value().Int(0), 1);
    }
    // The connection is usable afterwards.
    EXPECT_TRUE(db->Exec("INSERT INTO t (k) VALUES ('e')").ok());
}

TEST_P(DatabaseContract, ASavepointUndoesItsOwnPartAndTheTransactionGoesOn) {
    Status st = db->InTransaction([&]() -> Status {
        CAUNOI_TRY(db->Exec("INSERT INTO t (k) VALUES ('a')"));
        Status failed = db->Savepoint([&]() -> Status {
            CAUNOI_TRY(db->Exec("INSERT INTO t (k) VALUES ('b')"));
            return db->Exec("INSERT INTO t (k) VALUES ('a')");  // a unique violation
        });
        EXPECT_EQ(failed.error().code, ErrorCode::kConflict);
        Status refused = db->Savepoint([&]() -> Status {
            CAUNOI_TRY(db->Exec("INSERT INTO t (k) VALUES ('c')"));
            return Error::Invalid("x", "the body says no");
        });
        EXPECT_FALSE(refused.ok());
        CAUNOI_TRY(db->Savepoint([&] { return db->Exec("INSERT INTO t (k) VALUES ('d')"); }));
        return db->Exec("INSERT INTO t (k) VALUES ('e')");
    });
    ASSERT_TRUE(st.ok()) << st.error().detail;
    std::vector<std::string> keys;
    auto rows = db->Query("SELECT k FROM t ORDER BY k");
    ASSERT_TRUE(rows.ok());
    for (const auto& r : *rows) keys.push_back(r.Text(0));
    EXPECT_EQ(keys, (std::vector<std::string>{"a", "d", "e"}));
    // Outside a transaction a savepoint is a transaction of its own.
    EXPECT_FALSE(db->Savepoint([&]() -> Status {
                       CAUNOI_TRY(db->Exec("INSERT INTO t (k) VALUES ('f')"));
                       return Error::Invalid("x", "no");
                   }).ok());
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM t").value().Int(0), 3);
}

TEST_P(DatabaseContract, ABodyThatThrowsIsRolledBackAndTheConnectionStaysUsable) {
    // A request handler may throw (the server answers 500); its pooled connection serves the next.
    EXPECT_THROW((void)db->InTransaction([&]() -> Status {
        CAUNOI_TRY(db->Exec("INSERT INTO t (k) VALUES ('z')"));
        throw std::runtime_error("boom");
    }),
                 std::runtime_error);
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM t WHERE k = 'z'").value().Int(0), 0);
    // Transactions begin and end again: a refused one leaves nothing.
    EXPECT_FALSE(db->InTransaction([&]() -> Status {
                       CAUNOI_TRY(db->Exec("INSERT INTO t (k) VALUES ('r')"));
                       return Error::Invalid("x", "no");
                   }).ok());
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM t WHERE k = 'r'").value().Int(0), 0);
    Status st = db->InTransaction([&]() -> Status {
        CAUNOI_TRY(db->Exec("INSERT INTO t (k) VALUES ('a')"));
        EXPECT_THROW((void)db->Savepoint([&]() -> Status {
            CAUNOI_TRY(db->Exec("INSERT INTO t (k) VALUES ('y')"));
            throw std::runtime_error("boom");
        }),
                     std::runtime_error);
        return db->Exec("INSERT INTO t (k) VALUES ('b')");
    });
    ASSERT_TRUE(st.ok()) << st.error().detail;
    auto rows = db->Query("SELECT k FROM t ORDER BY k");
    ASSERT_TRUE(rows.ok());
    std::vector<std::string> keys;
    for (const auto& r : *rows) keys.push_back(r.Text(0));
    EXPECT_EQ(keys, (std::vector<std::string>{"a", "b"}));
}

TEST_P(DatabaseContract, TextComparesByteWiseAsTheScopeRangesNeed) {
    ASSERT_TRUE(db->ExecScript(TranslateDdl(db->dialect(), "CREATE TABLE p (path TEXT NOT NULL)")).ok());
    for (const char* path : {"40/16813", "40/16813/V1", "40/16813-x", "40/168130", "40/16813/V1/z", "40/1681"})
        ASSERT_TRUE(db->Exec("INSERT INTO p VALUES (?)", {path}).ok());
    Params params;
    std::string where = InScope(Scope{{"40/16813"}}, "path", params);
    auto rows = db->Query("SELECT path FROM p WHERE " + where + " ORDER BY path", params).value();
    std::vector<std::string> got;
    for (const auto& r : rows) got.push_back(r.Text(0));
    EXPECT_EQ(got, (std::vector<std::string>{"40/16813", "40/16813/V1", "40/16813/V1/z"}));
}

TEST_P(DatabaseContract, NameSearchMatchesWordPrefixesOfHouseholdsAndResidents) {
    ASSERT_TRUE(Migrate(*db, EmbeddedMigrations(), 1).ok());
    ASSERT_TRUE(db->Exec("INSERT INTO areas (id, parent_id, kind, name, name_folded, path, created_at) VALUES "
                         "('40', NULL, 'province', 'x', 'x', '40', 1), ('V', '40', 'village', 'v', 'v', '40/V', 1)")
                    .ok());
    auto household = [&](const char* id, const char* folded) {
        return db->Exec(
            "INSERT INTO households (commune_id, id, village_id, area_path, name, name_folded, consent_by, "
            "consent_at, consent_purposes, created_at, updated_at) VALUES ('V', ?, 'V', '40/V', ?, ?, 'u', 1, "
            "'registry', 1, 1)",
            {id, folded, folded});
    };
    ASSERT_TRUE(household("H1", "lo van duc").ok());
    ASSERT_TRUE(household("H2", "vi thi hoa").ok());
    ASSERT_TRUE(db->Exec("INSERT INTO residents (commune_id, id, household_id, area_path, full_name, name_folded, "
                         "consent_by, consent_at, consent_purposes, created_at, updated_at) VALUES ('V', 'R1', 'H2', "
                         "'40/V', 'x', "
                         "'lau ba chu', 'u', 1, 'registry', 1, 1)")
                    .ok());
    auto find = [&](std::vector<std::string> tokens) {
        Params p;
        std::string sql = "SELECT h.id FROM households h WHERE " +
                          NameSearchClause(db->dialect(), tokens, Scope{{"40"}}, p) + " ORDER BY h.id";
        std::vector<std::string> ids;
        auto rows = db->Query(sql, p);
        EXPECT_TRUE(rows.ok()) << rows.error().detail;
        if (rows.ok())
            for (const auto& r : *rows) ids.push_back(r.Text(0));
        return ids;
    };
    EXPECT_EQ(find({"duc"}), std::vector<std::string>{"H1"});
    EXPECT_EQ(find({"van", "du"}), std::vector<std::string>{"H1"});
    EXPECT_EQ(find({"chu"}), std::vector<std::string>{"H2"});  // a resident's name finds the household
    EXPECT_EQ(find({"hoa", "lau"}), std::vector<std::string>{"H2"});
    EXPECT_TRUE(find({"uc"}).empty());  // prefixes of words, not any substring
    // With the area scope, as RegistryStore searches: only households inside it.
    auto scoped = [&](const std::string& area) {
        Params p;
        Scope s{{area}};
        std::string where = InScope(s, "h.area_path", p);
        std::string sql = "SELECT COUNT(*) FROM households h WHERE " + where + " AND " +
                          NameSearchClause(db->dialect(), {"duc"}, s, p);
        return db->QueryOne(sql, p).value().Int(0);
    };
    EXPECT_EQ(scoped("40/V"), 1);
    EXPECT_EQ(scoped("40"), 1);
    EXPECT_EQ(scoped("40/W"), 0);
}

// Statements built from varying parts (multi-row INSERTs whose NULLs fall anywhere, IN lists of
// any length) run on both engines; PostgreSQL keeps a bounded number of them prepared, so a long
// bulk write does not grow the server's memory without end.
TEST_P(DatabaseContract, StatementsOfVaryingShapeRunAndArePreparedWithinABound) {
    BulkInsert bulk(*db, "t", {"k", "n", "x", "s"});
    for (int i = 0; i < 3000; ++i) {
        ASSERT_TRUE(bulk.Add({"k" + std::to_string(i), i % 7 == 0 ? Value{nullptr} : Value{int64_t{i}},
                              i % 5 == 0 ? Value{nullptr} : Value{i / 2.0},
                              i % 3 == 0 ? Value{nullptr} : Value{std::string("s") + std::to_string(i)}})
                        .ok());
    }
    ASSERT_TRUE(bulk.Flush().ok());
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*), COUNT(n), COUNT(x), COUNT(s) FROM t").value().Int(1), 3000 - 429);
    for (int i = 0; i < 1200; ++i) {
        auto r = db->QueryOne("SELECT COUNT(*) FROM t WHERE n = ? OR n = " + std::to_string(i), {int64_t{i}});
        ASSERT_TRUE(r.ok());
        EXPECT_EQ(r->Int(0), i % 7 == 0 ? 0 : 1);
    }
    if (db->dialect() == Dialect::kPostgres) {
        auto kept = db->QueryOne(
            "SELECT COUNT(*), COALESCE(MAX(array_length(parameter_types, 1)), 0) FROM "
            "pg_prepared_statements");
        ASSERT_TRUE(kept.ok());
        EXPECT_LE(kept->Int(0), 1000);
        EXPECT_LE(kept->Int(1), 200);  // no multi-row INSERT of the bulk write is kept
    }
}

TEST(DatabaseDialect, PlaceholdersAndDdl) {
    int n = 0;
    EXPECT_EQ(NumberPlaceholders("a = ? AND b = '?' AND c = ?", &n), "a = $1 AND b = '?' AND c = $2");
    EXPECT_EQ(n, 2);
    EXPECT_EQ(TranslateDdl(Dialect::kPostgres, "seq INTEGER PRIMARY KEY, n INTEGER, x REAL, s TEXT -- TEXT note\n"),
              "seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n BIGINT, x DOUBLE PRECISION, s TEXT COLLATE "
              "\"C\" -- TEXT note\n");
    EXPECT_EQ(TranslateDdl(Dialect::kSqlite, "n INTEGER"), "n INTEGER");
}

INSTANTIATE_TEST_SUITE_P(Engines, DatabaseContract, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
