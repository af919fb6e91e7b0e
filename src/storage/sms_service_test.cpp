// The SMS service below HTTP and Kannel, over the real stores on both engines: who gets an
// answer and which, what officers may send and see, and the operator's unicode setting.
#include <gtest/gtest.h>

#include "channel/encoding.hpp"
#include "core/embedded.hpp"
#include "storage/test_wiring.hpp"

using namespace caunoi;

namespace {

constexpr int64_t kNow = 1780000000;
constexpr int64_t SmsService_kWindow = sms::SmsService::kReplyWindow;

class ManualClock : public Clock {
  public:
    int64_t now = kNow;
    int64_t NowSeconds() const override { return now; }
};

class SmsServiceTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        w = std::make_unique<storage::test_db::Wiring>(GetParam(), clock,
                                                       storage::test_db::WiringOptions{.migrated_at = kNow});
        db = &w->db;
        outbox = &w->outbox_store;
        ASSERT_TRUE(storage::test_db::InsertAreas(*db, {{"40", "", "province", "40"},
                                                        {"16813", "40", "commune", "40/16813"},
                                                        {"V1", "16813", "village", "40/16813/V1"},
                                                        {"V2", "16813", "village", "40/16813/V2"}})
                        .ok());
        ASSERT_TRUE(storage::test_db::AddResidents(w->registry_store, kNow,
                                                   {{"H1", "V1", "R1", "0912345678", "registry,notifications"},
                                                    // the same number, written otherwise
                                                    {"H1", "V1", "R3", "+84912345678", "registry,notifications"},
                                                    {"H2", "V2", "R2", "0987654321", "registry,notifications"}})
                        .ok());
        officer.user_id = "o1";
        officer.role = Role::kCommuneOfficer;
        officer.scope.paths = {"40/16813/V1"};
    }
    std::unique_ptr<sms::SmsService> Service(bool unicode = false) {
        return std::make_unique<sms::SmsService>(w->sms_store, w->transactions, w->outbox_store, w->dossier_store,
                                                 w->procedures, w->fieldwork, w->rate_limit_store, w->catalogs_, clock,
                                                 350, unicode);
    }
    std::vector<channel::OutboxMessage> Queued() { return outbox->Claim("t", 100, clock.now + 1000, 1).value(); }

    ManualClock clock;
    std::unique_ptr<storage::test_db::Wiring> w;
    storage::Database* db = nullptr;
    storage::OutboxStore* outbox = nullptr;
    Actor officer;
};

TEST_P(SmsServiceTest, AKnownNumberBelongsToItsVillageAndUnknownOnesToTheProvince) {
    auto svc = Service();
    ASSERT_TRUE(svc->HandleInbound({"+84 912 345 678", "HD", false}).ok());
    ASSERT_TRUE(svc->HandleInbound({"0977000111", "xin chao, toi can giup", false}).ok());
    auto seen = svc->Inbox(officer).value();
    ASSERT_EQ(seen.size(), 1u) << "the officer of V1 sees the V1 resident's message only";
    EXPECT_EQ(seen[0].phone, "0912345678");
    EXPECT_EQ(seen[0].resident_id, "R1");
    EXPECT_EQ(seen[0].command, "help");
    Actor admin = officer;
    admin.role = Role::kProvinceAdmin;
    admin.scope.paths = {"40"};
    EXPECT_EQ(svc->Inbox(admin).value().size(), 2u);
    Actor member = officer;
    member.role = Role::kMember;
    EXPECT_EQ(svc->Inbox(member).error().code, ErrorCode::kNotFound);
    auto q = Queued();
    ASSERT_EQ(q.size(), 2u);
    for (const auto& m : q) {
        EXPECT_EQ(m.kind, "reply");
        EXPECT_EQ(m.priority, channel::kPriorityReply);
        EXPECT_FALSE(m.ucs2);
        EXPECT_TRUE(channel::Measure(m.body).gsm7);
        EXPECT_EQ(m.parts, 1);
    }
}

