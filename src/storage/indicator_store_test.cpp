// Indicators over the real store on both engines (docs/indicators.md): hand-built households and
// residents with known answers (a household of children only, an unknown birth year, a moved and
// an erased resident, a corrected and a deleted session, month boundaries in UTC+7, a cohort that
// self-files later), then random writes after which the kept figures equal a full recount, and a
// tampered figure that the check finds.
#include "storage/indicator_store.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "core/calendar.hpp"
#include "storage/test_wiring.hpp"

namespace caunoi::storage {
namespace {

using indicators::Figure;
using indicators::FigureIndex;

constexpr int64_t kNow = 1797310800;        // 2026-12-15 12:00 in Vietnam
constexpr int64_t kOct31Late = 1793465940;  // 2026-10-31 23:59 local: October
constexpr int64_t kNov1Early = 1793467800;  // 2026-11-01 00:30 local: November
constexpr int64_t kJune = 1781060400;       // 2026-06-10
constexpr int64_t kAugustDay = 20670;       // 2026-08-05, a local day number
constexpr int64_t kNovember = 1795143600;   // 2026-11-20

class IndicatorFigures : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        w = std::make_unique<test_db::Wiring>(GetParam(), clock);
        ASSERT_TRUE(w->SeedReferenceData().ok());
        ASSERT_TRUE(test_db::InsertAreas(
                        w->db, {{"V1", "16813", "village", "40/16813/V1"}, {"V2", "16813", "village", "40/16813/V2"}})
                        .ok());
        store = std::make_unique<IndicatorStore>(w->db);
        service = std::make_unique<indicators::IndicatorService>(*store, w->area_store, w->audit, clock);
    }
    void Exec(const std::string& sql, const Params& p = {}) { ASSERT_TRUE(w->db.Exec(sql, p).ok()) << sql; }
    void Household(const std::string& id, const std::string& village, const std::string& broadband = "") {
        Exec(
            "INSERT INTO households (commune_id, id, village_id, area_path, name, name_folded, broadband, consent_by, "
            "consent_at, consent_purposes, created_at, updated_at) VALUES ('16813', ?, ?, ?, ?, ?, ?, 'u', 1, "
            "'registry', 1, 1)",
            {id, village, "40/16813/" + village, id, id, TextOrNull(broadband)});
    }
    // A resident: `facts` = birth year (0: unknown), phone kind, language, vneid, payment, all skills.
    void Resident(const std::string& id, const std::string& household, const std::string& village, int64_t born,
                  const std::string& phone_kind, const std::string& lang = "vi", int vneid = 0, int payment = 0,
                  int skills = 0) {
        Exec(
            "INSERT INTO residents (commune_id, id, household_id, area_path, full_name, name_folded, birth_year, "
            "phone, phone_kind, language, vneid_level, payment_account, skill_public_services, skill_shopping, "
            "skill_payment, skill_safety, skill_local_platforms, consent_by, consent_at, consent_purposes, "
            "created_at, updated_at) VALUES ('16813', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'u', 1, "
            "'registry', 1, 1)",
            {id, household, "40/16813/" + village, id, id, born ? Value{born} : Value{nullptr},
             phone_kind == "none" ? Value{nullptr} : Value{"09" + id}, phone_kind, lang, int64_t{vneid},
             int64_t{payment}, int64_t{skills}, int64_t{skills}, int64_t{skills}, int64_t{skills}, int64_t{skills}});
    }
    // A session as the app writes it (FieldworkStore::InsertSession, which also marks its commune):
    // one line, vneid_account not done for lack of signal, the tip never_share_otp to each person.
    void Session(const std::string& id, const std::string& household, const std::string& village, int64_t at,
                 const std::vector<std::string>& residents, const std::string& corrects = "") {
        fieldwork::SupportSession x;
        x.id = id;
        x.household_id = household;
        x.area_path = "40/16813/" + village;
        x.channel = "home_visit";
        x.minutes = 10;
        x.tip_key = "never_share_otp";
        x.corrects_id = corrects;
        x.recorded_by = "u";
        x.helpers = {"u"};
        x.residents = residents;
        x.lines = {{"vneid_account", "not_done", "no_signal"}};
        x.at = at;
        ASSERT_TRUE(w->fieldwork_store.InsertSession(x).ok()) << id;
    }
    void Dossier(const std::string& id, const std::string& resident, const std::string& village, int64_t day,
                 const std::string& channel) {
        Exec(
            "INSERT INTO dossiers (commune_id, id, resident_id, area_path, procedure_code, portal_code, channel, "
            "submitted_day, due_day, status, created_by, created_at, updated_at) VALUES ('16813', ?, ?, ?, "
            "'birth_linked', ?, ?, ?, ?, 'submitted', 'u', 1, 1)",
            {id, resident, "40/16813/" + village, "P-" + id, channel, day, day + 3});
    }
    FigureIndex Kept(indicators::Month from = 202601) {
        EXPECT_TRUE(service->Refresh().ok());
        auto f = store->InCommune("16813", {from, 202612, {}});
        EXPECT_TRUE(f.ok());
        return FigureIndex(f.value());
    }
    static std::pair<int64_t, int64_t> Of(const Figure& f) { return {f.num, f.den}; }
    using P = std::pair<int64_t, int64_t>;

