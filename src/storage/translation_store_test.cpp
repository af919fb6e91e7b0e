// Community translations over the real store on both engines: only translators propose, only a
// second translator approves, the approved one is what residents get until the Vietnamese changes,
// a newer approval replaces the older (kept), a .po import is all or nothing, and each step is in
// the audit log.
#include "storage/translation_store.hpp"

#include <gtest/gtest.h>

#include "storage/test_wiring.hpp"

namespace caunoi::storage {
namespace {

using translation::State;
using translation::Text;

constexpr int64_t kNow = 1796100000;  // 2026-12-01

class Translations : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        w = std::make_unique<test_db::Wiring>(GetParam(), clock);
        store = std::make_unique<TranslationStore>(w->db);
        service = std::make_unique<translation::TranslationService>(*store, w->transactions, w->audit, clock,
                                                                    [this] { return texts; });
        ASSERT_TRUE(
            test_db::InsertAreas(w->db, {{"40", "", "province", "40"}, {"16813", "40", "commune", "40/16813"}}).ok());
        for (const auto& [id, name, role] :
             {std::tuple{"a1", "Quản trị tỉnh", Role::kProvinceAdmin}, std::tuple{"m1", "Vừ Thị Mai", Role::kMember},
              std::tuple{"m2", "Thào A Chư", Role::kMember}, std::tuple{"m3", "Lò Văn Hùng", Role::kMember}}) {
            ASSERT_TRUE(
                w->user_store
                    .Insert(test_db::TestUser(id, role, role == Role::kProvinceAdmin ? "40" : "40/16813", "", name))
                    .ok());
        }
        admin = Actor{"a1", "Quản trị tỉnh", Role::kProvinceAdmin, "40", "", {{"40"}}, "10.0.0.1"};
        mai = Actor{"m1", "Vừ Thị Mai", Role::kMember, "40/16813", "", {{"40/16813"}}, "10.0.0.2"};
        chu = Actor{"m2", "Thào A Chư", Role::kMember, "40/16813", "", {{"40/16813"}}, "10.0.0.3"};
        hung = Actor{"m3", "Lò Văn Hùng", Role::kMember, "40/16813", "", {{"40/16813"}}, "10.0.0.4"};
        ASSERT_TRUE(service->SetTranslator(admin, "m1", "hmn", true).ok());
        ASSERT_TRUE(service->SetTranslator(admin, "m2", "hmn", true).ok());
        ASSERT_TRUE(service->SetTranslator(admin, "m3", "tai", true).ok());
    }
    int64_t Count(const std::string& table, const std::string& where = "1 = 1") {
        return w->db.QueryOne("SELECT COUNT(*) FROM " + table + " WHERE " + where).value().Int(0);
    }

    FakeClock clock{kNow};
    std::vector<Text> texts{{"tip.otp", "tips", "", "", "Không bao giờ đọc mã OTP cho ai.", false},
                            {"sms:hi", "sms", "", "", "Cầu Nối: hồ sơ {code}.", true}};
    std::unique_ptr<test_db::Wiring> w;
    std::unique_ptr<TranslationStore> store;
    std::unique_ptr<translation::TranslationService> service;
    Actor admin, mai, chu, hung;
};

TEST_P(Translations, OnlyTheProvinceAdminNamesTranslators) {
    EXPECT_EQ(service->SetTranslator(mai, "m1", "kjg", true).error().code, ErrorCode::kForbidden);
    EXPECT_EQ(service->SetTranslator(admin, "m1", "fr", true).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service->LanguagesOf(mai).value(), std::vector<std::string>{"hmn"});
    ASSERT_TRUE(service->SetTranslator(admin, "m1", "hmn", false).ok());
    EXPECT_TRUE(service->LanguagesOf(mai).value().empty());
    EXPECT_EQ(Count("audit_log", "action = 'translator.grant'"), 3);
    EXPECT_EQ(Count("audit_log", "action = 'translator.revoke'"), 1);
}

TEST_P(Translations, ProposedByOneApprovedByAnotherThenUsed) {
    // Not a translator of Mông: refused.
    EXPECT_EQ(service->Propose(hung, "hmn", "tip.otp", "Tsis txhob qhia OTP.").error().code, ErrorCode::kForbidden);
    EXPECT_EQ(service->Propose(mai, "hmn", "tip.nope", "x").error().code, ErrorCode::kNotFound);
    auto p = service->Propose(mai, "hmn", "tip.otp", " Tsis txhob qhia OTP rau leej twg. ");
    ASSERT_TRUE(p.ok()) << p.error().detail;
    EXPECT_EQ(p->body, "Tsis txhob qhia OTP rau leej twg.");
    EXPECT_FALSE(service->InUse("tip.otp", "hmn", texts[0].vi).value().has_value());  // not before review
    // Its author cannot approve it; nor can a translator of another language.
    EXPECT_EQ(service->Review(mai, p->id, true, "").error().code, ErrorCode::kForbidden);
    EXPECT_EQ(service->Review(hung, p->id, true, "").error().code, ErrorCode::kForbidden);
    auto ok = service->Review(chu, p->id, true, "");
    ASSERT_TRUE(ok.ok()) << ok.error().detail;
    EXPECT_EQ(ok->state, State::kApproved);
    EXPECT_EQ(ok->proposed_by_name, "Vừ Thị Mai");
    EXPECT_EQ(ok->reviewed_by_name, "Thào A Chư");
    EXPECT_EQ(ok->reviewed_at, kNow);
    EXPECT_EQ(service->InUse("tip.otp", "hmn", texts[0].vi).value(), "Tsis txhob qhia OTP rau leej twg.");
    EXPECT_FALSE(service->InUse("tip.otp", "tai", texts[0].vi).value().has_value());
    // Reviewed twice: the second is told.
    EXPECT_EQ(service->Review(chu, p->id, false, "x").error().code, ErrorCode::kConflict);

    // A better one, approved, replaces it; the first is kept as replaced.
    auto p2 = service->Propose(chu, "hmn", "tip.otp", "Txhob qhia tus lej OTP rau leej twg.").value();
    ASSERT_TRUE(service->Review(mai, p2.id, true, "").ok());
    EXPECT_EQ(service->InUse("tip.otp", "hmn", texts[0].vi).value(), "Txhob qhia tus lej OTP rau leej twg.");
    EXPECT_EQ(store->Find(p->id).value().state, State::kReplaced);
    EXPECT_EQ(Count("content_translations", "state = 'approved'"), 1);
    EXPECT_EQ(Count("audit_log", "action = 'translation.approve'"), 2);
}

