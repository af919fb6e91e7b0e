// Warnings reaching people, over the real stores on both engines: one message per number whoever
// it belongs to, only staff for an exercise, nobody who asked for none, a Cancel stopping what is
// still queued and correcting what was sent, operators' DA DOC, and what officers may compose.
#include <gtest/gtest.h>

#include <set>

#include "core/text.hpp"
#include "storage/test_wiring.hpp"
#include "warnings/test_parts.hpp"
#include "warnings/warning_sms.hpp"

namespace caunoi::storage {
namespace {

namespace test_parts = warnings::test_parts;

class WarningFanout : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        w = std::make_unique<test_db::Wiring>(GetParam(), clock);
        db = &w->db;
        service = &w->alerts;
        ASSERT_TRUE(test_db::InsertAreas(*db, {{"40", "", "province", "40"},
                                               {"16813", "40", "commune", "40/16813"},
                                               {"16870", "40", "commune", "40/16870"},
                                               {"17000", "40", "commune", "40/17000"},
                                               {"V1", "16813", "village", "40/16813/V1"},
                                               {"V2", "16813", "village", "40/16813/V2"},
                                               {"V3", "16870", "village", "40/16870/V3"},
                                               {"V9", "17000", "village", "40/17000/V9"}})
                        .ok());
        ASSERT_TRUE(test_db::AddResidents(w->registry_store, 1,
                                          {{"H1", "V1", "R1", "0912345678", "registry,notifications"},
                                           {"H1", "V1", "R3", "+84912345678", "registry,notifications"},  // the same
                                           {"H2", "V2", "R2", "0987654321", "registry,notifications"},
                                           {"H4", "V1", "R4", "0911111111", "registry"}})  // no notifications
                        .ok());
        ASSERT_TRUE(
            test_db::AddResidents(w->registry_store, 1, {{"H9", "V9", "R9", "0919999999", "notifications"}}, "17000")
                .ok());
        for (const auto& [sql, params] : std::vector<std::pair<std::string, Params>>{
                 {"INSERT INTO teams (id, commune_id, area_path, name, created_at) VALUES ('T1', '16813', "
                  "'40/16813', 'T', 0)",
                  {}},
                 {"INSERT INTO team_villages (team_id, village_id) VALUES ('T1', 'V1')", {}},
                 {"INSERT INTO team_members (id, team_id, name, phone, kind, created_at) VALUES (?, 'T1', 'M', ?, "
                  "'village_head', 0)",
                  {"M1", "0966666666"}},
                 {"INSERT INTO team_members (id, team_id, name, phone, kind, created_at) VALUES (?, 'T1', 'M', ?, "
                  "'youth_union', 0)",
                  {"M2", "0987654321"}},  // also resident R2's number
                 {"INSERT INTO sms_subscriptions (phone, area_id, area_path, created_at) VALUES (?, ?, ?, 0)",
                  {"0933333333", "V1", "40/16813/V1"}},
                 {"INSERT INTO sms_subscriptions (phone, area_id, area_path, created_at) VALUES (?, ?, ?, 0)",
                  {"0933333333", "16813", "40/16813"}},
                 {"INSERT INTO sms_subscriptions (phone, area_id, area_path, created_at) VALUES (?, ?, ?, 0)",
                  {"0944444444", "17000", "40/17000"}},
                 {"INSERT INTO sms_subscriptions (phone, area_id, area_path, created_at) VALUES (?, ?, ?, 0)",
                  {"0955555555", "16870", "40/16870"}},
                 {"INSERT INTO sms_optouts (phone, at) VALUES ('0955555555', 0)", {}},
                 // M1 also subscribed to the other commune the warning reaches (another commune's
                 // row, one number); V2's operator also subscribed to V2's commune.
                 {"INSERT INTO sms_subscriptions (phone, area_id, area_path, created_at) VALUES (?, ?, ?, 0)",
                  {"0966666666", "16870", "40/16870"}},
                 {"INSERT INTO sms_subscriptions (phone, area_id, area_path, created_at) VALUES (?, ?, ?, 0)",
                  {"0977777777", "16813", "40/16813"}},
                 {"INSERT INTO village_loudspeakers (village_id, commune_id, working, operator_name, operator_phone, "
                  "updated_at) VALUES ('V2', '16813', 1, 'Ông Vừ', '0977777777', 0)",
                  {}},
                 {"INSERT INTO village_loudspeakers (village_id, commune_id, working, operator_name, operator_phone, "
                  "updated_at) VALUES ('V3', '16870', 0, 'Bà Lô', '0978888888', 0)",
                  {}},
             })
            ASSERT_TRUE(db->Exec(sql, params).ok()) << sql;
        officer.user_id = "o1";
        officer.role = Role::kCommuneOfficer;
        officer.area_path = "40/16813";
        officer.scope.paths = {"40/16813"};
    }
    // Every warning message queued: phone -> body.
    std::map<std::string, std::string> Outbox(const std::string& alert_id) {
        std::map<std::string, std::string> out;
        auto rows = db->Query("SELECT phone, body, kind, priority FROM sms_outbox WHERE alert_id = ?", {alert_id});
        EXPECT_TRUE(rows.ok());
        if (!rows.ok()) return out;
        for (const auto& r : *rows) {
            EXPECT_EQ(r.Text(2), "warning");
            EXPECT_EQ(r.Int(3), 2) << "the warnings' lane";
            EXPECT_TRUE(out.emplace(r.Text(0), r.Text(1)).second) << "one message per number: " << r.Text(0);
        }
        return out;
    }
    static std::set<std::string> Phones(const std::map<std::string, std::string>& m) {
        std::set<std::string> out;
        for (const auto& [p, b] : m) out.insert(p);
        return out;
    }
    warnings::Draft FloodDraft() {
        warnings::Draft d;
        d.hazard = warnings::Hazard::kFlashFlood;
        d.level = 3;
        d.communes = {"16813"};
        d.what_to_do = "Rời nhà ven suối, lên chỗ cao.";
        d.until = clock.NowSeconds() + 6 * 3600;
        return d;
    }