    FakeClock clock{kNow};
    std::unique_ptr<test_db::Wiring> w;
    std::unique_ptr<IndicatorStore> store;
    std::unique_ptr<indicators::IndicatorService> service;
};

TEST_P(IndicatorFigures, HouseholdsAndResidentsAgainstTheTargets) {
    Household("H1", "V1", "fibre");
    Household("H2", "V1");                                     // nobody recorded yet
    Household("H3", "V2", "mobile");                           // children only
    Resident("A1", "H1", "V1", 1990, "smart", "vi", 2, 1, 2);  // adult, every skill independent
    Resident("K1", "H1", "V1", 2015, "none");
    Resident("K2", "H3", "V2", 2012, "basic", "hmn");  // 14: neither adult nor 15+
    Resident("U1", "H3", "V2", 0, "smart");            // birth year unknown: in no age-based figure
    Resident("E1", "H1", "V1", 1950, "none");          // an elder without a phone
    Resident("M1", "H3", "V2", 2009, "basic", "hmn");  // 17: 15+, not adult
    const auto f = Kept();
    const int m = 202612;
    EXPECT_EQ(Of(f.Get("16813", m, "hh_fibre")), P(1, 3));
    EXPECT_EQ(Of(f.Get("V1", m, "hh_fibre")), P(1, 2));
    EXPECT_EQ(Of(f.Get("16813", m, "hh_net_unasked")), P(1, 3)) << "H2 was not asked";
    EXPECT_EQ(Of(f.Get("16813", m, "hh_skilled")), P(1, 3));
    EXPECT_EQ(Of(f.Get("V2", m, "hh_skilled")), P(0, 1));
    EXPECT_EQ(Of(f.Get("16813", m, "adult_smartphone")), P(1, 2));
    EXPECT_EQ(Of(f.Get("16813", m, "adult_vneid2")), P(1, 2));
    EXPECT_EQ(Of(f.Get("16813", m, "payment_15")), P(1, 3));
    EXPECT_EQ(Of(f.Get("16813", m, "skill.skill_payment.independent")), P(1, 6));
    // Reach counts all but the children known to be under 15 (K1, K2): A1 and U1 read Vietnamese
    // on a smartphone; E1 has no phone, M1 reads Mông and no loudspeaker speaks it, nobody was visited.
    EXPECT_EQ(Of(f.Get("16813", m, "reach")), P(2, 4));
    Exec("INSERT INTO village_loudspeakers (village_id, commune_id, working, updated_at) VALUES ('V2', '16813', 1, 1)");
    Exec("INSERT INTO village_languages (village_id, languages, set_by, set_at) VALUES ('V2', 'hmn', 'u', 1)");
    EXPECT_EQ(Of(Kept().Get("16813", m, "reach")), P(3, 4)) << "M1 hears the loudspeaker in Mông now";
    Session("S1", "H1", "V1", kNovember, {"K1"});
    auto after = Kept();
    EXPECT_EQ(Of(after.Get("16813", m, "reach")), P(4, 4)) << "E1's household was visited in the last 90 days";
    EXPECT_EQ(Of(after.Get("16813", m, "reach.visit")), P(2, 4));
    // The named list: nobody left in V1; in V2 after the loudspeaker went quiet, M1 (not the child K2).
    Actor member{"m", "m", Role::kMember, "40/16813", "", {{"40/16813/V2"}}, ""};
    Exec("UPDATE village_loudspeakers SET working = 0 WHERE village_id = 'V2'");
    auto v2 = w->areas.Get(member, "V2").value();
    auto list = service->Unreached(member, v2).value();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].resident_id, "M1");
    auto v1 = w->areas.Get(Actor{"a", "a", Role::kProvinceAdmin, "40", "", {{"40"}}, ""}, "V1").value();
    EXPECT_FALSE(service->Unreached(member, v1).ok()) << "a village outside the member's scope";
}

