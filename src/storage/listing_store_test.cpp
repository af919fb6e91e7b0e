// Listings over the real store on both engines: a member's listing waits for approval and is
// public only once a leader approves it; editing sends it back; pause, resume, withdraw and put
// back; a household or a village out of scope is refused and nothing is stored; the same client
// id twice stores one listing; photos and uploads in pieces; views and contact taps per village.
#include "storage/listing_store.hpp"

#include <gtest/gtest.h>

#include "storage/test_wiring.hpp"

namespace caunoi::storage {
namespace {

using listings::State;

constexpr int64_t kNow = 1781250000;

class Listings : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        w = std::make_unique<test_db::Wiring>(GetParam(), clock);
        store = std::make_unique<ListingStore>(w->db);
        service = std::make_unique<listings::ListingService>(*store, w->transactions, w->audit, clock);
        ASSERT_TRUE(test_db::InsertAreas(w->db, {{"40", "", "province", "40"},
                                                 {"16813", "40", "commune", "40/16813"},
                                                 {"V1", "16813", "village", "40/16813/V1"},
                                                 {"V2", "16813", "village", "40/16813/V2"},
                                                 {"16870", "40", "commune", "40/16870"},
                                                 {"W1", "16870", "village", "40/16870/W1"}})
                        .ok());
        for (auto [id, village, path] : {std::tuple{"H1", "V1", "40/16813/V1"}, std::tuple{"H9", "W1", "40/16870/W1"}})
            ASSERT_TRUE(w->db
                            .Exec("INSERT INTO households (commune_id, id, village_id, area_path, name, name_folded, "
                                  "consent_by, consent_at, consent_purposes, created_at, updated_at) VALUES (?, ?, ?, "
                                  "?, 'Lò Văn Pảo', 'lo van pao', 'u', 1, 'registry', 1, 1)",
                                  {std::string(path).substr(3, 5), id, village, path})
                            .ok());
    }
    static Fields Tea() {
        return Fields({{"category", "specialty"},
                       {"name", "Chè Tà Cạ"},
                       {"description", "Chè búp hái tay.\nSao bằng chảo gang."},
                       {"household_id", "H1"},
                       {"contact_phone", "0912 345 678"},
                       {"price", "150.000"},
                       {"unit", "kg"},
                       {"months", "3,4,5"},
                       {"consent", "1"}});
    }
    int64_t Count(const std::string& table) { return w->db.QueryOne("SELECT COUNT(*) FROM " + table).value().Int(0); }

    FakeClock clock{kNow};
    std::unique_ptr<test_db::Wiring> w;
    std::unique_ptr<ListingStore> store;
    std::unique_ptr<listings::ListingService> service;
    Actor member{"m1", "Vi Văn Hùng", Role::kMember, "40/16813", "T1", {{"40/16813/V1"}}, "10.0.0.1"};
    Actor leader{"l1", "Cụt Văn Lả", Role::kTeamLeader, "40/16813", "T1", {{"40/16813"}}, "10.0.0.2"};
    Actor other{"m9", "Lương Thị Dung", Role::kMember, "40/16870", "T3", {{"40/16870"}}, "10.0.0.3"};
};

TEST_P(Listings, IsPublicOnlyOnceALeaderApprovesIt) {
    auto l = service->Create(member, "", "", Tea());
    ASSERT_TRUE(l.ok()) << l.error().detail;
    EXPECT_EQ(l->status, State::kPending);
    EXPECT_EQ(l->village_id, "V1");          // the household's village
    EXPECT_EQ(l->owner_name, "Lò Văn Pảo");  // the household's name
    EXPECT_EQ(l->contact_phone, "0912345678");
    EXPECT_EQ(l->price, 150000);
    EXPECT_EQ(l->months, 0b11100);
    EXPECT_EQ(l->consent_by, "m1");
    EXPECT_FALSE(store->FindPublic(l->id).ok());
    EXPECT_TRUE(store->Public("40/16813", 10)->empty());

    auto refused = service->Decide(member, l->id, true, "");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
    auto no_reason = service->Decide(leader, l->id, false, "");
    ASSERT_FALSE(no_reason.ok());
    EXPECT_EQ(no_reason.error().field, "reason");

    ASSERT_TRUE(service->Decide(leader, l->id, true, "").ok());
    auto pub = store->FindPublic(l->id);
    ASSERT_TRUE(pub.ok());
    EXPECT_EQ(pub->name, "Chè Tà Cạ");
    EXPECT_EQ(pub->description, "Chè búp hái tay.\nSao bằng chảo gang.");
    EXPECT_EQ(store->Public("40/16813/V1", 10)->size(), 1u);
    EXPECT_TRUE(store->Public("40/16813/V2", 10)->empty());
    auto audit = w->db.Query("SELECT action FROM audit_log WHERE entity = 'listing' ORDER BY seq").value();
    ASSERT_EQ(audit.size(), 2u);
    EXPECT_EQ(audit[0].Text(0), "create");
    EXPECT_EQ(audit[1].Text(0), "approve");
}

