// Training sessions over the real store on both engines (issue 19): planning (the crop calendar's
// concerns first, double booking refused, nothing in the past), invitations (queued once, with the
// reminder the evening before, a household without a phone to visit), cancelling (stops what is
// still queued), attendance (only residents of the session's area), practical checks (only modules
// taught there; they move the skill in the skill history, never down) and progress.
#include "storage/training_store.hpp"

#include <gtest/gtest.h>

#include "core/calendar.hpp"
#include "core/embedded.hpp"
#include "storage/test_wiring.hpp"
#include "storage/testing.hpp"

namespace caunoi::storage {
namespace {

// 2026-12-01 09:00 in Vietnam (a Tuesday).
constexpr int64_t kNow = 1796090400;

Fields F(std::map<std::string, std::string> m) { return Fields(std::move(m)); }

class Training : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        w = std::make_unique<test_db::Wiring>(GetParam(), clock);
        db = &w->db;
        store = std::make_unique<TrainingStore>(*db, w->registry_store);
        board::CropCalendar cal;
        board::CropRow rice{"rice", {}};
        rice.months[8] = board::Stage::kHarvest;  // September
        cal.rows = {rice};
        cal.markets = {{"Chợ phiên", 0}};  // Sundays
        service = std::make_unique<training::TrainingService>(
            *store, w->transactions, w->audit, clock,
            [] { return training::ParseCurriculum(EmbeddedFile("data/curriculum.txt")).value(); },
            [cal](const std::string&) -> Result<board::CropCalendar> { return cal; }, training::Holidays{},
            [this](const std::string& lang, const char* id) {
                return w->catalogs_.Has(lang) ? w->catalogs_.Translate(lang, id) : std::string(id);
            },
            false);
        ASSERT_TRUE(test_db::InsertAreas(*db, {{"40", "", "province", "40"},
                                               {"16813", "40", "commune", "40/16813"},
                                               {"V1", "16813", "village", "40/16813/V1"},
                                               {"V2", "16813", "village", "40/16813/V2"}})
                        .ok());
        ASSERT_TRUE(db->Exec("UPDATE areas SET name = 'Mường Xén' WHERE id = '16813'").ok());
        for (const char* id : {"u1", "u2", "u9"})
            ASSERT_TRUE(db->Exec("INSERT INTO users (id, username, display_name, role, area_path, password_hash, "
                                 "created_at) VALUES (?, ?, ?, 'member', ?, 'x', 0)",
                                 {id, id, std::string("Người ") + id, std::string(id) == "u9" ? "40/16870" : "40/16813"})
                            .ok());
        // H1: two people, R1 with a phone who agreed to notifications; H2: nobody reachable; H3 in V2.
        ASSERT_TRUE(test_db::AddResidents(w->registry_store, kNow,
                                          {{"H1", "V1", "R1", "0912345678", "registry,notifications"},
                                           {"H1", "V1", "R2", "", "registry,notifications"},
                                           {"H2", "V1", "R3", "", "registry"},
                                           {"H3", "V2", "R4", "0987654321", "registry,notifications"}})
                        .ok());
        leader.user_id = "u1";
        leader.role = Role::kTeamLeader;
        leader.area_path = "40/16813";
        leader.scope.paths = {"40/16813/V1"};
    }
    Fields Plan(std::map<std::string, std::string> extra = {}) {
        std::map<std::string, std::string> f = {{"village_id", "V1"},    {"modules", "vneid_account"},
                                                {"trainers", "u1"},      {"place", "Nhà văn hoá"},
                                                {"date", "2026-12-08"},  // a Tuesday in a quiet month
                                                {"time", "08:00"},       {"capacity", "20"}};
        for (auto& [k, v] : extra) f[k] = v;
        return Fields(f);
    }
    training::Session Planned(std::map<std::string, std::string> extra = {}) {
        auto p = service->Plan(leader, Plan(std::move(extra)));
        EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().detail);
        EXPECT_TRUE(p.ok() && p->session);
        return *p->session;
    }
    int64_t Count(const std::string& sql, const Params& p = {}) { return db->QueryOne(sql, p).value().Int(0); }

    FakeClock clock{kNow};
    std::unique_ptr<test_db::Wiring> w;
    Database* db = nullptr;
    std::unique_ptr<TrainingStore> store;
    std::unique_ptr<training::TrainingService> service;
    Actor leader;
};

TEST_P(Training, AConcernIsShownFirstWithBetterTimesAndNothingIsStoredUntilAccepted) {
    // Sunday 2027-09-12 at 17:00: the rice harvest, the market, the evening rush.
    auto p = service->Plan(leader, Plan({{"date", "2027-09-12"}, {"time", "17:00"}}));
    ASSERT_TRUE(p.ok()) << p.error().detail;
    EXPECT_FALSE(p->session);
    ASSERT_EQ(p->concerns.size(), 3u);
    EXPECT_EQ(p->suggestions.size(), 3u);
    for (const auto& s : p->suggestions) EXPECT_EQ(FormatDate(s.day).substr(5, 2), "08") << "before the harvest month";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM training_sessions"), 0);
    auto kept = service->Plan(leader, Plan({{"date", "2027-09-12"}, {"time", "17:00"}, {"accept", "1"}}));
    ASSERT_TRUE(kept.ok() && kept->session);
    EXPECT_EQ(kept->session->accepted, "peak,market,evening");
}

