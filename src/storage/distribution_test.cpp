// The distribution plan (storage/distribution.*) against the real schema on both engines, and
// the Citus key rules checked on plain PostgreSQL.
#include "storage/distribution.hpp"

#include <gtest/gtest.h>

#include <set>

#include "storage/migrator.hpp"
#include "storage/testing.hpp"

namespace caunoi::storage {
namespace {

TEST(CommuneOf, IsTheSecondSegmentOfAnAreaPath) {
    EXPECT_EQ(CommuneOf("40/16813/01J9ZV"), "16813");
    EXPECT_EQ(CommuneOf("40/16813"), "16813");
    EXPECT_EQ(CommuneOf("40"), "");
    EXPECT_EQ(CommuneOf(""), "");
}

TEST(CitusSql, DistributesEveryTableButTheLocalOnesOnce) {
    const std::string sql = CitusSql();
    for (const auto& t : Placements()) {
        const std::string quoted = "('" + std::string(t.table) + "'";
        size_t n = 0;
        for (size_t at = sql.find(quoted); at != std::string::npos; at = sql.find(quoted, at + 1)) ++n;
        EXPECT_EQ(n, t.placement == Placement::kLocal ? 0u : 1u) << t.table;
    }
    EXPECT_NE(sql.find("create_distributed_table('dossiers', 'commune_id', colocate_with => 'households')"),
              std::string::npos);
}

class Distribution : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        db = test_db::Open(GetParam());
        ASSERT_TRUE(Migrate(*db, EmbeddedMigrations(), 1).ok());
    }
    int64_t Count(const std::string& sql) { return db->QueryOne(sql).value().Int(0); }
    std::unique_ptr<Database> db;
};

TEST_P(Distribution, EveryTableIsPlacedAndTenantTablesCarryTheCommune) {
    auto tables = SchemaTables(*db);
    ASSERT_TRUE(tables.ok());
    std::set<std::string> placed;
    for (const auto& t : Placements()) placed.insert(t.table);
    EXPECT_EQ(std::set<std::string>(tables->begin(), tables->end()), placed)
        << "a new table must be added to Placements() in storage/distribution.cpp";
    for (const auto& t : Placements()) {
        if (t.placement != Placement::kTenant) continue;
        EXPECT_TRUE(db->Query(std::string("SELECT commune_id FROM ") + t.table + " WHERE 1 = 0").ok()) << t.table;
    }
}

TEST_P(Distribution, CheckFindsRowsOutsideTheirCommune) {
    ASSERT_TRUE(test_db::InsertAreas(*db, {{"40", "", "province", "40"},
                                           {"16813", "40", "commune", "40/16813"},
                                           {"V1", "16813", "village", "40/16813/V1"}})
                    .ok());
    ASSERT_TRUE(db->ExecScript("INSERT INTO households (commune_id, id, village_id, area_path, name, name_folded, "
                               "consent_by, consent_at, consent_purposes, created_at, updated_at) VALUES "
                               "('16813', 'H1', 'V1', '40/16813/V1', 'A', 'a', 'u', 0, 'registry', 0, 0), "
                               "('16813', 'H2', 'V1', '40/16813/V1', 'B', 'b', 'u', 0, 'registry', 0, 0);")
                    .ok());
    auto ok = CheckCommunes(*db);
    ASSERT_TRUE(ok.ok());
    EXPECT_TRUE(ok->empty());
    ASSERT_TRUE(db->Exec("UPDATE households SET area_path = '40/16814/V9' WHERE id = 'H2'").ok());
    auto bad = CheckCommunes(*db);
    ASSERT_TRUE(bad.ok());
    ASSERT_EQ(bad->size(), 1u);
    EXPECT_EQ(bad->at(0).table, "households");
    EXPECT_EQ(bad->at(0).rows, 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, Distribution, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

// Citus refuses a distributed table whose unique keys leave out the distribution column, and a
// foreign key between distributed tables that does not match it. Checked here on plain
// PostgreSQL after CitusKeysSql(): what Citus would refuse, listed.
class CitusKeys : public Distribution {
  protected:
    std::vector<std::string> Violations() {
        std::vector<std::string> out;
        for (const auto& t : Placements()) {
            if (t.placement != Placement::kTenant && t.placement != Placement::kKeyed) continue;
            auto rows = db->Query(
                "SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid "
                "= x.indrelid WHERE x.indisunique AND c.relname = ? AND c.relnamespace = "
                "current_schema()::regnamespace "
                "AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = ? AND "
                "a.attnum = ANY (x.indkey::int2[])) ORDER BY 1",
                {std::string(t.table), std::string(t.key)});
            EXPECT_TRUE(rows.ok());
            for (const auto& r : *rows) out.push_back(r.Text(0));
            auto fks = db->Query(
                "SELECT k.conname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class f ON f.oid "
                "= k.confrelid WHERE k.contype = 'f' AND c.relname = ? AND c.relnamespace = "
                "current_schema()::regnamespace AND f.relname <> ALL (?::text[]) AND NOT EXISTS (SELECT 1 FROM "
                "pg_attribute a WHERE a.attrelid = c.oid AND a.attname = ? AND a.attnum = ANY (k.conkey)) ORDER BY 1",
                {std::string(t.table), ReferenceTables(), std::string(t.key)});
            EXPECT_TRUE(fks.ok());
            for (const auto& r : *fks) out.push_back(r.Text(0));
        }
        return out;
    }
    static std::string ReferenceTables() {
        std::string s = "{";
        for (const auto& t : Placements())
            if (t.placement == Placement::kReference) s += std::string(s.size() > 1 ? "," : "") + t.table;
        return s + "}";
    }
};

TEST_P(CitusKeys, OnlyTheGlobalKeysStandInTheWayAndCitusKeysSqlTradesThem) {
    std::vector<std::string> expected;
    for (const auto& t : Placements())
        if (t.id_key) expected.push_back(std::string(t.table) + "_id_key");
    expected.push_back("dossiers_portal_code_key");
    expected.push_back("residents_national_id");
    auto before = Violations();
    std::sort(before.begin(), before.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(before, expected);
    ASSERT_TRUE(db->ExecScript(CitusKeysSql()).ok());
    EXPECT_EQ(Violations(), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Engines, CitusKeys, ::testing::ValuesIn(test_db::PgOnly()), test_db::EngineName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CitusKeys);

}  // namespace
}  // namespace caunoi::storage
