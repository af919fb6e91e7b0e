// Finding people: by any resident's name, a phone number or an ID-card number, in the actor's
// area (the registry applies the scope and audits each person listed). One list for the search
// page, the village page and the desk.
#include "area/area.hpp"
#include "http/handlers/web_common.hpp"
#include "http/routes.hpp"
#include "registry/registry.hpp"

namespace caunoi::http {
namespace web {

Status AddPeople(App& app, const Request& r, const std::string& text, const std::string& village_id,
                 const std::string& ticket, Data& d) {
    d.set("q", text);
    if (text.empty()) return {};
    CAUNOI_ASSIGN(auto found, app.registry.FindPeople(*r.actor, text, village_id));
    std::map<std::string, std::string> villages;
    Data people = List();
    for (const auto& m : found.people) {
        if (!villages.count(m.village_id)) {
            auto v = app.areas.Get(*r.actor, m.village_id);
            villages[m.village_id] = v.ok() ? v->name : "";
        }
        std::string href = !ticket.empty()         ? "/households/" + m.household_id + "/visit?ticket=" + ticket
                           : m.resident_id.empty() ? "/households/" + m.household_id
                                                   : "/residents/" + m.resident_id;
        const char* why = m.matched == "phone"         ? N_("matches the phone number")
                          : m.matched == "national_id" ? N_("matches the ID-card number")
                          : m.matched == "household"   ? N_("found by the names in the household")
                                                       : "";
        Data x = Obj({{"href", href},
                      {"name", m.full_name.empty() ? m.household_name : m.full_name},
                      {"born", m.birth_year ? std::to_string(*m.birth_year) : ""},
                      {"household", m.household_name},
                      {"village", village_id.empty() ? villages[m.village_id] : ""},
                      {"why", *why ? app.Tr(r, why) : ""}});
        people.push_back(x);
    }
    d.set("people", people);
    d.set("searched", true);
    d.set("none_found", found.people.empty());
    d.set("too_many", found.too_many);
    if (found.too_many) {
        // On a village's page the search is already the village's: only more of the name helps.
        d.set("narrow_search",
              app.Tr(r, village_id.empty() ? N_("Many households match; only some are listed. Type the whole name, "
                                                "or search on the village's page.")
                                           : N_("Many households match; only some are listed. Type the whole name.")));
    }
    return {};
}

}  // namespace web

void AddSearchWebRoutes(std::vector<Route>& rt) {
    rt.push_back({"GET", "/search", Role::kMember, [](App& app, Request& r) -> Result<Response> {
                      Data d;
                      CAUNOI_TRY(web::AddPeople(app, r, r.Query("q"), "", "", d));
                      return app.views->Page(app, r, "search", d, N_("Find a person"));
                  }});
}

}  // namespace caunoi::http