TEST_P(Training, RefusesThePastStrangersAndDoubleBookingNamingTheField) {
    auto field = [&](std::map<std::string, std::string> extra) {
        auto p = service->Plan(leader, Plan(std::move(extra)));
        return p.ok() ? std::string("ok") : p.error().field;
    };
    EXPECT_EQ(field({{"date", "2026-11-30"}}), "date");
    EXPECT_EQ(field({{"time", "8h"}}), "time");
    EXPECT_EQ(field({{"modules", "fishing"}}), "modules");
    EXPECT_EQ(field({{"trainers", "u9"}}), "trainers") << "a user of another commune";
    auto out_of_scope = service->Plan(leader, Plan({{"village_id", "V2"}}));
    ASSERT_FALSE(out_of_scope.ok());
    EXPECT_EQ(out_of_scope.error().code, ErrorCode::kNotFound);
    Planned();
    // The same trainer an hour later, overlapping; the same place with another trainer.
    auto twice = service->Plan(leader, Plan({{"time", "08:30"}, {"place", "Nhà khác"}}));
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
    EXPECT_EQ(twice.error().field, "trainers");
    auto place = service->Plan(leader, Plan({{"time", "08:30"}, {"trainers", "u2"}, {"place", " nhà VĂN hoá "}}));
    ASSERT_FALSE(place.ok());
    EXPECT_EQ(place.error().field, "place");
    EXPECT_EQ(field({{"time", "09:00"}, {"trainers", "u2"}, {"place", "Nhà văn hoá"}}), "ok") << "after it ended";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM training_sessions"), 2);
}

TEST_P(Training, InvitationsAreQueuedOnceWithTheReminderAndTheOthersAreToVisit) {
    // R1 reads Mông: no catalog for it yet, so Vietnamese without diacritics (GSM-7).
    ASSERT_TRUE(db->Exec("UPDATE residents SET language = 'hmn' WHERE id = 'R1'").ok());
    auto s = Planned();
    auto first = service->Invite(leader, s.id, Fields());
    ASSERT_TRUE(first.ok()) << first.error().detail;
    EXPECT_EQ(first->sms, 1);    // H1 through R1
    EXPECT_EQ(first->visit, 1);  // H2: nobody agreed to messages
    ASSERT_EQ(first->to_visit.size(), 1u);
    EXPECT_EQ(first->to_visit[0].household_id, "H2");
    auto rows = db->Query("SELECT id, phone, body, next_attempt_at, kind FROM sms_outbox WHERE training_id = ? ORDER "
                          "BY next_attempt_at",
                          {s.id});
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 2u);
    EXPECT_EQ((*rows)[0].Text(1), "0912345678");
    EXPECT_EQ((*rows)[0].Int(3), 0) << "the invitation goes now";
    EXPECT_NE((*rows)[0].Text(2).find("08/12"), std::string::npos) << (*rows)[0].Text(2);
    EXPECT_EQ((*rows)[0].Text(2).rfind("Cau Noi: lop ky nang so ngay 08/12 luc 08h00 tai Nha van hoa.", 0), 0u)
        << (*rows)[0].Text(2);
    EXPECT_EQ((*rows)[1].Int(3), training::LocalEpoch(*ParseDate("2026-12-07"), 17 * 60)) << "the evening before";
    EXPECT_EQ((*rows)[1].Text(4), "training");
    // Again: nobody is texted twice.
    auto again = service->Invite(leader, s.id, Fields());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->sms, 0);
    EXPECT_EQ(again->already, 2);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_outbox WHERE training_id = ?", {s.id}), 2);
    // A household of another village is refused, and nothing of that call stays.
    auto foreign = service->Invite(leader, s.id, F({{"households", "H3"}}));
    ASSERT_FALSE(foreign.ok());
    EXPECT_EQ(foreign.error().field, "households");
    // Cancelling stops both messages.
    auto stopped = service->Cancel(leader, s.id);
    ASSERT_TRUE(stopped.ok());
    EXPECT_EQ(*stopped, 2);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_outbox WHERE training_id = ? AND status = 'queued'", {s.id}), 0);
}

