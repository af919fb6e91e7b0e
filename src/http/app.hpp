// The application behind the HTTP server: services wired to one database, the route
// table, and the middleware every request passes (authentication, role and CSRF checks,
// error rendering, request log line).
// Ownership: App owns the stores and services; it borrows the Database.
// Thread-safety: one thread (the server's io thread).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "area/area.hpp"
#include "area/no_signal.hpp"
#include "audit/audit_log.hpp"
#include "auth/auth.hpp"
#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "desk/desk.hpp"
#include "fieldwork/fieldwork.hpp"
#include "http/message.hpp"
#include "procedures/services.hpp"
#include "registry/registry.hpp"
#include "sms/service.hpp"
#include "storage/area_store.hpp"
#include "storage/audit_store.hpp"
#include "storage/desk_store.hpp"
#include "storage/dossier_store.hpp"
#include "storage/fieldwork_store.hpp"
#include "storage/no_signal_store.hpp"
#include "storage/procedure_store.hpp"
#include "storage/rate_limit_store.hpp"
#include "storage/registry_store.hpp"
#include "storage/sms_store.hpp"
#include "storage/sync_store.hpp"
#include "storage/team_store.hpp"
#include "storage/transactions.hpp"
#include "storage/user_store.hpp"
#include "sync/sync.hpp"
#include "team/team.hpp"

namespace caunoi::http {

class App;
using Handler = std::function<Result<Response>(App&, Request&)>;

struct Route {
    std::string method;
    std::string pattern;           // "/api/v1/households/{id}"
    std::optional<Role> min_role;  // nullopt: public (no login)
    Handler handler;
};

struct AppConfig {
    std::string id_key;         // secret for national-ID hashing
    std::string trusted_proxy;  // peer address whose X-Forwarded-* headers are believed
    std::string public_url;     // "https://caunoi.example.vn": the address printed in short links and QR codes
    std::string kannel_token;   // shared with our Kannel: inbound messages and delivery reports carry it ("": SMS off)
    bool kannel_token_in_url = false;  // also taken from `t=` (the single-secret setup; Kannel logs it)
    int64_t sms_price = 350;           // dong per SMS part, for the cost shown before a manual send
    bool sms_unicode = false;          // the operator's setting: SMS keep their diacritics (UCS-2)
    size_t max_body = 256 * 1024;
};

class Views;

class App {
  public:
    App(storage::Database& db, const Clock& clock, AppConfig cfg);
    ~App();

    // Runs one request through the middleware and its route. Never throws. A response with
    // `work` (see Response) is not final: the server runs the work off this thread, then Resume.
    Response Handle(Request& req);
    Response Resume(Request& req, Response&& pending);
    const std::vector<Route>& routes() const { return routes_; }
    const AppConfig& config() const { return cfg_; }

    // Translation in the request's language.
    std::string Tr(const Request& r, const std::string& msgid) const { return catalogs_.Translate(r.lang, msgid); }
    Response ErrorResponse(const Request& r, const Error& e);

    storage::Database& db;
    const Clock& clock;
    i18n::Catalogs catalogs_;
    std::unique_ptr<Views> views;
    const WorkingCalendar calendar;  // data/holidays.tsv, parsed once; services keep copies

    // Communes, the help and tip catalogs and the procedure catalog shipped in the binary: added
    // or updated at every start (what people edited stays; see each store's Seed).
    Status SeedReferenceData();

  private:
    // Declared before the services that borrow them; only services reach them.
    storage::DatabaseTransactions transactions_;
    storage::AuditStore audit_store;
    storage::AreaStore area_store;
    storage::RegistryStore registry_store;
    storage::UserStore user_store;
    storage::TeamStore team_store;
    storage::FieldworkStore fieldwork_store;
    storage::DeskStore desk_store;
    storage::NoSignalStore no_signal_store;
    storage::ProcedureStore procedure_store;
    storage::DossierStore dossier_store;
    storage::RateLimitStore rate_limit_store;
    storage::SyncStore sync_store;
    storage::OutboxStore outbox_store;
    storage::SmsStore sms_store;

  public:
    Transactions& transactions() { return transactions_; }
    audit::AuditLog audit;
    area::AreaService areas;
    registry::RegistryService registry;
    auth::AuthService auth;
    team::TeamService teams;
    fieldwork::FieldworkService fieldwork;
    desk::DeskService desk;
    area::NoSignalService no_signal;
    procedures::ProcedureService procedures;
    procedures::DossierService dossiers;
    sync::SyncService sync;
    sms::SmsService sms;

  private:
    // The final response: an error rendered in the user's language, the security headers added.
    Response Finish(const Request& req, Result<Response>&& r);
    Result<Response> Dispatch(Request& req);
    AppConfig cfg_;
    std::vector<Route> routes_;
};

// The route tables, defined beside their handlers.
void AddApiRoutes(std::vector<Route>& routes);
void AddWebRoutes(std::vector<Route>& routes);
void AddSyncRoutes(std::vector<Route>& routes);
void AddFieldAppRoutes(std::vector<Route>& routes);
void AddSmsRoutes(std::vector<Route>& routes);

}  // namespace caunoi::http
