// Dossier tracking end to end below HTTP: DossierService over the real stores on SQLite.
#include "storage/dossier_store.hpp"

#include <gtest/gtest.h>

#include "channel/encoding.hpp"
#include "core/embedded.hpp"
#include "storage/test_wiring.hpp"

using namespace caunoi;
using namespace caunoi::procedures;

namespace {

Fields F(std::map<std::string, std::string> m) { return Fields(std::move(m)); }

// 2026-02-13 03:00 UTC: Friday before Tết Bính Ngọ, 10:00 in Nghệ An.
constexpr int64_t kNow = 1770951600;

class DossierServiceTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        w = std::make_unique<storage::test_db::Wiring>(GetParam(), clock,
                                                       storage::test_db::WiringOptions{.migrated_at = kNow});
        db = &w->db;
        proc_store = &w->procedure_store;
        service = &w->dossiers;

        std::vector<std::pair<std::string, std::string>> blocks;
        auto shipped = Parse(EmbeddedFile("data/procedures.txt"));
        ASSERT_TRUE(shipped.ok());
        for (const auto& p : *shipped) blocks.emplace_back(p.code, p.source);
        ASSERT_TRUE(proc_store->Seed(blocks).ok());
        ASSERT_TRUE(storage::test_db::InsertAreas(*db, {{"40", "", "province", "40"},
                                                        {"16813", "40", "commune", "40/16813"},
                                                        {"V1", "16813", "village", "40/16813/V1"},
                                                        {"V2", "16813", "village", "40/16813/V2"}})
                        .ok());
        ASSERT_TRUE(storage::test_db::AddResidents(w->registry_store, kNow,
                                                   {{"H1", "V1", "R1", "0912345678", "registry,notifications"},
                                                    {"H2", "V2", "R2", "0987654321", "registry"}})
                        .ok());
        member.user_id = "u1";
        member.role = Role::kMember;
        member.scope.paths = {"40/16813/V1"};
    }

    Fields Filing(const std::string& code = "H42.26-260213-0001") {
        return Fields({{"resident_id", "R1"},
                       {"procedure", "birth_linked"},
                       {"portal_code", code},
                       {"submitted_on", "2026-02-13"},
                       {"channel", "assisted_online"}});
    }
    int64_t Count(const std::string& sql) { return db->QueryOne(sql).value().Int(0); }

    FakeClock clock{kNow};
    std::unique_ptr<storage::test_db::Wiring> w;
    storage::Database* db = nullptr;
    storage::ProcedureStore* proc_store = nullptr;
    DossierService* service = nullptr;
    Actor member;
};

TEST_P(DossierServiceTest, RecordComputesTheDueDateAcrossTetAndQueuesAnSms) {
    auto d = service->Record(member, Filing("h42.26-260213-0001"));
    ASSERT_TRUE(d.ok()) << d.error().detail;
    EXPECT_EQ(d->portal_code, "H42.26-260213-0001");
    EXPECT_EQ(FormatDate(d->due_day), "2026-02-25");  // 3 working days, Tết week skipped
    EXPECT_EQ(d->assisted_by, "u1");
    auto out = service->Outbox(member, d->id, 10).value();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].phone, "0912345678");
    EXPECT_NE(out[0].body.find("H42.26-260213-0001"), std::string::npos);
    EXPECT_NE(out[0].body.find("25/02/2026"), std::string::npos);
    EXPECT_TRUE(channel::Measure(out[0].body).gsm7) << out[0].body;
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE entity = 'dossier' AND action = 'create'"), 1);
}

TEST_P(DossierServiceTest, BadInputChangesNothing) {
    auto bad = [&](Fields f, const char* field) {
        auto r = service->Record(member, f);
        ASSERT_FALSE(r.ok()) << field;
        EXPECT_EQ(r.error().field, field);
    };
    Fields f = Filing();
    f.Set("procedure", "passport");
    bad(f, "procedure");
    f = Filing("ABC");
    bad(f, "portal_code");
    f = Filing("H42 26<script>");
    bad(f, "portal_code");
    f = Filing();
    f.Set("submitted_on", "2026-02-14");  // tomorrow
    bad(f, "submitted_on");
    f = Filing();
    f.Set("submitted_on", "2026-02-30");
    bad(f, "submitted_on");
    f = Filing();
    f.Set("channel", "pigeon");
    bad(f, "channel");
    f = Filing();
    f.Set("resident_id", "R2");  // another village: invisible to this member
    EXPECT_EQ(service->Record(member, f).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM dossiers"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_outbox"), 0);
    ASSERT_TRUE(service->Record(member, Filing()).ok());
    EXPECT_EQ(service->Record(member, Filing()).error().code, ErrorCode::kConflict);  // same portal code
    EXPECT_EQ(Count("SELECT COUNT(*) FROM dossiers"), 1);
}

