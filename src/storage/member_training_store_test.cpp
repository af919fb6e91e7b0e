// Members' own training over the real store on both engines: a course kept as typed (Vietnamese
// text, the certificate number) with its audit row, withdrawn courses kept but not listed, "may
// teach" granted once and revoked, a team's people (enabled ones, in the order people read names)
// and its gaps, and what the schema itself refuses.
#include "storage/member_training_store.hpp"

#include <gtest/gtest.h>

#include "core/embedded.hpp"
#include "storage/test_wiring.hpp"

namespace caunoi::storage {
namespace {

constexpr int64_t kNow = 1781250000;  // 2026-06-12 14:40 in Vietnam

class MemberTraining : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        w = std::make_unique<test_db::Wiring>(GetParam(), clock);
        store = std::make_unique<MemberTrainingStore>(w->db);
        service = std::make_unique<training::MemberTrainingService>(*store, w->transactions, w->audit, clock, [] {
            return training::ParseCurriculum(EmbeddedFile("data/curriculum.txt"));
        });
        ASSERT_TRUE(test_db::InsertAreas(w->db, {{"40", "", "province", "40"},
                                                 {"16813", "40", "commune", "40/16813"},
                                                 {"16870", "40", "commune", "40/16870"}})
                        .ok());
        for (const auto& [id, name, path] :
             {std::tuple{"T1", "Tổ CNS bản Xốp Mạt", "40/16813"}, std::tuple{"T2", "Tổ CNS bản Áng", "40/16813"},
              std::tuple{"T3", "Tổ CNS Na Ngoi", "40/16870"}})
            ASSERT_TRUE(w->db
                            .Exec("INSERT INTO teams (id, commune_id, area_path, name, created_at) VALUES (?, ?, ?, "
                                  "?, 0)",
                                  {id, std::string(path).substr(3), path, name})
                            .ok());
        AddUser("m1", "Vi Văn Hùng", Role::kMember, "40/16813", "T1");
        AddUser("m2", "Đinh Thị Ánh", Role::kMember, "40/16813", "T1");
        AddUser("m3", "Lò Thị Mai", Role::kMember, "40/16813", "T1", true);  // disabled
        AddUser("l1", "Cụt Văn Lả", Role::kTeamLeader, "40/16813", "T1");
        AddUser("m4", "Lương Thị Dung", Role::kMember, "40/16870", "T3");
        AddUser("o1", "Cán bộ xã", Role::kCommuneOfficer, "40/16813", "");
        leader = Actor{"l1", "Cụt Văn Lả", Role::kTeamLeader, "40/16813", "T1", {{"40/16813/V1"}}, "10.0.0.1"};
        officer = Actor{"o1", "Cán bộ xã", Role::kCommuneOfficer, "40/16813", "", {{"40/16813"}}, "10.0.0.2"};
    }
    void AddUser(const std::string& id, const std::string& name, Role role, const std::string& area,
                 const std::string& team, bool disabled = false) {
        auth::User u = test_db::TestUser(id, role, area, team, name);
        u.disabled = disabled;
        ASSERT_TRUE(w->user_store.Insert(u).ok());
    }
    static Fields Course(const std::string& title, const std::string& day, const std::string& certificate = "") {
        Fields f({{"title", title}, {"completed_on", day}, {"certificate", certificate}});
        if (!certificate.empty()) f.Set("national_online", "1");
        return f;
    }

    FakeClock clock{kNow};
    std::unique_ptr<test_db::Wiring> w;
    std::unique_ptr<MemberTrainingStore> store;
    std::unique_ptr<training::MemberTrainingService> service;
    Actor leader, officer;
};

TEST_P(MemberTraining, ACourseIsKeptAsTypedWithItsAuditRow) {
    Fields f = Course("Kỹ năng số cơ bản — Bình dân học vụ số", "2026-05-20", "Số 12/ĐT-BDHVS");
    f.Set("provider", "Bộ Khoa học và Công nghệ");
    auto c = service->AddCourse(leader, "m1", f);
    ASSERT_TRUE(c.ok()) << c.error().detail;
    auto found = store->FindCourse(c->id);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->user_id, "m1");
    EXPECT_EQ(found->title, "Kỹ năng số cơ bản — Bình dân học vụ số");
    EXPECT_EQ(found->provider, "Bộ Khoa học và Công nghệ");
    EXPECT_TRUE(found->national);
    EXPECT_EQ(found->completed_on, "2026-05-20");
    EXPECT_EQ(found->certificate, "Số 12/ĐT-BDHVS");
    EXPECT_EQ(found->recorded_by, "l1");
    EXPECT_EQ(found->recorded_at, kNow);
    EXPECT_EQ(found->withdrawn_at, 0);
    auto audit = w->db.QueryOne(
        "SELECT user_id, action, area_path, remote_addr FROM audit_log WHERE entity = 'member_course' AND entity_id = "
        "?",
        {c->id});
    ASSERT_TRUE(audit.ok());
    EXPECT_EQ(audit->Text(0), "l1");
    EXPECT_EQ(audit->Text(1), "create");
    EXPECT_EQ(audit->Text(2), "40/16813");
    EXPECT_EQ(audit->Text(3), "10.0.0.1");
}

