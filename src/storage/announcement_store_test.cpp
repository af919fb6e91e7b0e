// Commune announcements over the real store on both engines: what is refused (naming the field),
// who may post where, the SMS to subscribers (one per number, never to an opted-out one, none
// unless asked), withdrawing (stops what is still queued), and what is in force for a commune and
// for a village.
#include "storage/announcement_store.hpp"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "core/calendar.hpp"
#include "storage/test_wiring.hpp"
#include "warnings/spoken.hpp"

namespace caunoi::storage {
namespace {

// 2026-06-12 14:40 in Vietnam.
constexpr int64_t kNow = 1781250000;

class Announcements : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        w = std::make_unique<test_db::Wiring>(GetParam(), clock);
        db = &w->db;
        store = std::make_unique<AnnouncementStore>(*db);
        service = std::make_unique<board::AnnouncementService>(
            *store, w->transactions, w->audit, clock,
            [this](const char* id) { return w->catalogs_.Translate("vi", id); }, false);
        ASSERT_TRUE(test_db::InsertAreas(*db, {{"40", "", "province", "40"},
                                               {"16813", "40", "commune", "40/16813"},
                                               {"16870", "40", "commune", "40/16870"},
                                               {"V1", "16813", "village", "40/16813/V1"},
                                               {"V2", "16813", "village", "40/16813/V2"},
                                               {"V3", "16870", "village", "40/16870/V3"}})
                        .ok());
        ASSERT_TRUE(db->Exec("UPDATE areas SET name = 'Mường Xén' WHERE id = '16813'").ok());
        for (const auto& [phone, area, path] : std::vector<std::tuple<std::string, std::string, std::string>>{
                 {"0911000001", "16813", "40/16813"},   // the commune
                 {"0911000002", "V1", "40/16813/V1"},   // a village
                 {"0911000002", "16813", "40/16813"},   // ... and its commune: one number, one SMS
                 {"0911000003", "V2", "40/16813/V2"},   // the other village
                 {"0911000004", "V1", "40/16813/V1"},   // opted out below
                 {"0911000005", "16870", "40/16870"},   // another commune
                 {"0911000006", "V3", "40/16870/V3"}})  // a village of another commune
            ASSERT_TRUE(db->Exec("INSERT INTO sms_subscriptions (phone, area_id, area_path, created_at) VALUES (?, ?, "
                                 "?, 0)",
                                 {phone, area, path})
                            .ok());
        ASSERT_TRUE(db->Exec("INSERT INTO sms_optouts (phone, at) VALUES ('0911000004', 0)").ok());
        officer = Officer("o1", "40/16813");
        other_officer = Officer("o2", "40/16870");
        admin.user_id = "admin";
        admin.role = Role::kProvinceAdmin;
        admin.area_path = "40";
        admin.scope.paths = {"40"};
    }
    static Actor Officer(const std::string& id, const std::string& path) {
        Actor a;
        a.user_id = id;
        a.role = Role::kCommuneOfficer;
        a.area_path = path;
        a.scope.paths = {path};
        return a;
    }
    // A valid announcement's fields, with `extra` changed.
    static Fields Valid(std::map<std::string, std::string> extra = {}) {
        std::map<std::string, std::string> f = {
            {"title", "Tiêm chủng cho trẻ dưới 5 tuổi"},
            {"text", "Sáng thứ Bảy 20/6, từ 7:30 đến 11:00, tại trạm y tế xã.\nMang sổ tiêm chủng và thẻ BHYT."},
            {"valid_until", "2026-06-20"}};
        for (auto& [k, v] : extra) f[k] = v;
        return Fields(f);
    }
    std::map<std::string, std::string> Outbox(const std::string& id, const std::string& status = "queued") {
        std::map<std::string, std::string> out;
        auto rows = db->Query(
            "SELECT phone, body, kind, priority, commune_id FROM sms_outbox WHERE announcement_id = ? AND status = ?",
            {id, status});
        EXPECT_TRUE(rows.ok());
        if (!rows.ok()) return out;
        for (const auto& r : *rows) {
            EXPECT_EQ(r.Text(2), "announcement");
            EXPECT_EQ(r.Int(3), 1) << "below warnings' lane";
            EXPECT_EQ(r.Text(4), "16813");
            EXPECT_TRUE(out.emplace(r.Text(0), r.Text(1)).second) << "one message per number: " << r.Text(0);
        }
        return out;
    }
    int64_t Count(const std::string& table) { return db->QueryOne("SELECT COUNT(*) FROM " + table)->Int(0); }
    void ExpectRefused(const Fields& f, const std::string& field, const Actor* a = nullptr) {
        auto r = service->Post(a ? *a : officer, f);
        ASSERT_FALSE(r.ok()) << "accepted, expected a refusal on " << field;
        EXPECT_EQ(r.error().code, ErrorCode::kInvalid) << r.error().detail;
        EXPECT_EQ(r.error().field, field) << r.error().detail;
        EXPECT_NE(w->catalogs_.Translate("vi", r.error().title_id), r.error().title_id)
            << "the refusal is said in Vietnamese: " << r.error().title_id;
    }

