// The application behind the HTTP server: services wired to one database (a ServiceGraph it owns),
// the route table, and the middleware every request passes (authentication, role and CSRF
// checks, error rendering, request log line).
// Handlers reach the services, never a store. This header names the services only by declaration:
// a handler includes the domain headers it uses, so editing one domain rebuilds only its handlers.
// Ownership: App owns the graph (stores and services) and the modules; it borrows the Database.
// Thread-safety: one thread (the server's io thread).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <typeindex>
#include <typeinfo>
#include <vector>

#include "core/actor.hpp"
#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "core/transactions.hpp"
#include "http/message.hpp"

namespace caunoi {
namespace storage {
class Database;
class ServiceGraph;
struct GraphConfig;
}  // namespace storage
namespace area {
class AreaService;
}
namespace audit {
class AuditLog;
}
namespace auth {
class AuthService;
}
namespace desk {
class DeskService;
}
namespace fieldwork {
class FieldworkService;
}
namespace procedures {
class ProcedureService;
class DossierService;
}  // namespace procedures
namespace registry {
class RegistryService;
}
namespace sms {
class SmsService;
}
namespace sync {
class SyncService;
}
namespace team {
class TeamService;
}
namespace warnings {
class AlertService;
}
}  // namespace caunoi

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
    std::string link_base;      // the address in SMS links: public_url, else the one served at
    std::string kannel_token;   // shared with our Kannel: inbound messages and delivery reports carry it ("": SMS off)
    bool kannel_token_in_url = false;  // also taken from `t=` (the single-secret setup; Kannel logs it)
    int64_t sms_price = 350;           // dong per SMS part, for the cost shown before a manual send
    bool sms_unicode = false;          // the operator's setting: SMS keep their diacritics (UCS-2)
    size_t max_body = 256 * 1024;
    std::string metrics_token;  // a scraper's bearer token for /metrics ("": no /metrics)
};

// The service graph's settings out of the server's (for graphs beside the App's: the feed poller's).
storage::GraphConfig GraphConfigOf(const AppConfig& cfg);

class Views;
class Module;

class App {
    std::unique_ptr<storage::ServiceGraph> graph_;  // first: the references below point into it

  public:
    App(storage::Database& db, const Clock& clock, AppConfig cfg);
    ~App();

    storage::Database& db;
    const Clock& clock;
    i18n::Catalogs& catalogs_;
    const WorkingCalendar& calendar;  // data/holidays.tsv, parsed once
    Transactions& transactions;
    audit::AuditLog& audit;
    area::AreaService& areas;
    registry::RegistryService& registry;
    auth::AuthService& auth;
    team::TeamService& teams;
    fieldwork::FieldworkService& fieldwork;
    desk::DeskService& desk;
    procedures::ProcedureService& procedures;
    procedures::DossierService& dossiers;
    sync::SyncService& sync;
    sms::SmsService& sms;
    warnings::AlertService& alerts;

    // Communes, catalogs and procedures shipped in the binary (storage::ServiceGraph::SeedReferenceData).
    Status SeedReferenceData();

    // Runs one request through the middleware and its route. Never throws. A response with
    // `work` (see Response) is not final: the server runs the work off this thread, then Resume.
    Response Handle(Request& req);
    Response Resume(Request& req, Response&& pending);
    const std::vector<Route>& routes() const { return routes_; }
    const AppConfig& config() const { return cfg_; }

    // Translation in the request's language.
    std::string Tr(const Request& r, const std::string& msgid) const { return catalogs_.Translate(r.lang, msgid); }
    Response ErrorResponse(const Request& r, const Error& e);

    std::unique_ptr<Views> views;

    // The module of type M (http/module.hpp), built with this App. Throws if M is not registered.
    template <typename M>
    M& Get() {
        return static_cast<M&>(ModuleOf(typeid(M)));
    }

  private:
    // The final response: an error rendered in the user's language, the security headers added.
    Response Finish(const Request& req, Result<Response>&& r);
    Result<Response> Dispatch(Request& req);
    Module& ModuleOf(const std::type_info& type);
    AppConfig cfg_;
    std::vector<Route> routes_;
    std::map<std::type_index, std::unique_ptr<Module>> modules_;
};

}  // namespace caunoi::http
