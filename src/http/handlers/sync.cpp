// JSON API of offline sync (docs/sync.md): preflight, pull, push, and the conflicts a team
// leader resolves.
#include "sync/sync.hpp"

#include <boost/json.hpp>

#include "area/area.hpp"
#include "fieldwork/fieldwork.hpp"
#include "http/handlers/json_values.hpp"
#include "http/handlers/sync_json.hpp"
#include "http/handlers/web_common.hpp"
#include "http/routes.hpp"
#include "registry/registry.hpp"

namespace caunoi::http {
namespace {

namespace json = boost::json;

// A JSON object answer (never a pre-serialised string: nothing is parsed twice).
Response Ok(const json::object& o, int status = 200) { return JsonResponse(o, status); }

Result<Response> Pull(App& app, Request& r) {
    CAUNOI_ASSIGN(auto cursor, r.IntQuery("cursor", 0, INT64_MAX / 2, 0));
    CAUNOI_ASSIGN(int limit, r.Limit(200, sync::kMaxPage));
    CAUNOI_ASSIGN(auto page, app.sync.Pull(*r.actor, cursor, limit));
    return Ok(ToJson(page, [&](const std::string& msgid) { return app.Tr(r, msgid); }));
}

Result<Response> Push(App& app, Request& r) {
    CAUNOI_ASSIGN(auto body, ReadPush(r));
    CAUNOI_ASSIGN(auto results, app.sync.Push(*r.actor, body.device, body.ops));
    return Ok(ToJson(results, [&](const std::string& msgid) { return app.Tr(r, msgid); }));
}

// What the field app shows around the records it pulls: the names of the member's villages
// (to group and filter households) and the colleagues it may name as helpers (the member's own
// team, as the visit form offers). A few hundred bytes, so sent whole at every sync.
Result<Response> Context(App& app, Request& r) {
    json::array villages, helpers;
    auto add = [&](const area::Area& v) {
        if (v.kind == "village")
            villages.push_back(json::object{{"id", v.id}, {"name", v.name}, {"commune_id", v.parent_id}});
    };
    for (const auto& path : r.actor->scope.paths) {
        CAUNOI_ASSIGN(auto area, app.areas.Get(*r.actor, path.substr(path.rfind('/') + 1)));
        if (area.kind == "village") {
            add(area);
        } else if (area.kind == "commune" || area.kind == "ward") {
            // A leader or officer holds a commune: its villages.
            CAUNOI_ASSIGN(auto children, app.areas.Children(*r.actor, area.id));
            for (const auto& c : children) add(c);
        }
    }
    CAUNOI_ASSIGN(auto colleagues, app.fieldwork.Colleagues(*r.actor));
    for (const auto& [id, name] : colleagues) helpers.push_back(json::object{{"id", id}, {"name", name}});
    return Ok(json::object{{"villages", villages}, {"helpers", helpers}});
}

// The profile field's name as the resident form shows it.
const char* FieldMsgid(const std::string& field) {
    static const std::map<std::string, const char*> kNames = {{"full_name", N_("Full name")},
                                                              {"birth_year", N_("Year of birth")},
                                                              {"phone", N_("Phone number")},
                                                              {"ethnicity", N_("Ethnicity (sensitive, optional)")},
                                                              {"vneid_level", "VNeID"}};
    auto it = kNames.find(field);
    if (it != kNames.end()) return it->second;
    for (size_t i = 0; i < registry::kSkills.size(); ++i)
        if (registry::kSkills[i].key == field) return registry::kSkills[i].msgid;
    return "";
}

Result<Response> ConflictsPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto cs, app.sync.Conflicts(*r.actor));
    Data items = List();
    for (const auto& c : cs) {
        const char* name = FieldMsgid(c.field);
        items.push_back(Obj({{"id", c.id},
                             {"resident_id", c.resident_id},
                             {"resident_name", c.resident_name},
                             {"field_name", *name ? app.Tr(r, name) : c.field},
                             {"by_name", c.by_name},
                             {"at", web::FormatTime(c.at)},
                             {"server_value", c.server_value.empty() ? "—" : c.server_value},
                             {"phone_value", c.phone_value.empty() ? "—" : c.phone_value}}));
    }
    Data d;
    d.set("items", items);
    d.set("none", cs.empty());
    return app.views->Page(app, r, "conflicts", d, N_("Changes to check"));
}

}  // namespace

void AddSyncRoutes(std::vector<Route>& rt) {
    const auto M = Role::kMember;
    const auto L = Role::kTeamLeader;
    rt.push_back({"GET", "/api/v1/sync/preflight", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto p, app.sync.Check(*r.actor));
                      return Ok(ToJson(p));
                  }});
    rt.push_back({"GET", "/api/v1/sync/pull", M, Pull});
    rt.push_back({"GET", "/api/v1/sync/context", M, Context});
    rt.push_back({"POST", "/api/v1/sync/push", M, Push});
    rt.push_back({"GET", "/api/v1/sync/conflicts", L, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto cs, app.sync.Conflicts(*r.actor));
                      return Ok(ToJson(cs));
                  }});
    rt.push_back({"POST", "/api/v1/sync/conflicts/{id}/resolve", L, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_TRY(f.OnlyKnown({"keep"}));
                      CAUNOI_ASSIGN(auto c, app.sync.Resolve(*r.actor, r.Param("id"),
                                                             f.all().count("keep") ? f.all().at("keep") : ""));
                      return Ok(ToJson(c));
                  }});
    rt.push_back({"GET", "/sync/conflicts", L, ConflictsPage});
    rt.push_back({"POST", "/sync/conflicts/{id}/resolve", L, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto c, app.sync.Resolve(*r.actor, r.Param("id"),
                                                             f.all().count("keep") ? f.all().at("keep") : ""));
                      return Response::Redirect("/sync/conflicts");
                  }});
}

}  // namespace caunoi::http
