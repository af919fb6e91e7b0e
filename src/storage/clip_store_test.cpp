// Voice clips over the real store on both engines: an upload in pieces (in order, a piece sent
// again changes nothing, a gap says where to resume), the clip kept once with its files, reviewed
// by someone who may (a translator of the language; for Vietnamese a team leader), never its
// recorder, and heard by residents only once approved and while its text is unchanged.
#include "storage/clip_store.hpp"

#include <gtest/gtest.h>

#include "storage/test_wiring.hpp"
#include "storage/translation_store.hpp"

namespace caunoi::storage {
namespace {

using translation::State;

constexpr int64_t kNow = 1796100000;

class Clips : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        w = std::make_unique<test_db::Wiring>(GetParam(), clock);
        translations = std::make_unique<TranslationStore>(w->db);
        store = std::make_unique<ClipStore>(w->db);
        auto catalogue = [this] { return Result<std::vector<translation::Text>>(texts); };
        words = std::make_unique<translation::TranslationService>(*translations, w->transactions, w->audit, clock,
                                                                  catalogue);
        clips = std::make_unique<translation::ClipService>(*store, *translations, w->transactions, w->audit, clock,
                                                           catalogue);
        ASSERT_TRUE(
            test_db::InsertAreas(w->db, {{"40", "", "province", "40"}, {"16813", "40", "commune", "40/16813"}}).ok());
        for (const auto& [id, role] : {std::pair{"a1", Role::kProvinceAdmin}, std::pair{"m1", Role::kMember},
                                       std::pair{"m2", Role::kMember}, std::pair{"l1", Role::kTeamLeader}})
            ASSERT_TRUE(w->user_store.Insert(test_db::TestUser(id, role, "40/16813", "", id)).ok());
        admin = Actor{"a1", "a1", Role::kProvinceAdmin, "40", "", {{"40"}}, ""};
        m1 = Actor{"m1", "m1", Role::kMember, "40/16813", "", {{"40/16813"}}, ""};
        m2 = Actor{"m2", "m2", Role::kMember, "40/16813", "", {{"40/16813"}}, ""};
        l1 = Actor{"l1", "l1", Role::kTeamLeader, "40/16813", "", {{"40/16813"}}, ""};
        ASSERT_TRUE(words->SetTranslator(admin, "m2", "hmn", true).ok());
    }
    // A whole upload of `bytes` by `a`, in two pieces; the clip made of it (the files stand in for
    // the pipeline's, tested in audio/).
    translation::VoiceClip Record(const Actor& a, const std::string& id, const std::string& lang) {
        const std::string bytes = "RIFF....WAVEdata";
        EXPECT_TRUE(clips->AddPiece(a, id, "tip.otp", lang, 0, 16, bytes.substr(0, 8), 1000).ok());
        auto whole = clips->AddPiece(a, id, "tip.otp", lang, 8, 16, bytes.substr(8), 1000);
        EXPECT_TRUE(whole.ok());
        EXPECT_EQ(whole->received, 16);
        EXPECT_EQ(clips->Assemble(id).value(), bytes);
        return clips->Keep(a, *whole, 3.5, -23, "OggS-opus", "ID3-mp3").value();
    }
    int64_t Count(const std::string& table) { return w->db.QueryOne("SELECT COUNT(*) FROM " + table).value().Int(0); }

    FakeClock clock{kNow};
    std::vector<translation::Text> texts{{"tip.otp", "tips", "", "", "Không bao giờ đọc mã OTP cho ai.", false}};
    std::unique_ptr<test_db::Wiring> w;
    std::unique_ptr<TranslationStore> translations;
    std::unique_ptr<ClipStore> store;
    std::unique_ptr<translation::TranslationService> words;
    std::unique_ptr<translation::ClipService> clips;
    Actor admin, m1, m2, l1;
};

