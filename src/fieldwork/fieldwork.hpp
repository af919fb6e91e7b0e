// Field work: support sessions (who helped whom, where, which services with what outcome,
// skill changes, the safety tip given), the follow-up tasks they create, and the service and
// tip catalogs. Sessions are append-only; a correction is a new session naming the old one.
// Scope and audit as everywhere: repositories take the actor's scope; writes are audited.
// Thread-safety: one thread (as the repositories).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/fields.hpp"
#include "core/result.hpp"
#include "core/transactions.hpp"
#include "core/vocabulary.hpp"
#include "fieldwork/rules.hpp"
#include "registry/registry.hpp"

namespace caunoi::fieldwork {

// How the help was given.
inline constexpr Term kChannels[] = {{"home_visit", N_("Home visit")},
                                     {"commune_desk", N_("Commune desk")},
                                     {"village_meeting", N_("Village meeting")},
                                     {"phone", N_("Phone or Zalo")}};
// What came of one service.
inline constexpr Term kOutcomes[] = {{"done", N_("done")}, {"partly", N_("partly done")}, {"not_done", N_("not done")}};
// Why a service was not done.
inline constexpr Term kReasons[] = {{"no_signal", N_("no signal")},           {"no_device", N_("no device")},
                                    {"missing_papers", N_("missing papers")}, {"declined", N_("the person declined")},
                                    {"system_error", N_("system error")},     {"other", N_("other")}};
inline constexpr int kMaxLines = 8;

// The two catalogs the province admin keeps: services offered, and safety tips given.
enum class Catalog { kServices, kTips };

// One entry of a catalog: a key, its place in the list, Vietnamese and English text.
struct CatalogEntry {
    std::string key;
    int position = 0;
    std::string vi, en;
    bool active = true;
    const std::string& In(const std::string& lang) const { return lang == "vi" ? vi : en; }
};
using Service = CatalogEntry;
using Tip = CatalogEntry;

struct SkillChange {
    std::string resident_id;
    int skill = 0;  // index into registry::kSkills
    int from = 0, to = 0;
};

struct SupportSession {
    std::string id;
    std::string household_id;
    std::string area_path;
    std::string channel;
    int minutes = 0;
    std::string notes;
    std::string tip_key;
    std::string corrects_id;
    std::string recorded_by;
    std::vector<std::string> helpers;
    std::vector<std::string> residents;
    std::vector<ServiceLine> lines;
    std::vector<SkillChange> skill_changes;
    int64_t at = 0;
};

// What the sessions of one sync push read again and again, read once per push: each household
// with its residents (and their skill levels), all of the push's at once (ReadAhead), and each
// village's coverage. The push runs in one transaction; RecordSession keeps the cached skill
// levels equal to what it wrote, so a second session of the same person in the push starts from
// the first one's levels (the skill event's "from"). Whoever undoes a recorded session (a
// savepoint rolled back) or changes households or residents by other means within the push must
// Clear() it; what is not cached is then read by each session as it comes.
struct BatchCache {
    std::map<std::string, registry::HouseholdMembers> households;  // by household id
    std::map<std::string, std::string> coverage;                   // by village id
    void Clear() {
        households.clear();
        coverage.clear();
    }
};

// A session recorded on a phone offline: the phone's id for it and when it happened (Unix s).
// Empty for sessions recorded online (a new id, now).
struct Origin {
    std::string id;
    int64_t at = 0;
    bool audited_by_caller = false;  // the caller writes the session's one audit entry (sync)
    BatchCache* batch = nullptr;     // sync: shared by the push's sessions (see BatchCache)
};

// Where a follow-up task is.
enum class TaskStatus { kOpen, kDone, kSkipped };
inline constexpr Term kTaskStatusTerms[] = {{"open", N_("open")}, {"done", N_("done")}, {"skipped", N_("skipped")}};
inline constexpr EnumVocabulary<TaskStatus> kTaskStatuses{kTaskStatusTerms};

struct Task {
    std::string id;
    std::string household_id;
    std::string household_name;  // filled by queries, for lists
    std::string village_id;      // filled by queries
    std::string resident_id;
    std::string resident_name;  // filled by queries
    std::string area_path;
    std::string title;
    std::string rule_key;
    std::string session_id;
    std::string assignee;
    int64_t due_at = 0;
    TaskStatus status = TaskStatus::kOpen;
    std::string skip_reason;
    std::string created_by;
    int64_t created_at = 0;
    int64_t closed_at = 0;
};

// What opens a follow-up task; NewTask adds the id and the open status. The one place a Task is built.
struct TaskSpec {
    std::string household_id;
    std::string resident_id;  // "" = the household
    std::string area_path;
    std::string title;
    std::string rule_key;    // "" = assigned by hand
    std::string session_id;  // the session whose rule opened it, if any
    std::string assignee;    // a user id, "" = the village team
    int64_t due_at = 0;
    std::string created_by;  // a user id, or "sms"
    int64_t created_at = 0;
};
Task NewTask(TaskSpec spec);

struct SkillEvent {
    int skill = 0;
    int from = 0, to = 0;
    int64_t at = 0;
    std::string session_id;   // the support session that moved it, if one did
    std::string training_id;  // the training session whose practical check moved it, if one did
};

// A resident's digital profile over time.
struct ResidentHistory {
    std::vector<std::pair<std::string, int64_t>> tips_heard;  // tip key, when; newest first
    std::vector<SkillEvent> skill_events;                     // oldest first
};

// One line of a household's timeline.
struct TimelineEvent {
    int64_t at = 0;
    std::string kind;  // session | task_created | task_done | task_skipped
    const SupportSession* session = nullptr;
    const Task* task = nullptr;
};

class FieldworkRepository {
  public:
    virtual ~FieldworkRepository() = default;
    // Shared, not copied: recording a session reads both catalogues.
    virtual Result<std::shared_ptr<const std::vector<CatalogEntry>>> Entries(Catalog c) = 0;
    // Inserts catalog entries that are not there yet (edits made in the database are kept).
    virtual Status SeedCatalog(Catalog c, const std::vector<CatalogEntry>& entries) = 0;
    // Creates or replaces one catalog entry (a new one goes to the end of the list).
    virtual Status PutEntry(Catalog c, const CatalogEntry& e) = 0;
    virtual Result<std::map<std::string, int64_t>> TipsHeard(const std::string& resident_id) = 0;
    // The same for many residents at once (a page of the pull): resident id -> tip key -> last heard.
    virtual Result<std::map<std::string, std::map<std::string, int64_t>>> TipsHeardBy(
        const std::vector<std::string>& resident_ids) = 0;
    virtual Result<std::string> VillageCoverage(const std::string& village_id) = 0;
    virtual Result<ResidentHistory> History(const std::string& resident_id) = 0;
    // Active users who may have helped alongside `a`: their team, or for officers their area.
    virtual Result<std::vector<std::pair<std::string, std::string>>> Colleagues(const Actor& a) = 0;  // id, name
    // Users among `ids` that exist within `s`.
    virtual Result<size_t> CountUsersInScope(const Scope& s, const std::vector<std::string>& ids) = 0;
    // Writes the session, its residents and lines, the tips given, the skill events, and the
    // residents' new skill levels.
    virtual Status InsertSession(const SupportSession& s) = 0;
    virtual Result<std::vector<SupportSession>> SessionsOfHousehold(const Scope& s,
                                                                    const std::string& household_id) = 0;
    virtual Result<bool> HasOpenTask(const std::string& household_id, const std::string& resident_id,
                                     const std::string& rule_key) = 0;
    virtual Status InsertTask(const Task& t) = 0;
    virtual Result<Task> FindTask(const Scope& s, const std::string& id) = 0;
    virtual Status CloseTask(const std::string& id, TaskStatus status, const std::string& reason, int64_t at) = 0;
    // Opens a done or skipped task again (the undo of a close); Conflict if it is not closed.
    virtual Status ReopenTask(const std::string& id) = 0;
    // Open tasks in scope, by village, household, due date.
    virtual Result<std::vector<Task>> OpenTasks(const Scope& s, int limit) = 0;
    virtual Result<std::vector<Task>> TasksOfHousehold(const Scope& s, const std::string& household_id) = 0;
};

// Sessions and task events in one list, newest first. Points into the given vectors.
std::vector<TimelineEvent> BuildTimeline(const std::vector<SupportSession>& sessions, const std::vector<Task>& tasks);

// The icon of a service of data/services.tsv (the page sprite's i-<icon>); a service the province
// adds later, not in this table, shows "hand" (help given) until it gets one.
inline constexpr Term kServiceIcons[] = {{"vneid_account", "", "id"},
                                         {"vneid_level2", "", "key"},
                                         {"portal_account", "", "gov"},
                                         {"file_dossier", "", "doc"},
                                         {"follow_dossier", "", "search"},
                                         {"payment_account", "", "coin"},
                                         {"safe_app", "", "shield"},
                                         {"online_shopping", "", "cart"},
                                         {"selling_online", "", "shop"},
                                         {"health_book", "", "health"},
                                         {"other", "", "hand"}};
inline std::string_view ServiceIcon(std::string_view key) {
    const auto i = IndexOf(kServiceIcons, key);
    return i ? kServiceIcons[*i].icon : std::string_view("hand");
}

// Parses a catalog file, data/services.tsv or data/safety_tips.tsv (key, Vietnamese, English).
Result<std::vector<CatalogEntry>> ParseCatalog(const std::string& tsv);

class FieldworkService {
  public:
    FieldworkService(FieldworkRepository& repo, Transactions& tx, registry::RegistryRepository& registry,
                     audit::AuditLog& audit, const Clock& clock, std::vector<TaskRule> rules,
                     WorkingCalendar calendar = WorkingCalendar())
        : repo_(repo),
          tx_(tx),
          registry_(registry),
          audit_(audit),
          clock_(clock),
          rules_(std::move(rules)),
          calendar_(std::move(calendar)) {}