    FakeClock clock{kNow};
    std::unique_ptr<test_db::Wiring> w;
    Database* db = nullptr;
    std::unique_ptr<AnnouncementStore> store;
    std::unique_ptr<board::AnnouncementService> service;
    Actor officer, other_officer, admin;
};

TEST_P(Announcements, APostIsKeptWithItsVillagesAndReadBack) {
    auto a = service->Post(officer, Valid({{"villages", "V2, V1,V1"}}));
    ASSERT_TRUE(a.ok()) << a.error().detail;
    EXPECT_EQ(a->commune.id, "16813");
    EXPECT_EQ(a->valid_until, *board::EndOfVietnamDay("2026-06-20"));
    EXPECT_FALSE(a->sms);
    auto back = service->Get(a->id);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->title, "Tiêm chủng cho trẻ dưới 5 tuổi");
    EXPECT_EQ(back->text, "Sáng thứ Bảy 20/6, từ 7:30 đến 11:00, tại trạm y tế xã.\nMang sổ tiêm chủng và thẻ BHYT.");
    ASSERT_EQ(back->villages.size(), 2u) << "each village once";
    EXPECT_EQ(back->villages[0].id, "V1");
    EXPECT_EQ(back->commune.name, "Mường Xén");
    EXPECT_EQ(service->Get("01NOPE").error().code, ErrorCode::kNotFound);
}

TEST_P(Announcements, EveryRefusalNamesItsFieldAndKeepsNothing) {
    ExpectRefused(Valid({{"title", ""}}), "title");
    ExpectRefused(Valid({{"title", std::string(121, 'a')}}), "title");
    ExpectRefused(Valid({{"title", "hai\ndòng"}}), "title");
    ExpectRefused(Valid({{"text", "  "}}), "text");
    ExpectRefused(Valid({{"text", std::string(601, 'a')}}), "text");
    ExpectRefused(Valid({{"text", "\xff\xfe"}}), "text");
    ExpectRefused(Valid({{"valid_until", ""}}), "valid_until");
    ExpectRefused(Valid({{"valid_until", "2026-06-11"}}), "valid_until");  // yesterday
    ExpectRefused(Valid({{"valid_until", "2026-02-30"}}), "valid_until");
    ExpectRefused(Valid({{"valid_until", "mai"}}), "valid_until");
    ExpectRefused(Valid({{"valid_until", "2026-09-11"}}), "valid_until");  // 91 days ahead
    ExpectRefused(Valid({{"villages", "V3"}}), "villages");                // a village of another commune
    ExpectRefused(Valid({{"villages", "V1,NOPE"}}), "villages");
    ExpectRefused(Valid({{"sms", "maybe"}}), "sms");
    ExpectRefused(Valid({{"colour", "red"}}), "colour");
    // 600 characters of dates and times: fine to type, more than a minute to say.
    std::string numbers;
    while (numbers.size() < 580) numbers += "12/6 14:35, ";
    ASSERT_LE(numbers.size(), 600u);
    ExpectRefused(Valid({{"text", numbers}}), "text");
    ExpectRefused(Valid(), "commune_id", &admin);  // the province has no commune of its own
    EXPECT_EQ(Count("announcements"), 0);
    EXPECT_EQ(Count("announcement_villages"), 0);
    // Today itself and the 90th day are fine.
    EXPECT_TRUE(service->Post(officer, Valid({{"valid_until", "2026-06-12"}})).ok());
    EXPECT_TRUE(service->Post(officer, Valid({{"valid_until", "2026-09-10"}})).ok());
}

