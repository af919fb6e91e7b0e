// The change log phones pull from, on both engines: one entry per record and area, and a record
// that moves to another area leaves an entry where it was (so phones there drop it).
#include <gtest/gtest.h>

#include "storage/test_wiring.hpp"

namespace caunoi::storage {
namespace {

class SyncChanges : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        w = std::make_unique<test_db::Wiring>(GetParam(), clock);
        db = &w->db;
        registry = &w->registry_store;
        changes = &w->sync_store;
        ASSERT_TRUE(test_db::InsertAreas(*db, {{"40", "", "province", "40"},
                                               {"16813", "40", "commune", "40/16813"},
                                               {"V1", "16813", "village", "40/16813/V1"},
                                               {"V2", "16813", "village", "40/16813/V2"}})
                        .ok());
        for (const char* v : {"V1", "V2"}) {
            registry::Household h;
            h.id = std::string("H") + v;
            h.village_id = v;
            h.area_path = std::string("40/16813/") + v;
            h.name = "Lò Văn Páo";
            h.consent = {"u", 1, "registry"};
            ASSERT_TRUE(registry->InsertHousehold(h).ok());
        }
        resident.id = "R1";
        resident.household_id = "HV1";
        resident.area_path = "40/16813/V1";
        resident.full_name = "Lò Thị Xuân";
        resident.consent = {"u", 1, "registry"};
        ASSERT_TRUE(registry->InsertResident(resident).ok());
    }
    // The change log's rows for R1: area and rev, oldest first.
    std::vector<std::pair<std::string, int64_t>> Rows() {
        auto rows = db->Query(
            "SELECT area_path, rev FROM sync_changes WHERE kind = 'resident' AND entity_id = 'R1' "
            "ORDER BY rev");
        EXPECT_TRUE(rows.ok());
        std::vector<std::pair<std::string, int64_t>> out;
        if (rows.ok())
            for (const auto& r : *rows) out.emplace_back(r.Text(0), r.Int(1));
        return out;
    }
    std::vector<std::string> Pulled(const std::string& village, int64_t after) {
        auto got = changes->Changes(Scope{{"40/16813/" + village}}, after, 100);
        EXPECT_TRUE(got.ok());
        std::vector<std::string> ids;
        if (got.ok())
            for (const auto& c : *got) ids.push_back(c.kind + ":" + c.id);
        return ids;
    }
    FakeClock clock{1};
    std::unique_ptr<test_db::Wiring> w;
    Database* db = nullptr;
    RegistryStore* registry = nullptr;
    SyncStore* changes = nullptr;
    registry::Resident resident;
};

TEST_P(SyncChanges, KeepsOneEntryPerRecordAndArea) {
    const int64_t start = changes->Clock().value();
    for (const char* phone : {"0912000001", "0912000002", "0912000003"}) {
        resident.phone = phone;
        ASSERT_TRUE(registry->UpdateResident(resident).ok());
    }
    auto rows = Rows();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].second, changes->Clock().value());  // the latest change is the one kept
    // A phone that pulled before the edits gets the resident once, at its latest revision.
    EXPECT_EQ(Pulled("V1", start), std::vector<std::string>{"resident:R1"});
    EXPECT_TRUE(Pulled("V1", changes->Clock().value()).empty());
}

TEST_P(SyncChanges, AMoveLeavesAnEntryInTheAreaLeft) {
    const int64_t before = changes->Clock().value();
    resident.household_id = "HV2";
    resident.area_path = "40/16813/V2";
    ASSERT_TRUE(registry->UpdateResident(resident).ok());
    auto rows = Rows();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].first, "40/16813/V1");
    EXPECT_EQ(rows[1].first, "40/16813/V2");
    // V1's phones learn of it (and find it gone from their scope); V2's phones get it.
    EXPECT_EQ(Pulled("V1", before), std::vector<std::string>{"resident:R1"});
    EXPECT_EQ(Pulled("V2", before), std::vector<std::string>{"resident:R1"});
    // Deleted: the deletion is recorded where it was last, replacing that area's older entry.
    ASSERT_TRUE(registry->DeleteResident(resident).ok());
    rows = Rows();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1].first, "40/16813/V2");
    EXPECT_EQ(rows[1].second, changes->Clock().value());
}

// A bulk import's inserts: their entries are written together, one clock tick for all, in the
// order inserted; a failed import's are forgotten and the next inserts record as usual.
TEST_P(SyncChanges, DeferredInsertsAreRecordedTogetherInOrder) {
    const int64_t start = changes->Clock().value();
    registry::Household h;
    h.id = "HX";
    h.village_id = "V2";
    h.area_path = "40/16813/V2";
    h.name = "Vi Văn Hùng";
    h.consent = {"u", 1, "registry"};
    registry::Resident r2 = resident, r3 = resident;
    r2.id = "R2";
    r3.id = "R3";
    r2.household_id = r3.household_id = "HX";
    r2.area_path = r3.area_path = "40/16813/V2";
    ASSERT_TRUE(db->InTransaction([&]() -> Status {
                      registry->DeferChanges();
                      CAUNOI_TRY(registry->InsertHousehold(h));
                      CAUNOI_TRY(registry->InsertResident(r2));
                      CAUNOI_TRY(registry->InsertResident(r3));
                      EXPECT_EQ(changes->Clock().value(), start) << "nothing recorded before WriteChanges";
                      return registry->WriteChanges();
                  }).ok());
    EXPECT_EQ(changes->Clock().value(), start + 3);
    auto rows = db->Query(
        "SELECT kind || ':' || entity_id, area_path, rev FROM sync_changes WHERE rev > ? ORDER BY rev", {start});
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 3u);
    const char* order[] = {"household:HX", "resident:R2", "resident:R3"};
    for (size_t i = 0; i < 3; ++i) {
        EXPECT_EQ((*rows)[i].Text(0), order[i]);
        EXPECT_EQ((*rows)[i].Text(1), "40/16813/V2");
        EXPECT_EQ((*rows)[i].Int(2), start + 1 + static_cast<int64_t>(i));
    }
    EXPECT_EQ(Pulled("V2", start), (std::vector<std::string>{"household:HX", "resident:R2", "resident:R3"}));

    // A failed import: nothing of it stays, and the store records the next insert at once.
    registry::Resident r4 = r2;
    r4.id = "R4";
    EXPECT_FALSE(db->InTransaction([&]() -> Status {
                       registry->DeferChanges();
                       CAUNOI_TRY(registry->InsertResident(r4));
                       return Error::Internal("row 9: bad");
                   }).ok());
    registry->DropChanges();
    EXPECT_EQ(changes->Clock().value(), start + 3);
    ASSERT_TRUE(registry->InsertResident(r4).ok());
    EXPECT_EQ(changes->Clock().value(), start + 4);
    EXPECT_EQ(Pulled("V2", start + 3), std::vector<std::string>{"resident:R4"});
}

INSTANTIATE_TEST_SUITE_P(Engines, SyncChanges, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
