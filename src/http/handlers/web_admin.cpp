// Pages for teams, users and the audit log.
#include "area/area.hpp"
#include "audit/audit_log.hpp"
#include "auth/auth.hpp"
#include "http/handlers/web_common.hpp"
#include "http/routes.hpp"
#include "team/team.hpp"

namespace caunoi::http {
namespace {

std::string KindMsgid(const std::string& k) {
    static const std::map<std::string, std::string> m = {{"youth_union", N_("Youth union")},
                                                         {"teacher", N_("Teacher")},
                                                         {"one_stop_officer", N_("One-stop officer")},
                                                         {"village_head", N_("Village head")},
                                                         {"police", N_("Police")},
                                                         {"elder", N_("Respected elder")},
                                                         {"other", N_("Other")}};
    auto it = m.find(k);
    return it == m.end() ? k : it->second;
}

Data KindOptions(App& app, const Request& r) {
    Data list = List();
    for (auto kind : team::kMemberKinds)
        list.push_back(Obj({{"value", std::string(kind)}, {"label", app.Tr(r, KindMsgid(std::string(kind)))}}));
    return list;
}

Result<Response> TeamsPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto ts, app.teams.List(*r.actor));
    Data list = List();
    for (const auto& t : ts)
        list.push_back(Obj({{"id", t.id},
                            {"name", t.name},
                            {"members", std::to_string(t.members.size())},
                            {"villages", std::to_string(t.village_ids.size())}}));
    Data d;
    d.set("teams", list);
    // Officers create teams from the villages of their commune. (An admin's scope is the whole
    // province: a form listing every village would not fit a phone; admins use the API.)
    if (r.actor->role == Role::kCommuneOfficer) {
        const auto& commune = r.actor->area_path;
        CAUNOI_ASSIGN(auto vs, app.areas.Children(*r.actor, commune.substr(commune.rfind('/') + 1)));
        Data villages = List();
        for (const auto& v : vs) villages.push_back(Obj({{"id", v.id}, {"name", v.name}}));
        d.set("villages", villages);
        d.set("can_create", true);
    }
    return app.views->Page(app, r, "teams", d, N_("Teams"));
}

Result<Response> CreateTeam(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    // The commune is the village's parent; a team may only hold villages of one commune.
    std::string vids = f.all().count("village_ids") ? f.all().at("village_ids") : "";
    if (vids.empty()) return Error::Invalid("village_ids", "choose at least one village", N_("This field is required"));
    std::string first = vids.substr(0, vids.find(','));
    CAUNOI_ASSIGN(auto v, app.areas.Get(*r.actor, first));
    CAUNOI_ASSIGN(auto commune, app.areas.Get(*r.actor, v.parent_id));
    CAUNOI_ASSIGN(auto t, app.teams.Create(*r.actor, commune.path, f));
    return Response::Redirect("/teams/" + t.id);
}

Result<Response> TeamPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto t, app.teams.Get(*r.actor, r.Param("id")));
    Data d = Obj({{"id", t.id}, {"team_id", t.id}, {"name", t.name}});
    Data ms = List();
    for (const auto& m : t.members) {
        Data x = Obj({{"id", m.id}, {"name", m.name}, {"phone", m.phone}, {"kind", app.Tr(r, KindMsgid(m.kind))}});
        x.set("leader", m.leader);
        ms.push_back(x);
    }
    d.set("members", ms);
    Data vs = List();
    for (const auto& vid : t.village_ids) {
        auto v = app.areas.Get(*r.actor, vid);
        if (v.ok()) vs.push_back(web::AreaData(*v));
    }
    d.set("villages", vs);
    d.set("can_manage",
          r.actor->AtLeast(Role::kCommuneOfficer) || (r.actor->role == Role::kTeamLeader && r.actor->team_id == t.id));
    d.set("kind_options", KindOptions(app, r));
    return app.views->Page(app, r, "team", d, N_("Team"));
}

Result<Response> UsersPage(App& app, Request& r) {
    constexpr int kPage = 100;
    CAUNOI_ASSIGN(auto us, app.auth.ListUsers(*r.actor, r.Query("cursor"), kPage));
    static const std::map<Role, std::string> kRole = {{Role::kMember, N_("Team member")},
                                                      {Role::kTeamLeader, N_("Team leader")},
                                                      {Role::kCommuneOfficer, N_("Commune officer")},
                                                      {Role::kProvinceAdmin, N_("Province admin")}};
    Data list = List();
    for (const auto& u : us) {
        Data x = Obj({{"id", u.id},
                      {"name", u.display_name},
                      {"login", u.username.empty() ? u.phone : u.username},
                      {"role", app.Tr(r, kRole.at(u.role))}});
        x.set("disabled", u.disabled);
        x.set("self", u.id == r.actor->user_id);
        list.push_back(x);
    }
    CAUNOI_ASSIGN(auto ts, app.teams.List(*r.actor));
    Data teams = List();
    for (const auto& t : ts) teams.push_back(Obj({{"id", t.id}, {"name", t.name}}));
    Data d;
    d.set("users", list);
    d.set("next", Str(static_cast<int>(us.size()) == kPage ? us.back().id : ""));
    d.set("teams", teams);
    d.set("area_id", r.actor->area_path.substr(r.actor->area_path.rfind('/') + 1));
    d.set("role_options", web::Options(app, r,
                                       {{"member", kRole.at(Role::kMember)},
                                        {"team_leader", kRole.at(Role::kTeamLeader)},
                                        {"commune_officer", kRole.at(Role::kCommuneOfficer)}},
                                       "member"));
    return app.views->Page(app, r, "users", d, N_("Users"));
}

