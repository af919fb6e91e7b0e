// In-memory fakes of the domain repositories, for unit tests of the services without a database
// (included by *_test.cpp only). Each keeps its rows in public members that tests fill and read.
// Scope is checked as the SQL stores check it (Scope::Contains on the row's path). Services get a
// FakeTransactions: a failing body undoes what every fake that joined it held, as a rolled-back
// database transaction would.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "audit/audit_log.hpp"
#include "auth/auth.hpp"
#include "core/embedded.hpp"
#include "core/rate_limit.hpp"
#include "core/transactions.hpp"
#include "fieldwork/fieldwork.hpp"
#include "registry/registry.hpp"
#include "sync/sync.hpp"

namespace caunoi::fakes {

// One transaction over the fakes that joined it: a failing body (or savepoint) restores each of
// them to what it held when the body began. Nested runs nest.
class FakeTransactions final : public Transactions {
  public:
    template <typename Fake>
    void Join(Fake& fake) {
        snapshots_.push_back([&fake] { return fake.Snapshot(); });
    }
    Status Atomically(const std::function<Status()>& body) override { return Run(body); }
    Status Savepoint(const std::function<Status()>& body) override { return Run(body); }
    Status Run(const std::function<Status()>& body) {
        ++runs;
        std::vector<std::function<void()>> restore;
        for (const auto& snapshot : snapshots_) restore.push_back(snapshot());
        Status st = body();
        if (!st.ok()) {
            ++rollbacks;
            for (const auto& r : restore) r();
        }
        return st;
    }
    int runs = 0;       // transactions and savepoints begun
    int rollbacks = 0;  // of them, undone

  private:
    std::vector<std::function<std::function<void()>()>> snapshots_;
};

class FakeAudit : public audit::AuditRepository {
  public:
    Status Append(const audit::AuditEntry& e) override {
        entries.push_back(e);
        return {};
    }
    Result<std::vector<audit::AuditEntry>> List(const Scope&, int64_t, int) override { return entries; }
    std::function<void()> Snapshot() {
        return [this, kept = entries] { entries = kept; };
    }
    // The entries with `action`, in order.
    std::vector<audit::AuditEntry> With(const std::string& action) const {
        std::vector<audit::AuditEntry> out;
        for (const auto& e : entries)
            if (e.action == action) out.push_back(e);
        return out;
    }
    std::vector<audit::AuditEntry> entries;
};

// Village V1 of commune 16813 (40/16813/V1) exists; no other.
class FakeVillages : public registry::VillageLookup {
  public:
    Result<std::string> VillagePath(const Scope& s, const std::string& id) override {
        std::string path = "40/16813/" + id;
        if (id != "V1" || !s.Contains(path)) return Error::NotFound();
        return path;
    }
};

class FakeRegistry : public registry::RegistryRepository {
  public:
    Result<registry::Household> FindHousehold(const Scope& s, const std::string& id) override {
        auto it = households.find(id);
        if (it == households.end() || !s.Contains(it->second.area_path)) return Error::NotFound();
        return it->second;
    }
    Result<registry::HouseholdPage> ListHouseholds(const Scope&, const registry::HouseholdQuery&,
                                                   const std::vector<std::string>& t) override {
        tokens = t;
        return registry::HouseholdPage{};
    }
    Result<registry::PeopleFound> FindPeople(const Scope&, const registry::PeopleQuery& q) override {
        last_people_query = q;
        return registry::PeopleFound{people, false};
    }
    Status InsertHousehold(const registry::Household& h) override {
        households[h.id] = h;
        return {};
    }
    Status UpdateHousehold(const registry::Household& h) override { return InsertHousehold(h); }
    Status DeleteHousehold(const std::string& id) override {
        households.erase(id);
        return {};
    }
    Result<registry::Resident> FindResident(const Scope& s, const std::string& id) override {
        auto it = residents.find(id);
        if (it == residents.end() || !s.Contains(it->second.area_path)) return Error::NotFound();
        return it->second;
    }
    Result<std::vector<registry::Resident>> ListResidents(const Scope& s, const std::string& household_id) override {
        std::vector<registry::Resident> out;
        for (const auto& [id, r] : residents)
            if (r.household_id == household_id && s.Contains(r.area_path)) out.push_back(r);
        return out;
    }
    Result<std::vector<registry::Member>> ListMembers(const Scope& s, const std::string& household_id) override {
        ++list_members_calls;
        std::vector<registry::Member> out;
        for (const auto& [id, r] : residents)
            if (r.household_id == household_id && s.Contains(r.area_path))
                out.push_back({r.id, r.phone_kind, r.skills});
        return out;
    }
    Result<std::vector<registry::HouseholdMembers>> ListHouseholdMembers(
        const Scope& s, const std::vector<std::string>& household_ids,
        const std::vector<std::string>& resident_ids) override {
        ++list_household_members_calls;
        std::vector<registry::HouseholdMembers> out;
        std::set<std::string> read;
        for (const auto& id : household_ids) {
            auto h = FindHousehold(s, id);
            if (!h.ok() || !read.insert(id).second) continue;
            std::vector<registry::Member> members;
            for (const auto& [rid, r] : residents)
                if (r.household_id == id && s.Contains(r.area_path) &&
                    std::find(resident_ids.begin(), resident_ids.end(), rid) != resident_ids.end())
                    members.push_back({r.id, r.phone_kind, r.skills});
            out.push_back({h->id, h->village_id, h->area_path, std::move(members), false});
        }
        return out;
    }
    Status InsertResident(const registry::Resident& r) override {
        if (fail_next_insert) return Error::Internal("disk full");
        residents[r.id] = r;
        return {};
    }
    Status UpdateResident(const registry::Resident& r) override {
        residents[r.id] = r;
        return {};
    }
    Status DeleteResident(const registry::Resident& r) override {
        residents.erase(r.id);
        return {};
    }
    Status InsertSkillEvent(const registry::Resident& r, int skill, int from, int to, int64_t) override {
        skill_events.push_back({r.id, skill, from, to});
        return {};
    }
    Status InsertConsentEvent(const registry::ConsentEvent& e) override {
        consent_events.push_back(e);
        return {};
    }
    Result<std::vector<registry::ConsentEvent>> ConsentHistory(const std::string& resident_id) override {
        std::vector<registry::ConsentEvent> out;
        for (const auto& e : consent_events)
            if (e.resident_id == resident_id) out.push_back(e);
        return out;
    }
    Status DeferSearch() override { return {}; }  // the fake searches its maps directly
    Status WriteSearch(const std::vector<std::string>&) override { return {}; }
    void DeferChanges() override {}  // the fake keeps no change log
    Status WriteChanges() override { return {}; }
    void DropChanges() override {}
    std::function<void()> Snapshot() {
        return [this, h = households, r = residents, e = skill_events] {
            households = h;
            residents = r;
            skill_events = e;
        };
    }