// A name is not the stop command; HUY alone stops routine messages and warnings and says that
// dossier news goes on; thanks are kept, not answered; a flood is told once to wait.
TEST_P(SmsServiceTest, OnlyTheStopCommandAloneStopsAndTheReplySaysWhat) {
    auto svc = Service();
    auto reply = [&](const char* text) { return svc->HandleInbound({"0912345678", text, false}).value().reply; };
    const std::string huy = reply("Huy đây, chiều nay gọi lại nhé");
    EXPECT_EQ(huy.rfind("Cau Noi:", 0), 0u) << huy;
    EXPECT_NE(huy.find("goi lai"), std::string::npos) << huy;
    EXPECT_NE(huy.find("soan HUY"), std::string::npos) << "and how to stop, since it began with Huy: " << huy;
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM sms_optouts").value().Int(0), 0) << "a name opted the number out";
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM tasks WHERE rule_key = 'sms_call_back'").value().Int(0), 1);
    EXPECT_EQ(reply("cảm ơn"), "") << "a thank-you is kept, not answered";
    const std::string stop = reply("HUY");
    EXPECT_NE(stop.find("HUY HS"), std::string::npos) << stop;
    EXPECT_EQ(db->QueryOne("SELECT all_messages FROM sms_optouts WHERE phone = '0912345678'").value().Int(0), 0);
    for (const auto& text : {"Huy day", "huy nguyen hoi chuyen the bhyt"})
        EXPECT_NE(reply(text).find("HUY"), std::string::npos) << "how to stop, said plainly: " << text;
    // Every reply of the flood window is counted; the sixth message gets "send again in 10
    // minutes" once, the seventh nothing.
    clock.now += SmsService_kWindow;
    auto other = [&](const char* text) { return svc->HandleInbound({"0987654321", text, false}).value().reply; };
    for (int i = 0; i < 5; ++i) EXPECT_FALSE(other("HD").empty());
    EXPECT_NE(other("HD").find("10"), std::string::npos);
    EXPECT_EQ(other("HD"), "");
}

// A number given by residents of two communes: a help request names its commune, or is asked to.
TEST_P(SmsServiceTest, ANumberOfTwoCommunesIsAskedWhichUnlessTheTextSays) {
    ASSERT_TRUE(storage::test_db::InsertAreas(
                    *db, {{"16999", "40", "commune", "40/16999"}, {"W1", "16999", "village", "40/16999/W1"}})
                    .ok());
    ASSERT_TRUE(db->Exec("UPDATE areas SET name = 'Na Ngoi' WHERE id = '16999'").ok());
    ASSERT_TRUE(
        storage::test_db::AddResidents(w->registry_store, kNow, {{"H9", "W1", "R9", "0912345678", "registry"}}, "16999")
            .ok());
    auto svc = Service();
    const std::string asked = svc->HandleInbound({"0912345678", "HOTRO cai VNeID", false}).value().reply;
    EXPECT_NE(asked.find("nhieu xa"), std::string::npos) << asked;
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM tasks").value().Int(0), 0) << "no task in a commune picked at random";
    const std::string done = svc->HandleInbound({"0912345678", "HOTRO cai VNeID, xa Na Ngoi", false}).value().reply;
    EXPECT_EQ(done.rfind("Cau Noi: da ghi nhan yeu cau", 0), 0u) << done;
    EXPECT_EQ(db->QueryOne("SELECT household_id FROM tasks").value().Text(0), "H9");
}