TEST_P(Training, AttendanceAndChecksMoveSkillsInTheSameHistoryNeverDown) {
    auto s = Planned({{"modules", "vneid_account,scam_safety"}});
    ASSERT_TRUE(service->Invite(leader, s.id, Fields()).ok());
    const int64_t before = s.starts_at - 2 * 3600, during = s.starts_at + 600;
    auto early = service->MarkPresent(leader, s.id, F({{"resident_id", "R1"}, {"present", "1"}}), before);
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().field, "session_id");
    clock.Advance(s.starts_at - kNow + 600);
    ASSERT_TRUE(service->MarkPresent(leader, s.id, F({{"resident_id", "R1"}, {"present", "1"}}), during).ok());
    ASSERT_TRUE(service->MarkPresent(leader, s.id, F({{"resident_id", "R1"}, {"present", "1"}}), during).ok())
        << "the same tick again changes nothing";
    auto outsider = service->MarkPresent(leader, s.id, F({{"resident_id", "R4"}}), during);
    ASSERT_FALSE(outsider.ok());
    EXPECT_EQ(outsider.error().field, "resident_id");
    // A check: a module not taught there, a person not ticked, then all tasks with help.
    Fields with_help = F({{"resident_id", "R1"}, {"module", "vneid_account"}, {"item_1", "1"}, {"item_2", "2"},
                      {"item_3", "1"}, {"item_4", "2"}});
    Fields other = with_help;
    other.Set("module", "portal_filing");
    auto not_taught = service->Check(leader, s.id, other, during);
    ASSERT_FALSE(not_taught.ok());
    EXPECT_EQ(not_taught.error().field, "module");
    Fields absent = with_help;
    absent.Set("resident_id", "R2");
    EXPECT_EQ(service->Check(leader, s.id, absent, during).error().field, "resident_id");
    auto r = service->Check(leader, s.id, with_help, during);
    ASSERT_TRUE(r.ok()) << r.error().detail;
    EXPECT_EQ(r->from, 0);
    EXPECT_EQ(r->to, 1);
    auto resident = w->registry_store.FindResident(Scope{{"40"}}, "R1");
    ASSERT_TRUE(resident.ok());
    EXPECT_EQ(resident->skills[0], 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM skill_events WHERE resident_id = 'R1' AND training_id = ? AND to_level = 1",
                    {s.id}),
              1);
    // A worse result later never lowers the level; a missing item is refused.
    Fields worse = F({{"resident_id", "R1"}, {"module", "vneid_account"}, {"item_1", "0"}, {"item_2", "0"},
                  {"item_3", "0"}, {"item_4", "0"}});
    auto w2 = service->Check(leader, s.id, worse, during);
    ASSERT_TRUE(w2.ok());
    EXPECT_EQ(w2->to, 1);
    Fields missing = with_help;
    missing.Set("item_4", "");
    EXPECT_EQ(service->Check(leader, s.id, missing, during).error().field, "item_4");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM skill_events WHERE resident_id = 'R1'"), 1);
    // The list: R1 present with the check, R2 invited (same household), not present.
    auto list = service->Attendance(leader, s.id);
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), 3u);  // H1's two people and H2's one (invited by visit)
    for (const auto& a : *list) {
        EXPECT_EQ(a.present, a.resident_id == "R1") << a.resident_id;
        if (a.resident_id == "R1") {
            EXPECT_EQ(a.checks.at("vneid_account"), (std::vector<int>{0, 0, 0, 0}));
        }
    }
}

TEST_P(Training, ProgressCountsTheTargetAndListsHouseholdsNeverReached) {
    auto p0 = service->ProgressOf(leader, "40/16813/V1");
    ASSERT_TRUE(p0.ok()) << p0.error().detail;
    EXPECT_EQ(p0->households, 2);
    EXPECT_EQ(p0->households_all_five, 0);
    EXPECT_EQ(p0->unreached.size(), 2u);
    EXPECT_FALSE(service->ProgressOf(leader, "40/16813/V2").ok()) << "outside the leader's scope";
    // R1 already independent in four skills; a check makes the fifth.
    auto r1 = w->registry_store.FindResident(Scope{{"40"}}, "R1").value();
    r1.skills = {0, 2, 2, 2, 2};
    ASSERT_TRUE(w->registry_store.UpdateResident(r1).ok());
    auto s = Planned();
    clock.Advance(s.starts_at - kNow);
    ASSERT_TRUE(service->MarkPresent(leader, s.id, F({{"resident_id", "R1"}}), s.starts_at).ok());
    Fields alone = F({{"resident_id", "R1"}, {"module", "vneid_account"}, {"item_1", "2"}, {"item_2", "2"},
                  {"item_3", "2"}, {"item_4", "2"}});
    ASSERT_TRUE(service->Check(leader, s.id, alone, s.starts_at).ok());
    auto p = service->ProgressOf(leader, "40/16813/V1");
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->households_all_five, 1);
    EXPECT_EQ(p->sessions_held, 1);
    EXPECT_EQ(p->attendance, 1);
    EXPECT_EQ(p->checks, 1);
    EXPECT_EQ(p->levels[0][2], 1);
    ASSERT_EQ(p->unreached.size(), 1u);
    EXPECT_EQ(p->unreached[0].household_id, "H2");
}

INSTANTIATE_TEST_SUITE_P(Engines, Training, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
