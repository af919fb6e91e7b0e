// JSON API handlers under /api/v1: parse -> service -> render. Scope and audit live in the
// services and repositories; nothing here decides who may see what.
#include <boost/json.hpp>

#include "area/area.hpp"
#include "audit/audit_log.hpp"
#include "auth/auth.hpp"
#include "http/app.hpp"
#include "http/handlers/auth_steps.hpp"
#include "http/handlers/json_values.hpp"
#include "http/handlers/registry_json.hpp"
#include "http/handlers/users_json.hpp"
#include "http/json.hpp"
#include "http/routes.hpp"
#include "registry/registry.hpp"
#include "storage/database.hpp"
#include "team/team.hpp"

namespace caunoi::http {
namespace {

namespace json = boost::json;

// A JSON object answer (never a pre-serialised string: nothing is parsed twice).
Response Ok(const json::object& o, int status = 200) { return JsonResponse(o, status); }

// API lists: 50 a page unless ?limit= says (at most 200).
Result<int> Limit(const Request& r) { return r.Limit(50, 200); }

// A new session as JSON: what a login and a password change both answer.
Result<Response> SessionJson(Result<auth::LoginResult> s) {
    if (!s.ok()) return s.error();
    return Ok(json::object{
        {"token", s->token}, {"csrf", s->csrf}, {"expires_at", s->expires_at}, {"user", ToJson(s->actor)}});
}

Result<Response> Login(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    CAUNOI_TRY(f.OnlyKnown({"login", "password"}));
    CAUNOI_ASSIGN(auto login, f.Text("login", 100, true));
    CAUNOI_ASSIGN(auto pw, f.Secret("password", 256, true));
    return OffloadedLogin(app, *login, *pw, r.remote_addr, SessionJson);
}

Result<Response> Logout(App& app, Request& r) {
    CAUNOI_TRY(app.auth.Logout(*r.actor, r.session_token));
    Response resp;
    resp.status = 204;
    resp.content_type.clear();
    return resp;
}

// Answers the caller's fresh session (its old token has ended with every other session).
Result<Response> ChangePassword(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    CAUNOI_TRY(f.OnlyKnown({"current_password", "new_password"}));
    CAUNOI_ASSIGN(auto cur, f.Secret("current_password", 256, true));
    CAUNOI_ASSIGN(auto next, f.Secret("new_password", 256, true));
    return OffloadedPasswordChange(app, r, *cur, *next, SessionJson);
}

Result<Response> CreateTeam(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    CAUNOI_ASSIGN(auto commune_id, f.Text("commune_id", 10, true));
    CAUNOI_ASSIGN(auto commune, app.areas.Get(*r.actor, *commune_id));
    CAUNOI_ASSIGN(auto t, app.teams.Create(*r.actor, commune.path, f));
    return Ok(ToJson(t), 201);
}

Result<Response> Audit(App& app, Request& r) {
    CAUNOI_ASSIGN(int64_t before, r.IntQuery("cursor", 0, INT64_MAX, 0));
    CAUNOI_ASSIGN(int limit, Limit(r));
    CAUNOI_ASSIGN(auto es, app.audit.List(*r.actor, before, limit));
    int64_t next = static_cast<int>(es.size()) == limit ? es.back().seq : 0;
    return Ok(ToJson(es, next));
}

}  // namespace

void AddApiRoutes(std::vector<Route>& rt) {
    const auto M = Role::kMember;
    const auto L = Role::kTeamLeader;
    const auto O = Role::kCommuneOfficer;
    rt.push_back({"GET", "/healthz", std::nullopt, [](App& app, Request&) -> Result<Response> {
                      CAUNOI_TRY(app.db.QueryOne("SELECT 1"));
                      return Ok(json::object{{"status", "ok"}});
                  }});
    rt.push_back({"POST", "/api/v1/login", std::nullopt, Login});
    rt.push_back({"POST", "/api/v1/logout", M, Logout});
    rt.push_back({"GET", "/api/v1/me", M, [](App&, Request& r) -> Result<Response> { return Ok(ToJson(*r.actor)); }});
    rt.push_back({"POST", "/api/v1/me/password", M, ChangePassword});

    rt.push_back({"GET", "/api/v1/areas/{id}", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto a, app.areas.Get(*r.actor, r.Param("id")));
                      return Ok(ToJson(a));
                  }});
    rt.push_back({"GET", "/api/v1/areas/{id}/children", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto as, app.areas.Children(*r.actor, r.Param("id")));
                      return Ok(ToJson(as));
                  }});
    rt.push_back({"POST", "/api/v1/areas/{id}/villages", O, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto v, app.areas.CreateVillage(*r.actor, r.Param("id"), f));
                      return Ok(ToJson(v), 201);
                  }});
    rt.push_back({"PATCH", "/api/v1/areas/{id}", O, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto v, app.areas.UpdateVillage(*r.actor, r.Param("id"), f));
                      return Ok(ToJson(v));
                  }});

    rt.push_back({"GET", "/api/v1/households", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(int limit, Limit(r));
                      registry::HouseholdQuery q{r.Query("village_id"), r.Query("q"), r.Query("cursor"), limit};
                      CAUNOI_ASSIGN(auto page, app.registry.ListHouseholds(*r.actor, q));
                      return Ok(ToJson(page));
                  }});
    rt.push_back({"POST", "/api/v1/households", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto h, app.registry.CreateHousehold(*r.actor, f));
                      return Ok(ToJson(h), 201);
                  }});
    rt.push_back({"GET", "/api/v1/households/{id}", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto h, app.registry.GetHousehold(*r.actor, r.Param("id")));
                      return Ok(ToJson(h));
                  }});
    rt.push_back({"PATCH", "/api/v1/households/{id}", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto h, app.registry.UpdateHousehold(*r.actor, r.Param("id"), f));
                      return Ok(ToJson(h));
                  }});
    rt.push_back({"DELETE", "/api/v1/households/{id}", L, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_TRY(app.registry.DeleteHousehold(*r.actor, r.Param("id")));
                      return Ok(json::object{{"deleted", true}});
                  }});
    rt.push_back({"GET", "/api/v1/households/{id}/residents", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto rs, app.registry.ListResidents(*r.actor, r.Param("id")));
                      return Ok(ToJson(rs));
                  }});
    rt.push_back({"POST", "/api/v1/residents", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto res, app.registry.CreateResident(*r.actor, f));
                      return Ok(ToJson(res), 201);
                  }});
    rt.push_back({"GET", "/api/v1/residents/{id}", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto res, app.registry.GetResident(*r.actor, r.Param("id")));
                      return Ok(ToJson(res));
                  }});
    rt.push_back({"PATCH", "/api/v1/residents/{id}", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto res, app.registry.UpdateResident(*r.actor, r.Param("id"), f));
                      return Ok(ToJson(res));
                  }});

    rt.push_back({"DELETE", "/api/v1/residents/{id}", L, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_TRY(app.registry.DeleteResident(*r.actor, r.Param("id")));
                      return Ok(json::object{{"deleted", true}});
                  }});
    rt.push_back({"GET", "/api/v1/teams", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto ts, app.teams.List(*r.actor));
                      return Ok(ToJson(ts));
                  }});
    rt.push_back({"POST", "/api/v1/teams", O, CreateTeam});
    rt.push_back({"GET", "/api/v1/teams/{id}", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto t, app.teams.Get(*r.actor, r.Param("id")));
                      return Ok(ToJson(t));
                  }});
    rt.push_back({"POST", "/api/v1/teams/{id}/members", L, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto m, app.teams.AddMember(*r.actor, r.Param("id"), f));
                      return Ok(ToJson(m), 201);
                  }});
    rt.push_back({"DELETE", "/api/v1/teams/{id}/members/{member_id}", L, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_TRY(app.teams.RemoveMember(*r.actor, r.Param("id"), r.Param("member_id")));
                      return Ok(json::object{{"deleted", true}});
                  }});

    rt.push_back({"GET", "/api/v1/users", O, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(int limit, Limit(r));
                      CAUNOI_ASSIGN(auto us, app.auth.ListUsers(*r.actor, r.Query("cursor"), limit));
                      std::string next = static_cast<int>(us.size()) == limit ? us.back().id : "";
                      return Ok(ToJson(us, next));
                  }});
    rt.push_back({"POST", "/api/v1/users", O, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto u, app.auth.CreateUser(*r.actor, f));
                      return Ok(ToJson(u), 201);
                  }});
    rt.push_back({"GET", "/api/v1/users/{id}", O, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto u, app.auth.GetUser(*r.actor, r.Param("id")));
                      return Ok(ToJson(u));
                  }});
    rt.push_back({"PATCH", "/api/v1/users/{id}", O, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto u, app.auth.UpdateUser(*r.actor, r.Param("id"), f));
                      return Ok(ToJson(u));
                  }});
    rt.push_back({"GET", "/api/v1/audit", O, Audit});
}

}  // namespace caunoi::http
