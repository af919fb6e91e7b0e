// Members' own training without a database: what a course must hold (each refusal naming its
// field), who sees and records whose training, who grants "may teach" (never to oneself, only
// modules of the curriculum), the audit of every change, and a team's gaps. The SQL side:
// storage/member_training_store_test.cpp.
#include "training/member_training.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/embedded.hpp"
#include "testing/fakes.hpp"

namespace caunoi::training {
namespace {

constexpr int64_t kNow = 1781250000;  // 2026-06-12 14:40 in Vietnam

// People and teams in maps; courses and grants in vectors (the store's order applied on reads).
class FakeMemberTraining final : public MemberTrainingRepository {
  public:
    Result<Person> FindPerson(const std::string& id) override {
        if (!people.count(id)) return Error::NotFound();
        return people.at(id);
    }
    Result<std::vector<Person>> TeamPeople(const std::string& team_id) override {
        std::vector<Person> out;
        for (const auto& [id, p] : people)
            if (p.team_id == team_id) out.push_back(p);
        std::sort(out.begin(), out.end(), [](const Person& a, const Person& b) { return a.name < b.name; });
        return out;
    }
    Result<TeamRef> FindTeam(const std::string& id) override {
        if (!teams.count(id)) return Error::NotFound();
        return teams.at(id);
    }
    Result<std::vector<TeamRef>> TeamsIn(const Scope& s) override {
        std::vector<TeamRef> out;
        for (const auto& [id, t] : teams)
            if (s.Contains(t.area_path)) out.push_back(t);
        return out;
    }
    Status InsertCourse(const Course& c) override {
        courses.push_back(c);
        return {};
    }
    Result<Course> FindCourse(const std::string& id) override {
        for (const auto& c : courses)
            if (c.id == id) return c;
        return Error::NotFound();
    }
    Status MarkCourseWithdrawn(const std::string& id, const std::string& by, int64_t at) override {
        for (auto& c : courses)
            if (c.id == id) c.withdrawn_at = at, c.withdrawn_by = by;
        return {};
    }
    Result<std::vector<Course>> CoursesOf(const std::vector<std::string>& ids) override {
        std::vector<Course> out;
        for (const auto& c : courses)
            if (!c.withdrawn_at && std::count(ids.begin(), ids.end(), c.user_id)) out.push_back(c);
        std::sort(out.begin(), out.end(),
                  [](const Course& a, const Course& b) { return a.completed_on > b.completed_on; });
        return out;
    }
    Result<bool> Grant(const TeachGrant& g) override {
        for (const auto& x : grants)
            if (x.user_id == g.user_id && x.module_key == g.module_key) return false;
        grants.push_back(g);
        return true;
    }
    Result<bool> Revoke(const std::string& user_id, const std::string& key) override {
        const auto before = grants.size();
        std::erase_if(grants, [&](const TeachGrant& g) { return g.user_id == user_id && g.module_key == key; });
        return grants.size() != before;
    }
    Result<std::vector<TeachGrant>> GrantsOf(const std::vector<std::string>& ids) override {
        std::vector<TeachGrant> out;
        for (const auto& g : grants)
            if (std::count(ids.begin(), ids.end(), g.user_id)) out.push_back(g);
        return out;
    }
    std::function<void()> Snapshot() {
        return [this, c = courses, g = grants] { courses = c, grants = g; };
    }

