// The "More" page behind the bottom bar: every tool that is not one of the four tabs, by role,
// with the account's own actions (password, language, log out) at the end.
#include "http/handlers/web_common.hpp"
#include "http/routes.hpp"

namespace caunoi::http {

void AddMenuWebRoutes(std::vector<Route>& rt) {
    rt.push_back({"GET", "/more", Role::kMember, [](App& app, Request& r) -> Result<Response> {
                      Data d;
                      // The village board of the user's commune (province staff have none of their own).
                      const std::string commune = CommuneIdOf(r.actor->area_path);
                      if (!commune.empty()) d.set("board_commune", commune);
                      return app.views->Page(app, r, "more", d, N_("More"));
                  }});
}

}  // namespace caunoi::http