    FakeClock clock{warnings::ParseCapTime("2026-06-12T14:40:00+07:00", "t").value()};
    std::unique_ptr<test_db::Wiring> w;
    Database* db = nullptr;
    warnings::AlertService* service = nullptr;
    Actor officer;
};

TEST_P(WarningFanout, OneMessagePerNumberOfTheVillagesReached) {
    auto r = service->Import(test_parts::CapFixture("nghe_an_flash_flood.xml"));
    ASSERT_TRUE(r.ok()) << r.error().detail;
    EXPECT_EQ(r->alert.number, 1);
    const auto sent = Outbox(r->alert.id);
    // Residents who agreed (R1 and R3 share a number, R4 did not agree, R9 lives elsewhere), the
    // subscriber of V1 and of 16813 once, the team's members (M2 is also R2), V2's loudspeaker
    // operator; not the opted-out subscriber, not the broken loudspeaker's operator.
    EXPECT_EQ(Phones(sent),
              (std::set<std::string>{"0912345678", "0933333333", "0966666666", "0977777777", "0987654321"}));
    EXPECT_EQ(r->messages, 5);
    const auto text = warnings::WarningSmsText(
        warnings::ScriptParts{.from = "kttv.nghean@example.vn",
                              .hazard = warnings::Hazard::kFlashFlood,
                              .level = 3,
                              .where = "Mường Xén, Na Ngoi",
                              .what_to_do = "Rời khỏi nhà ven suối, lên chỗ cao. Không qua ngầm, tràn.",
                              .until = r->alert.expires,
                              .exercise = false},
        test_parts::Vietnamese(), false);
    EXPECT_EQ(sent.at("0912345678"), text->text);
    const std::string op = sent.at("0977777777");
    EXPECT_NE(op.find("/loa/"), std::string::npos) << op;
    EXPECT_NE(op.find("DA DOC 1"), std::string::npos) << op;
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM sms_outbox WHERE phone = '0987654321'").value().Int(0), 1)
        << "a team member who is also a resident there gets one message";
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM alert_villages").value().Int(0), 3) << "V1, V2, V3";

    auto again = service->Import(test_parts::CapFixture("nghe_an_flash_flood.xml"));
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->duplicate);
    EXPECT_EQ(Outbox(r->alert.id).size(), 5u) << "a warning is never sent twice";
}