TEST_P(Listings, EditingSendsItBackAndPauseResumeWithdrawWork) {
    auto l = service->Create(member, "", "", Tea()).value();
    ASSERT_TRUE(service->Decide(leader, l.id, true, "").ok());
    ASSERT_TRUE(service->Change(member, l.id, "pause").ok());
    EXPECT_FALSE(store->FindPublic(l.id).ok());
    ASSERT_TRUE(service->Change(member, l.id, "resume").ok());
    EXPECT_TRUE(store->FindPublic(l.id).ok());  // approved once, unchanged: no new approval

    Fields f = Tea();
    f.Set("price", "160000");
    auto edited = service->Edit(member, l.id, f);
    ASSERT_TRUE(edited.ok()) << edited.error().detail;
    EXPECT_EQ(edited->status, State::kPending);
    EXPECT_FALSE(store->FindPublic(l.id).ok());

    ASSERT_TRUE(service->Change(member, l.id, "withdraw").ok());
    EXPECT_FALSE(service->Change(member, l.id, "pause").ok());
    EXPECT_FALSE(service->Edit(member, l.id, f).ok());
    auto back = service->Change(member, l.id, "restore");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->status, State::kPending);
    EXPECT_EQ(store->Find(member.scope, l.id)->price, 160000);
}

TEST_P(Listings, RefusesWhatIsOutOfScopeAndStoresNothing) {
    Fields f = Tea();
    f.Set("household_id", "H9");  // another commune's household
    auto r = service->Create(member, "", "", f);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "household_id");
    f.Set("household_id", "");
    f.Set("owner_name", "Hợp tác xã chè");
    r = service->Create(member, "", "W1", f);  // a village out of scope: absent
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
    r = service->Create(member, "", "V2", f);  // the same commune, not the member's village
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(Count("listings"), 0);
    EXPECT_EQ(Count("audit_log"), 0);

    auto l = service->Create(member, "", "V1", f).value();
    auto seen = service->Get(other, l.id);
    ASSERT_FALSE(seen.ok());
    EXPECT_EQ(seen.error().code, ErrorCode::kNotFound);
    EXPECT_FALSE(service->Change(other, l.id, "withdraw").ok());
}

TEST_P(Listings, TheSameClientIdTwiceStoresOneListing) {
    const std::string id = "01JD0000000000000000000001";
    auto a = service->Create(member, id, "", Tea());
    ASSERT_TRUE(a.ok()) << a.error().detail;
    auto b = service->Create(member, id, "", Tea());
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->id, id);
    EXPECT_EQ(Count("listings"), 1);
    Actor second = member;
    second.user_id = "m2";
    EXPECT_EQ(service->Create(second, id, "", Tea()).error().code, ErrorCode::kConflict);
}

