// JSON API for field work: catalogs, support sessions, follow-up tasks.
#include <boost/json.hpp>
#include <tuple>

#include "desk/desk.hpp"
#include "fieldwork/fieldwork.hpp"
#include "http/handlers/fieldwork_json.hpp"
#include "http/handlers/json_values.hpp"
#include "http/handlers/users_json.hpp"
#include "http/handlers/web_common.hpp"
#include "http/routes.hpp"

namespace caunoi::http {
namespace {

namespace json = boost::json;

// A JSON object answer (never a pre-serialised string: nothing is parsed twice).
Response Ok(const json::object& o, int status = 200) { return JsonResponse(o, status); }

Result<Response> RecordSession(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    CAUNOI_ASSIGN(auto recorded, app.desk.RecordSession(*r.actor, f));
    auto body = json::object{{"session", ToJson(recorded.first)}, {"tasks", ToJson(recorded.second).at("items")}};
    return Ok(body, 201);
}

// POST /api/v1/tasks/{id}/done and /skip.
Handler CloseTask(bool skip) {
    return [skip](App& app, Request& r) -> Result<Response> {
        if (!skip) {
            CAUNOI_ASSIGN(auto t, app.fieldwork.CompleteTask(*r.actor, r.Param("id")));
            return Ok(ToJson(t));
        }
        CAUNOI_ASSIGN(auto f, ReadFields(r));
        CAUNOI_ASSIGN(auto t, app.fieldwork.SkipTask(*r.actor, r.Param("id"), f));
        return Ok(ToJson(t));
    };
}

}  // namespace

void AddFieldworkApiRoutes(std::vector<Route>& rt) {
    const auto M = Role::kMember;
    const auto L = Role::kTeamLeader;
    const auto A = Role::kProvinceAdmin;
    for (auto [c, path, text_key] : {std::tuple{fieldwork::Catalog::kServices, "/api/v1/services", "name"},
                                     std::tuple{fieldwork::Catalog::kTips, "/api/v1/tips", "text"}}) {
        rt.push_back({"GET", path, M, [c = c, text_key = text_key](App& app, Request& r) -> Result<Response> {
                          CAUNOI_ASSIGN(auto es, c == fieldwork::Catalog::kTips ? app.fieldwork.Tips()
                                                                                : app.fieldwork.Services());
                          return Ok(ToJson(es, r.lang, text_key));
                      }});
        rt.push_back({"PUT", std::string(path) + "/{key}", A,
                      [c = c, text_key = text_key](App& app, Request& r) -> Result<Response> {
                          CAUNOI_ASSIGN(auto f, ReadFields(r));
                          CAUNOI_ASSIGN(auto e, app.fieldwork.PutEntry(*r.actor, c, r.Param("key"), f));
                          return Ok(ToJson(e, text_key));
                      }});
    }
    rt.push_back({"POST", "/api/v1/sessions", M, RecordSession});
    rt.push_back({"GET", "/api/v1/households/{id}/sessions", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto ss, app.fieldwork.Sessions(*r.actor, r.Param("id")));
                      return Ok(ToJson(ss));
                  }});
    rt.push_back({"GET", "/api/v1/households/{id}/tasks", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto ts, app.fieldwork.HouseholdTasks(*r.actor, r.Param("id")));
                      return Ok(ToJson(ts));
                  }});
    rt.push_back({"GET", "/api/v1/residents/{id}/next-tip", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto t, app.fieldwork.NextTipFor(*r.actor, r.Param("id")));
                      return Ok(json::object{{"key", t.key}, {"text", t.In(r.lang)}});
                  }});
    rt.push_back({"GET", "/api/v1/residents/{id}/history", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto h, app.fieldwork.History(*r.actor, r.Param("id")));
                      return Ok(ToJson(h));
                  }});
    rt.push_back({"GET", "/api/v1/households/{id}/timeline", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto sessions, app.fieldwork.Sessions(*r.actor, r.Param("id")));
                      CAUNOI_ASSIGN(auto tasks, app.fieldwork.HouseholdTasks(*r.actor, r.Param("id")));
                      return Ok(ToJson(fieldwork::BuildTimeline(sessions, tasks)));
                  }});
    rt.push_back({"GET", "/api/v1/tasks", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto ts, app.fieldwork.OpenTasks(*r.actor));
                      return Ok(ToJson(ts));
                  }});
    rt.push_back({"POST", "/api/v1/tasks", L, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto t, app.fieldwork.AddTask(*r.actor, f));
                      return Ok(ToJson(t), 201);
                  }});
    rt.push_back({"POST", "/api/v1/tasks/{id}/done", M, CloseTask(false)});
    rt.push_back({"POST", "/api/v1/tasks/{id}/skip", M, CloseTask(true)});
}

}  // namespace caunoi::http