    struct Event {
        std::string rid;
        int skill, from, to;
    };
    std::vector<Event> skill_events;
    std::vector<registry::ConsentEvent> consent_events;
    std::map<std::string, registry::Household> households;
    std::map<std::string, registry::Resident> residents;
    std::vector<std::string> tokens;
    registry::PeopleQuery last_people_query;
    std::vector<registry::PersonMatch> people;
    bool fail_next_insert = false;
    int list_members_calls = 0;
    int list_household_members_calls = 0;
};

class FakeFieldwork : public fieldwork::FieldworkRepository {
  public:
    Result<std::shared_ptr<const std::vector<fieldwork::CatalogEntry>>> Entries(fieldwork::Catalog c) override {
        return std::make_shared<const std::vector<fieldwork::CatalogEntry>>(catalogs[c]);
    }
    Status SeedCatalog(fieldwork::Catalog c, const std::vector<fieldwork::CatalogEntry>& entries) override {
        for (const auto& e : entries) (void)PutEntry(c, e);
        return {};
    }
    Status PutEntry(fieldwork::Catalog c, const fieldwork::CatalogEntry& e) override {
        auto& list = catalogs[c];
        auto it = std::find_if(list.begin(), list.end(), [&](const auto& x) { return x.key == e.key; });
        if (it == list.end())
            list.push_back(e);
        else
            *it = e;
        return {};
    }
    Result<std::map<std::string, int64_t>> TipsHeard(const std::string& resident_id) override {
        return tips_heard[resident_id];
    }
    Result<std::map<std::string, std::map<std::string, int64_t>>> TipsHeardBy(
        const std::vector<std::string>& ids) override {
        std::map<std::string, std::map<std::string, int64_t>> out;
        for (const auto& id : ids)
            if (tips_heard.count(id)) out[id] = tips_heard[id];
        return out;
    }
    Result<std::string> VillageCoverage(const std::string& village_id) override {
        ++coverage_calls;
        return coverage[village_id];
    }
    Result<fieldwork::ResidentHistory> History(const std::string&) override { return fieldwork::ResidentHistory{}; }
    Result<std::vector<std::pair<std::string, std::string>>> Colleagues(const Actor&) override {
        return std::vector<std::pair<std::string, std::string>>{};
    }
    Result<size_t> CountUsersInScope(const Scope&, const std::vector<std::string>& ids) override {
        size_t n = 0;
        for (const auto& id : ids) n += users_in_scope.count(id);
        return n;
    }
    Status InsertSession(const fieldwork::SupportSession& s) override {
        if (fail_insert_session) return Error::Internal("disk full");
        sessions.push_back(s);
        return {};
    }
    Result<std::vector<fieldwork::SupportSession>> SessionsOfHousehold(const Scope& s,
                                                                       const std::string& household_id) override {
        std::vector<fieldwork::SupportSession> out;
        for (const auto& x : sessions)
            if (x.household_id == household_id && s.Contains(x.area_path)) out.push_back(x);
        return out;
    }
    Result<bool> HasOpenTask(const std::string& household_id, const std::string& resident_id,
                             const std::string& rule_key) override {
        for (const auto& [id, t] : tasks)
            if (t.household_id == household_id && t.resident_id == resident_id && t.rule_key == rule_key &&
                t.status == fieldwork::TaskStatus::kOpen)
                return true;
        return false;
    }
    Status InsertTask(const fieldwork::Task& t) override {
        tasks[t.id] = t;
        return {};
    }
    Result<fieldwork::Task> FindTask(const Scope& s, const std::string& id) override {
        auto it = tasks.find(id);
        if (it == tasks.end() || !s.Contains(it->second.area_path)) return Error::NotFound();
        return it->second;
    }
    Status CloseTask(const std::string& id, fieldwork::TaskStatus status, const std::string& reason,
                     int64_t at) override {
        auto it = tasks.find(id);
        if (it == tasks.end() || it->second.status != fieldwork::TaskStatus::kOpen)
            return Error::Conflict("task is not open");
        it->second.status = status;
        it->second.skip_reason = reason;
        it->second.closed_at = at;
        return {};
    }
    Status ReopenTask(const std::string& id) override {
        auto it = tasks.find(id);
        if (it == tasks.end() || it->second.status == fieldwork::TaskStatus::kOpen)
            return Error::Conflict("task is not closed");
        it->second.status = fieldwork::TaskStatus::kOpen;
        it->second.skip_reason.clear();
        it->second.closed_at = 0;
        return {};
    }
    Result<std::vector<fieldwork::Task>> OpenTasks(const Scope& s, int) override {
        std::vector<fieldwork::Task> out;
        for (const auto& [id, t] : tasks)
            if (t.status == fieldwork::TaskStatus::kOpen && s.Contains(t.area_path)) out.push_back(t);
        return out;
    }
    Result<std::vector<fieldwork::Task>> TasksOfHousehold(const Scope& s, const std::string& household_id) override {
        std::vector<fieldwork::Task> out;
        for (const auto& [id, t] : tasks)
            if (t.household_id == household_id && s.Contains(t.area_path)) out.push_back(t);
        return out;
    }
    std::function<void()> Snapshot() {
        return [this, s = sessions, t = tasks] {
            sessions = s;
            tasks = t;
        };
    }