    std::map<std::string, Person> people;
    std::map<std::string, TeamRef> teams;
    std::vector<Course> courses;
    std::vector<TeachGrant> grants;
};

Actor ActorOf(const Person& p, std::vector<std::string> scope) {
    Actor a;
    a.user_id = p.user_id;
    a.display_name = p.name;
    a.role = p.role;
    a.area_path = p.area_path;
    a.team_id = p.team_id;
    a.scope.paths = std::move(scope);
    return a;
}

class MemberTrainingTest : public ::testing::Test {
  protected:
    MemberTrainingTest() {
        tx.Join(repo);
        tx.Join(audit_repo);
        repo.teams["T1"] = {"T1", "Tổ CNS bản Xốp Mạt", "40/16813"};
        repo.teams["T2"] = {"T2", "Tổ CNS bản Huồi Khe", "40/16813"};
        repo.teams["T3"] = {"T3", "Tổ CNS Na Ngoi", "40/16870"};
        for (const auto& p : {Person{"m1", "Lò Thị Mai", Role::kMember, "40/16813", "T1"},
                              Person{"m2", "Vi Văn Hùng", Role::kMember, "40/16813", "T1"},
                              Person{"l1", "Cụt Văn Lả", Role::kTeamLeader, "40/16813", "T1"},
                              Person{"m3", "Xồng Bá Giờ", Role::kMember, "40/16813", "T2"},
                              Person{"m4", "Lương Thị Dung", Role::kMember, "40/16870", "T3"},
                              Person{"o1", "Cán bộ Mường Xén", Role::kCommuneOfficer, "40/16813", ""},
                              Person{"a1", "Quản trị tỉnh", Role::kProvinceAdmin, "40", ""}})
            repo.people[p.user_id] = p;
        member = ActorOf(repo.people["m1"], {"40/16813/V1"});
        leader = ActorOf(repo.people["l1"], {"40/16813/V1"});
        officer = ActorOf(repo.people["o1"], {"40/16813"});
        admin = ActorOf(repo.people["a1"], {"40"});
    }
    static Fields Course(std::map<std::string, std::string> extra = {}) {
        std::map<std::string, std::string> f = {{"title", "Kỹ năng số cơ bản cho người dân"},
                                                {"provider", "Nền tảng Bình dân học vụ số"},
                                                {"national_online", "1"},
                                                {"completed_on", "2026-05-20"},
                                                {"certificate", "BDHVS-2026-001234"}};
        for (auto& [k, v] : extra) f[k] = v;
        return Fields(f);
    }
    // The field a refusal names (fails the test when it was not refused as invalid).
    std::string RefusedField(const Fields& f) {
        auto r = service.AddCourse(member, "m1", f);
        if (r.ok() || r.error().code != ErrorCode::kInvalid) {
            ADD_FAILURE() << "not refused as invalid";
            return "";
        }
        EXPECT_FALSE(r.error().title_id.empty());
        return r.error().field;
    }