TEST_P(MemberTraining, CoursesComeTheLatestFirstAndAWithdrawnOneIsKeptButNotListed) {
    auto older = service->AddCourse(leader, "m1", Course("Tin học văn phòng", "2024-03-01"));
    auto newer = service->AddCourse(leader, "m1", Course("An toàn thông tin", "2026-01-15", "ATTT-7"));
    auto theirs = service->AddCourse(leader, "m2", Course("Thanh toán số", "2025-07-01"));
    ASSERT_TRUE(older.ok() && newer.ok() && theirs.ok());
    auto listed = store->CoursesOf({"m1", "m2"});
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 3u);
    EXPECT_EQ((*listed)[0].id, newer->id);
    EXPECT_EQ((*listed)[1].id, theirs->id);
    EXPECT_EQ((*listed)[2].id, older->id);
    EXPECT_TRUE(store->CoursesOf({})->empty());

    ASSERT_TRUE(service->WithdrawCourse(officer, newer->id).ok());
    auto after = store->CoursesOf({"m1"});
    ASSERT_EQ(after->size(), 1u);
    EXPECT_EQ((*after)[0].id, older->id);
    auto kept = store->FindCourse(newer->id);
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(kept->withdrawn_at, kNow);
    EXPECT_EQ(kept->withdrawn_by, "o1");
    // Withdrawing again keeps the first withdrawal.
    clock.Advance(60);
    ASSERT_TRUE(store->MarkCourseWithdrawn(newer->id, "l1", clock.NowSeconds()).ok());
    EXPECT_EQ(store->FindCourse(newer->id)->withdrawn_by, "o1");
}

TEST_P(MemberTraining, AModuleIsGrantedOnceAndRevoked) {
    auto g = store->Grant({"m1", "vneid_account", "l1", kNow});
    ASSERT_TRUE(g.ok());
    EXPECT_TRUE(*g);
    EXPECT_FALSE(store->Grant({"m1", "vneid_account", "o1", kNow + 1}).value());
    ASSERT_TRUE(store->Grant({"m1", "buy_online", "l1", kNow}).ok());
    ASSERT_TRUE(store->Grant({"m2", "scam_safety", "l1", kNow}).ok());
    auto grants = store->GrantsOf({"m1", "m2"});
    ASSERT_TRUE(grants.ok());
    ASSERT_EQ(grants->size(), 3u);
    EXPECT_EQ((*grants)[0].module_key, "buy_online");
    EXPECT_EQ((*grants)[1].module_key, "vneid_account");
    EXPECT_EQ((*grants)[1].granted_by, "l1");  // the first grant stays
    EXPECT_EQ((*grants)[2].user_id, "m2");
    EXPECT_TRUE(store->Revoke("m1", "vneid_account").value());
    EXPECT_FALSE(store->Revoke("m1", "vneid_account").value());
    EXPECT_EQ(store->GrantsOf({"m1"})->size(), 1u);
}

TEST_P(MemberTraining, ATeamsPeopleAreItsEnabledUsersByNameAndItsGapsFollowTheGrants) {
    auto people = store->TeamPeople("T1");
    ASSERT_TRUE(people.ok());
    std::vector<std::string> names;
    for (const auto& p : *people) names.push_back(p.name);
    // Đ sorts as D, as people read it; the disabled member is not listed.
    EXPECT_EQ(names, (std::vector<std::string>{"Cụt Văn Lả", "Đinh Thị Ánh", "Vi Văn Hùng"}));
    EXPECT_EQ((*people)[0].role, Role::kTeamLeader);
    EXPECT_EQ((*people)[0].team_id, "T1");
    EXPECT_EQ(store->FindPerson("m3").error().code, ErrorCode::kNotFound);

    auto before = service->Team(leader, "T1");
    ASSERT_TRUE(before.ok()) << before.error().detail;
    ASSERT_TRUE(service->Grant(leader, "m1", "vneid_account").ok());
    ASSERT_TRUE(service->AddCourse(leader, "m2", Course("Thanh toán số", "2025-07-01")).ok());
    auto after = service->Team(leader, "T1");
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->uncovered.size() + 1, before->uncovered.size());
    EXPECT_EQ(after->without_course.size() + 1, before->without_course.size());
    EXPECT_EQ(w->db.QueryOne("SELECT COUNT(*) FROM audit_log WHERE entity = 'teach_module'")->Int(0), 1);
}

TEST_P(MemberTraining, TeamsInAScopeAreThoseOfItsCommunesByName) {
    auto teams = store->TeamsIn(Scope{{"40/16813"}});
    ASSERT_TRUE(teams.ok());
    ASSERT_EQ(teams->size(), 2u);
    EXPECT_EQ((*teams)[0].id, "T2");  // "bản Áng" before "bản Xốp Mạt"
    EXPECT_EQ((*teams)[1].id, "T1");
    EXPECT_EQ(store->TeamsIn(Scope{{"40"}})->size(), 3u);
    EXPECT_TRUE(store->TeamsIn(Scope{})->empty());
    EXPECT_EQ(store->FindTeam("T3")->area_path, "40/16870");
    EXPECT_EQ(store->FindTeam("nope").error().code, ErrorCode::kNotFound);
}

TEST_P(MemberTraining, TheSchemaRefusesAnUnknownPersonAndANationalFlagOtherThanYesOrNo) {
    training::Course c{"C1", "nobody", "Khóa học", "", false, "2026-01-01", "", "l1", kNow, 0, ""};
    EXPECT_FALSE(store->InsertCourse(c).ok());
    EXPECT_FALSE(w->db
                     .Exec("INSERT INTO member_courses (id, user_id, title, national_online, completed_on, "
                           "recorded_by, recorded_at) VALUES ('C2', 'm1', 'x', 2, '2026-01-01', 'l1', 0)")
                     .ok());
    EXPECT_FALSE(store->Grant({"nobody", "vneid_account", "l1", kNow}).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, MemberTraining, ::testing::ValuesIn(test_db::Engines()), test_db::EngineName);

}  // namespace
}  // namespace caunoi::storage
