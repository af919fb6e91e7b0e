// SQL implementations of the domain repositories, over any Database engine.
// Each store borrows the Database; one thread at a time (as the Database).
#pragma once

#include <unordered_map>

#include "area/area.hpp"
#include "area/no_signal.hpp"
#include "audit/audit_log.hpp"
#include "auth/auth.hpp"
#include "core/rate_limit.hpp"
#include "desk/desk.hpp"
#include "fieldwork/fieldwork.hpp"
#include "procedures/services.hpp"
#include "registry/registry.hpp"
#include "sms/service.hpp"
#include "storage/database.hpp"
#include "sync/sync.hpp"
#include "team/team.hpp"

namespace caunoi::storage {

// Notes a change to a household, resident or task (`kind`) for phones to pull (docs/sync.md):
// takes the next value of the sync clock and records the row's commune and area. Call inside the
// writing transaction, after an insert or update and before a delete.
Status RecordChange(Database& db, std::string_view kind, const std::string& id);
// Runs `write` and records the change in one transaction: after an insert or an update, before
// a delete, and before and after an update that may move the record to another area (so the
// phones of the area it leaves learn it left).
enum class Write { kInsert, kUpdate, kMove, kDelete };
Status WriteAndRecord(Database& db, std::string_view kind, const std::string& id, Write what,
                      const std::function<Status()>& write);

// Active users among `ids` that `s` reaches (their area in scope, or a commune above a scoped village).
Result<size_t> CountActiveUsersInScope(Database& db, const Scope& s, const std::vector<std::string>& ids);

class AuditStore final : public audit::AuditRepository {
  public:
    explicit AuditStore(Database& db) : db_(db) {}
    Status Append(const audit::AuditEntry& e) override;
    Result<std::vector<audit::AuditEntry>> List(const Scope& s, int64_t before, int limit) override;

  private:
    Database& db_;
};

class AreaStore final : public area::AreaRepository, public registry::VillageLookup {
  public:
    explicit AreaStore(Database& db) : db_(db) {}
    Result<area::Area> FindVisible(const Scope& s, const std::string& id) override;
    Result<std::vector<area::Area>> VisibleChildren(const Scope& s, const std::string& parent_id) override;
    Status Insert(const area::Area& a) override;
    Status Update(const area::Area& a) override;
    Result<int64_t> CountCommunes() override;
    Result<std::string> VillagePath(const Scope& s, const std::string& village_id) override;

  private:
    Database& db_;
};

// Household reads are served from a small in-process cache (the hottest read: every
// household page and every sync). Writes through this store evict at once; writes by other
// processes (the CLI importing while the server runs) show within kCacheMillis. Scope is
// checked on every hit exactly as the SQL would (Scope::Contains on the row's path).
class RegistryStore final : public registry::RegistryRepository {
  public:
    // `search_window`: how many of a commune's households in name order a PostgreSQL name search
    // tests before it asks the search index (tests make it small).
    explicit RegistryStore(Database& db, int64_t search_window = 600) : db_(db), search_window_(search_window) {}
    Result<registry::Household> FindHousehold(const Scope& s, const std::string& id) override;
    Result<registry::HouseholdPage> ListHouseholds(const Scope& s, const registry::HouseholdQuery& q,
                                                   const std::vector<std::string>& tokens) override;
    Result<std::vector<registry::PersonMatch>> FindPeople(const Scope& s, const registry::PeopleQuery& q) override;
    Status InsertHousehold(const registry::Household& h) override;
    Status UpdateHousehold(const registry::Household& h) override;
    Status DeleteHousehold(const std::string& id) override;
    Result<registry::Resident> FindResident(const Scope& s, const std::string& id) override;
    Result<std::vector<registry::Resident>> ListResidents(const Scope& s, const std::string& household_id) override;
    Result<std::vector<registry::Member>> ListMembers(const Scope& s, const std::string& household_id) override;
    Status InsertResident(const registry::Resident& r) override;
    Status UpdateResident(const registry::Resident& r) override;
    Status DeleteResident(const registry::Resident& r) override;
    Status InsertSkillEvent(const registry::Resident& r, int skill, int from, int to, int64_t at) override;
    // Drops every cached household (a transaction was rolled back: the cache may hold its writes).
    void ForgetCached() { cache_.clear(); }

