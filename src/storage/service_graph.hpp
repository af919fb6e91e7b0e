// The service graph over one database: every store and the domain services over them, wired once.
// App serves requests through one (each worker its own: its own caches); storage-backed tests
// build one over a test database (storage/test_wiring.hpp).
// Ownership: borrows the Database and the Clock; owns the stores and services.
// Thread-safety: one thread (as the stores).
#pragma once

#include <cstdint>
#include <string>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "desk/desk.hpp"
#include "procedures/services.hpp"
#include "sms/service.hpp"
#include "storage/alert_store.hpp"
#include "storage/area_store.hpp"
#include "storage/audience_store.hpp"
#include "storage/audit_store.hpp"
#include "storage/desk_store.hpp"
#include "storage/dossier_store.hpp"
#include "storage/fieldwork_store.hpp"
#include "storage/procedure_store.hpp"
#include "storage/rate_limit_store.hpp"
#include "storage/registry_store.hpp"
#include "storage/sms_store.hpp"
#include "storage/sync_store.hpp"
#include "storage/team_store.hpp"
#include "storage/transactions.hpp"
#include "storage/user_store.hpp"
#include "sync/sync.hpp"
#include "warnings/alerts.hpp"

namespace caunoi::storage {

struct GraphConfig {
    std::string id_key;           // secret for national-ID hashing
    int64_t sms_price = 350;      // dong per SMS part
    bool sms_unicode = false;     // SMS keep their diacritics (UCS-2)
    int64_t search_window = 600;  // RegistryStore's PostgreSQL name-search window
    int64_t match_window = 200;   // how many matching households a name search reads at most
    std::string link_base;        // the public address put in SMS links (warnings' operator pages)
};

class ServiceGraph {
  public:
    // The shipped task rules and holidays are part of the program: a broken file throws.
    // `catalogs_` starts empty; the owner adds the languages it serves.
    ServiceGraph(Database& db, const Clock& clock, const GraphConfig& cfg);
    ServiceGraph(const ServiceGraph&) = delete;
    ServiceGraph& operator=(const ServiceGraph&) = delete;

    // Communes, the help and tip catalogs and the procedure catalog shipped in the binary: added
    // or updated at every start (what people edited stays; see each store's Seed).
    Status SeedReferenceData();
    // Every catalog shipped in the binary (i18n/*.po) into catalogs_.
    void LoadShippedCatalogs();

    Database& db;
    const Clock& clock;
    const GraphConfig config;  // as built with: what modules read (the SMS setting, the public address)
    i18n::Catalogs catalogs_;
    const WorkingCalendar calendar;  // data/holidays.tsv, parsed once; services keep copies
    // The one transaction seam every service receives; a rollback empties the household cache.
    DatabaseTransactions transactions;
    AuditStore audit_store;
    AreaStore area_store;
    RegistryStore registry_store;
    UserStore user_store;
    TeamStore team_store;
    FieldworkStore fieldwork_store;
    DeskStore desk_store;
    ProcedureStore procedure_store;
    DossierStore dossier_store;
    RateLimitStore rate_limit_store;
    SyncStore sync_store;
    OutboxStore outbox_store;
    SmsStore sms_store;
    AlertStore alert_store;
    AudienceStore audience_store;
    audit::AuditLog audit;
    area::AreaService areas;
    registry::RegistryService registry;
    auth::AuthService auth;
    team::TeamService teams;
    fieldwork::FieldworkService fieldwork;
    desk::DeskService desk;
    procedures::ProcedureService procedures;
    procedures::DossierService dossiers;
    sync::SyncService sync;
    sms::SmsService sms;
    warnings::AlertService alerts;
};

}  // namespace caunoi::storage
