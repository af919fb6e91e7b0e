#include "http/routes.hpp"

namespace caunoi::http {

std::vector<Route> AllRoutes() {
    std::vector<Route> rt;
    for (auto add : {AddApiRoutes, AddFieldworkApiRoutes, AddAuthWebRoutes, AddRegistryWebRoutes, AddAdminWebRoutes,
                     AddFieldworkWebRoutes, AddDeskRoutes, AddProcedureRoutes, AddDossierRoutes, AddMenuWebRoutes,
                     AddSearchWebRoutes, AddSyncRoutes, AddFieldAppRoutes, AddSmsRoutes, AddPersonalDataRoutes, AddMetricsRoutes})
        add(rt);
    return rt;
}

}  // namespace caunoi::http