    FakeClock clock{kNow};
    FakeMemberTraining repo;
    fakes::FakeAudit audit_repo;
    fakes::FakeTransactions tx;
    audit::AuditLog audit{audit_repo, clock};
    MemberTrainingService service{repo, tx, audit, clock,
                                  [] { return ParseCurriculum(EmbeddedFile("data/curriculum.txt")); }};
    Actor member, leader, officer, admin;
};

TEST_F(MemberTrainingTest, AMemberRecordsTheirOwnNationalCourseWithItsCertificate) {
    auto c = service.AddCourse(member, "m1", Course());
    ASSERT_TRUE(c.ok()) << c.error().detail;
    EXPECT_TRUE(c->national);
    EXPECT_EQ(c->certificate, "BDHVS-2026-001234");
    EXPECT_EQ(c->completed_on, "2026-05-20");
    EXPECT_EQ(c->recorded_by, "m1");
    EXPECT_EQ(c->recorded_at, kNow);
    auto mine = service.Of(member, "m1");
    ASSERT_TRUE(mine.ok());
    ASSERT_EQ(mine->courses.size(), 1u);
    EXPECT_EQ(mine->courses[0].title, "Kỹ năng số cơ bản cho người dân");
    EXPECT_TRUE(mine->may_edit);
    EXPECT_FALSE(mine->may_grant);
    ASSERT_EQ(audit_repo.entries.size(), 1u);
    EXPECT_EQ(audit_repo.entries[0].action, "create");
    EXPECT_EQ(audit_repo.entries[0].entity, "member_course");
    EXPECT_EQ(audit_repo.entries[0].entity_id, c->id);
    EXPECT_EQ(audit_repo.entries[0].area_path, "40/16813");
}

TEST_F(MemberTrainingTest, ACourseThatIsNotNationalNeedsNoCertificateNorProvider) {
    auto c = service.AddCourse(
        member, "m1", Course({{"national_online", ""}, {"certificate", ""}, {"provider", ""}, {"title", "Tin học"}}));
    ASSERT_TRUE(c.ok()) << c.error().detail;
    EXPECT_FALSE(c->national);
    EXPECT_EQ(c->certificate, "");
    EXPECT_EQ(c->provider, "");
}

TEST_F(MemberTrainingTest, EachRefusalNamesItsField) {
    EXPECT_EQ(RefusedField(Course({{"title", "  "}})), "title");
    EXPECT_EQ(RefusedField(Course({{"title", std::string(201, 'a')}})), "title");
    EXPECT_EQ(RefusedField(Course({{"title", "hai\ndòng"}})), "title");
    EXPECT_EQ(RefusedField(Course({{"provider", std::string(201, 'b')}})), "provider");
    EXPECT_EQ(RefusedField(Course({{"completed_on", ""}})), "completed_on");
    EXPECT_EQ(RefusedField(Course({{"completed_on", "2026-02-30"}})), "completed_on");
    EXPECT_EQ(RefusedField(Course({{"completed_on", "20/05/2026"}})), "completed_on");
    EXPECT_EQ(RefusedField(Course({{"completed_on", "2026-06-13"}})), "completed_on");  // tomorrow in Vietnam
    EXPECT_EQ(RefusedField(Course({{"completed_on", "1949-12-31"}})), "completed_on");
    EXPECT_EQ(RefusedField(Course({{"certificate", ""}})), "certificate");  // a national course has one
    EXPECT_EQ(RefusedField(Course({{"certificate", std::string(61, '7')}})), "certificate");
    EXPECT_EQ(RefusedField(Course({{"certificate", "=HYPERLINK(1)"}})), "certificate");
    EXPECT_EQ(RefusedField(Course({{"certificate", "-123"}})), "certificate");
    EXPECT_EQ(RefusedField(Course({{"certificate", "<b>12</b>"}})), "certificate");
    EXPECT_EQ(RefusedField(Course({{"certificate", "12;DROP"}})), "certificate");
    EXPECT_EQ(RefusedField(Course({{"national_online", "maybe"}})), "national_online");
    EXPECT_EQ(RefusedField(Course({{"grade", "A"}})), "grade");
    EXPECT_TRUE(repo.courses.empty());
    EXPECT_TRUE(audit_repo.entries.empty());
}

TEST_F(MemberTrainingTest, TodayAndVietnameseCertificateNumbersAreTaken) {
    auto c =
        service.AddCourse(member, "m1", Course({{"completed_on", "2026-06-12"}, {"certificate", " Số  12/ĐT-BDHVS "}}));
    ASSERT_TRUE(c.ok()) << c.error().detail;
    EXPECT_EQ(c->certificate, "Số 12/ĐT-BDHVS");
    EXPECT_EQ(CertificateNumber(std::string(60, '9')).value(), std::string(60, '9'));
}

TEST_F(MemberTrainingTest, TheSameCourseSentTwiceIsRecordedOnce) {
    auto first = service.AddCourse(member, "m1", Course());
    auto again = service.AddCourse(member, "m1", Course());
    ASSERT_TRUE(first.ok() && again.ok());
    EXPECT_EQ(first->id, again->id);
    EXPECT_EQ(repo.courses.size(), 1u);
    EXPECT_EQ(audit_repo.entries.size(), 1u);
}

TEST_F(MemberTrainingTest, MembersSeeOnlyThemselvesLeadersTheirTeamOfficersTheirCommune) {
    const auto code = [&](const Actor& a, const std::string& id) {
        auto r = service.Of(a, id);
        return r.ok() ? std::string("ok") : r.error().code == ErrorCode::kNotFound ? "404" : "other";
    };
    EXPECT_EQ(code(member, "m1"), "ok");
    EXPECT_EQ(code(member, "m2"), "404");  // a teammate's training is theirs
    EXPECT_EQ(code(member, "l1"), "404");
    EXPECT_EQ(code(leader, "m2"), "ok");
    EXPECT_EQ(code(leader, "l1"), "ok");
    EXPECT_EQ(code(leader, "m3"), "404");  // another team of the same commune
    EXPECT_EQ(code(leader, "o1"), "404");
    EXPECT_EQ(code(officer, "m3"), "ok");
    EXPECT_EQ(code(officer, "l1"), "ok");
    EXPECT_EQ(code(officer, "m4"), "404");  // another commune
    EXPECT_EQ(code(officer, "a1"), "404");
    EXPECT_EQ(code(admin, "m4"), "ok");
    EXPECT_EQ(code(admin, "nobody"), "404");
    // Writes follow the same rule, and say nothing more than reads do.
    auto foreign = service.AddCourse(leader, "m3", Course());
    ASSERT_FALSE(foreign.ok());
    EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
    auto invalid_and_foreign = service.AddCourse(member, "m2", Course({{"title", ""}}));
    EXPECT_EQ(invalid_and_foreign.error().code, ErrorCode::kNotFound);
}

TEST_F(MemberTrainingTest, LeadersAndOfficersRecordForTheirPeopleAndTheRecordSaysWho) {
    auto by_leader = service.AddCourse(leader, "m2", Course());
    ASSERT_TRUE(by_leader.ok());
    EXPECT_EQ(by_leader->user_id, "m2");
    EXPECT_EQ(by_leader->recorded_by, "l1");
    auto by_officer = service.AddCourse(officer, "m3", Course());
    ASSERT_TRUE(by_officer.ok());
    EXPECT_EQ(by_officer->recorded_by, "o1");
    EXPECT_EQ(audit_repo.entries.back().user_id, "o1");
}

TEST_F(MemberTrainingTest, AWithdrawnCourseIsNoLongerListedAndWithdrawingTwiceChangesNothing) {
    auto c = service.AddCourse(member, "m1", Course());
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(service.WithdrawCourse(member, "nope").error().code, ErrorCode::kNotFound);
    auto other_commune = ActorOf(repo.people["m4"], {"40/16870/V9"});
    EXPECT_EQ(service.WithdrawCourse(other_commune, c->id).error().code, ErrorCode::kNotFound);
    auto w = service.WithdrawCourse(leader, c->id);
    ASSERT_TRUE(w.ok());
    EXPECT_EQ(w->withdrawn_at, kNow);
    EXPECT_EQ(w->withdrawn_by, "l1");
    EXPECT_TRUE(service.Of(member, "m1")->courses.empty());
    ASSERT_TRUE(service.WithdrawCourse(member, c->id).ok());
    EXPECT_EQ(audit_repo.With("delete").size(), 1u);
    EXPECT_EQ(repo.courses.size(), 1u);  // kept, marked
}

TEST_F(MemberTrainingTest, LeadersGrantModulesOfTheCurriculumToTheirMembersNeverToThemselves) {
    EXPECT_EQ(service.Grant(member, "m1", "vneid_account").error().code, ErrorCode::kForbidden);
    EXPECT_EQ(service.Grant(member, "m2", "vneid_account").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service.Grant(leader, "l1", "vneid_account").error().code, ErrorCode::kForbidden);
    EXPECT_EQ(service.Grant(leader, "m3", "vneid_account").error().code, ErrorCode::kNotFound);
    auto unknown = service.Grant(leader, "m1", "juggling");
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().field, "module");
    EXPECT_TRUE(audit_repo.entries.empty());

