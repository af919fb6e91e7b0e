// Every route table, each defined beside its handlers (http/handlers/*.cpp), and the one list
// that puts them together. A new module's handler file defines its Add*Routes; it is declared
// here and called from AllRoutes() (routes.cpp), and nowhere else.
#pragma once

#include <vector>

#include "http/app.hpp"

namespace caunoi::http {

void AddApiRoutes(std::vector<Route>& rt);           // api.cpp: me, areas, households, users, audit
void AddFieldworkApiRoutes(std::vector<Route>& rt);  // api_fieldwork.cpp: catalogs, sessions, tasks
void AddAuthWebRoutes(std::vector<Route>& rt);       // web_auth.cpp: login, logout, password
void AddRegistryWebRoutes(std::vector<Route>& rt);   // web_registry.cpp: households and residents
void AddAdminWebRoutes(std::vector<Route>& rt);      // web_admin.cpp: areas, teams, users, audit
void AddFieldworkWebRoutes(std::vector<Route>& rt);  // web_fieldwork.cpp: visits, tasks, catalogs
void AddDeskRoutes(std::vector<Route>& rt);          // desk.cpp: the one-stop desk
void AddProcedureRoutes(std::vector<Route>& rt);     // procedures.cpp: the procedure catalog
void AddDossierRoutes(std::vector<Route>& rt);       // dossiers.cpp: dossiers and the public look-up
void AddMenuWebRoutes(std::vector<Route>& rt);       // web_menu.cpp: home and menu
void AddSearchWebRoutes(std::vector<Route>& rt);     // web_search.cpp: find a person
void AddSyncRoutes(std::vector<Route>& rt);          // sync.cpp: the field app's push and pull
void AddFieldAppRoutes(std::vector<Route>& rt);      // fieldapp.cpp: the offline field app's files
void AddSmsRoutes(std::vector<Route>& rt);           // sms.cpp: Kannel, inbox, outbox, scams
void AddPersonalDataRoutes(std::vector<Route>& rt);  // personal_data.cpp: a resident's data, JSON and printable
void AddMetricsRoutes(std::vector<Route>& rt);       // metrics.cpp: /metrics for Prometheus

// All routes in matching order (the first route whose pattern matches wins).
std::vector<Route> AllRoutes();

}  // namespace caunoi::http