TEST_P(Translations, SentBackWithAReasonOnly) {
    auto p = service->Propose(mai, "hmn", "sms:hi", "Cau Noi: ntaub ntawv {code}.").value();
    auto no_reason = service->Review(chu, p.id, false, "  ");
    ASSERT_FALSE(no_reason.ok());
    EXPECT_EQ(no_reason.error().field, "note");
    auto back = service->Review(chu, p.id, false, "Sau 'daim ntawv'");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->state, State::kRejected);
    EXPECT_EQ(back->note, "Sau 'daim ntawv'");
    EXPECT_FALSE(service->InUse("sms:hi", "hmn", texts[1].vi).value().has_value());
    // GSM-7 is checked before anything is stored.
    EXPECT_EQ(service->Propose(mai, "hmn", "sms:hi", "Cầu Nối {code}").error().field, "body");
    EXPECT_EQ(Count("content_translations"), 1);
}

TEST_P(Translations, ChangedVietnameseRetiresTheTranslation) {
    auto p = service->Propose(mai, "hmn", "tip.otp", "Tsis txhob qhia OTP.").value();
    auto waiting = service->Propose(mai, "hmn", "sms:hi", "Cau Noi: {code}.").value();
    ASSERT_TRUE(service->Review(chu, p.id, true, "").ok());
    texts[0].vi = "Không bao giờ đọc mã OTP cho bất kỳ ai.";
    texts[1].vi = "Cầu Nối: hồ sơ của bạn {code}.";
    EXPECT_FALSE(service->InUse("tip.otp", "hmn", texts[0].vi).value().has_value());
    auto overview = service->Overview("hmn").value();
    ASSERT_EQ(overview.size(), 2u);
    EXPECT_TRUE(overview[0].outdated);
    EXPECT_TRUE(overview[1].proposals.empty());  // made from the old Vietnamese: not offered for review
    auto late = service->Review(chu, waiting.id, true, "");
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, ErrorCode::kConflict);
    // The export marks it fuzzy, with the new Vietnamese to translate.
    const std::string po = service->Export("hmn").value();
    EXPECT_NE(po.find("#, fuzzy\nmsgctxt \"tip.otp\"\nmsgid \"Không bao giờ đọc mã OTP cho bất kỳ ai.\"\nmsgstr "
                      "\"Tsis txhob qhia OTP.\""),
              std::string::npos)
        << po;
}

TEST_P(Translations, PoImportIsAllOrNothing) {
    const std::string good = "msgid \"\"\nmsgstr \"Language: hmn\\n\"\n\nmsgctxt \"tip.otp\"\nmsgid \"" + texts[0].vi +
                             "\"\nmsgstr \"Tsis txhob qhia OTP.\"\n";
    const std::string bad = good + "\nmsgctxt \"sms:hi\"\nmsgid \"" + texts[1].vi + "\"\nmsgstr \"<b>{code}</b>\"\n";
    EXPECT_EQ(service->Import(hung, "hmn", good).error().code, ErrorCode::kForbidden);
    auto refused = service->Import(mai, "hmn", bad);
    ASSERT_TRUE(refused.ok());
    ASSERT_EQ(refused->problems.size(), 1u);
    EXPECT_EQ(refused->problems[0].line, 8);
    EXPECT_EQ(Count("content_translations"), 0);  // the good entry was not stored either
    auto done = service->Import(mai, "hmn", good);
    ASSERT_TRUE(done.ok());
    EXPECT_TRUE(done->problems.empty());
    EXPECT_EQ(done->proposals.size(), 1u);
    EXPECT_EQ(done->untranslated, 0);
    EXPECT_EQ(Count("content_translations", "state = 'proposed' AND proposed_by = 'm1'"), 1);
    // The same file again adds nothing; a second translator still reviews it.
    EXPECT_EQ(service->Import(mai, "hmn", good).value().unchanged, 1);
    EXPECT_EQ(Count("content_translations"), 1);
    EXPECT_EQ(Count("audit_log", "action = 'translation.import'"), 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, Translations, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
