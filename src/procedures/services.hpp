// The procedure catalog as the province keeps it, and dossier tracking.
// Personal data rules as everywhere: repositories take the actor's scope; recording and moving a
// dossier, and reading one, are audited; the public look-up reveals one dossier's status only to
// someone holding its code and the last 4 digits of its phone, and is rate-limited per client
// address and per code. Notifications go to the SMS outbox in the same transaction as the change.
// Thread-safety: one thread (as the repositories).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "audit/audit_log.hpp"
#include "channel/outbox.hpp"
#include "core/actor.hpp"
#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/fields.hpp"
#include "core/i18n.hpp"
#include "core/rate_limit.hpp"
#include "core/transactions.hpp"
#include "core/ttl_cache.hpp"
#include "procedures/catalog.hpp"
#include "procedures/dossier.hpp"
#include "registry/registry.hpp"

namespace caunoi::procedures {

class ProcedureRepository {
  public:
    virtual ~ProcedureRepository() = default;
    // (code, source) in catalog order.
    virtual Result<std::vector<std::pair<std::string, std::string>>> All() = 0;
    // Inserts procedures not there yet; edits made in the database are kept.
    virtual Status Seed(const std::vector<std::pair<std::string, std::string>>& code_source) = 0;
    // Creates or replaces one procedure (a new one goes to the end of the list).
    virtual Status Put(const std::string& code, const std::string& source, const std::string& by, int64_t at) = 0;
    // Changes whenever any procedure is added or edited (by any process).
    virtual Result<std::string> Version() = 0;
};

// The catalog is parsed once and kept; at most once a second it checks the stored version, so an
// edit made through another process shows within a second. What All() and Find() return stays
// valid as long as the caller holds it, even if the catalog is reloaded meanwhile.
class ProcedureService {
  public:
    using Catalog = std::shared_ptr<const std::vector<Procedure>>;
    ProcedureService(ProcedureRepository& repo, Transactions& tx, audit::AuditLog& audit, const Clock& clock)
        : repo_(repo), tx_(tx), audit_(audit), clock_(clock), loaded_(clock, 1000) {}
    Result<Catalog> All();
    Result<std::shared_ptr<const Procedure>> Find(const std::string& code);
    // The province admin replaces or adds one procedure, written in the catalog's text form.
    Result<Procedure> Put(const Actor& a, const std::string& source);

  private:
    ProcedureRepository& repo_;
    Transactions& tx_;
    audit::AuditLog& audit_;
    const Clock& clock_;
    struct Loaded {
        Catalog catalog;
        std::string version;  // the stored version it was parsed from
    };
    TtlValue<Loaded> loaded_;  // fresh: its version was checked within the last second
};

using channel::OutboxMessage;

struct DossierQuery {
    std::optional<DossierStatus> status;  // nullopt = any open
    bool overdue = false;
    std::string resident_id;
    int64_t today = 0;
    int limit = 100;
};

struct DossierCounts {
    int open = 0;
    int overdue = 0;
};

class DossierRepository {
  public:
    virtual ~DossierRepository() = default;
    // Conflict if the portal code is already tracked.
    virtual Status Insert(const Dossier& d) = 0;
    virtual Result<Dossier> Find(const Scope& s, const std::string& id) = 0;
    // Not scoped: only for the public look-up, which proves knowledge of the code and phone.
    virtual Result<Dossier> FindByPortalCode(const std::string& code) = 0;
    virtual Result<std::vector<Dossier>> List(const Scope& s, const DossierQuery& q) = 0;
    virtual Result<DossierCounts> Count(const Scope& s, int64_t today) = 0;
    // Moves `id` from `from` to `to`; Conflict if its status changed meanwhile.
    virtual Status Move(const std::string& id, DossierStatus from, DossierStatus to, int64_t due_day, int64_t at) = 0;
    virtual Status InsertEvent(const Dossier& d, const DossierEvent& e) = 0;
    virtual Result<std::vector<DossierEvent>> Events(const std::string& dossier_id) = 0;
    virtual Status Enqueue(const OutboxMessage& m) = 0;
    // Newest first; `dossier_id` "" = all in scope.
    virtual Result<std::vector<OutboxMessage>> Outbox(const Scope& s, const std::string& dossier_id, int limit) = 0;
    virtual Result<bool> UserInScope(const Scope& s, const std::string& user_id) = 0;
};

// What the public look-up shows: no name, no phone, nothing about other dossiers.
struct LookupAnswer {
    std::string portal_code;
    std::shared_ptr<const Procedure> procedure;
    DossierStatus status = DossierStatus::kSubmitted;
    int64_t due_day = 0;
    bool clock_running = false;
    bool overdue = false;  // the office is past its due date
};

class DossierService {
  public:
    static constexpr int kLookupsPerAddress = 20;   // per kLookupWindow
    static constexpr int kFailuresPerCode = 5;      // wrong digits for one code, per kLookupWindow
    static constexpr int64_t kLookupWindow = 3600;  // seconds

