// The in-process caches over the stores, on both engines, timed by a fake clock: what another
// process writes behind them shows once their second is over (not before), what this process
// writes through them shows at once, and a cached household is still checked against the scope.
#include <gtest/gtest.h>

#include "core/embedded.hpp"
#include "storage/test_wiring.hpp"

namespace caunoi::storage {
namespace {

class StoreCaches : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        w = std::make_unique<test_db::Wiring>(GetParam(), clock);
        ASSERT_TRUE(test_db::InsertAreas(w->db, {{"40", "", "province", "40"},
                                                 {"16813", "40", "commune", "40/16813"},
                                                 {"V1", "16813", "village", "40/16813/V1"}})
                        .ok());
        ASSERT_TRUE(test_db::AddResidents(w->registry_store, 1, {{"H1", "V1", "R1", "0912345678", "registry"}}).ok());
    }
    // A write by another process: straight to the database, around the stores.
    void Behind(const std::string& sql) { ASSERT_TRUE(w->db.Exec(sql).ok()) << sql; }

    FakeClock clock{1'780'000'000};
    std::unique_ptr<test_db::Wiring> w;
};

TEST_P(StoreCaches, AHouseholdIsServedFromTheCacheForASecondAndStillScoped) {
    const Scope village{{"40/16813/V1"}};
    ASSERT_EQ(w->registry_store.FindHousehold(village, "H1")->name, "H1");
    Behind("UPDATE households SET name = 'Lò Văn Páo' WHERE id = 'H1'");
    clock.AdvanceMillis(999);
    EXPECT_EQ(w->registry_store.FindHousehold(village, "H1")->name, "H1");
    EXPECT_EQ(w->registry_store.FindHousehold(Scope{{"40/16870"}}, "H1").error().code, ErrorCode::kNotFound);
    clock.AdvanceMillis(1);
    EXPECT_EQ(w->registry_store.FindHousehold(village, "H1")->name, "Lò Văn Páo");

    // A write through the store evicts at once.
    auto h = w->registry_store.FindHousehold(village, "H1").value();
    h.name = "Vi Văn Hùng";
    ASSERT_TRUE(w->registry_store.UpdateHousehold(h).ok());
    EXPECT_EQ(w->registry_store.FindHousehold(village, "H1")->name, "Vi Văn Hùng");
}

TEST_P(StoreCaches, ACatalogIsReadAtMostOnceASecond) {
    ASSERT_TRUE(w->fieldwork_store.SeedCatalog(fieldwork::Catalog::kServices, {{"a", 0, "A", "A"}}).ok());
    ASSERT_EQ(w->fieldwork_store.Entries(fieldwork::Catalog::kServices).value()->size(), 1u);
    Behind("INSERT INTO services (key, position, name_vi, name_en) VALUES ('b', 1, 'B', 'B')");
    clock.AdvanceMillis(999);
    EXPECT_EQ(w->fieldwork_store.Entries(fieldwork::Catalog::kServices).value()->size(), 1u);
    EXPECT_EQ(w->fieldwork_store.Entries(fieldwork::Catalog::kTips).value()->size(), 0u);  // each its own entry
    clock.AdvanceMillis(1);
    EXPECT_EQ(w->fieldwork_store.Entries(fieldwork::Catalog::kServices).value()->size(), 2u);
    ASSERT_TRUE(w->fieldwork_store.PutEntry(fieldwork::Catalog::kServices, {"c", 0, "C", "C"}).ok());
    EXPECT_EQ(w->fieldwork_store.Entries(fieldwork::Catalog::kServices).value()->size(), 3u);
}

TEST_P(StoreCaches, TheProcedureCatalogChecksItsVersionOnceASecondAndSeesItsOwnEditAtOnce) {
    auto shipped = procedures::Parse(EmbeddedFile("data/procedures.txt"));
    ASSERT_TRUE(shipped.ok());
    std::vector<std::pair<std::string, std::string>> blocks;
    for (const auto& p : *shipped) blocks.emplace_back(p.code, p.source);
    ASSERT_TRUE(w->procedure_store.Seed({blocks.front()}).ok());
    auto first = w->procedures.All();
    ASSERT_TRUE(first.ok());
    ASSERT_EQ((*first)->size(), 1u);

    ASSERT_TRUE(w->procedure_store.Seed(blocks).ok());  // another process adds the rest
    clock.AdvanceMillis(999);
    EXPECT_EQ(w->procedures.All().value().get(), first->get());  // the very same copy
    clock.AdvanceMillis(1);
    auto all = w->procedures.All();
    ASSERT_TRUE(all.ok());
    EXPECT_EQ((*all)->size(), blocks.size());
    clock.Advance(5);
    EXPECT_EQ(w->procedures.All().value().get(), all->get());  // checked again, unchanged: kept

    Actor admin;
    admin.user_id = "A1";
    admin.role = Role::kProvinceAdmin;
    admin.area_path = "40";
    admin.scope.paths = {"40"};
    std::string edited = blocks.front().second;
    edited.replace(edited.find("days = "), 8, "days = 9");
    ASSERT_TRUE(w->procedures.Put(admin, edited).ok());
    EXPECT_EQ(w->procedures.Find(blocks.front().first).value()->days, 9);  // no wait for its own edit
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreCaches, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
