// Members' own training: the pages (docs/training.md). A person's page is "My training" for
// themselves; a leader or an officer opens it for the people they look after, and grants or
// revokes the modules they may teach there. Every write redirects to the page with what was done.
#include "http/handlers/member_training.hpp"

#include <optional>
#include <stdexcept>

#include "core/calendar.hpp"
#include "core/embedded.hpp"
#include "core/text.hpp"
#include "http/handlers/web_common.hpp"

namespace caunoi::http {

CAUNOI_MODULE(member_training, MemberTrainingModule);


MemberTrainingModule::MemberTrainingModule(storage::ServiceGraph& g)
    : curriculum(g.db), store(g.db), service(store, g.transactions, g.audit, g.clock, [this] {
          return Result<training::Curriculum>(curriculum.Current());
      }) {}

void MemberTrainingModule::AddRoutes(std::vector<Route>& rt) {
    AddMemberTrainingPages(rt);
    AddMemberTrainingApi(rt);
}

std::string ModuleTitle(const Request& r, const std::string& vi, const std::string& en) {
    return r.lang == "vi" || en.empty() ? vi : en;
}

namespace {

training::MemberTrainingService& Service(App& app) { return app.Get<MemberTrainingModule>().service; }

// A module key the curriculum no longer has.
std::string Retired(App& app, const Request& r, const std::string& key) {
    return key + " (" + app.Tr(r, N_("no longer in the curriculum")) + ")";
}

std::string Day(const std::string& iso) {
    auto day = ParseDate(iso);
    return day ? FormatDateVn(*day) : iso;
}

// Where a person's page is: "My training" for oneself.
std::string PageOf(const Request& r, const std::string& user_id) {
    return user_id == r.actor->user_id ? "/training/me" : "/training/members/" + user_id;
}

Data CourseData(const training::Course& c) {
    Data d = Obj({{"id", c.id}, {"title", c.title}, {"completed", Day(c.completed_on)}});
    d.set("provider", Str(c.provider));
    d.set("certificate", Str(c.certificate));
    d.set("national", c.national);
    return d;
}

// The titles of the modules granted, joined; a key the curriculum no longer has says so.
std::string TeachesText(App& app, const Request& r, const training::Curriculum& cur,
                        const std::vector<training::TeachGrant>& grants) {
    std::string out;
    for (const auto& g : grants) {
        const training::Module* m = cur.Find(g.module_key);
        out +=
            (out.empty() ? "" : "; ") + (m ? ModuleTitle(r, m->title_vi, m->title_en) : Retired(app, r, g.module_key));
    }
    return out;
}

// After a write (?added=, ?withdrawn=, ?granted=, ?revoked=): what was done, in words.
void SetDone(App& app, const Request& r, const training::MemberTraining& m, const training::Curriculum& cur, Data& d) {
    if (const std::string id = r.Query("added"); !id.empty()) {
        for (const auto& c : m.courses)
            if (c.id == id) d.set("added", c.title);
    }
    if (const std::string id = r.Query("withdrawn"); !id.empty()) {
        auto c = Service(app).FindCourse(*r.actor, id);
        if (c.ok() && c->user_id == m.person.user_id && c->withdrawn_at) d.set("withdrawn", c->title);
    }
    for (const char* what : {"granted", "revoked"}) {
        const std::string key = r.Query(what);
        if (key.empty()) continue;
        const training::Module* mod = cur.Find(key);
        Data done = Obj({{"module", mod ? ModuleTitle(r, mod->title_vi, mod->title_en) : key}});
        done.set("unchanged", r.Query("changed") == "0");
        d.set(what, done);
    }
}

Result<Response> MemberPage(App& app, Request& r, const std::string& user_id, const Fields* sent,
                            const Error* refused) {
    CAUNOI_ASSIGN(auto m, Service(app).Of(*r.actor, user_id));
    CAUNOI_ASSIGN(auto cur, Service(app).CurrentCurriculum());
    const bool self = m.person.user_id == r.actor->user_id;
    Data d = Obj({{"user_id", m.person.user_id}, {"name", m.person.name}, {"page", PageOf(r, m.person.user_id)}});
    d.set("self", self);
    Data courses = List();
    for (const auto& c : m.courses) courses.push_back(CourseData(c));
    d.set("courses", courses);
    d.set("no_courses", m.courses.empty());
    Data teaches = List(), retired = List();
    for (const auto& g : m.teaches) {
        const training::Module* mod = cur.Find(g.module_key);
        teaches.push_back(
            Obj({{"title", mod ? ModuleTitle(r, mod->title_vi, mod->title_en) : Retired(app, r, g.module_key)}}));
        if (!mod) retired.push_back(Obj({{"key", g.module_key}, {"title", Retired(app, r, g.module_key)}}));
    }
    d.set("teaches", teaches);
    d.set("old_teaches", retired);
    d.set("teaches_none", m.teaches.empty());
    d.set("may_edit", m.may_edit);
    d.set("may_grant", m.may_grant);
    if (m.may_grant) {
        Data modules = List();
        for (const auto& mod : cur.modules) {
            Data o = Obj({{"key", mod.key}, {"title", ModuleTitle(r, mod.title_vi, mod.title_en)}});
            bool granted = false;
            for (const auto& g : m.teaches) granted = granted || g.module_key == mod.key;
            o.set("granted", granted);
            modules.push_back(o);
        }
        d.set("modules", modules);
    }
    // Back to the team's training for whoever reads it.
    if (!self && r.actor->AtLeast(Role::kTeamLeader) && !m.person.team_id.empty())
        d.set("team_page", "/training/teams/" + m.person.team_id);
    if (self && r.actor->AtLeast(Role::kTeamLeader)) d.set("team_page", std::string("/training/teams"));
    d.set("today", FormatDate(LocalDayOf(app.clock.NowSeconds())));
    SetDone(app, r, m, cur, d);
    if (sent && refused) {
        web::SetRefused(app, r, *sent, *refused, refused->field == "module" ? "modules_open" : "form_open", d);
        d.set("v_national", sent->all().count("national_online") && !sent->all().at("national_online").empty());
    }
    return app.views->Page(app, r, "member_training", d, self ? N_("My training") : N_("Training of a member"),
                           refused ? 422 : 200);
}

Result<Response> AddCourse(App& app, Request& r) {
    const std::string user_id = r.Param("id");
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    auto added = Service(app).AddCourse(*r.actor, user_id, f);
    if (!added.ok())
        return web::IsFormError(added.error()) ? MemberPage(app, r, user_id, &f, &added.error()) : added.error();
    return Response::Redirect(PageOf(r, user_id) + "?added=" + added->id + "#courses");
}

Result<Response> WithdrawCourse(App& app, Request& r) {
    CAUNOI_ASSIGN(auto c, Service(app).WithdrawCourse(*r.actor, r.Param("id")));
    return Response::Redirect(PageOf(r, c.user_id) + "?withdrawn=" + c.id + "#courses");
}

Result<Response> ChangeModule(App& app, Request& r) {
    const std::string user_id = r.Param("id");
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    const std::string key = f.all().count("module") ? f.all().at("module") : "";
    const bool grant = !f.all().count("grant") || f.all().at("grant") != "0";
    auto changed = grant ? Service(app).Grant(*r.actor, user_id, key) : Service(app).Revoke(*r.actor, user_id, key);
    if (!changed.ok())
        return web::IsFormError(changed.error()) ? MemberPage(app, r, user_id, &f, &changed.error()) : changed.error();
    return Response::Redirect(PageOf(r, user_id) + (grant ? "?granted=" : "?revoked=") + changed->module_key +
                              "&changed=" + (changed->changed ? "1" : "0") + "#modules");
}

Data PersonLink(const training::Person& p) {
    return Obj({{"name", p.name}, {"href", "/training/members/" + p.user_id}});
}

Result<Response> TeamPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto t, Service(app).Team(*r.actor, r.Param("id")));
    CAUNOI_ASSIGN(auto cur, Service(app).CurrentCurriculum());
    std::string sentence = app.Tr(r, N_("{n} of the {total} modules have nobody in the team who may teach them:"));
    text::ReplaceAll(sentence, "{n}", std::to_string(t.uncovered.size()));
    text::ReplaceAll(sentence, "{total}", std::to_string(t.modules.size()));
    Data d = Obj({{"team", t.team.name}, {"uncovered_sentence", sentence}});
    Data members = List();
    for (const auto& m : t.members) {
        Data o = PersonLink(m.person);
        o.set("leader", m.person.role == Role::kTeamLeader);
        o.set("self", m.person.user_id == r.actor->user_id);
        Data courses = List();
        for (const auto& c : m.courses) courses.push_back(CourseData(c));
        o.set("courses", courses);
        o.set("no_courses", m.courses.empty());
        o.set("teaches_text", Str(TeachesText(app, r, cur, m.teaches)));
        o.set("teaches_none", m.teaches.empty());
        members.push_back(o);
    }
    d.set("members", members);
    d.set("no_members", t.members.empty());
    Data modules = List(), uncovered = List();
    for (const auto& cover : t.modules) {
        std::string names;
        for (const auto& n : cover.teachers) names += (names.empty() ? "" : ", ") + n;
        const std::string title = ModuleTitle(r, cover.title_vi, cover.title_en);
        Data o = Obj({{"key", cover.key}, {"title", title}, {"count", std::to_string(cover.teachers.size())}});
        o.set("teachers", Str(names));
        o.set("nobody", cover.teachers.empty());
        modules.push_back(o);
        if (cover.teachers.empty()) uncovered.push_back(Obj({{"key", cover.key}, {"title", title}}));
    }
    d.set("modules", modules);
    d.set("uncovered", uncovered);
    d.set("all_covered", t.uncovered.empty());
    Data untrained = List();
    for (const auto& p : t.without_course) untrained.push_back(PersonLink(p));
    d.set("without_course", untrained);
    d.set("some_without_course", !t.without_course.empty());
    return app.views->Page(app, r, "member_training_team", d, N_("Training of the team"));
}

