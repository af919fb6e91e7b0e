#include "sync/sync.hpp"

#include <algorithm>
#include <set>

#include "core/clock.hpp"
#include "core/metrics.hpp"
#include "core/text.hpp"
#include "core/ulid.hpp"

namespace caunoi::sync {
namespace {

// How far from the server's clock an operation's time may be: phones' clocks drift, and a
// record made offline is sent within days, not months.
constexpr int64_t kMaxAheadMs = 10 * 60 * 1000;
constexpr int64_t kMaxAgeMs = 60LL * 24 * 3600 * 1000;

Error Rejected(std::string field, std::string detail, const char* title) {
    return Error::Invalid(std::move(field), std::move(detail), title);
}

// Adds a pulled record to its list, or notes it deleted when it is gone (or out of scope now).
template <typename T>
Status Take(Result<T> found, std::vector<T>& into, const ChangeRef& change, PullPage& page) {
    if (found.ok()) {
        into.push_back(std::move(found).value());
        return {};
    }
    if (found.error().code != ErrorCode::kNotFound) return found.error();
    page.deleted.emplace_back(change.kind, change.id);
    return {};
}

// The households and the residents the push's new sessions name (well-formed ids only: anything
// else is refused by the session itself).
struct Named {
    std::vector<std::string> households, residents;
};
Named NamedBySessions(const std::vector<Op>& ops, const std::map<std::string, StoredOp>& seen) {
    Named out;
    for (const auto& op : ops) {
        if (op.kind != "session" || seen.count(op.id)) continue;
        if (auto it = op.data.find("household_id"); it != op.data.end() && IsUlid(it->second))
            out.households.push_back(it->second);
        if (auto it = op.data.find("residents"); it != op.data.end())
            for (auto id : text::Split(it->second, ','))
                if (IsUlid(id)) out.residents.emplace_back(id);
    }
    return out;
}

}  // namespace

Result<std::vector<OpResult>> SyncService::Push(const Actor& a, const std::string& device, const std::vector<Op>& ops) {
    if (ops.size() > kMaxOps)
        return Error::Invalid("ops", "at most " + std::to_string(kMaxOps) + " operations per batch",
                              N_("Too many records at once"));
    std::vector<std::string> ids;
    for (const auto& op : ops) ids.push_back(op.id);
    std::vector<OpResult> out;
    for (bool isolated : {false, true}) {
        Status st = tx_.Atomically([&]() -> Status {
            out.clear();
            CAUNOI_ASSIGN(auto seen, repo_.FindOps(a.user_id, ids));
            fieldwork::BatchCache batch;  // this attempt's reads (undone with it)
            const Named named = NamedBySessions(ops, seen);
            CAUNOI_TRY(fieldwork_.ReadAhead(a, named.households, named.residents, batch));
            auto apply_all = [&]() -> Status {
                for (const auto& op : ops) {
                    CAUNOI_ASSIGN(auto r, Apply(a, device, op, seen, isolated, batch));
                    out.push_back(std::move(r));
                }
                return {};
            };
            // The first attempt gathers the sessions' rows, the log and the audit entries and
            // writes them together at its end; the isolated one writes each operation's at once.
            return isolated ? apply_all() : tx_.Gathering(apply_all);
        });
        if (st.ok()) {
            metrics::Registry::Global().Add(metrics::kSyncPushes, {isolated ? "isolated" : "first"});
            std::map<std::string, int> by_result;
            for (const auto& r : out) ++by_result[r.status];
            for (const auto& [result, n] : by_result)
                metrics::Registry::Global().Add(metrics::kSyncOperations, {result}, n);
            return out;
        }
        if (isolated) {
            metrics::Registry::Global().Add(metrics::kSyncOperations, {"batch_failed"},
                                            static_cast<double>(ops.size()));
            return st.error();
        }
    }
    return out;
}

Result<OpResult> SyncService::Apply(const Actor& a, const std::string& device, const Op& op,
                                    std::map<std::string, StoredOp>& seen, bool isolated,
                                    fieldwork::BatchCache& batch) {
    OpResult out{op.id, "applied", "", "", "", {}, "", ""};
    if (!IsUlid(op.id)) {
        // Without an id of its own an operation cannot be applied exactly once: refused, not stored.
        out.status = "rejected";
        out.field = "id";
        out.reason = N_("Invalid value");
        return out;
    }
    auto duplicate = [&](const StoredOp& first) {
        return OpResult{op.id, "duplicate", first.status, first.field, first.reason, {}, "", ""};
    };
    if (auto it = seen.find(op.id); it != seen.end()) return duplicate(it->second);
    StoredOp stored{op.id, a.user_id, device, op.kind, "applied", "", "", op.at_ms, clock_.NowSeconds()};
    auto apply = [&]() -> Status {
        // Only sessions keep the push's cached residents up to date; anything else may change them,
        // and may read what the sessions before it wrote.
        if (op.kind != "session") {
            batch.Clear();
            CAUNOI_TRY(tx_.WriteGathered());
        }
        CAUNOI_TRY(ApplyEffects(a, op, out, batch));
        stored.status = out.status;
        stored.reason = out.reason;
        CAUNOI_TRY(repo_.InsertOp(stored));
        // The phone's own log: what was done, when on the phone, from which device.
        return audit_.Record(a, "sync", op.kind, op.id, out.area_path,
                             out.status + " from device " + device + ", done " +
                                 FormatVietnamTime(op.at_ms / 1000, "%Y-%m-%d %H:%M:%S") +
                                 (out.summary.empty() ? "" : ": " + out.summary));
    };
    Status st = isolated ? tx_.Savepoint(apply) : apply();
    if (st.ok()) {
        seen.emplace(op.id, std::move(stored));
        return out;
    }
    batch.Clear();  // what this operation wrote is undone: so are the levels it cached
    if (!isolated || st.error().code == ErrorCode::kInternal) return st.error();
    if (st.error().code == ErrorCode::kConflict) {
        // Another process applied the same operation meanwhile (a phone that sent its batch
        // twice, to two servers): it is there once; this copy is a duplicate.
        CAUNOI_ASSIGN(auto raced, repo_.FindOps(a.user_id, {op.id}));
        if (auto it = raced.find(op.id); it != raced.end()) return duplicate(it->second);
    }
    // Rejected: nothing of it stays, but the answer does, so a re-sent copy gets it again.
    out.status = "rejected";
    out.conflicts.clear();
    out.field = st.error().field;
    out.reason = st.error().title_id;
    stored.status = "rejected";
    stored.field = out.field;
    stored.reason = out.reason;
    CAUNOI_TRY(repo_.InsertOp(stored));
    seen.emplace(op.id, std::move(stored));
    return out;
}

Status SyncService::ApplyEffects(const Actor& a, const Op& op, OpResult& out, fieldwork::BatchCache& batch) {
    const int64_t now_ms = clock_.NowSeconds() * 1000;
    if (op.at_ms > now_ms + kMaxAheadMs) return Rejected("at", "done in the future", N_("The phone's clock is wrong"));
    if (op.at_ms < now_ms - kMaxAgeMs) return Rejected("at", "older than 60 days", N_("Too old to send"));
    Fields data(op.data);
    if (op.kind == "session") {
        CAUNOI_ASSIGN(auto recorded,
                      fieldwork_.RecordSession(a, data, fieldwork::Origin{op.id, op.at_ms / 1000, true, &batch}));
        out.area_path = recorded.first.area_path;
        out.summary = std::to_string(recorded.first.lines.size()) + " services, " +
                      std::to_string(recorded.second.size()) + " tasks";
        return {};
    }
    if (op.kind == "task_done" || op.kind == "task_skip") {
        CAUNOI_ASSIGN(auto task, data.Text("task_id", 26, true));
        Fields rest;
        for (const auto& [k, v] : op.data)
            if (k != "task_id") rest.Set(k, v);
        CAUNOI_ASSIGN(auto t, tasks_.FindTask(a.scope, *task));
        out.area_path = t.area_path;
        auto closed = op.kind == "task_done" ? fieldwork_.CompleteTask(a, *task) : fieldwork_.SkipTask(a, *task, rest);
        // Events never conflict: a task someone else closed meanwhile stays closed.
        if (!closed.ok() && closed.error().code != ErrorCode::kConflict) return closed.error();
        return {};
    }
    if (op.kind == "resident_update") return ApplyResidentUpdate(a, op, out);
    if (auto it = kinds_.find(op.kind); it != kinds_.end()) return it->second(a, op, out);
    return Rejected("kind", "unknown operation " + op.kind.substr(0, 40), N_("Invalid value"));
}

Status SyncService::ApplyResidentUpdate(const Actor& a, const Op& op, OpResult& out) {
    CAUNOI_ASSIGN(auto clock, repo_.Clock());
    if (op.base_rev < 0 || op.base_rev > clock)
        return Rejected("base_rev", "a revision this server never gave", N_("Invalid value"));
    auto id_it = op.data.find("resident_id");
    if (id_it == op.data.end()) return Rejected("resident_id", "required", N_("This field is required"));
    CAUNOI_ASSIGN(auto r, residents_.FindResident(a.scope, id_it->second));
    out.area_path = r.area_path;
    const auto current = registry::ProfileValues(r);
    const auto& editable = registry::ProfileFields();
    Fields apply;
    for (const auto& [field, value] : op.data) {
        if (field == "resident_id") continue;
        if (std::find(editable.begin(), editable.end(), field) == editable.end())
            return Rejected(field, "not editable offline: " + field.substr(0, 40), N_("Unknown field"));
        auto was = op.from.find(field);
        if (was == op.from.end())
            return Rejected(field, "the value the phone saw is missing", N_("This field is required"));
        const std::string now = current.at(field);
        const std::string mine = registry::CanonicalProfileValue(field, value);
        if (now == mine) continue;  // already so
        if (now == registry::CanonicalProfileValue(field, was->second)) {
            apply.Set(field, value);
            continue;
        }
        // Someone else changed this field since the phone saw it: keep the phone's value for a leader.
        Conflict c{NewUlid(), "",        r.area_path, r.id,   r.full_name,        field, now, mine,
                   op.id,     a.user_id, "",          "open", clock_.NowSeconds()};
        CAUNOI_TRY(repo_.InsertConflict(c));
        out.conflicts.push_back(field);
    }
    if (!apply.all().empty()) CAUNOI_TRY(registry_.UpdateResident(a, r.id, apply));
    if (!out.conflicts.empty()) {
        out.status = "conflict";
        for (const auto& f : out.conflicts) out.reason += (out.reason.empty() ? "" : ",") + f;
    }
    return {};
}

Result<PullPage> SyncService::Pull(const Actor& a, int64_t cursor, int limit) {
    CAUNOI_ASSIGN(auto clock, repo_.Clock());
    if (cursor < 0 || cursor > clock)
        return Error::Invalid("cursor", "a cursor this server never gave", N_("Start the sync again"));
    // Changes before the floor may have been removed (a deletion among them): start again from 0.
    CAUNOI_ASSIGN(auto oldest, repo_.Floor());
    if (cursor > 0 && cursor < oldest)
        return Error::Invalid("cursor", "older than the changes this server keeps", N_("Start the sync again"));
    if (limit < 1 || limit > kMaxPage) limit = kMaxPage;
    CAUNOI_ASSIGN(auto changes, repo_.Changes(a.scope, cursor, limit));
    PullPage page;
    page.cursor = changes.empty() ? cursor : changes.back().rev;
    page.more = static_cast<int>(changes.size()) == limit;
    // The latest state of each record once, in the order of its last change in this page.
    std::set<std::pair<std::string, std::string>> done;
    for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
        if (!done.insert({it->kind, it->id}).second) continue;
        if (it->kind == "household") {
            CAUNOI_TRY(Take(residents_.FindHousehold(a.scope, it->id), page.households, *it, page));
        } else if (it->kind == "resident") {
            auto r = residents_.FindResident(a.scope, it->id);
            if (r.ok()) CAUNOI_TRY(audit_.Record(a, "view", "resident", r->id, r->area_path, "sync"));
            CAUNOI_TRY(Take(std::move(r), page.residents, *it, page));
        } else {
            CAUNOI_TRY(Take(tasks_.FindTask(a.scope, it->id), page.tasks, *it, page));
        }
    }
    // What the member may not see never reaches the phone.
    for (auto& r : page.residents) registry::Redact(a, r);
    // The tips each resident heard, oldest first (the phone proposes the next one): one query per page.
    std::vector<std::string> ids;
    for (const auto& r : page.residents) ids.push_back(r.id);
    CAUNOI_ASSIGN(auto heard, tasks_.TipsHeardBy(ids));
    for (const auto& [id, tips] : heard) {
        std::vector<std::pair<int64_t, std::string>> by_time;
        for (const auto& [key, at] : tips) by_time.emplace_back(at, key);
        std::sort(by_time.begin(), by_time.end());
        auto& keys = page.tips_heard[id];
        for (auto& [at, key] : by_time) keys.push_back(std::move(key));
    }
    return page;
}

