#include "http/handlers/no_signal.hpp"

#include <boost/json.hpp>

#include "area/area.hpp"
#include "http/handlers/json_values.hpp"
#include "http/json.hpp"

namespace caunoi::http {

CAUNOI_MODULE(no_signal, NoSignalModule);

void NoSignalModule::AddRoutes(std::vector<Route>& rt) {
    const auto M = Role::kMember;
    rt.push_back({"POST", "/api/v1/no-signal", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto rep, app.Get<NoSignalModule>().service.Report(*r.actor, f));
                      return JsonResponse(
                          boost::json::object{{"id", rep.id}, {"village_id", rep.village_id}, {"at", rep.at}}, 201);
                  }});
    rt.push_back({"GET", "/api/v1/areas/{id}/dead-zones", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto a, app.areas.Get(*r.actor, r.Param("id")));
                      CAUNOI_ASSIGN(auto zones, app.Get<NoSignalModule>().service.DeadZones(*r.actor, a.path));
                      boost::json::array items;
                      for (const auto& z : zones)
                          items.push_back({{"village_id", z.village_id},
                                           {"name", z.village_name},
                                           {"coverage", z.coverage},
                                           {"reports", z.reports},
                                           {"last_at", z.last_at}});
                      return JsonResponse(boost::json::object{{"items", items}, {"next_cursor", nullptr}});
                  }});
    rt.push_back({"POST", "/no-signal", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto rep, app.Get<NoSignalModule>().service.Report(*r.actor, f));
                      return Response::Redirect("/areas/" + rep.village_id + "?reported=1");
                  }});
}

}  // namespace caunoi::http