// A leader goes straight to their team; officers choose one of the commune's.
Result<Response> TeamsPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto teams, Service(app).Teams(*r.actor));
    if (r.actor->role == Role::kTeamLeader && teams.size() == 1)
        return Response::Redirect("/training/teams/" + teams.front().id);
    Data d;
    Data list = List();
    for (const auto& t : teams) list.push_back(Obj({{"name", t.name}, {"href", "/training/teams/" + t.id}}));
    d.set("teams", list);
    d.set("no_teams", teams.empty());
    d.set("choose", true);
    return app.views->Page(app, r, "member_training_team", d, N_("Training of the team"));
}

}  // namespace

void AddMemberTrainingPages(std::vector<Route>& rt) {
    const auto M = Role::kMember, L = Role::kTeamLeader;
    rt.push_back({"GET", "/training/me", M,
                  [](App& app, Request& r) { return MemberPage(app, r, r.actor->user_id, nullptr, nullptr); }});
    rt.push_back({"GET", "/training/members/{id}", M,
                  [](App& app, Request& r) { return MemberPage(app, r, r.Param("id"), nullptr, nullptr); }});
    rt.push_back({"POST", "/training/members/{id}/courses", M, AddCourse});
    rt.push_back({"POST", "/training/courses/{id}/withdraw", M, WithdrawCourse});
    rt.push_back({"POST", "/training/members/{id}/modules", L, ChangeModule});
    rt.push_back({"GET", "/training/teams", L, TeamsPage});
    rt.push_back({"GET", "/training/teams/{id}", L, TeamPage});
}

}  // namespace caunoi::http