  private:
    static constexpr int64_t kCacheMillis = 1000;
    static constexpr size_t kCacheMax = 50000;
    struct Cached {
        registry::Household h;
        int64_t at_ms;
    };
    void Evict(const std::string& household_id) { cache_.erase(household_id); }
    Database& db_;
    int64_t search_window_;
    std::unordered_map<std::string, Cached> cache_;
};

class UserStore final : public auth::UserRepository {
  public:
    explicit UserStore(Database& db) : db_(db) {}
    Result<auth::User> FindByLogin(const std::string& login) override;
    Result<auth::User> FindById(const std::string& id) override;
    Result<auth::User> FindScoped(const Scope& s, const std::string& id) override;
    Result<std::vector<auth::User>> List(const Scope& s, const std::string& after, int limit) override;
    Status Insert(const auth::User& u) override;
    Status Update(const auth::User& u) override;
    Status InsertSession(const std::string& token_hash, const std::string& user_id, const std::string& csrf,
                         int64_t now, int64_t expires) override;
    Result<std::pair<std::string, std::string>> FindSession(const std::string& token_hash, int64_t now) override;
    Status DeleteSession(const std::string& token_hash) override;
    Status DeleteUserSessions(const std::string& user_id) override;
    Result<std::vector<std::string>> TeamVillagePaths(const std::string& team_id) override;
    Result<std::string> TeamAreaPath(const Scope& s, const std::string& team_id) override;
    Result<std::string> AreaPath(const Scope& s, const std::string& area_id) override;

  private:
    Database& db_;
};

class TeamStore final : public team::TeamRepository {
  public:
    explicit TeamStore(Database& db) : db_(db) {}
    Result<team::Team> Find(const Scope& s, const std::string& own_team, const std::string& id) override;
    Result<std::vector<team::Team>> List(const Scope& s, const std::string& own_team) override;
    Status Insert(const team::Team& t) override;
    Status InsertMember(const team::Member& m) override;
    Status DeleteMember(const std::string& team_id, const std::string& member_id) override;
    Result<bool> VillagesUnder(const std::string& commune_path, const std::vector<std::string>& ids) override;

  private:
    Result<team::Team> Load(const Row& r);
    Database& db_;
};

class FieldworkStore final : public fieldwork::FieldworkRepository {
  public:
    explicit FieldworkStore(Database& db) : db_(db) {}
    Result<std::shared_ptr<const std::vector<fieldwork::CatalogEntry>>> Entries(fieldwork::Catalog c) override;
    Status SeedCatalog(fieldwork::Catalog c, const std::vector<fieldwork::CatalogEntry>& entries) override;
    Status PutEntry(fieldwork::Catalog c, const fieldwork::CatalogEntry& e) override;
    Result<std::map<std::string, int64_t>> TipsHeard(const std::string& resident_id) override;
    Result<std::map<std::string, std::map<std::string, int64_t>>> TipsHeardBy(
        const std::vector<std::string>& resident_ids) override;
    Result<std::string> VillageCoverage(const std::string& village_id) override;
    Result<fieldwork::ResidentHistory> History(const std::string& resident_id) override;
    Result<size_t> CountUsersInScope(const Scope& s, const std::vector<std::string>& ids) override;
    Result<std::vector<std::pair<std::string, std::string>>> Colleagues(const Actor& a) override;
    Status InsertSession(const fieldwork::SupportSession& s) override;
    Result<std::vector<fieldwork::SupportSession>> SessionsOfHousehold(const Scope& s,
                                                                       const std::string& household_id) override;
    Result<bool> HasOpenTask(const std::string& household_id, const std::string& resident_id,
                             const std::string& rule_key) override;
    Status InsertTask(const fieldwork::Task& t) override;
    Result<fieldwork::Task> FindTask(const Scope& s, const std::string& id) override;
    Status CloseTask(const std::string& id, const std::string& status, const std::string& reason, int64_t at) override;
    Status ReopenTask(const std::string& id) override;
    Result<std::vector<fieldwork::Task>> OpenTasks(const Scope& s, int limit) override;
    Result<std::vector<fieldwork::Task>> TasksOfHousehold(const Scope& s, const std::string& household_id) override;