TEST_P(Announcements, OfficersPostForTheirOwnCommuneOnlyTheProvinceForAny) {
    auto other = service->Post(officer, Valid({{"commune_id", "16870"}}));
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().code, ErrorCode::kNotFound) << "another commune is none of theirs";
    EXPECT_EQ(service->Post(officer, Valid({{"commune_id", "V1"}})).error().code, ErrorCode::kNotFound);
    Actor member = officer;
    member.role = Role::kTeamLeader;
    EXPECT_EQ(service->Post(member, Valid()).error().code, ErrorCode::kForbidden);
    auto mine = service->Post(officer, Valid({{"commune_id", "16813"}}));
    ASSERT_TRUE(mine.ok()) << mine.error().detail;
    auto theirs = service->Post(admin, Valid({{"commune_id", "16870"}, {"villages", "V3"}}));
    ASSERT_TRUE(theirs.ok()) << theirs.error().detail;
    // Withdrawing: the same rule.
    EXPECT_EQ(service->Withdraw(other_officer, mine->id).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service->Withdraw(member, mine->id).error().code, ErrorCode::kForbidden);
    EXPECT_TRUE(service->Get(mine->id)->InForceAt(kNow));
    EXPECT_TRUE(service->Withdraw(officer, mine->id).ok());
    EXPECT_TRUE(service->Withdraw(other_officer, theirs->id).ok());
    // Every post and withdrawal is in the audit log.
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM audit_log WHERE entity = 'announcement'")->Int(0), 4);
}

TEST_P(Announcements, NoSmsUnlessAsked) {
    auto a = service->Post(officer, Valid({{"sms", "0"}}));
    ASSERT_TRUE(a.ok());
    auto b = service->Post(officer, Valid());
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(Count("sms_outbox"), 0);
    EXPECT_EQ(a->sms_queued, 0);
}

TEST_P(Announcements, TheSmsGoesOncePerSubscribedNumberOfTheCommuneNeverToAnOptedOutOne) {
    auto subs = store->SubscribersOf("16813");
    ASSERT_TRUE(subs.ok());
    EXPECT_EQ(subs->all, 3) << "0911000001..3; 0911000004 opted out";
    EXPECT_EQ(subs->commune, 2);
    EXPECT_EQ(subs->villages["V1"], 1);
    EXPECT_EQ(subs->villages["V2"], 1);

    auto a = service->Post(officer, Valid({{"sms", "1"}}));
    ASSERT_TRUE(a.ok()) << a.error().detail;
    EXPECT_EQ(a->sms_queued, 3);
    const auto sent = Outbox(a->id);
    EXPECT_EQ(sent.size(), 3u);
    EXPECT_EQ(sent.count("0911000004"), 0u) << "opted out";
    EXPECT_EQ(sent.count("0911000005"), 0u) << "another commune";
    const std::string body = sent.at("0911000001");
    EXPECT_EQ(body.rfind("UBND xa Muong Xen: Tiem chung cho tre duoi 5 tuoi. Sang thu Bay 20/6", 0), 0u) << body;
    EXPECT_EQ(body, a->sms_text);
    EXPECT_EQ(service->Get(a->id)->sms_queued, 3);

    // Some villages: the commune's subscribers and those villages'.
    auto v2 = service->Post(officer, Valid({{"sms", "1"}, {"villages", "V2"}}));
    ASSERT_TRUE(v2.ok());
    const auto to_v2 = Outbox(v2->id);
    EXPECT_EQ(to_v2.size(), 3u);
    EXPECT_EQ(to_v2.count("0911000003"), 1u);
    EXPECT_EQ(to_v2.count("0911000002"), 1u) << "subscribed to the commune too";
    // The province admin, for the other commune's village: its subscribers only.
    auto far = service->Post(admin, Valid({{"sms", "1"}, {"commune_id", "16870"}, {"villages", "V3"}}));
    ASSERT_TRUE(far.ok());
    EXPECT_EQ(far->sms_queued, 2);
}

TEST_P(Announcements, ALongTextGoesInTwoMessagesCutOnAWord) {
    std::string text;
    while (text.size() < 500) text += "Họp dân bản để bàn việc làm đường. ";
    auto a = service->Post(officer, Valid({{"sms", "1"}, {"text", text}}));
    ASSERT_TRUE(a.ok()) << a.error().detail;
    const auto size = channel::Measure(a->sms_text);
    EXPECT_TRUE(size.gsm7);
    EXPECT_EQ(size.parts, 2);
    EXPECT_EQ(a->sms_text.substr(a->sms_text.size() - 3), "...");
}