    std::map<fieldwork::Catalog, std::vector<fieldwork::CatalogEntry>> catalogs;
    std::map<std::string, std::map<std::string, int64_t>> tips_heard;  // resident -> tip -> at
    std::map<std::string, std::string> coverage;                       // village -> none | 2g | 3g | 4g
    std::set<std::string> users_in_scope;
    std::vector<fieldwork::SupportSession> sessions;
    std::map<std::string, fieldwork::Task> tasks;
    bool fail_insert_session = false;
    int coverage_calls = 0;
};

class FakeSync : public sync::SyncRepository {
  public:
    Result<std::map<std::string, sync::StoredOp>> FindOps(const std::string& user_id,
                                                          const std::vector<std::string>& ids) override {
        std::map<std::string, sync::StoredOp> out;
        for (const auto& id : ids)
            if (auto it = ops.find(id); it != ops.end() && it->second.user_id == user_id) out.emplace(id, it->second);
        return out;
    }
    Status InsertOp(const sync::StoredOp& op) override {
        if (!ops.emplace(op.id, op).second) return Error::Conflict("operation " + op.id + " stored already");
        return {};
    }
    Result<int64_t> Clock() override { return changes.empty() ? 0 : changes.back().second.rev; }
    Result<std::vector<sync::ChangeRef>> Changes(const Scope& s, int64_t after, int limit) override {
        std::vector<sync::ChangeRef> out;
        for (const auto& [path, c] : changes)
            if (c.rev > after && s.Contains(path) && static_cast<int>(out.size()) < limit) out.push_back(c);
        return out;
    }
    Status InsertConflict(const sync::Conflict& c) override {
        conflicts[c.id] = c;
        return {};
    }
    Result<std::vector<sync::Conflict>> OpenConflicts(const Scope& s) override {
        std::vector<sync::Conflict> out;
        for (const auto& [id, c] : conflicts)
            if (c.status == "open" && s.Contains(c.area_path)) out.push_back(c);
        return out;
    }
    Result<sync::Conflict> FindConflict(const Scope& s, const std::string& id) override {
        auto it = conflicts.find(id);
        if (it == conflicts.end() || !s.Contains(it->second.area_path)) return Error::NotFound();
        return it->second;
    }
    Status CloseConflict(const std::string& id, const std::string& status, const std::string&, int64_t) override {
        conflicts.at(id).status = status;
        return {};
    }
    Result<sync::Counts> Count(const Scope&) override { return counts; }
    std::function<void()> Snapshot() {
        return [this, o = ops, c = conflicts] {
            ops = o;
            conflicts = c;
        };
    }

