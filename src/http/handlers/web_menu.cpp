// The "More" page behind the bottom bar: every tool that is not one of the four tabs, by role,
// with the account's own actions (password, language, log out) at the end.
#include "http/handlers/web_common.hpp"
#include "http/routes.hpp"

namespace caunoi::http {

void AddMenuWebRoutes(std::vector<Route>& rt) {
    rt.push_back({"GET", "/more", Role::kMember, [](App& app, Request& r) -> Result<Response> {
                      return app.views->Page(app, r, "more", Data(), N_("More"));
                  }});
}

}  // namespace caunoi::http
