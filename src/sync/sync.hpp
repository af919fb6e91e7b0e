// Offline sync for the field app (docs/sync.md): phones push operations made offline, each
// applied exactly once however often it is re-sent, and pull the changes to their members'
// villages after a cursor, in pages.
//
// Operations run through the same services as the online forms (scope, validation, audit) in the
// batch's one transaction, a failing one alone in a savepoint: a bad operation is rejected alone,
// and a batch cut off or a server killed mid-batch leaves nothing half-applied (the phone re-sends).
// Thread-safety: one thread at a time (as the repositories).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/transactions.hpp"
#include "fieldwork/fieldwork.hpp"
#include "registry/registry.hpp"

namespace caunoi::sync {

// What a phone did offline. Values are strings in the form fields' format (docs/api.md).
struct Op {
    std::string id;        // the phone's ULID for the operation (for a session, also the session's id)
    std::string kind;      // session | task_done | task_skip | resident_update | a module's (AddKind)
    int64_t at_ms = 0;     // when it was done on the phone
    int64_t base_rev = 0;  // resident_update: the sync revision the phone's copy came from
    std::map<std::string, std::string> data;
    std::map<std::string, std::string> from;  // resident_update: each changed field as the phone saw it
};

struct OpResult {
    std::string id;
    std::string status;                  // applied | duplicate | conflict | rejected
    std::string first;                   // duplicate: what the first copy got (applied | conflict | rejected)
    std::string field;                   // rejected: the field at fault, if one
    std::string reason;                  // rejected: message id (translated by the caller); conflict: fields kept
    std::vector<std::string> conflicts;  // conflict: fields kept for the team leader
    std::string area_path;               // where it happened (for the audit log)
    std::string summary;                 // what it did (for the audit log)
};

// A stored operation (the answer a re-sent copy gets).
struct StoredOp {
    std::string id, user_id, device, kind, status, field, reason;
    int64_t done_at = 0, received_at = 0;
};

// A change to pull: the newest revision of one record in the page.
struct ChangeRef {
    int64_t rev = 0;
    std::string kind;  // household | resident | task
    std::string id;
};

struct Conflict {
    std::string id, commune_id, area_path, resident_id, resident_name, field, server_value, phone_value, op_id, by_user,
        by_name, status;
    int64_t at = 0;
};

struct Counts {
    int64_t households = 0, residents = 0, open_tasks = 0;
};

class SyncRepository {
  public:
    virtual ~SyncRepository() = default;
    // The stored answers of those of `ids` seen before.
    // The stored answers of `user_id`'s operations among `ids` (another user's ids are not theirs).
    virtual Result<std::map<std::string, StoredOp>> FindOps(const std::string& user_id,
                                                            const std::vector<std::string>& ids) = 0;
    virtual Status InsertOp(const StoredOp& op) = 0;
    virtual Result<int64_t> Clock() = 0;
    // The oldest cursor still served: changes before it may have been removed (the retention job).
    virtual Result<int64_t> Floor() { return int64_t{0}; }
    // Changes after `after` in scope, oldest first, at most `limit` rows of the change log.
    virtual Result<std::vector<ChangeRef>> Changes(const Scope& s, int64_t after, int limit) = 0;
    virtual Status InsertConflict(const Conflict& c) = 0;
    virtual Result<std::vector<Conflict>> OpenConflicts(const Scope& s) = 0;
    virtual Result<Conflict> FindConflict(const Scope& s, const std::string& id) = 0;
    virtual Status CloseConflict(const std::string& id, const std::string& status, const std::string& by,
                                 int64_t at) = 0;
    virtual Result<Counts> Count(const Scope& s) = 0;
};

struct PullPage {
    std::vector<registry::Household> households;
    std::vector<registry::Resident> residents;
    std::vector<fieldwork::Task> tasks;                        // open and just-closed (the phone drops closed ones)
    std::vector<std::pair<std::string, std::string>> deleted;  // kind, id
    int64_t cursor = 0;                                        // pass back for the next page
    bool more = false;
    // Per pulled resident, the safety tips they heard, least recently first: the phone proposes
    // the next tip offline as the visit form does online.
    std::map<std::string, std::vector<std::string>> tips_heard;
};

struct Preflight {
    Counts counts;
    int64_t estimated_bytes = 0;  // compressed, for a first sync
    int64_t warn_above_bytes = 0;
};

inline constexpr size_t kMaxOps = 500;           // per push
inline constexpr int kMaxPage = 500;             // changes per pull page
inline constexpr int64_t kBytesPerRecord = 150;  // measured compressed size of a pulled record (docs/sync.md)
inline constexpr int64_t kWarnAboveBytes = 2 * 1024 * 1024;

class SyncService {
  public:
    SyncService(SyncRepository& repo, Transactions& tx, registry::RegistryService& registry,
                registry::RegistryRepository& residents, fieldwork::FieldworkService& fieldwork,
                fieldwork::FieldworkRepository& tasks, audit::AuditLog& audit, const Clock& clock)
        : repo_(repo),
          tx_(tx),
          registry_(registry),
          residents_(residents),
          fieldwork_(fieldwork),
          tasks_(tasks),
          audit_(audit),
          clock_(clock) {}

    // Applies a batch in order, in one transaction. The batch first runs without a savepoint per
    // operation (the cost of one is a copy of every page it touches); if an operation fails, that
    // attempt is undone and the batch runs again with one savepoint per operation.
    Result<std::vector<OpResult>> Push(const Actor& a, const std::string& device, const std::vector<Op>& ops);
    // `cursor` 0 for a first sync; a cursor this server never gave is refused.
    Result<PullPage> Pull(const Actor& a, int64_t cursor, int limit);
    Result<Preflight> Check(const Actor& a);
    // Team leaders and above: the profile edits kept for them, and their choice.
    Result<std::vector<Conflict>> Conflicts(const Actor& a);
    Result<Conflict> Resolve(const Actor& a, const std::string& id, const std::string& keep);

    // Operations another module defines (training attendance, ...): `apply` runs inside the
    // batch's transaction like the built-in kinds, with the same exactly-once answers; it sets
    // `out.area_path` and `out.summary`. A refusal (any error but Internal) rejects the operation.
    using KindHandler = std::function<Status(const Actor& a, const Op& op, OpResult& out)>;
    void AddKind(const std::string& kind, KindHandler apply) { kinds_[kind] = std::move(apply); }

  private:
    // A rejected operation is an answer; only a failing database aborts the batch.
    // `seen`: the stored answers of this batch's operations, added to as they are applied.
    // Not `isolated`: a failing operation fails the attempt instead of being answered.
    // `batch`: the sessions' reads shared by this attempt's operations (fieldwork::BatchCache).
    Result<OpResult> Apply(const Actor& a, const std::string& device, const Op& op,
                           std::map<std::string, StoredOp>& seen, bool isolated, fieldwork::BatchCache& batch);
    Status ApplyEffects(const Actor& a, const Op& op, OpResult& out, fieldwork::BatchCache& batch);
    Status ApplyResidentUpdate(const Actor& a, const Op& op, OpResult& out);
    SyncRepository& repo_;
    Transactions& tx_;
    registry::RegistryService& registry_;
    registry::RegistryRepository& residents_;
    fieldwork::FieldworkService& fieldwork_;
    fieldwork::FieldworkRepository& tasks_;
    audit::AuditLog& audit_;
    const Clock& clock_;
    std::map<std::string, KindHandler> kinds_;
};

}  // namespace caunoi::sync