    std::map<std::string, sync::StoredOp> ops;
    std::vector<std::pair<std::string, sync::ChangeRef>> changes;  // (area path, change), by rev
    std::map<std::string, sync::Conflict> conflicts;
    sync::Counts counts;
};

class FakeUsers : public auth::UserRepository {
  public:
    struct Session {
        std::string user_id, csrf;
        int64_t expires = 0;
    };
    Result<auth::User> FindByLogin(const std::string& login) override {
        for (const auto& [id, u] : users)
            if (u.username == login || u.phone == login) return u;
        return Error::NotFound();
    }
    Result<auth::User> FindById(const std::string& id) override {
        auto it = users.find(id);
        if (it == users.end()) return Error::NotFound();
        return it->second;
    }
    Result<auth::User> FindScoped(const Scope& s, const std::string& id) override {
        auto it = users.find(id);
        if (it == users.end() || !s.Contains(it->second.area_path)) return Error::NotFound();
        return it->second;
    }
    Result<std::vector<auth::User>> List(const Scope& s, const std::string&, int) override {
        std::vector<auth::User> out;
        for (const auto& [id, u] : users)
            if (s.Contains(u.area_path)) out.push_back(u);
        return out;
    }
    Status Insert(const auth::User& u) override {
        users[u.id] = u;
        return {};
    }
    Status Update(const auth::User& u) override { return Insert(u); }
    Status InsertSession(const std::string& token_hash, const std::string& user_id, const std::string& csrf, int64_t,
                         int64_t expires) override {
        sessions[token_hash] = {user_id, csrf, expires};
        return {};
    }
    Result<std::pair<std::string, std::string>> FindSession(const std::string& token_hash, int64_t now) override {
        ++find_session_calls;
        auto it = sessions.find(token_hash);
        if (it == sessions.end() || it->second.expires <= now) return Error::NotFound();
        return std::make_pair(it->second.user_id, it->second.csrf);
    }
    Status DeleteSession(const std::string& token_hash) override {
        sessions.erase(token_hash);
        return {};
    }
    Status DeleteUserSessions(const std::string& user_id) override {
        std::erase_if(sessions, [&](const auto& kv) { return kv.second.user_id == user_id; });
        return {};
    }
    Result<std::vector<std::string>> TeamVillagePaths(const std::string& team_id) override {
        return team_villages[team_id];
    }
    Result<std::string> TeamAreaPath(const Scope&, const std::string&) override { return Error::NotFound(); }
    Result<std::string> AreaPath(const Scope&, const std::string&) override { return Error::NotFound(); }