Result<Preflight> SyncService::Check(const Actor& a) {
    CAUNOI_ASSIGN(auto counts, repo_.Count(a.scope));
    Preflight p{counts, (counts.households + counts.residents + counts.open_tasks) * kBytesPerRecord, kWarnAboveBytes};
    return p;
}

Result<std::vector<Conflict>> SyncService::Conflicts(const Actor& a) {
    if (!a.AtLeast(Role::kTeamLeader)) return Error::NotFound();
    return repo_.OpenConflicts(a.scope);
}

Result<Conflict> SyncService::Resolve(const Actor& a, const std::string& id, const std::string& keep) {
    if (!a.AtLeast(Role::kTeamLeader)) return Error::NotFound();
    if (keep != "server" && keep != "phone")
        return Error::Invalid("keep", "keep the server's value or the phone's", N_("Invalid value"));
    CAUNOI_ASSIGN(auto c, repo_.FindConflict(a.scope, id));
    if (c.status != "open") return Error::Conflict("already resolved");
    c.status = keep == "server" ? "kept_server" : "took_phone";
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        if (keep == "phone")
            CAUNOI_TRY(registry_.UpdateResident(a, c.resident_id,
                                                Fields(std::map<std::string, std::string>{{c.field, c.phone_value}})));
        CAUNOI_TRY(repo_.CloseConflict(c.id, c.status, a.user_id, clock_.NowSeconds()));
        return audit_.Record(a, "update", "sync_conflict", c.id, c.area_path, c.field + ": " + c.status);
    }));
    return c;
}

}  // namespace caunoi::sync