TEST_P(DossierServiceTest, StatusMachineKeepsHistoryAndRefusesImpossibleMoves) {
    auto d = service->Record(member, Filing()).value();
    auto move = [&](const char* to) { return service->Move(member, d.id, F({{"status", to}})); };
    EXPECT_FALSE(move("result_received").ok());  // not before the result is ready
    EXPECT_FALSE(move("teleported").ok());
    ASSERT_TRUE(move("received").ok());
    ASSERT_TRUE(move("supplement_requested").ok());
    clock.Advance(20 * 86400);  // papers brought back on 2026-03-05 (a Thursday)
    auto re = move("resubmitted");
    ASSERT_TRUE(re.ok());
    EXPECT_EQ(FormatDate(re->due_day), "2026-03-10");  // the time limit restarts
    ASSERT_TRUE(move("result_ready").ok());
    ASSERT_TRUE(move("result_received").ok());
    EXPECT_FALSE(move("withdrawn").ok());  // closed dossiers never move
    auto [got, events] = service->Get(member, d.id).value();
    ASSERT_EQ(events.size(), 6u);
    EXPECT_EQ(events.front().status, DossierStatus::kSubmitted);
    EXPECT_EQ(events.back().status, DossierStatus::kResultReceived);
    EXPECT_EQ(events.back().by, "u1");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_outbox"), 6);
}

TEST_P(DossierServiceTest, NoSmsWithoutConsentToNotifications) {
    Actor officer = member;
    officer.role = Role::kCommuneOfficer;
    officer.scope.paths = {"40/16813"};
    Fields f = Filing();
    f.Set("resident_id", "R2");
    ASSERT_TRUE(service->Record(officer, f).ok());
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_outbox"), 0);
}

TEST_P(DossierServiceTest, OverdueCountsOnlyWhileTheOfficeClockRuns) {
    auto d = service->Record(member, Filing()).value();
    EXPECT_EQ(service->Counts(member).value().overdue, 0);
    clock.Advance(30 * 86400);
    auto c = service->Counts(member).value();
    EXPECT_EQ(c.open, 1);
    EXPECT_EQ(c.overdue, 1);
    DossierQuery overdue;
    overdue.overdue = true;
    EXPECT_EQ(service->List(member, overdue).value().size(), 1u);
    ASSERT_TRUE(service->Move(member, d.id, F({{"status", "supplement_requested"}})).ok());
    EXPECT_EQ(service->Counts(member).value().overdue, 0);  // waiting for the resident, not the office
}