TEST_P(IndicatorFigures, EventsByLocalMonthCorrectionsMovesAndErasure) {
    Household("H1", "V1");
    Household("H2", "V2");
    Resident("A1", "H1", "V1", 1980, "basic");
    Resident("B1", "H2", "V2", 1985, "none");
    Session("S1", "H1", "V1", kOct31Late, {"A1"});
    Session("S2", "H1", "V1", kNov1Early, {"A1"});
    Session("S3", "H1", "V1", kNov1Early + 60, {"A1"}, "S2");  // corrects S2: counted once
    auto f = Kept();
    EXPECT_EQ(f.Get("16813", 202610, "sessions").num, 1);
    EXPECT_EQ(f.Get("16813", 202611, "sessions").num, 1);
    EXPECT_EQ(f.Get("V1", 202611, "tips").num, 1);
    EXPECT_EQ(f.Get("16813", 202611, "reason.no_signal").num, 1);
    EXPECT_EQ(f.Get("16813", 202611, "svc.vneid_account.not_done").num, 1);
    EXPECT_EQ(f.Get("V1", 202611, "svc.vneid_account.not_done").num, 0) << "services are counted per commune";
    // A1 moves to H2 in V2: status figures follow them, the sessions stay where they happened.
    Exec("UPDATE residents SET household_id = 'H2', area_path = '40/16813/V2' WHERE id = 'A1'");
    f = Kept();
    EXPECT_EQ(Of(f.Get("V2", 202612, "adult_smartphone")), P(0, 2));
    EXPECT_EQ(Of(f.Get("V1", 202612, "adult_smartphone")), P(0, 0));
    EXPECT_EQ(f.Get("V1", 202610, "sessions").num, 1);
    // B1 is erased; H1 is deleted with its sessions.
    Exec("DELETE FROM residents WHERE id = 'B1'");
    Exec("DELETE FROM households WHERE id = 'H1'");
    f = Kept();
    EXPECT_EQ(Of(f.Get("16813", 202612, "adult_smartphone")), P(0, 1));
    EXPECT_EQ(f.Get("16813", 202610, "sessions").num, 0);
    EXPECT_EQ(f.Get("16813", 202611, "tips").num, 0);
    EXPECT_TRUE(service->Check().value().empty());
}