TEST_P(WarningFanout, AnExerciseReachesStaffOnlyMarkedAsAnExercise) {
    auto r =
        service->Import(test_parts::Replaced(test_parts::CapFixture("nghe_an_flash_flood.xml"),
                                             "<cap:status>Actual</cap:status>", "<cap:status>Exercise</cap:status>"));
    ASSERT_TRUE(r.ok()) << r.error().detail;
    const auto sent = Outbox(r->alert.id);
    EXPECT_EQ(Phones(sent), (std::set<std::string>{"0966666666", "0977777777", "0987654321"}));
    for (const auto& [phone, body] : sent) EXPECT_EQ(body.rfind("DIEN TAP", 0), 0u) << body;
    // A Test alert reaches nobody.
    auto t = service->Import(
        test_parts::Replaced(test_parts::Replaced(test_parts::CapFixture("nghe_an_flash_flood.xml"),
                                                  "<cap:status>Actual</cap:status>", "<cap:status>Test</cap:status>"),
                             "NA-KTTV-2026-0612-01", "NA-KTTV-TEST"));
    ASSERT_TRUE(t.ok()) << t.error().detail;
    EXPECT_TRUE(Outbox(t->alert.id).empty());
}

TEST_P(WarningFanout, ACancelStopsWhatIsQueuedAndCorrectsWhatWasSent) {
    auto r = service->Import(test_parts::CapFixture("nghe_an_flash_flood.xml"));
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(
        db->Exec("UPDATE sms_outbox SET status = 'sent' WHERE phone = '0912345678' OR phone = '0977777777'").ok());
    clock.Advance(2 * 3600);
    auto c = service->Import(test_parts::CapFixture("cancel.xml"));
    ASSERT_TRUE(c.ok()) << c.error().detail;
    auto reach = w->audience_store.ReachOf(r->alert.id).value();
    EXPECT_EQ(reach.sent, 2);
    EXPECT_EQ(reach.stopped, 3);
    EXPECT_EQ(reach.queued, 0);
    const auto corrections = Outbox(c->alert.id);
    EXPECT_EQ(Phones(corrections), (std::set<std::string>{"0912345678", "0977777777"}));
    EXPECT_NE(text::Fold(corrections.begin()->second).find("huy canh bao so 1"), std::string::npos)
        << corrections.begin()->second;
}

TEST_P(WarningFanout, AnUpdateWarnsItsAreaAgainAndTellsThoseLeftOutsideItThatTheOldOneNoLongerHolds) {
    ASSERT_TRUE(db->Exec("INSERT INTO sms_subscriptions (phone, area_id, area_path, created_at) VALUES ('0922222222', "
                         "'V3', '40/16870/V3', 0)")
                    .ok());
    const std::string flood = test_parts::CapFixture("nghe_an_flash_flood.xml");
    auto r = service->Import(flood);
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(db->Exec("UPDATE sms_outbox SET status = 'delivered'").ok());
    clock.Advance(3600);
    // The same warning, now for Mường Xén only, level 4.
    std::string update = test_parts::Replaced(flood, "<cap:identifier>NA-KTTV-2026-0612-01</cap:identifier>",
                                              "<cap:identifier>NA-KTTV-2026-0612-02</cap:identifier>");
    update = test_parts::Replaced(update, "<cap:msgType>Alert</cap:msgType>",
                                  "<cap:msgType>Update</cap:msgType><cap:references>kttv.nghean@example.vn,"
                                  "NA-KTTV-2026-0612-01,2026-06-12T14:30:00+07:00</cap:references>");
    update = test_parts::Replaced(update, "<cap:value>16870</cap:value>", "<cap:value>16813</cap:value>");
    update = test_parts::Replaced(update, "<cap:value>3</cap:value>", "<cap:value>4</cap:value>");
    auto u = service->Import(update);
    ASSERT_TRUE(u.ok()) << u.error().field << ": " << u.error().detail;
    const auto sent = Outbox(u->alert.id);
    EXPECT_EQ(Phones(sent), (std::set<std::string>{"0912345678", "0922222222", "0933333333", "0966666666", "0977777777",
                                                   "0987654321"}));
    EXPECT_NE(sent.at("0912345678").find("rui ro cap 4"), std::string::npos) << sent.at("0912345678");
    EXPECT_NE(text::Fold(sent.at("0922222222")).find("da duoc thay the"), std::string::npos) << sent.at("0922222222");
    EXPECT_EQ(db->QueryOne("SELECT superseded_by FROM alerts WHERE id = ?", {r->alert.id}).value().Text(0),
              u->alert.id);
}