    auto g = service.Grant(leader, "m1", "vneid_account");
    ASSERT_TRUE(g.ok()) << g.error().detail;
    EXPECT_TRUE(g->changed);
    EXPECT_EQ(g->title_vi, "Tài khoản định danh điện tử VNeID");
    auto again = service.Grant(leader, "m1", "vneid_account");
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->changed);
    ASSERT_EQ(audit_repo.entries.size(), 1u);
    EXPECT_EQ(audit_repo.entries[0].entity, "teach_module");
    EXPECT_EQ(audit_repo.entries[0].entity_id, "m1:vneid_account");

    auto m1 = service.Of(leader, "m1");
    ASSERT_TRUE(m1.ok());
    EXPECT_TRUE(m1->may_grant);
    ASSERT_EQ(m1->teaches.size(), 1u);
    EXPECT_EQ(m1->teaches[0].granted_by, "l1");
    EXPECT_FALSE(service.Of(leader, "l1")->may_grant);
    // The leader's own modules come from the commune.
    EXPECT_TRUE(service.Grant(officer, "l1", "scam_safety").ok());

    auto r = service.Revoke(leader, "m1", "vneid_account");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->changed);
    EXPECT_FALSE(service.Revoke(leader, "m1", "vneid_account")->changed);
    EXPECT_EQ(audit_repo.With("delete").size(), 1u);
    EXPECT_TRUE(service.Of(leader, "m1")->teaches.empty());
}