    std::map<std::string, auth::User> users;
    std::map<std::string, Session> sessions;  // by token hash
    std::map<std::string, std::vector<std::string>> team_villages;
    int find_session_calls = 0;
};

// Fixed-window counters in memory, as storage::RateLimitStore keeps them in the database.
class FakeRateCounter : public RateCounter {
  public:
    Result<int64_t> WaitFor(const std::string& key, int max, int64_t window, int64_t now) override {
        auto it = windows.find(key);
        if (it == windows.end() || it->second.first + window <= now || it->second.second < max) return int64_t{0};
        return it->second.first + window - now;
    }
    Status Hit(const std::string& key, int64_t window, int64_t now) override {
        auto& w = windows[key];
        if (w.first + window <= now) w = {now, 0};
        ++w.second;
        return {};
    }
    std::map<std::string, std::pair<int64_t, int>> windows;  // key -> (window start, hits)
};

// The services of the field (registry, fieldwork, sync) over fakes sharing one transaction, wired
// as App wires them over the stores, with the shipped task rules. In commune 16813: household H1
// in village V1 (4G) with residents R1 (basic phone) and R2 (smartphone); household H2 in V2 with
// R3. Services file_dossier and vneid_level2, and retired (inactive); tip otp_never. U2 is a
// user in the member's scope.
struct FakeField {
    explicit FakeField(int64_t now) : clock(now) {
        tx.Join(audit_repo);
        tx.Join(registry_repo);
        tx.Join(fieldwork_repo);
        tx.Join(sync_repo);
        AddHousehold("H1", "V1", {{"R1", "basic"}, {"R2", "smart"}});
        AddHousehold("H2", "V2", {{"R3", "smart"}});
        fieldwork_repo.catalogs[fieldwork::Catalog::kServices] = {{"file_dossier", 0, "Nộp hồ sơ", "File a dossier"},
                                                                  {"vneid_level2", 1, "VNeID mức 2", "VNeID level 2"},
                                                                  {"retired", 2, "Cũ", "Retired", false}};
        fieldwork_repo.catalogs[fieldwork::Catalog::kTips] = {
            {"otp_never", 0, "Không đọc OTP", "Never read out an OTP"}};
        fieldwork_repo.coverage["V1"] = "4g";
        fieldwork_repo.users_in_scope = {"U2"};
    }
    void AddHousehold(const std::string& id, const std::string& village,
                      const std::vector<std::pair<std::string, std::string>>& residents) {
        registry::Household h;
        h.id = id;
        h.village_id = village;
        h.area_path = "40/16813/" + village;
        h.name = "Hộ " + id;
        h.consent = {"U1", 1, "registry"};
        registry_repo.households[id] = h;
        for (const auto& [rid, phone_kind] : residents) {
            registry::Resident r;
            r.id = rid;
            r.household_id = id;
            r.area_path = h.area_path;
            r.full_name = "Lò Văn " + rid;
            r.phone_kind = phone_kind;
            r.consent = h.consent;
            registry_repo.residents[rid] = r;
        }
    }
    // U1, a member whose team works in V1.
    static Actor Member() {
        Actor a;
        a.user_id = "U1";
        a.role = Role::kMember;
        a.area_path = "40/16813";
        a.scope.paths = {"40/16813/V1"};
        a.remote_addr = "10.0.0.1";
        return a;
    }
    static std::vector<fieldwork::TaskRule> ShippedRules() {
        auto rules = fieldwork::ParseTaskRules(EmbeddedFile("data/task_rules.tsv"));
        if (!rules.ok()) throw std::runtime_error(rules.error().detail);
        return std::move(rules).value();
    }

    FakeClock clock;
    FakeTransactions tx;
    FakeAudit audit_repo;
    FakeRegistry registry_repo;
    FakeFieldwork fieldwork_repo;
    FakeSync sync_repo;
    FakeVillages villages;
    audit::AuditLog audit{audit_repo, clock};
    registry::RegistryService registry{registry_repo, tx, audit, clock, "0123456789abcdef0123456789abcdef", villages};
    fieldwork::FieldworkService fieldwork{fieldwork_repo, tx, registry_repo, audit, clock, ShippedRules()};
    sync::SyncService sync{sync_repo, tx, registry, registry_repo, fieldwork, fieldwork_repo, audit, clock};
};

}  // namespace caunoi::fakes