    Result<std::vector<Service>> Services() { return Copy(Catalog::kServices); }
    Result<std::vector<Tip>> Tips() { return Copy(Catalog::kTips); }
    // The province admin edits the catalogs. Fields: name_vi, name_en (tips: text_vi, text_en), active.
    Result<CatalogEntry> PutEntry(const Actor& a, Catalog c, const std::string& key, const Fields& f);

    // Fields: household_id, channel, minutes, notes, tip, residents (ids, comma-separated),
    // helpers (user ids; the recorder is always one), corrects (session id),
    // service_N / outcome_N / reason_N for N = 1..8, skill.<resident id>.<skill> = level.
    // Returns the session and the tasks it created.
    Result<std::pair<SupportSession, std::vector<Task>>> RecordSession(const Actor& a, const Fields& f,
                                                                       const Origin& origin = {});
    // Reads the households of a push's sessions, with the residents they name, into `batch` at
    // once, so that RecordSession finds them there (and reads the rest of a household's members
    // only for a session naming someone else). Ids out of scope or unknown are left out: the
    // session naming one reads it itself, and is refused as RecordSession always refuses it.
    Status ReadAhead(const Actor& a, const std::vector<std::string>& household_ids,
                     const std::vector<std::string>& resident_ids, BatchCache& batch);
    Result<std::vector<SupportSession>> Sessions(const Actor& a, const std::string& household_id);
    Result<std::vector<std::pair<std::string, std::string>>> Colleagues(const Actor& a) { return repo_.Colleagues(a); }
    // Tips heard and skill changes of a resident (a read of their record: audited).
    // `audit_read` false when the caller has just audited a view of the same record.
    Result<ResidentHistory> History(const Actor& a, const std::string& resident_id, bool audit_read = true);
    // The tip to give this resident next (see NextTip).
    Result<Tip> NextTipFor(const Actor& a, const std::string& resident_id);

