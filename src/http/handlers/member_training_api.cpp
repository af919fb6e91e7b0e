// Members' own training: the JSON API under /api/v1/training/ (docs/api.md), the same reads and
// writes as the pages.
#include <boost/json.hpp>

#include "http/handlers/json_values.hpp"
#include "http/handlers/member_training.hpp"
#include "http/json.hpp"

namespace caunoi::http {

namespace {

training::MemberTrainingService& Service(App& app) { return app.Get<MemberTrainingModule>().service; }

boost::json::object CourseJson(const training::Course& c) {
    return {{"id", c.id},
            {"user_id", c.user_id},
            {"title", c.title},
            {"provider", OptS(c.provider)},
            {"national_online", c.national},
            {"completed_on", c.completed_on},
            {"certificate", OptS(c.certificate)},
            {"recorded_by", c.recorded_by},
            {"recorded_at", c.recorded_at},
            {"withdrawn_at", c.withdrawn_at ? boost::json::value(c.withdrawn_at) : boost::json::value(nullptr)}};
}

boost::json::object PersonJson(const training::Person& p) {
    return {{"user_id", p.user_id}, {"name", p.name}, {"role", RoleName(p.role)}, {"team_id", OptS(p.team_id)}};
}

boost::json::object MemberJson(const training::MemberTraining& m, const training::Curriculum& cur) {
    boost::json::array courses, teaches;
    for (const auto& c : m.courses) courses.push_back(CourseJson(c));
    for (const auto& g : m.teaches) {
        const training::Module* mod = cur.Find(g.module_key);
        teaches.push_back({{"module", g.module_key},
                           {"title_vi", mod ? boost::json::value(mod->title_vi) : boost::json::value(nullptr)},
                           {"title_en", mod ? boost::json::value(mod->title_en) : boost::json::value(nullptr)},
                           {"in_curriculum", mod != nullptr},
                           {"granted_by", g.granted_by},
                           {"granted_at", g.granted_at}});
    }
    boost::json::object o = PersonJson(m.person);
    o["courses"] = std::move(courses);
    o["teaches"] = std::move(teaches);
    o["may_edit"] = m.may_edit;
    o["may_grant"] = m.may_grant;
    return o;
}

Result<Response> Member(App& app, Request& r, const std::string& user_id) {
    CAUNOI_ASSIGN(auto m, Service(app).Of(*r.actor, user_id));
    CAUNOI_ASSIGN(auto cur, Service(app).CurrentCurriculum());
    return JsonResponse(MemberJson(m, cur));
}

Result<Response> AddCourse(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    CAUNOI_ASSIGN(auto c, Service(app).AddCourse(*r.actor, r.Param("id"), f));
    return JsonResponse(CourseJson(c), 201);
}

Result<Response> WithdrawCourse(App& app, Request& r) {
    CAUNOI_ASSIGN(auto c, Service(app).WithdrawCourse(*r.actor, r.Param("id")));
    return JsonResponse(CourseJson(c));
}

Result<Response> ChangeModule(App& app, Request& r, bool grant) {
    auto& s = Service(app);
    CAUNOI_ASSIGN(auto c, grant ? s.Grant(*r.actor, r.Param("id"), r.Param("key"))
                                : s.Revoke(*r.actor, r.Param("id"), r.Param("key")));
    return JsonResponse(boost::json::object{{"user_id", c.person.user_id},
                                            {"module", c.module_key},
                                            {"title_vi", OptS(c.title_vi)},
                                            {"title_en", OptS(c.title_en)},
                                            {"may_teach", grant},
                                            {"changed", c.changed}});
}

Result<Response> Teams(App& app, Request& r) {
    CAUNOI_ASSIGN(auto teams, Service(app).Teams(*r.actor));
    return JsonResponse(List(
        teams,
        [](const training::TeamRef& t) {
            return boost::json::object{{"id", t.id}, {"name", t.name}};
        },
        ""));
}

Result<Response> Team(App& app, Request& r) {
    CAUNOI_ASSIGN(auto t, Service(app).Team(*r.actor, r.Param("id")));
    CAUNOI_ASSIGN(auto cur, Service(app).CurrentCurriculum());
    boost::json::array members, modules, uncovered, without;
    for (const auto& m : t.members) members.push_back(MemberJson(m, cur));
    for (const auto& c : t.modules) {
        boost::json::array teachers;
        for (const auto& n : c.teachers) teachers.push_back(boost::json::value(n));
        modules.push_back(
            {{"module", c.key}, {"title_vi", c.title_vi}, {"title_en", c.title_en}, {"teachers", std::move(teachers)}});
    }
    for (const auto& k : t.uncovered) uncovered.push_back(boost::json::value(k));
    for (const auto& p : t.without_course) without.push_back(PersonJson(p));
    return JsonResponse(boost::json::object{{"team", {{"id", t.team.id}, {"name", t.team.name}}},
                                            {"members", std::move(members)},
                                            {"modules", std::move(modules)},
                                            {"uncovered", std::move(uncovered)},
                                            {"without_course", std::move(without)}});
}

}  // namespace

void AddMemberTrainingApi(std::vector<Route>& rt) {
    const auto M = Role::kMember, L = Role::kTeamLeader;
    rt.push_back(
        {"GET", "/api/v1/training/me", M, [](App& app, Request& r) { return Member(app, r, r.actor->user_id); }});
    rt.push_back({"GET", "/api/v1/training/members/{id}", M,
                  [](App& app, Request& r) { return Member(app, r, r.Param("id")); }});
    rt.push_back({"POST", "/api/v1/training/members/{id}/courses", M, AddCourse});
    rt.push_back({"POST", "/api/v1/training/courses/{id}/withdraw", M, WithdrawCourse});
    rt.push_back({"PUT", "/api/v1/training/members/{id}/modules/{key}", L,
                  [](App& app, Request& r) { return ChangeModule(app, r, true); }});
    rt.push_back({"DELETE", "/api/v1/training/members/{id}/modules/{key}", L,
                  [](App& app, Request& r) { return ChangeModule(app, r, false); }});
    rt.push_back({"GET", "/api/v1/training/teams", L, Teams});
    rt.push_back({"GET", "/api/v1/training/teams/{id}", L, Team});
}

}  // namespace caunoi::http