TEST_P(WarningFanout, TheOperatorAcknowledgesBySmsFromTheRegisteredPhoneOnly) {
    auto r = service->Import(test_parts::CapFixture("nghe_an_flash_flood.xml"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(service->AcknowledgeBySms(r->alert.number, "0912345678").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service->AcknowledgeBySms(r->alert.number + 1, "0977777777").error().code, ErrorCode::kNotFound);
    ASSERT_TRUE(service->AcknowledgeBySms(r->alert.number, "0977777777").ok());
    // The same by SMS, through the SMS channel: answered either way, in plain words.
    auto by_sms = w->sms.HandleInbound({"0977777777", "DA DOC 1", false});
    ASSERT_TRUE(by_sms.ok()) << by_sms.error().detail;
    EXPECT_NE(by_sms->reply.find("da ghi nhan canh bao so 1"), std::string::npos) << by_sms->reply;
    auto stranger = w->sms.HandleInbound({"0912345678", "da doc 1", false});
    ASSERT_TRUE(stranger.ok());
    EXPECT_NE(stranger->reply.find("khong phai nguoi doc loa"), std::string::npos) << stranger->reply;
    auto reach = w->audience_store.ReachOf(r->alert.id).value();
    for (const auto& v : reach.villages) {
        EXPECT_EQ(v.acknowledged_at != 0, v.place.village_id == "V2") << v.place.village_id;
        // V3's loudspeaker is broken and nobody there has a number: the team must go.
        EXPECT_EQ(v.ToVisit(), v.place.village_id == "V3") << v.place.village_id;
    }
}

TEST_P(WarningFanout, AnOfficerPreviewsThenSendsForTheirCommuneOnly) {
    auto d = FloodDraft();
    auto p = service->PreviewDraft(officer, d);
    ASSERT_TRUE(p.ok()) << p.error().field << ": " << p.error().detail;
    EXPECT_EQ(p->villages.size(), 2u);
    EXPECT_EQ(p->counts.households, 3) << "H1, H4 in V1, H2 in V2";
    EXPECT_EQ(p->counts.numbers, 5);
    EXPECT_EQ(p->parts.where, "xã 16813");
    EXPECT_EQ(p->parts.from, "UBND xã 16813");
    EXPECT_LE(p->sms.size.parts, 2);
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM sms_outbox").value().Int(0), 0) << "a preview sends nothing";
    d.id = p->id;  // the preview's identifier comes back with "Send"
    auto sent = service->Send(officer, d);
    ASSERT_TRUE(sent.ok()) << sent.error().detail;
    EXPECT_EQ(sent->alert.identifier, p->id);
    EXPECT_EQ(Outbox(sent->alert.id).size(), 5u);
    auto twice = service->Send(officer, d);  // a double tap
    ASSERT_TRUE(twice.ok());
    EXPECT_TRUE(twice->duplicate);
    EXPECT_EQ(twice->alert.id, sent->alert.id);
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM sms_outbox").value().Int(0), 5) << "sent once";
    EXPECT_EQ(sent->alert.composed_by, "o1");
    auto cap = service->Public(sent->alert.id);
    ASSERT_TRUE(cap.ok());
    EXPECT_TRUE(test_parts::ValidByTheOasisSchema(warnings::WriteCap(cap->second), "composed_" + GetParam()));

    auto other = FloodDraft();
    other.communes = {"16870"};
    EXPECT_EQ(service->PreviewDraft(officer, other).error().field, "areas") << "not their commune";
    auto no_advice = FloodDraft();
    no_advice.what_to_do = "  ";
    EXPECT_EQ(service->PreviewDraft(officer, no_advice).error().field, "what_to_do");
    auto past = FloodDraft();
    past.until = clock.NowSeconds() - 60;
    EXPECT_EQ(service->PreviewDraft(officer, past).error().field, "until");
    Actor member = officer;
    member.role = Role::kMember;
    EXPECT_EQ(service->Send(member, d).error().code, ErrorCode::kForbidden);

    auto cancelled = service->Cancel(officer, sent->alert.id);
    ASSERT_TRUE(cancelled.ok()) << cancelled.error().detail;
    EXPECT_EQ(w->audience_store.ReachOf(sent->alert.id).value().stopped, 5);
    EXPECT_EQ(service->Cancel(officer, sent->alert.id).error().code, ErrorCode::kConflict);
}

INSTANTIATE_TEST_SUITE_P(Engines, WarningFanout, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