Result<Response> CreateUser(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    // The form always sends both; the role decides which one applies.
    std::string role = f.all().count("role") ? f.all().at("role") : "";
    Fields g;
    for (const auto& [k, v] : f.all()) {
        bool team_role = role == "member" || role == "team_leader";
        if ((k == "team_id" && !team_role) || (k == "area_id" && team_role) || v.empty()) continue;
        g.Set(k, v);
    }
    CAUNOI_TRY(app.auth.CreateUser(*r.actor, g));
    return Response::Redirect("/users");
}

const char* AuditEntityMsgid(const std::string& e) {
    if (e == "resident" || e == "resident_update") return N_("a person's record");
    if (e == "household") return N_("a household");
    if (e == "dossier") return N_("a dossier");
    if (e == "area") return N_("a village");
    if (e == "team") return N_("a team");
    if (e == "member") return N_("a team member");
    if (e == "user") return N_("an account");
    if (e == "task" || e == "task_done" || e == "task_skip") return N_("a follow-up task");
    if (e == "ticket") return N_("a desk ticket");
    if (e == "session") return N_("a support visit");
    if (e == "no_signal") return N_("a no-signal report");
    if (e == "procedure") return N_("a procedure");
    if (e == "sync_conflict") return N_("a change to check");
    return N_("a record");
}

Result<Response> AuditPage(App& app, Request& r) {
    CAUNOI_ASSIGN(int64_t before, r.IntQuery("before", 0, INT64_MAX, 0));
    constexpr int kPage = 100;
    CAUNOI_ASSIGN(auto es, app.audit.List(*r.actor, before, kPage));
    Data list = List();
    for (const auto& e : es) {
        // Records a page exists for get a link instead of their id.
        std::string href;
        if (e.entity == "resident" || e.entity == "household" || e.entity == "dossier")
            href = "/" + e.entity + "s/" + e.entity_id;
        list.push_back(Obj({{"at", web::FormatTime(e.at)},
                            {"user", e.user_name.empty() ? app.Tr(r, N_("unknown user")) : e.user_name},
                            {"action", app.Tr(r, web::AuditActionMsgid(e.action))},
                            // Logging in and out are about the person themself: no record named.
                            {"entity", e.entity == "user" && (e.action.rfind("log", 0) == 0 || e.action == "password")
                                           ? ""
                                           : app.Tr(r, AuditEntityMsgid(e.entity))},
                            {"href", e.entity_id.empty() ? "" : href},
                            {"addr", e.remote_addr}}));
    }
    Data d;
    d.set("entries", list);
    d.set("next", Str(static_cast<int>(es.size()) == kPage ? std::to_string(es.back().seq) : ""));
    return app.views->Page(app, r, "audit", d, N_("Audit log"));
}

}  // namespace

void AddAdminWebRoutes(std::vector<Route>& rt) {
    const auto M = Role::kMember;
    const auto L = Role::kTeamLeader;
    const auto O = Role::kCommuneOfficer;
    rt.push_back({"GET", "/teams", M, TeamsPage});
    rt.push_back({"POST", "/teams", O, CreateTeam});
    rt.push_back({"GET", "/teams/{id}", M, TeamPage});
    rt.push_back({"POST", "/teams/{id}/members", L, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_TRY(app.teams.AddMember(*r.actor, r.Param("id"), f));
                      return Response::Redirect("/teams/" + r.Param("id"));
                  }});
    rt.push_back({"POST", "/teams/{id}/members/{member_id}/delete", L, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_TRY(app.teams.RemoveMember(*r.actor, r.Param("id"), r.Param("member_id")));
                      return Response::Redirect("/teams/" + r.Param("id"));
                  }});
    rt.push_back({"GET", "/users", O, UsersPage});
    rt.push_back({"POST", "/users", O, CreateUser});
    rt.push_back({"POST", "/users/{id}", O, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_TRY(app.auth.UpdateUser(*r.actor, r.Param("id"), f));
                      return Response::Redirect("/users");
                  }});
    rt.push_back({"GET", "/audit", O, AuditPage});
}

}  // namespace caunoi::http