  private:
    Result<std::vector<fieldwork::Task>> QueryTasks(const std::string& where, Params p, const std::string& tail);
    Database& db_;
    // The two catalogues, read at most once a second (every visit validates against them).
    // Edits through this store drop the copy at once; edits by other processes show within 1 s.
    struct CachedCatalog {
        int64_t at_ms = 0;
        bool valid = false;
        std::shared_ptr<const std::vector<fieldwork::CatalogEntry>> entries;
    };
    CachedCatalog catalogs_[2];
};

class DeskStore final : public desk::DeskRepository {
  public:
    explicit DeskStore(Database& db) : db_(db) {}
    Result<desk::Ticket> Issue(const desk::Ticket& t) override;
    Result<desk::Ticket> CallNext(const std::string& commune_id, const std::string& desk, const std::string& by,
                                  int64_t at) override;
    Result<desk::Ticket> Find(const Scope& s, const std::string& id) override;
    Status Transition(const std::string& id, const std::vector<std::string>& from, const std::string& to,
                      int64_t at) override;
    Status LinkSession(const std::string& ticket_id, const std::string& session_id) override;
    Result<std::vector<desk::Ticket>> Open(const std::string& commune_id, const std::string& day) override;
    Result<std::vector<desk::Ticket>> Since(const std::string& commune_id, int64_t since) override;
    Result<bool> ResidentInScope(const Scope& s, const std::string& resident_id) override;

  private:
    Database& db_;
};

class NoSignalStore final : public area::NoSignalRepository {
  public:
    explicit NoSignalStore(Database& db) : db_(db) {}
    Status Insert(const area::NoSignalReport& r) override;
    Result<std::vector<area::DeadZone>> DeadZones(const Scope& s, const std::string& commune_path) override;

  private:
    Database& db_;
};

class ProcedureStore final : public procedures::ProcedureRepository {
  public:
    explicit ProcedureStore(Database& db) : db_(db) {}
    Result<std::vector<std::pair<std::string, std::string>>> All() override;
    Status Seed(const std::vector<std::pair<std::string, std::string>>& code_source) override;
    Status Put(const std::string& code, const std::string& source, const std::string& by, int64_t at) override;
    Result<std::string> Version() override;

  private:
    Database& db_;
};

// Look-up rate limits shared by every process on the database (table rate_limits).
class RateLimitStore final : public RateCounter {
  public:
    explicit RateLimitStore(Database& db) : db_(db) {}
    Result<int64_t> WaitFor(const std::string& key, int max, int64_t window, int64_t now) override;
    Status Hit(const std::string& key, int64_t window, int64_t now) override;

  private:
    static constexpr int kSweepEvery = 1000;
    static constexpr int64_t kKeepSeconds = 86400;
    Database& db_;
    int hits_since_sweep_ = 0;
};

// The outbox's columns as OutboxFrom reads them, and one insert for every producer.
extern const char* const kOutboxColumns;
std::vector<sms::OutboxMessage> OutboxFrom(const Rows& rows);
Status InsertOutbox(Database& db, const sms::OutboxMessage& m);

class OutboxStore final : public sms::OutboxQueue {
  public:
    explicit OutboxStore(Database& db) : db_(db) {}
    Result<std::vector<sms::OutboxMessage>> Claim(const std::string& worker, int limit, int64_t now,
                                                  int64_t lease_seconds) override;
    Status Enqueue(const sms::OutboxMessage& m) override { return InsertOutbox(db_, m); }
    Status MarkSent(const std::string& id, const std::string& worker, int64_t at) override;
    Status Retry(const std::string& id, const std::string& worker, int64_t next_at, const std::string& reason) override;
    Status Fail(const std::string& id, const std::string& worker, const std::string& reason) override;
    Status Release(const std::string& id, const std::string& worker) override;
    Status Report(const std::string& id, bool delivered, const std::string& reason, int64_t at) override;