// DK names a village (as people think, in bản) or a commune; a name two villages share asks for
// the commune; the reply promises no warning; officers of the area see the subscription.
TEST_P(SmsServiceTest, DkNamesAVillageOrACommune) {
    ASSERT_TRUE(db->Exec("UPDATE areas SET name = 'Bản Huồi Cọ (mẫu)' WHERE id = 'V1'").ok());
    ASSERT_TRUE(db->Exec("UPDATE areas SET name = 'Bản Na Bè' WHERE id = 'V2'").ok());
    ASSERT_TRUE(db->Exec("UPDATE areas SET name = 'Mường Xén' WHERE id = '16813'").ok());
    ASSERT_TRUE(storage::test_db::InsertAreas(
                    *db, {{"16999", "40", "commune", "40/16999"}, {"W1", "16999", "village", "40/16999/W1"}})
                    .ok());
    ASSERT_TRUE(db->Exec("UPDATE areas SET name = 'Na Ngoi' WHERE id = '16999'").ok());
    ASSERT_TRUE(db->Exec("UPDATE areas SET name = 'Bản Na Bè' WHERE id = 'W1'").ok());
    auto svc = Service();
    auto reply = [&](const char* from, const char* text) {
        return svc->HandleInbound({from, text, false}).value().reply;
    };
    EXPECT_EQ(reply("0977000001", "DK Huoi Co"),
              "Cau Noi: so nay se nhan canh bao cho Ban Huoi Co, xa Muong Xen. Ngung: HUY.");
    EXPECT_NE(reply("0977000002", "dk na be").find("nhieu ban ten Ban Na Be"), std::string::npos);
    EXPECT_NE(reply("0977000002", "DK ban Na Be xa Na Ngoi").find("Ban Na Be, xa Na Ngoi"), std::string::npos);
    EXPECT_NE(reply("0977000003", "DK Muong Xen").find("cho xa Muong Xen"), std::string::npos);
    EXPECT_NE(reply("0977000004", "DK Sao Hoa").find("khong tim thay"), std::string::npos);
    auto subs = svc->Subscriptions(officer, 50).value();  // the officer of V1
    ASSERT_EQ(subs.size(), 1u);
    EXPECT_EQ(subs[0].place, "Bản Huồi Cọ (mẫu)");
    EXPECT_EQ(subs[0].kind, "village");
    Actor admin = officer;
    admin.role = Role::kProvinceAdmin;
    admin.scope.paths = {"40"};
    EXPECT_EQ(svc->Subscriptions(admin, 50).value().size(), 3u);
    Actor member = officer;
    member.role = Role::kMember;
    EXPECT_EQ(svc->Subscriptions(member, 50).error().code, ErrorCode::kNotFound);
}

TEST_P(SmsServiceTest, ManualSendShowsItsCostFirstAndReachesEachNumberOnce) {
    auto svc = Service();
    auto preview = svc->Manual(officer, "H1", "", "Họp thôn tối nay lúc 19 giờ", false).value();
    EXPECT_EQ(preview.text, "Hop thon toi nay luc 19 gio");
    EXPECT_EQ(preview.recipients, 1) << "0912345678 and +84912345678 are one number";
    EXPECT_EQ(preview.parts, 1);
    EXPECT_EQ(preview.cost, 350);
    EXPECT_TRUE(Queued().empty()) << "a preview queues nothing";
    std::string long_text(200, 'a');
    auto two = svc->Manual(officer, "", "V1", long_text, false).value();
    EXPECT_EQ(two.parts, 2);
    EXPECT_EQ(two.cost, 700);
    ASSERT_TRUE(svc->Manual(officer, "H1", "", "Họp thôn", true).ok());
    auto q = Queued();
    ASSERT_EQ(q.size(), 1u);
    EXPECT_EQ(q[0].phone, "0912345678");
    EXPECT_EQ(q[0].kind, "manual");
    // Another village's household is out of this officer's reach: nobody to send to.
    EXPECT_EQ(svc->Manual(officer, "H2", "", "x", false).value().recipients, 0);
    EXPECT_EQ(svc->Manual(officer, "H2", "", "x", true).error().code, ErrorCode::kInvalid);
    EXPECT_EQ(svc->Manual(officer, "", "", "x", false).error().field, "to");
    EXPECT_EQ(svc->Manual(officer, "H1", "", "   ", false).error().field, "text");
    EXPECT_EQ(svc->Manual(officer, "H1", "", std::string(1001, 'a'), false).error().field, "text");
}

TEST_P(SmsServiceTest, UnderTheOperatorsUnicodeSettingMessagesKeepTheirDiacritics) {
    auto svc = Service(true);
    auto preview = svc->Manual(officer, "H1", "", "Họp thôn tối nay", false).value();
    EXPECT_EQ(preview.text, "Họp thôn tối nay");
    ASSERT_TRUE(svc->Manual(officer, "H1", "", "Họp thôn tối nay", true).ok());
    ASSERT_TRUE(svc->HandleInbound({"0912345678", "HUY", false}).ok());
    auto q = Queued();
    ASSERT_EQ(q.size(), 2u);
    for (const auto& m : q) {
        EXPECT_TRUE(m.ucs2) << m.body;
        EXPECT_FALSE(channel::Measure(m.body).gsm7) << m.body;
        EXPECT_EQ(m.parts, channel::Measure(m.body).parts);
    }
}

INSTANTIATE_TEST_SUITE_P(Engines, SmsServiceTest, ::testing::ValuesIn(storage::test_db::Engines()),
                         storage::test_db::EngineName);

}  // namespace