TEST_P(DossierServiceTest, LookupNeedsCodeAndPhoneDigitsAndIsRateLimited) {
    ASSERT_TRUE(service->Record(member, Filing()).ok());
    auto ok = service->Lookup("10.0.0.1", F({{"code", "h42.26-260213-0001"}, {"phone_last4", "5678"}}));
    ASSERT_TRUE(ok.ok()) << ok.error().detail;
    EXPECT_EQ(ok->status, DossierStatus::kSubmitted);
    EXPECT_EQ(FormatDate(ok->due_day), "2026-02-25");
    auto wrong = service->Lookup("10.0.0.1", F({{"code", "H42.26-260213-0001"}, {"phone_last4", "0000"}}));
    auto unknown = service->Lookup("10.0.0.1", F({{"code", "H42.26-260213-9999"}, {"phone_last4", "5678"}}));
    ASSERT_FALSE(wrong.ok());
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(wrong.error().title_id, unknown.error().title_id);  // nothing tells the two apart
    EXPECT_EQ(wrong.error().detail, unknown.error().detail);
    // Per code: after kFailuresPerCode wrong guesses from anywhere, even the right digits wait.
    for (int i = 1; i < DossierService::kFailuresPerCode; ++i)
        (void)service->Lookup("10.0.1." + std::to_string(i),
                              F({{"code", "H42.26-260213-0001"}, {"phone_last4", "1111"}}));
    auto locked = service->Lookup("10.0.2.1", F({{"code", "H42.26-260213-0001"}, {"phone_last4", "5678"}}));
    ASSERT_FALSE(locked.ok());
    EXPECT_EQ(locked.error().code, ErrorCode::kTooManyRequests);
    EXPECT_GT(locked.error().retry_after, 0);
    // Per address: any look-ups beyond the limit wait.
    for (int i = 0; i < DossierService::kLookupsPerAddress; ++i)
        (void)service->Lookup("10.0.3.1", F({{"code", "X00000" + std::to_string(i)}, {"phone_last4", "1234"}}));
    EXPECT_EQ(service->Lookup("10.0.3.1", F({{"code", "XYZ123"}, {"phone_last4", "1234"}})).error().code,
              ErrorCode::kTooManyRequests);
    clock.Advance(DossierService::kLookupWindow);
    EXPECT_TRUE(service->Lookup("10.0.2.1", F({{"code", "H42.26-260213-0001"}, {"phone_last4", "5678"}})).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, DossierServiceTest, ::testing::ValuesIn(storage::test_db::Engines()),
                         storage::test_db::EngineName);

TEST(DossierStatus, Transitions) {
    using enum DossierStatus;
    EXPECT_TRUE(CanMove(kSubmitted, kReceived));
    EXPECT_TRUE(CanMove(kSupplementRequested, kResubmitted));
    EXPECT_TRUE(CanMove(kResultReady, kResultReceived));
    EXPECT_FALSE(CanMove(kSubmitted, kResultReceived));
    EXPECT_FALSE(CanMove(kSubmitted, kResubmitted));
    EXPECT_FALSE(CanMove(kRejected, kReceived));
    EXPECT_FALSE(CanMove(kResultReceived, kResultReady));
    EXPECT_FALSE(CanMove(kWithdrawn, kSubmitted));
    for (const auto& t : kDossierStatusTerms)
        EXPECT_FALSE(CanMove(kDossierStatuses.Parse(t.key).value(), kSubmitted)) << t.key;
    for (auto s : {kResultReceived, kRejected, kWithdrawn}) {
        EXPECT_TRUE(IsClosed(s));
        EXPECT_TRUE(NextStatuses(s).empty());
    }
}

TEST(DossierNotification, UsesTheResidentsLanguageWhenACatalogCarriesIt) {
    i18n::Catalogs c;
    c.Add("vi", i18n::ParsePo(EmbeddedFile("i18n/vi.po")));
    c.Add("hmn", {{"Cau Noi: dossier {code} ({procedure}) is complete.", "Cau Noi: ntaub ntawv {code} tiav lawm."}});
    Procedure p = Parse(EmbeddedFile("data/procedures.txt")).value().front();
    Dossier d;
    d.portal_code = "H42.26-1";
    d.status = DossierStatus::kResultReceived;
    d.language = "hmn";
    EXPECT_EQ(Notification(d, p, c), "Cau Noi: ntaub ntawv H42.26-1 tiav lawm.");
    d.language = "tai";  // no catalog yet: Vietnamese without diacritics
    std::string vi = Notification(d, p, c);
    EXPECT_NE(vi.find("H42.26-1"), std::string::npos);
    EXPECT_TRUE(channel::Measure(vi).gsm7) << vi;
    EXPECT_EQ(vi.find("complete"), std::string::npos) << vi;  // translated, not the English msgid
    d.status = DossierStatus::kProcessing;
    d.language = "hmn";  // no Mông text for this one: Vietnamese
    EXPECT_TRUE(channel::Measure(Notification(d, p, c)).gsm7);
}

TEST(DossierCode, NormalizedAndChecked) {
    EXPECT_EQ(NormalizePortalCode(" h42.26-260213-0001 ").value(), "H42.26-260213-0001");
    EXPECT_FALSE(NormalizePortalCode("ABCDEFG").ok());       // no digit
    EXPECT_FALSE(NormalizePortalCode("H4").ok());            // too short
    EXPECT_FALSE(NormalizePortalCode("H42'; DROP--").ok());  // not allowed characters
    EXPECT_FALSE(NormalizePortalCode(std::string(41, '1')).ok());
}

}  // namespace