TEST_P(Announcements, WithdrawingStopsTheSmsNotYetSent) {
    auto a = service->Post(officer, Valid({{"sms", "1"}}));
    ASSERT_TRUE(a.ok());
    // One already went out.
    ASSERT_TRUE(db->Exec("UPDATE sms_outbox SET status = 'sent' WHERE phone = '0911000001'").ok());
    auto w1 = service->Withdraw(officer, a->id);
    ASSERT_TRUE(w1.ok()) << w1.error().detail;
    EXPECT_EQ(w1->sms_stopped, 2);
    EXPECT_TRUE(Outbox(a->id).empty()) << "nothing left to send";
    EXPECT_EQ(Outbox(a->id, "sent").size(), 1u);
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM sms_outbox WHERE fail_reason LIKE 'stopped:%'")->Int(0), 2);
    auto back = service->Get(a->id);
    EXPECT_EQ(back->withdrawn_at, kNow);
    EXPECT_EQ(back->withdrawn_by, "o1");
    EXPECT_FALSE(back->InForceAt(kNow));
    // Again: nothing more to do.
    auto w2 = service->Withdraw(officer, a->id);
    ASSERT_TRUE(w2.ok());
    EXPECT_EQ(w2->sms_stopped, 0);
}

TEST_P(Announcements, InForceForTheCommuneAndForAVillageNewestFirst) {
    auto whole = service->Post(officer, Valid({{"title", "Cả xã"}}));
    clock.Advance(60);
    auto v1 = service->Post(officer, Valid({{"title", "Bản V1"}, {"villages", "V1"}}));
    clock.Advance(60);
    auto soon = service->Post(officer, Valid({{"title", "Hết hôm nay"}, {"valid_until", "2026-06-12"}}));
    clock.Advance(60);
    auto gone = service->Post(officer, Valid({{"title", "Rút lại"}}));
    auto far = service->Post(admin, Valid({{"title", "Xã khác"}, {"commune_id", "16870"}}));
    ASSERT_TRUE(whole.ok() && v1.ok() && soon.ok() && gone.ok() && far.ok());
    ASSERT_TRUE(service->Withdraw(officer, gone->id).ok());
    auto titles = [&](const std::string& village, int64_t now) {
        std::vector<std::string> out;
        auto list = service->InForce("16813", village, now);
        EXPECT_TRUE(list.ok());
        for (const auto& a : *list) out.push_back(a.title);
        return out;
    };
    using V = std::vector<std::string>;
    EXPECT_EQ(titles("", clock.NowSeconds()), (V{"Hết hôm nay", "Bản V1", "Cả xã"}));
    EXPECT_EQ(titles("V1", clock.NowSeconds()), (V{"Hết hôm nay", "Bản V1", "Cả xã"}));
    EXPECT_EQ(titles("V2", clock.NowSeconds()), (V{"Hết hôm nay", "Cả xã"}));
    // Tomorrow, today's has ended.
    EXPECT_EQ(titles("V2", *board::EndOfVietnamDay("2026-06-12") + 1), (V{"Cả xã"}));
    EXPECT_EQ(titles("V2", *board::EndOfVietnamDay("2026-06-20") + 1), V{});
    // The officers' list: everything of the commune, withdrawn included.
    auto all = service->ListForCommune(officer, "");
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all->size(), 4u);
    EXPECT_EQ(service->ListForCommune(officer, "16870").error().code, ErrorCode::kNotFound);
}

TEST_P(Announcements, TheLoudspeakerScriptIsSignedAndSpoken) {
    auto a = service->Post(officer, Valid({{"villages", "V1"}}));
    ASSERT_TRUE(a.ok());
    auto script = service->Script(*a);
    ASSERT_TRUE(script.ok()) << script.error().detail;
    EXPECT_EQ(script->rfind("Thông báo của UBND xã Mường Xén. Kính gửi bà con ", 0), 0u) << *script;
    EXPECT_NE(script->find("Tiêm chủng cho trẻ dưới năm tuổi."), std::string::npos) << *script;
    EXPECT_NE(script->find("bảy giờ ba mươi phút"), std::string::npos) << *script;
    EXPECT_LE(warnings::SpeakingSeconds(*script), board::kMaxScriptSeconds);
}

INSTANTIATE_TEST_SUITE_P(Engines, Announcements, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
