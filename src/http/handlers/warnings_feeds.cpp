// CAP in and out, the Atom feed and the field app's list of warnings (docs/warnings.md).
#include <boost/json.hpp>

#include "core/log.hpp"
#include "core/text.hpp"
#include "http/handlers/json_values.hpp"
#include "http/handlers/warnings.hpp"
#include "warnings/atom_out.hpp"
#include "warnings/warnings.hpp"

namespace caunoi::http {

CAUNOI_MODULE(warnings, WarningsModule);

void WarningsModule::AddRoutes(std::vector<Route>& rt) {
    AddWarningFeeds(rt);
    AddWarningPages(rt);
}

namespace {

namespace json = boost::json;

constexpr std::string_view kCapSuffix = ".cap";

// POST /api/v1/alerts, "Authorization: Key <key>": a CAP 1.2 document from a system we gave a key.
Result<Response> ImportCap(App& app, Request& r) {
    const std::string authz = r.Header("authorization");
    // Refused as Forbidden, not Unauthorized: no login would help (docs/warnings.md).
    if (authz.rfind("Key ", 0) != 0) return Error::Forbidden("send Authorization: Key <the sender's key>");
    auto got = app.alerts.ImportWithKey(authz.substr(4), r.body);
    if (!got.ok()) {
        log::Info("alert refused: " + got.error().field + ": " + got.error().detail);
        return got.error();
    }
    log::Info("alert " + got->alert.sender + " " + got->alert.identifier + (got->duplicate ? " again" : " taken") +
              ", " + std::to_string(got->messages) + " messages");
    return JsonResponse(json::object{{"id", got->alert.id},
                                     {"number", got->alert.number},
                                     {"duplicate", got->duplicate},
                                     {"messages", got->messages}},
                        got->duplicate ? 200 : 201);
}

Result<Response> CapOut(App& app, Request& r) {
    std::string id = r.Param("file");
    if (id.size() <= kCapSuffix.size() || id.compare(id.size() - kCapSuffix.size(), kCapSuffix.size(), kCapSuffix))
        return Error::NotFound();
    id.resize(id.size() - kCapSuffix.size());
    CAUNOI_ASSIGN(auto found, app.alerts.Public(id));
    Response resp;
    resp.content_type = "application/cap+xml; charset=utf-8";
    resp.body = warnings::WriteCap(found.second);
    return resp;
}

Result<Response> Atom(App& app, Request& r) {
    CAUNOI_ASSIGN(auto in_force, app.alerts.InForce(100));
    std::vector<warnings::FeedEntry> entries;
    int64_t updated = 0;
    for (const auto& a : in_force) {
        if (a.status != "Actual") continue;
        entries.push_back(
            {a.id, app.Tr(r, warnings::kHazards.Msgid(a.hazard)) + " - " + a.where, a.instruction, a.from, a.sent});
        updated = std::max(updated, a.sent);
    }
    Response resp;
    resp.content_type = "application/atom+xml; charset=utf-8";
    resp.body = warnings::WriteAtom(app.config().link_base, app.Tr(r, N_("Warnings in force")), entries,
                                    updated ? updated : app.clock.NowSeconds());
    return resp;
}

// The warnings in force for the actor's villages: the field app asks first on every sync.
Result<Response> ForFieldApp(App& app, Request& r) {
    CAUNOI_ASSIGN(auto in_force, app.alerts.InForceFor(*r.actor, 20));
    json::array items;
    for (const auto& a : in_force) {
        const auto& level = warnings::kRiskLevels[static_cast<size_t>(std::clamp(a.level, 1, 5) - 1)];
        items.push_back(json::object{{"id", a.id},
                                     {"number", a.number},
                                     {"hazard", warnings::kHazards.Name(a.hazard)},
                                     {"icon", warnings::kHazardTerms[static_cast<size_t>(a.hazard)].icon},
                                     {"title", app.Tr(r, warnings::kHazards.Msgid(a.hazard))},
                                     {"level", a.level},
                                     {"level_name", app.Tr(r, level.msgid)},
                                     {"colour", level.hex},
                                     {"where", a.where},
                                     {"what_to_do", a.instruction},
                                     {"from", a.from},
                                     {"until", a.expires},
                                     {"exercise", a.status == "Exercise"}});
    }
    return JsonResponse(json::object{{"items", items}});
}

// What a warning reached, for staff (the reach page's numbers, as JSON).
Result<Response> ReachJson(App& app, Request& r) {
    CAUNOI_ASSIGN(auto found, app.alerts.ReachOf(*r.actor, r.Param("id")));
    const auto& [alert, reach] = found;
    json::array villages;
    for (const auto& v : reach.villages)
        villages.push_back(
            json::object{{"id", v.place.village_id},
                         {"name", v.place.name},
                         {"commune", v.place.commune_name},
                         {"by_commune_only", v.place.check},
                         {"loudspeaker", v.place.loudspeaker},
                         {"numbers", v.numbers},
                         {"acknowledged_at", v.acknowledged_at ? json::value(v.acknowledged_at) : nullptr},
                         {"to_visit", v.ToVisit()}});
    return JsonResponse(json::object{{"id", alert.id},
                                     {"number", alert.number},
                                     {"status", alert.status},
                                     {"superseded_by", alert.superseded_by},
                                     {"sms", json::object{{"queued", reach.queued},
                                                          {"sent", reach.sent},
                                                          {"delivered", reach.delivered},
                                                          {"failed", reach.failed},
                                                          {"stopped", reach.stopped}}},
                                     {"villages", villages}});
}

}  // namespace

void AddWarningFeeds(std::vector<Route>& rt) {
    rt.push_back({"POST", "/api/v1/alerts", std::nullopt, ImportCap});
    rt.push_back({"GET", "/api/v1/alerts", Role::kMember, ForFieldApp});
    rt.push_back({"GET", "/api/v1/alerts/{file}", std::nullopt, CapOut});
    rt.push_back({"GET", "/api/v1/alerts/{id}/reach", Role::kTeamLeader, ReachJson});
    rt.push_back({"GET", "/alerts.atom", std::nullopt, Atom});
}

}  // namespace caunoi::http