TEST_F(MemberTrainingTest, AModuleNoLongerInTheCurriculumCanStillBeTakenBack) {
    repo.grants.push_back({"m1", "old_module", "l1", kNow - 86400});
    EXPECT_EQ(service.Grant(leader, "m1", "old_module").error().field, "module");
    auto r = service.Revoke(leader, "m1", "old_module");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->changed);
    EXPECT_EQ(r->title_vi, "");
    EXPECT_EQ(service.Revoke(leader, "m1", "old_module").error().field, "module");
}

TEST_F(MemberTrainingTest, AFailedAuditKeepsNothing) {
    struct FailingAudit final : audit::AuditRepository {
        Status Append(const audit::AuditEntry&) override { return Error::Internal("disk full"); }
        Result<std::vector<audit::AuditEntry>> List(const Scope&, int64_t, int) override {
            return std::vector<audit::AuditEntry>{};
        }
    } failing;
    audit::AuditLog failing_log{failing, clock};
    MemberTrainingService s{repo, tx, failing_log, clock,
                            [] { return ParseCurriculum(EmbeddedFile("data/curriculum.txt")); }};
    EXPECT_FALSE(s.AddCourse(member, "m1", Course()).ok());
    EXPECT_FALSE(s.Grant(leader, "m1", "vneid_account").ok());
    EXPECT_TRUE(repo.courses.empty());
    EXPECT_TRUE(repo.grants.empty());
}

TEST_F(MemberTrainingTest, ATeamsGapsAreTheModulesNobodyMayTeachAndTheMembersWithNoCourse) {
    auto before = service.Team(leader, "T1");
    ASSERT_TRUE(before.ok()) << before.error().detail;
    ASSERT_EQ(before->members.size(), 3u);
    EXPECT_EQ(before->members[0].person.name, "Cụt Văn Lả");
    EXPECT_EQ(before->uncovered.size(), before->modules.size());
    EXPECT_EQ(before->without_course.size(), 3u);

    ASSERT_TRUE(service.AddCourse(member, "m1", Course()).ok());
    ASSERT_TRUE(service.Grant(leader, "m1", "vneid_account").ok());
    ASSERT_TRUE(service.Grant(leader, "m2", "vneid_account").ok());
    ASSERT_TRUE(service.Grant(officer, "l1", "scam_safety").ok());
    auto after = service.Team(leader, "T1");
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->uncovered.size(), before->uncovered.size() - 2);
    EXPECT_EQ(std::count(after->uncovered.begin(), after->uncovered.end(), "vneid_account"), 0);
    const auto vneid = std::find_if(after->modules.begin(), after->modules.end(),
                                    [](const ModuleCover& m) { return m.key == "vneid_account"; });
    ASSERT_NE(vneid, after->modules.end());
    EXPECT_EQ(vneid->teachers, (std::vector<std::string>{"Lò Thị Mai", "Vi Văn Hùng"}));
    ASSERT_EQ(after->without_course.size(), 2u);
    EXPECT_EQ(after->without_course[0].user_id, "l1");
    // Another team's grants count for that team only.
    ASSERT_TRUE(service.Grant(officer, "m3", "buy_online").ok());
    EXPECT_EQ(service.Team(leader, "T1")->uncovered.size(), after->uncovered.size());
}

TEST_F(MemberTrainingTest, ATeamsTrainingIsReadByItsLeaderAndTheCommuneNotByMembersNorOthers) {
    EXPECT_EQ(service.Team(member, "T1").error().code, ErrorCode::kForbidden);
    EXPECT_EQ(service.Team(member, "T2").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service.Team(leader, "T2").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service.Team(officer, "T3").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service.Team(officer, "nope").error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(service.Team(officer, "T2").ok());
    EXPECT_TRUE(service.Team(admin, "T3").ok());
    EXPECT_EQ(service.Teams(member).error().code, ErrorCode::kForbidden);
    ASSERT_EQ(service.Teams(leader)->size(), 1u);
    EXPECT_EQ(service.Teams(leader)->front().id, "T1");
    EXPECT_EQ(service.Teams(officer)->size(), 2u);
    EXPECT_EQ(service.Teams(admin)->size(), 3u);
}

}  // namespace
}  // namespace caunoi::training