TEST_P(Listings, KeepsPhotosAndUploadsInPieces) {
    auto l = service->Create(member, "", "", Tea()).value();
    const std::string up = "01JD000000000000000000P001";
    ASSERT_TRUE(store->StartUpload(l, {up, l.id, "m1", 5, 0}, kNow).ok());
    ASSERT_TRUE(store->AddPart(l, up, 0, std::string("\xFF\xD8\0", 3)).ok());
    ASSERT_TRUE(store->AddPart(l, up, 3, "\x01\x02").ok());
    EXPECT_EQ(store->FindUpload(l, up)->received, 5);
    EXPECT_EQ(store->Assemble(l, up).value(), std::string("\xFF\xD8\0\x01\x02", 5));  // bytes, NUL included

    // Another upload of the same listing, abandoned half-sent, goes when a new one starts.
    const std::string abandoned = "01JD000000000000000000P009";
    ASSERT_TRUE(store->StartUpload(l, {abandoned, l.id, "m1", 9, 0}, kNow).ok());
    ASSERT_TRUE(store->AddPart(l, abandoned, 0, "abc").ok());
    ASSERT_TRUE(store->DropOtherUploads(l, up).ok());
    EXPECT_FALSE(store->FindUpload(l, abandoned).ok());
    EXPECT_EQ(store->FindUpload(l, up)->received, 5);
    EXPECT_EQ(Count("listing_upload_parts"), 2);

    listings::Photo p;
    p.large_webp = {std::string("RIFF\0\0WEBP", 10), 800, 600};
    p.large_jpeg = {"\xFF\xD8\xFF large", 800, 600};
    p.thumb_webp = {"RIFF thumb", 200, 150};
    p.thumb_jpeg = {"\xFF\xD8\xFF thumb", 200, 150};
    p.gps = listings::GeoPoint{19.3, 104.8};
    ASSERT_TRUE(store->InsertPhoto(l, up, p, "m1", kNow).ok());
    ASSERT_TRUE(store->DropUpload(l, up).ok());
    EXPECT_EQ(Count("listing_upload_parts"), 0);
    EXPECT_EQ(store->PhotoOf(up, false, true)->bytes, p.large_webp.bytes);
    EXPECT_EQ(store->PhotoOf(up, true, false)->bytes, p.thumb_jpeg.bytes);
    EXPECT_EQ(store->PhotoOf(up, true, false)->listing_status, "pending");
    // The owner did not choose to show the place: the photo's GPS is not kept.
    EXPECT_TRUE(w->db.QueryOne("SELECT lat FROM listing_photos").value().IsNull(0));
    ASSERT_TRUE(service->SetPhoto(member, l.id, up, p.gps).ok());
    auto with_photo = store->Find(member.scope, l.id).value();
    EXPECT_EQ(with_photo.photo_id, up);
    EXPECT_FALSE(with_photo.lat.has_value()) << "not shown: the owner did not choose to";

    // A place whose owner chose to show it: the photo's position becomes its point, and stays on edit.
    Fields f = Tea();
    f.Set("show_place", "1");
    auto shown = service->Create(member, "", "", f).value();
    const std::string up2 = "01JD000000000000000000P002";
    ASSERT_TRUE(store->InsertPhoto(shown, up2, p, "m1", kNow).ok());
    EXPECT_FALSE(w->db.QueryOne("SELECT lat FROM listing_photos WHERE id = ?", {up2}).value().IsNull(0));
    ASSERT_TRUE(service->SetPhoto(member, shown.id, up2, p.gps).ok());
    EXPECT_DOUBLE_EQ(store->Find(member.scope, shown.id)->lat.value_or(0), 19.3);
    f.Set("price", "170000");
    ASSERT_TRUE(service->Edit(member, shown.id, f).ok());
    EXPECT_DOUBLE_EQ(store->Find(member.scope, shown.id)->lon.value_or(0), 104.8);
}

TEST_P(Listings, CountsViewsAndContactsPerVillage) {
    auto l = service->Create(member, "", "", Tea()).value();
    ASSERT_TRUE(service->Decide(leader, l.id, true, "").ok());
    const int64_t day = 20600;
    ASSERT_TRUE(store->Count(l, day, false).ok());
    ASSERT_TRUE(store->Count(l, day, false).ok());
    ASSERT_TRUE(store->Count(l, day, true).ok());
    ASSERT_TRUE(store->Count(l, day - 40, false).ok());  // before the window
    auto f = store->FiguresOf(leader.scope, "", day - 29).value();
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].village_id, "V1");
    EXPECT_EQ(f[0].products, 1);
    EXPECT_EQ(f[0].views, 2);
    EXPECT_EQ(f[0].contacts, 1);
    EXPECT_TRUE(store->FiguresOf(other.scope, "", day - 29)->empty());
    auto communes = store->CommunesWithListings().value();
    ASSERT_EQ(communes.size(), 1u);
    EXPECT_EQ(communes[0].id, "16813");
}

INSTANTIATE_TEST_SUITE_P(Engines, Listings, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