TEST_P(IndicatorFigures, HabitsDossiersOnlineAndCohortsThatFileAlone) {
    Household("H1", "V1");
    Resident("A1", "H1", "V1", 1980, "smart");
    Resident("B1", "H1", "V1", 1982, "smart");
    Session("S1", "H1", "V1", kJune, {"A1", "B1"});        // both first helped in June
    Dossier("D1", "A1", "V1", 20624, "assisted_online");   // 2026-06-20, with help
    Dossier("D2", "A1", "V1", kAugustDay, "self_online");  // August: alone, within 3 months
    Dossier("D3", "B1", "V1", kAugustDay, "desk");
    auto f = Kept();
    EXPECT_EQ(Of(f.Get("V1", 202606, "dossiers_online")), P(1, 1));
    EXPECT_EQ(Of(f.Get("V1", 202606, "dossiers_self")), P(0, 1));
    EXPECT_EQ(Of(f.Get("16813", 202608, "dossiers_online")), P(1, 2));
    EXPECT_EQ(Of(f.Get("16813", 202608, "dossiers_self")), P(1, 1));
    EXPECT_EQ(Of(f.Get("16813", 202606, "cohort3")), P(1, 2));
    EXPECT_EQ(Of(f.Get("16813", 202606, "cohort6")), P(0, 0)) << "June + 6 months has not closed in December";
}

TEST_P(IndicatorFigures, RandomWritesThenKeptEqualsRecountAndATamperedFigureIsFound) {
    std::mt19937 rng(GetParam() == "sqlite" ? 7 : 11);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const char* villages[] = {"V1", "V2"};
    const char* kinds[] = {"none", "basic", "smart"};
    int households = 0, residents = 0, sessions = 0, dossiers = 0;
    std::map<std::string, std::string> village_of;
    for (int step = 0; step < 60; ++step) {
        const int what = pick(6);
        if (what == 0 || households == 0) {
            const std::string h = "H" + std::to_string(households++);
            village_of[h] = villages[pick(2)];
            Household(h, village_of[h], pick(2) ? "fibre" : "");
        } else if (what == 1 || residents == 0) {
            const std::string h = "H" + std::to_string(pick(households));
            if (!village_of.count(h)) continue;
            const std::string v = village_of[h];
            Resident("R" + std::to_string(residents++), h, v, 1940 + pick(80), kinds[pick(3)], pick(3) ? "vi" : "tai",
                     pick(3), pick(2), pick(3));
        } else if (what == 2) {
            Exec("UPDATE residents SET phone_kind = ?, skill_safety = ? WHERE id = ?",
                 {kinds[pick(3)], int64_t{pick(3)}, "R" + std::to_string(pick(residents))});
        } else if (what == 3) {
            auto r = w->db.Query("SELECT id, household_id, area_path FROM residents ORDER BY id");
            if (!r.ok() || r->empty()) continue;
            const auto& row = (*r)[static_cast<size_t>(pick(static_cast<int>(r->size())))];
            const std::string village = row.Text(2).substr(row.Text(2).rfind('/') + 1);
            Session("S" + std::to_string(sessions++), row.Text(1), village, kNow - pick(300) * 86400, {row.Text(0)});
            if (pick(2))
                Dossier("D" + std::to_string(dossiers++), row.Text(0), village, LocalDayOf(kNow) - pick(300),
                        pick(2) ? "self_online" : "assisted_online");
        } else if (what == 4) {
            Exec("DELETE FROM residents WHERE id = ?", {"R" + std::to_string(pick(residents))});
        } else if (pick(4) == 0) {
            const std::string h = "H" + std::to_string(pick(households));
            Exec("DELETE FROM households WHERE id = ?", {h});
            village_of.erase(h);
        }
        if (pick(5) == 0) {
            ASSERT_TRUE(service->Refresh().ok());
        }
    }
    auto mismatches = service->Check();
    ASSERT_TRUE(mismatches.ok());
    EXPECT_TRUE(mismatches->empty()) << mismatches->size() << " figures differ, e.g. "
                                     << (mismatches->empty() ? "" : mismatches->front().kept.key);
    // A kept figure changed behind the program's back is found.
    Exec(
        "UPDATE indicator_values SET num = num + 1 WHERE commune_id = '16813' AND area_id = '' AND indicator = "
        "'sessions'");
    auto found = service->Check();
    ASSERT_TRUE(found.ok());
    EXPECT_FALSE(found->empty());
}