    // Open tasks in the actor's villages; a member sees those assigned to them or to no one.
    Result<std::vector<Task>> OpenTasks(const Actor& a);
    Result<std::vector<Task>> HouseholdTasks(const Actor& a, const std::string& household_id);
    // Leaders and officers add tasks by hand. Fields: household_id, resident_id, title, due_date
    // (YYYY-MM-DD), assignee.
    Result<Task> AddTask(const Actor& a, const Fields& f);
    // A task the system opens on a person's request (an SMS asking for help), not by a user.
    Result<Task> OpenTask(TaskSpec spec);
    Result<Task> CompleteTask(const Actor& a, const std::string& id);
    Result<Task> SkipTask(const Actor& a, const std::string& id, const Fields& f);
    // Undoes a close within kUndoSeconds of it (a tap on "Done" by mistake); Conflict after.
    static constexpr int64_t kUndoSeconds = 300;
    Result<Task> GetTask(const Actor& a, const std::string& id) { return repo_.FindTask(a.scope, id); }
    Result<Task> ReopenTask(const Actor& a, const std::string& id);

  private:
    Result<std::vector<CatalogEntry>> Copy(Catalog c) {
        CAUNOI_ASSIGN(auto entries, repo_.Entries(c));
        return *entries;
    }
    Result<Task> CloseTask(const Actor& a, const std::string& id, TaskStatus status, const std::string& reason);
    // Steps of RecordSession that read the repositories, in the order it takes them.
    // The household and its members: the push's cached copy, or read now (into the push's cache,
    // or into `own` outside a push).
    Result<registry::HouseholdMembers*> HouseholdOf(const Actor& a, const std::string& household_id,
                                                    const Origin& origin, registry::HouseholdMembers& own);
    Status ReadTip(const Fields& f, SupportSession& s);
    Status ReadHelpers(const Actor& a, const Fields& f, SupportSession& s);
    Status ReadCorrection(const Actor& a, const Fields& f, SupportSession& s);
    Result<std::string> CoverageOf(const std::string& village_id, const Origin& origin);
    // Writes the session, the tasks its rules call for (into `created`) and its audit entry, in one transaction.
    Status WriteSession(const Actor& a, const SupportSession& s, const std::vector<ResidentFacts>& facts,
                        const Origin& origin, std::vector<Task>& created);
    FieldworkRepository& repo_;
    Transactions& tx_;
    registry::RegistryRepository& registry_;
    audit::AuditLog& audit_;
    const Clock& clock_;
    std::vector<TaskRule> rules_;
    WorkingCalendar calendar_;
};

}  // namespace caunoi::fieldwork