    // `limits` holds the look-up counters: shared through the database when several processes serve.
    DossierService(DossierRepository& repo, Transactions& tx, ProcedureService& procedures,
                   registry::RegistryRepository& registry, audit::AuditLog& audit, const Clock& clock,
                   WorkingCalendar calendar, const i18n::Catalogs& catalogs, RateCounter& limits)
        : repo_(repo),
          tx_(tx),
          procedures_(procedures),
          registry_(registry),
          audit_(audit),
          clock_(clock),
          calendar_(std::move(calendar)),
          catalogs_(catalogs),
          limits_(limits) {}

    // Fields: resident_id, procedure, portal_code, submitted_on (YYYY-MM-DD, not in the future),
    // channel (self_online | assisted_online | desk), assisted_by (user id; defaults to the
    // recorder unless self_online), phone (defaults to the resident's), note.
    Result<Dossier> Record(const Actor& a, const Fields& f);
    // Fields: status, note. Queues the notification.
    Result<Dossier> Move(const Actor& a, const std::string& id, const Fields& f);
    // A dossier and its history (a read of the resident's record: audited).
    Result<std::pair<Dossier, std::vector<DossierEvent>>> Get(const Actor& a, const std::string& id);
    Result<std::vector<Dossier>> List(const Actor& a, DossierQuery q);
    // Open and overdue dossiers in the actor's scope, narrowed to `area_path` when it lies inside it.
    Result<DossierCounts> Counts(const Actor& a, const std::string& area_path = "");
    Result<std::vector<OutboxMessage>> Outbox(const Actor& a, const std::string& dossier_id, int limit);
    // Fields: code (spelled as a person types it: procedures::LookupCodes), phone_last4. `client`
    // is the caller's address. One answer for an unknown code and for wrong digits;
    // TooManyRequests when a limit is reached.
    Result<LookupAnswer> Lookup(const std::string& client, const Fields& f);
    int64_t Today() const { return LocalDayOf(clock_.NowSeconds()); }
    const WorkingCalendar& calendar() const { return calendar_; }

    // Notifications in the resident's language (issue 21, item 4; set by the translations module):
    // the approved translation of a notification template (msgid) in `lang`, or nothing.
    using Content = std::function<std::optional<std::string>(const std::string& lang, const char* msgid)>;
    void OnContent(Content f) { content_ = std::move(f); }

  private:
    Status Notify(const Dossier& d, const Procedure& p);
    DossierRepository& repo_;
    Transactions& tx_;
    ProcedureService& procedures_;
    registry::RegistryRepository& registry_;
    audit::AuditLog& audit_;
    const Clock& clock_;
    WorkingCalendar calendar_;
    const i18n::Catalogs& catalogs_;
    RateCounter& limits_;
    Content content_;
};

}  // namespace caunoi::procedures