TEST_P(IndicatorFigures, AWriteMarksItsCommuneAndANewMonthKeepsTheOldStatus) {
    ASSERT_TRUE(service->Refresh().ok());
    EXPECT_TRUE(store->Marked(10).value().empty());
    Household("H1", "V1", "fibre");
    EXPECT_EQ(store->Marked(10).value(), std::vector<std::string>{"16813"});
    EXPECT_EQ(Kept().Get("16813", 202612, "hh_fibre").num, 1);
    // The province's sums are kept between page views, and not past a recount.
    const Actor admin{"a", "a", Role::kProvinceAdmin, "40", "", {{"40"}}, ""};
    const auto province = w->areas.Get(admin, "40").value();
    auto fibre = [&] {
        return FigureIndex(service->ForArea(admin, province, {202612, 202612, {}}).value())
            .Get("40", 202612, "hh_fibre");
    };
    EXPECT_EQ(Of(fibre()), P(1, 1));
    EXPECT_EQ(Of(fibre()), P(1, 1));
    Household("H2", "V1", "fibre");
    ASSERT_TRUE(service->Refresh().ok());
    EXPECT_EQ(Of(fibre()), P(2, 2)) << "recounted since: not the sums of before";
    EXPECT_TRUE(store->Marked(10).value().empty());
    // A row of the province itself (a scam report from a number nobody knows) marks no commune.
    Exec(
        "INSERT INTO scam_reports (commune_id, id, area_path, phone, body, at) VALUES ('', 'S1', '40', '0900', 'x', "
        "1)");
    EXPECT_TRUE(store->Marked(10).value().empty());
    // An upsert's update marks a commune already marked (SQLite: its ABORT must not meet the mark).
    for (const char* langs : {"hmn", "hmn,tai"})
        Exec(
            "INSERT INTO village_languages (village_id, languages, set_by, set_at) VALUES ('V1', ?, 'u', 1) ON "
            "CONFLICT (village_id) DO UPDATE SET languages = excluded.languages",
            {std::string(langs)});
    EXPECT_EQ(store->Marked(10).value(), std::vector<std::string>{"16813"});
    ASSERT_TRUE(service->Refresh().ok());
    clock.Advance(31 * 86400);  // January 2027: every commune counted again, December kept
    Exec("UPDATE households SET broadband = 'none'");
    ASSERT_TRUE(service->Refresh().ok());
    auto f = FigureIndex(store->InCommune("16813", {202612, 202701, {}}).value());
    EXPECT_EQ(f.Get("16813", 202612, "hh_fibre").num, 2);
    EXPECT_EQ(Of(f.Get("16813", 202701, "hh_fibre")), P(0, 2));
}

TEST(IndicatorPeriod, RefusesReversedFutureAndTooLongPeriods) {
    EXPECT_EQ(indicators::MakePeriod("", "", kNow).value().from, 202601);
    EXPECT_EQ(indicators::MakePeriod("2026-03", "2026-05", kNow).value().to, 202605);
    EXPECT_EQ(indicators::MakePeriod("2027-01", "2027-01", kNow).error().field, "to");
    EXPECT_EQ(indicators::MakePeriod("2026-05", "2026-03", kNow).error().field, "from");
    EXPECT_EQ(indicators::MakePeriod("2016-01", "2026-12", kNow).error().title_id,
              "Choose at most 60 months at a time.");
    EXPECT_FALSE(indicators::MakePeriod("2026-13", "", kNow).ok());
    EXPECT_EQ(indicators::MakePeriod("1999-12", "", kNow).error().title_id,
              "Figures begin in January 2000: choose a later month.")
        << "a month, only too early: said so";
    EXPECT_EQ(indicators::MakePeriod("abcd-12", "", kNow).error().title_id, "Choose a month, as 2026-11.");
    EXPECT_FALSE(indicators::MakePeriod("26-1", "", kNow).ok());
    EXPECT_FALSE(indicators::MakePeriod("2026-1'", "", kNow).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, IndicatorFigures, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