  private:
    Database& db_;
};

class SmsStore final : public sms::SmsRepository {
  public:
    explicit SmsStore(Database& db) : db_(db) {}
    Result<std::vector<sms::KnownSender>> SendersByPhone(const std::string& national) override;
    Result<std::vector<sms::Commune>> Communes() override;
    Result<std::string> ProvincePath() override;
    Result<std::optional<sms::VillageTeam>> TeamOfVillage(const std::string& village_id) override;
    Status InsertInbound(const sms::InboxEntry& e) override;
    Status InsertScamReport(const sms::ScamReport& r) override;
    Status Subscribe(const std::string& phone, const std::string& area_id, int64_t at) override;
    Result<std::vector<sms::Place>> Villages() override;
    Result<std::vector<sms::Subscription>> Subscriptions(const Scope& s, int limit) override;
    Status OptOut(const std::string& phone, bool all, int64_t at) override;
    Result<std::vector<sms::InboxEntry>> Inbox(const Scope& s, int limit) override;
    Result<std::vector<sms::OutboxMessage>> Outbox(const Scope& s, int limit) override;
    Result<std::vector<sms::ScamReport>> ScamReports(const Scope& s, int limit) override;
    Result<std::vector<sms::InboxEntry>> WaitingForAPerson(const Scope& s, int64_t since, int limit) override;
    Status MarkAnswered(const std::string& id, const std::string& user_id, int64_t at) override;
    Result<std::vector<std::string>> SubscribedPaths(const std::string& phone) override;
    Result<sms::Stats> Count(const Scope& s, int64_t since) override;
    Result<std::vector<std::pair<std::string, std::string>>> Recipients(const Scope& s, const std::string& household_id,
                                                                        const std::string& village_id) override;

  private:
    Database& db_;
};

class DossierStore final : public procedures::DossierRepository {
  public:
    explicit DossierStore(Database& db) : db_(db) {}
    Status Insert(const procedures::Dossier& d) override;
    Result<procedures::Dossier> Find(const Scope& s, const std::string& id) override;
    Result<procedures::Dossier> FindByPortalCode(const std::string& code) override;
    Result<std::vector<procedures::Dossier>> List(const Scope& s, const procedures::DossierQuery& q) override;
    Result<procedures::DossierCounts> Count(const Scope& s, int64_t today) override;
    Status Move(const std::string& id, const std::string& from, const std::string& to, int64_t due_day,
                int64_t at) override;
    Status InsertEvent(const procedures::Dossier& d, const procedures::DossierEvent& e) override;
    Result<std::vector<procedures::DossierEvent>> Events(const std::string& dossier_id) override;
    Status Enqueue(const procedures::OutboxMessage& m) override;
    Result<std::vector<procedures::OutboxMessage>> Outbox(const Scope& s, const std::string& dossier_id,
                                                          int limit) override;
    Result<bool> UserInScope(const Scope& s, const std::string& user_id) override;

  private:
    Database& db_;
};

class SyncStore final : public sync::SyncRepository {
  public:
    explicit SyncStore(Database& db) : db_(db) {}
    Result<std::map<std::string, sync::StoredOp>> FindOps(const std::string& user_id,
                                                          const std::vector<std::string>& ids) override;
    Status InsertOp(const sync::StoredOp& op) override;
    Result<int64_t> Clock() override;
    Result<std::vector<sync::ChangeRef>> Changes(const Scope& s, int64_t after, int limit) override;
    Status InsertConflict(const sync::Conflict& c) override;
    Result<std::vector<sync::Conflict>> OpenConflicts(const Scope& s) override;
    Result<sync::Conflict> FindConflict(const Scope& s, const std::string& id) override;
    Status CloseConflict(const std::string& id, const std::string& status, const std::string& by, int64_t at) override;
    Result<sync::Counts> Count(const Scope& s) override;

  private:
    Database& db_;
};

}  // namespace caunoi::storage