TEST_P(Clips, UploadInPiecesResumesAndIsMadeOnce) {
    const std::string id = "01JD0000000000000000000C01";
    EXPECT_EQ(clips->AddPiece(m1, id, "tip.nope", "hmn", 0, 10, "0123456789", 1000).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(clips->AddPiece(m1, id, "tip.otp", "en", 0, 10, "0123456789", 1000).error().field, "lang");
    EXPECT_EQ(clips->AddPiece(m1, id, "tip.otp", "hmn", 0, 2000, "0123456789", 1000).error().code,
              ErrorCode::kPayloadTooLarge);
    ASSERT_TRUE(clips->AddPiece(m1, id, "tip.otp", "hmn", 0, 10, "01234", 1000).ok());
    // The same piece again (its answer was lost): nothing added.
    EXPECT_EQ(clips->AddPiece(m1, id, "tip.otp", "hmn", 0, 10, "01234", 1000).value().received, 5);
    // A gap: told where to resume.
    auto gap = clips->AddPiece(m1, id, "tip.otp", "hmn", 7, 10, "789", 1000);
    ASSERT_FALSE(gap.ok());
    EXPECT_EQ(gap.error().detail, "resume at 5");
    // The same id for another text is another upload: refused.
    EXPECT_EQ(clips->AddPiece(m1, id, "tip.otp", "tai", 5, 10, "56789", 1000).error().code, ErrorCode::kConflict);
    auto whole = clips->AddPiece(m1, id, "tip.otp", "hmn", 5, 10, "56789", 1000).value();
    EXPECT_EQ(clips->Assemble(id).value(), "0123456789");
    auto c = clips->Keep(m1, whole, 2, -30, "opus", "mp3");
    ASSERT_TRUE(c.ok()) << c.error().detail;
    EXPECT_EQ(c->state, State::kProposed);
    EXPECT_EQ(c->source, texts[0].vi);
    EXPECT_EQ(Count("clip_upload_parts"), 0);  // the pieces went with it
    EXPECT_EQ(Count("clip_uploads"), 0);
    // Kept again by a second request for the same upload: still one clip, one audit row.
    EXPECT_TRUE(clips->Keep(m1, whole, 2, -30, "opus", "mp3").ok());
    EXPECT_EQ(Count("voice_clips"), 1);
    EXPECT_EQ(w->db.QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'clip.record'").value().Int(0), 1);
}

TEST_P(Clips, OnlyAnotherWhoMayReviewApprovesAndOnlyThenResidentsHearIt) {
    auto c = Record(m1, "01JD0000000000000000000C02", "hmn");
    EXPECT_FALSE(clips->InUse("tip.otp", "hmn", texts[0].vi).value().has_value());
    // Unapproved: no file for the public, the file for a member reviewing.
    EXPECT_EQ(clips->File(c.id, "opus", false).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(clips->File(c.id, "opus", true).value(), "OggS-opus");
    EXPECT_EQ(clips->Review(m1, c.id, true, "").error().code, ErrorCode::kForbidden);  // not a translator
    EXPECT_EQ(clips->Review(l1, c.id, true, "").error().code, ErrorCode::kForbidden);  // not of Mông
    ASSERT_TRUE(words->SetTranslator(admin, "m1", "hmn", true).ok());
    EXPECT_EQ(clips->Review(m1, c.id, true, "").error().code, ErrorCode::kForbidden);  // its own recording
    EXPECT_EQ(clips->Review(m2, c.id, false, " ").error().field, "note");
    auto ok = clips->Review(m2, c.id, true, "");
    ASSERT_TRUE(ok.ok()) << ok.error().detail;
    EXPECT_EQ(ok->state, State::kApproved);
    EXPECT_EQ(clips->InUse("tip.otp", "hmn", texts[0].vi).value()->id, c.id);
    EXPECT_EQ(clips->File(c.id, "mp3", false).value(), "ID3-mp3");
    EXPECT_EQ(clips->File(c.id, "wav", false).error().code, ErrorCode::kNotFound);
    // A newer one approved replaces it; the Vietnamese changing retires it.
    auto c2 = Record(m1, "01JD0000000000000000000C03", "hmn");
    ASSERT_TRUE(clips->Review(m2, c2.id, true, "").ok());
    EXPECT_EQ(store->Find(c.id).value().state, State::kReplaced);
    EXPECT_EQ(clips->File(c.id, "opus", true).error().code, ErrorCode::kNotFound);  // replaced: nobody's
    texts[0].vi = "Không bao giờ đọc mã OTP cho bất kỳ ai.";
    EXPECT_FALSE(clips->InUse("tip.otp", "hmn", texts[0].vi).value().has_value());
    auto c3 = Record(m2, "01JD0000000000000000000C04", "hmn");
    EXPECT_EQ(c3.source, texts[0].vi);
}

TEST_P(Clips, VietnameseRecordingsAreReviewedByTeamLeaders) {
    auto c = Record(m1, "01JD0000000000000000000C05", "vi");
    EXPECT_EQ(clips->Review(m2, c.id, true, "").error().code, ErrorCode::kForbidden);
    auto back = clips->Review(l1, c.id, false, "Đọc chậm hơn");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->state, State::kRejected);
    EXPECT_EQ(back->note, "Đọc chậm hơn");
    EXPECT_EQ(clips->Review(l1, c.id, true, "").error().code, ErrorCode::kConflict);
}

TEST_P(Clips, AMemberHasAFewRecordingsOnTheirWayAndGivenUpOnesGo) {
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(
            clips->AddPiece(m1, "01JD00000000000000000000U" + std::to_string(i), "tip.otp", "hmn", 0, 10, "01234", 1000)
                .ok());
    auto fourth = clips->AddPiece(m1, "01JD00000000000000000000U3", "tip.otp", "hmn", 0, 10, "01234", 1000);
    ASSERT_FALSE(fourth.ok());
    EXPECT_EQ(fourth.error().code, ErrorCode::kTooManyRequests);
    // Another member is not held up; the same uploads go on.
    EXPECT_TRUE(clips->AddPiece(m2, "01JD00000000000000000000U4", "tip.otp", "hmn", 0, 10, "01234", 1000).ok());
    EXPECT_EQ(clips->AddPiece(m1, "01JD00000000000000000000U0", "tip.otp", "hmn", 5, 10, "56789", 1000)->received, 10);
    // A day later the ones given up are dropped, pieces and all.
    clock.Advance(translation::ClipService::kUploadSeconds + 1);
    EXPECT_TRUE(clips->AddPiece(m1, "01JD00000000000000000000U3", "tip.otp", "hmn", 0, 10, "01234", 1000).ok());
    EXPECT_EQ(w->db.QueryOne("SELECT COUNT(*) FROM clip_uploads WHERE created_by = 'm1'").value().Int(0), 1);
    EXPECT_EQ(
        w->db.QueryOne("SELECT COUNT(*) FROM clip_upload_parts WHERE upload_id LIKE '%U0' OR upload_id LIKE '%U1'")
            .value()
            .Int(0),
        0);
}

INSTANTIATE_TEST_SUITE_P(Engines, Clips, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
