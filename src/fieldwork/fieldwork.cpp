#include "fieldwork/fieldwork.hpp"

#include <algorithm>
#include <array>
#include <ctime>
#include <set>
#include <sstream>

#include "core/text.hpp"
#include "core/ulid.hpp"

namespace caunoi::fieldwork {
namespace {

template <size_t N>
int IndexOf(const std::string_view (&list)[N], std::string_view v) {
    for (size_t i = 0; i < N; ++i)
        if (list[i] == v) return static_cast<int>(i);
    return -1;
}

}  // namespace

std::vector<TimelineEvent> BuildTimeline(const std::vector<SupportSession>& sessions, const std::vector<Task>& tasks) {
    std::vector<TimelineEvent> out;
    for (const auto& s : sessions) out.push_back({s.at, "session", &s, nullptr});
    for (const auto& t : tasks) {
        out.push_back({t.created_at, "task_created", nullptr, &t});
        if (t.status != TaskStatus::kOpen)
            out.push_back({t.closed_at, t.status == TaskStatus::kDone ? "task_done" : "task_skipped", nullptr, &t});
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.at > b.at; });
    return out;
}

Result<std::vector<CatalogEntry>> ParseCatalog(const std::string& tsv) {
    std::vector<CatalogEntry> out;
    std::istringstream in(tsv);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        if (++n == 1 || line.empty()) continue;
        std::array<std::string, 3> row;
        std::istringstream ls(line);
        size_t i = 0;
        std::string col;
        while (i < 3 && std::getline(ls, col, '\t')) row[i++] = col;
        if (i != 3 || row[0].empty() || !text::IsValidUtf8(row[1], false) || !text::IsValidUtf8(row[2], false))
            return Error::Invalid("line " + std::to_string(n), "catalog line " + std::to_string(n));
        out.push_back({row[0], static_cast<int>(out.size()), row[1], row[2]});
    }
    return out;
}

namespace {

// The residents helped, each to the member record their skills start from.
using Helped = std::map<std::string, const registry::Member*>;

// Every field RecordSession reads, and nothing else.
Status CheckSessionFieldNames(const Fields& f) {
    static const std::set<std::string> kFixed = {"household_id", "channel",   "minutes", "notes",
                                                 "tip",          "residents", "helpers", "corrects"};
    for (const auto& [k, v] : f.all()) {
        bool line_key = false;
        for (const char* p : {"service_", "outcome_", "reason_"}) line_key = line_key || k.rfind(p, 0) == 0;
        if (!kFixed.count(k) && !line_key && k.rfind("skill.", 0) != 0)
            return Error::Invalid(k, "unknown field: " + k, N_("Unknown field"));
    }
    return {};
}

// How the help was given: channel, minutes, notes.
Status ReadVisit(const Fields& f, SupportSession& s) {
    CAUNOI_ASSIGN(auto channel, f.Choice("channel", kChannels));
    if (!channel) return Error::Invalid("channel", "required", N_("This field is required"));
    s.channel = std::string(kChannels[*channel].key);
    CAUNOI_ASSIGN(auto minutes, f.Int("minutes", 1, 600));
    if (!minutes) return Error::Invalid("minutes", "required", N_("This field is required"));
    s.minutes = static_cast<int>(*minutes);
    CAUNOI_ASSIGN(auto notes, f.Text("notes", 1000, false));
    s.notes = notes.value_or("");
    return {};
}

// Who was helped: residents of this household, each once, at least one.
Result<Helped> ReadHelped(const Fields& f, const std::vector<registry::Member>& members, SupportSession& s) {
    CAUNOI_ASSIGN(auto residents_opt, f.Text("residents", 2000, false));
    const std::string residents = residents_opt.value_or("");
    Helped helped;
    for (auto id : text::Split(residents, ',')) {
        const registry::Member* found = nullptr;
        for (const auto& m : members)
            if (m.id == id) found = &m;
        if (!found)
            return Error::Invalid("residents", "not a resident of this household: " + std::string(id),
                                  N_("Invalid value"));
        if (helped.emplace(found->id, found).second) s.residents.push_back(found->id);
    }
    if (s.residents.empty())
        return Error::Invalid("residents", "choose at least one person who was helped", N_("Choose who was helped"));
    return helped;
}

// What was done: one line per active service of the catalog, a reason for every "not done".
Status ReadLines(const Fields& f, const std::vector<CatalogEntry>& services, SupportSession& s) {
    for (int n = 1; n <= kMaxLines; ++n) {
        std::string sn = std::to_string(n);
        CAUNOI_ASSIGN(auto key, f.Text("service_" + sn, 40, false));
        if (!key) continue;
        bool known = false;
        for (const auto& sv : services) known = known || (sv.key == *key && sv.active);
        if (!known) return Error::Invalid("service_" + sn, "unknown service " + *key, N_("Invalid value"));
        CAUNOI_ASSIGN(auto outcome, f.Choice("outcome_" + sn, kOutcomes));
        if (!outcome) return Error::Invalid("outcome_" + sn, "required", N_("This field is required"));
        CAUNOI_ASSIGN(auto reason, f.Choice("reason_" + sn, kReasons));
        ServiceLine line{*key, std::string(kOutcomes[*outcome].key), reason ? std::string(kReasons[*reason].key) : ""};
        if (line.outcome == "not_done" && line.reason.empty())
            return Error::Invalid("reason_" + sn, "a reason is needed when a service was not done",
                                  N_("Say why it was not done"));
        if (line.outcome != "not_done") line.reason.clear();
        s.lines.push_back(std::move(line));
    }
    if (s.lines.empty())
        return Error::Invalid("service_1", "record at least one service", N_("Record at least one service"));
    return {};
}

// Skill changes, for residents helped in this session: only levels that differ from the member's.
Status ReadSkillChanges(const Fields& f, const Helped& helped, SupportSession& s) {
    for (const auto& [k, v] : f.all()) {
        if (k.rfind("skill.", 0) != 0 || v.empty()) continue;
        auto dot = k.find('.', 6);
        std::string rid = dot == std::string::npos ? "" : k.substr(6, dot - 6);
        std::string skill = dot == std::string::npos ? "" : k.substr(dot + 1);
        auto it = helped.find(rid);
        int si = -1;
        for (size_t i = 0; i < registry::kSkills.size(); ++i)
            if (registry::kSkills[i].key == skill || registry::kSkills[i].key.substr(6) == skill)
                si = static_cast<int>(i);
        if (it == helped.end() || si < 0)
            return Error::Invalid(k, "not a skill of a person helped", N_("Invalid value"));
        CAUNOI_ASSIGN(auto level, f.Choice(k, registry::kSkillLevels));
        int from = it->second->skills[si];
        if (level && *level != from) s.skill_changes.push_back({rid, si, from, *level});
    }
    return {};
}

}  // namespace

Result<std::pair<SupportSession, std::vector<Task>>> FieldworkService::RecordSession(const Actor& a, const Fields& f,
                                                                                     const Origin& origin) {
    CAUNOI_TRY(CheckSessionFieldNames(f));
    SupportSession s;
    CAUNOI_ASSIGN(auto hid, f.Text("household_id", 26, true));
    registry::HouseholdMembers own;
    CAUNOI_ASSIGN(registry::HouseholdMembers * household, HouseholdOf(a, *hid, origin, own));
    s.id = origin.id.empty() ? NewUlid() : origin.id;
    s.household_id = household->id;
    s.area_path = household->area_path;
    s.at = origin.at ? origin.at : clock_.NowSeconds();
    s.recorded_by = a.user_id;
    CAUNOI_TRY(ReadVisit(f, s));

    auto named = ReadHelped(f, household->members, s);
    if (!named.ok() && !household->complete) {
        // Read ahead were only the people the push names: look among all the household's members.
        CAUNOI_ASSIGN(household->members, registry_.ListMembers(a.scope, household->id));
        household->complete = true;
        s.residents.clear();
        named = ReadHelped(f, household->members, s);
    }
    CAUNOI_ASSIGN(auto helped, std::move(named));
    CAUNOI_ASSIGN(auto services, repo_.Entries(Catalog::kServices));
    CAUNOI_TRY(ReadLines(f, *services, s));
    CAUNOI_TRY(ReadTip(f, s));
    CAUNOI_TRY(ReadSkillChanges(f, helped, s));
    CAUNOI_TRY(ReadHelpers(a, f, s));
    CAUNOI_TRY(ReadCorrection(a, f, s));

    // Follow-ups from the rules.
    CAUNOI_ASSIGN(auto coverage, CoverageOf(household->village_id, origin));
    std::vector<ResidentFacts> facts;
    for (const auto& rid : s.residents) facts.push_back({rid, helped[rid]->phone_kind, coverage});
    std::vector<Task> created;
    Status written = WriteSession(a, s, facts, origin, created);
    if (origin.batch) {
        if (!written.ok()) {
            // What it wrote is undone (or half written): the push's reads start again.
            origin.batch->Clear();
        } else {
            // The levels this session stored are the household's levels now.
            for (const auto& c : s.skill_changes)
                for (auto& m : household->members)
                    if (m.id == c.resident_id) m.skills[c.skill] = c.to;
        }
    }
    CAUNOI_TRY(written);
    return std::make_pair(std::move(s), std::move(created));
}

Result<registry::HouseholdMembers*> FieldworkService::HouseholdOf(const Actor& a, const std::string& household_id,
                                                                  const Origin& origin,
                                                                  registry::HouseholdMembers& own) {
    // Within a push: read once, see BatchCache.
    if (origin.batch) {
        auto it = origin.batch->households.find(household_id);
        if (it != origin.batch->households.end()) return &it->second;
    }
    CAUNOI_ASSIGN(auto h, registry_.FindHousehold(a.scope, household_id));
    CAUNOI_ASSIGN(auto members, registry_.ListMembers(a.scope, h.id));
    registry::HouseholdMembers read{h.id, h.village_id, h.area_path, std::move(members)};
    if (!origin.batch) {
        own = std::move(read);
        return &own;
    }
    return &origin.batch->households.insert_or_assign(h.id, std::move(read)).first->second;
}

Status FieldworkService::ReadAhead(const Actor& a, const std::vector<std::string>& household_ids,
                                   const std::vector<std::string>& resident_ids, BatchCache& batch) {
    CAUNOI_ASSIGN(auto found, registry_.ListHouseholdMembers(a.scope, household_ids, resident_ids));
    for (auto& h : found) {
        std::string id = h.id;
        batch.households.try_emplace(std::move(id), std::move(h));
    }
    return {};
}

Status FieldworkService::ReadTip(const Fields& f, SupportSession& s) {
    // Safety advice is required with every support activity.
    CAUNOI_ASSIGN(auto tip, f.Text("tip", 40, false));
    if (!tip) return Error::Invalid("tip", "a safety tip must be given", N_("Give a safety tip before saving"));
    CAUNOI_ASSIGN(auto tips, repo_.Entries(Catalog::kTips));
    bool tip_known = false;
    for (const auto& t : *tips) tip_known = tip_known || (t.key == *tip && t.active);
    if (!tip_known) return Error::Invalid("tip", "unknown tip " + *tip, N_("Invalid value"));
    s.tip_key = *tip;
    return {};
}

Status FieldworkService::ReadHelpers(const Actor& a, const Fields& f, SupportSession& s) {
    s.helpers = {a.user_id};
    CAUNOI_ASSIGN(auto helpers_opt, f.Text("helpers", 1000, false));
    const std::string helpers = helpers_opt.value_or("");
    std::vector<std::string> others;
    for (auto h : text::Split(helpers, ','))
        if (h != a.user_id) others.emplace_back(h);
    if (!others.empty()) {
        CAUNOI_ASSIGN(size_t found, repo_.CountUsersInScope(a.scope, others));
        if (found != others.size())
            return Error::Invalid("helpers", "unknown team member among helpers", N_("Invalid value"));
        s.helpers.insert(s.helpers.end(), others.begin(), others.end());
    }
    return {};
}

Status FieldworkService::ReadCorrection(const Actor& a, const Fields& f, SupportSession& s) {
    CAUNOI_ASSIGN(auto corrects, f.Text("corrects", 26, false));
    if (!corrects) return {};
    CAUNOI_ASSIGN(auto earlier, repo_.SessionsOfHousehold(a.scope, s.household_id));
    bool found = false;
    for (const auto& e : earlier) found = found || e.id == *corrects;
    if (!found) return Error::Invalid("corrects", "no such session for this household", N_("Invalid value"));
    s.corrects_id = *corrects;
    return {};
}

Result<std::string> FieldworkService::CoverageOf(const std::string& village_id, const Origin& origin) {
    if (!origin.batch) return repo_.VillageCoverage(village_id);
    auto it = origin.batch->coverage.find(village_id);
    if (it == origin.batch->coverage.end()) {
        CAUNOI_ASSIGN(auto read, repo_.VillageCoverage(village_id));
        it = origin.batch->coverage.emplace(village_id, std::move(read)).first;
    }
    return it->second;
}

Status FieldworkService::WriteSession(const Actor& a, const SupportSession& s, const std::vector<ResidentFacts>& facts,
                                      const Origin& origin, std::vector<Task>& created) {
    return tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.InsertSession(s));
        for (const auto& d : EvaluateRules(rules_, s.lines, facts, s.at, calendar_)) {
            CAUNOI_ASSIGN(bool open, repo_.HasOpenTask(s.household_id, d.resident_id, d.rule_key));
            if (open) continue;  // the same follow-up is already waiting
            Task t = NewTask({.household_id = s.household_id,
                              .resident_id = d.resident_id,
                              .area_path = s.area_path,
                              .title = d.title,
                              .rule_key = d.rule_key,
                              .session_id = s.id,
                              .assignee = "",
                              .due_at = d.due_at,
                              .created_by = a.user_id,
                              .created_at = s.at});
            CAUNOI_TRY(repo_.InsertTask(t));
            created.push_back(t);
        }
        if (origin.audited_by_caller) return Status{};
        return audit_.Record(
            a, "create", "session", s.id, s.area_path,
            std::to_string(s.lines.size()) + " services, " + std::to_string(created.size()) + " tasks");
    });
}

namespace {
Status CheckCatalogEdit(const Actor& a, const std::string& key) {
    if (!a.AtLeast(Role::kProvinceAdmin)) return Error::NotFound();
    bool ok = key.size() >= 2 && key.size() <= 40;
    for (char c : key) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    if (!ok) return Error::Invalid("key", "a key is 2-40 of a-z, 0-9, _", N_("Invalid value"));
    return {};
}
}  // namespace

Result<CatalogEntry> FieldworkService::PutEntry(const Actor& a, Catalog c, const std::string& key, const Fields& f) {
    CAUNOI_TRY(CheckCatalogEdit(a, key));
    const bool tips = c == Catalog::kTips;
    const std::string vi_field = tips ? "text_vi" : "name_vi", en_field = tips ? "text_en" : "name_en";
    const size_t max = tips ? 500 : 200;
    CAUNOI_TRY(f.OnlyKnown({vi_field, en_field, "active"}));
    CAUNOI_ASSIGN(auto vi, f.Text(vi_field, max, true));
    CAUNOI_ASSIGN(auto en, f.Text(en_field, max, true));
    CAUNOI_ASSIGN(auto active, f.Bool("active"));
    CatalogEntry e{key, 0, *vi, *en, active.value_or(true)};
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.PutEntry(c, e));
        return audit_.Record(a, "update", tips ? "tip" : "service", key, a.area_path);
    }));
    return e;
}

Result<std::vector<SupportSession>> FieldworkService::Sessions(const Actor& a, const std::string& household_id) {
    CAUNOI_TRY(registry_.FindHousehold(a.scope, household_id));
    return repo_.SessionsOfHousehold(a.scope, household_id);
}

Result<ResidentHistory> FieldworkService::History(const Actor& a, const std::string& resident_id, bool audit_read) {
    CAUNOI_ASSIGN(auto r, registry_.FindResident(a.scope, resident_id));
    if (audit_read) CAUNOI_TRY(audit_.Record(a, "view", "resident", r.id, r.area_path, "history"));
    return repo_.History(r.id);
}

Result<Tip> FieldworkService::NextTipFor(const Actor& a, const std::string& resident_id) {
    CAUNOI_ASSIGN(auto r, registry_.FindResident(a.scope, resident_id));
    CAUNOI_ASSIGN(auto heard, repo_.TipsHeard(r.id));
    CAUNOI_ASSIGN(auto tips, repo_.Entries(Catalog::kTips));
    std::vector<std::string> order;
    for (const auto& t : *tips)
        if (t.active) order.push_back(t.key);
    std::string key = NextTip(order, heard);
    for (const auto& t : *tips)
        if (t.key == key) return t;
    return Error::NotFound("no safety tips in the catalog");
}

Result<std::vector<Task>> FieldworkService::OpenTasks(const Actor& a) {
    CAUNOI_ASSIGN(auto tasks, repo_.OpenTasks(a.scope, 500));
    if (a.role != Role::kMember) return tasks;
    std::vector<Task> mine;
    for (auto& t : tasks)
        if (t.assignee.empty() || t.assignee == a.user_id) mine.push_back(std::move(t));
    return mine;
}

Result<std::vector<Task>> FieldworkService::HouseholdTasks(const Actor& a, const std::string& household_id) {
    CAUNOI_TRY(registry_.FindHousehold(a.scope, household_id));
    return repo_.TasksOfHousehold(a.scope, household_id);
}

Result<Task> FieldworkService::AddTask(const Actor& a, const Fields& f) {
    if (!a.AtLeast(Role::kTeamLeader)) return Error::Forbidden("only team leaders and officers assign tasks");
    CAUNOI_TRY(f.OnlyKnown({"household_id", "resident_id", "title", "due_date", "assignee"}));
    CAUNOI_ASSIGN(auto hid, f.Text("household_id", 26, true));
    CAUNOI_ASSIGN(auto household, registry_.FindHousehold(a.scope, *hid));
    TaskSpec spec;
    spec.household_id = household.id;
    spec.area_path = household.area_path;
    CAUNOI_ASSIGN(auto rid, f.Text("resident_id", 26, false));
    if (rid) {
        CAUNOI_ASSIGN(auto r, registry_.FindResident(a.scope, *rid));
        if (r.household_id != household.id)
            return Error::Invalid("resident_id", "not a resident of this household", N_("Invalid value"));
        spec.resident_id = r.id;
    }
    CAUNOI_ASSIGN(auto title, f.Text("title", 200, true));
    spec.title = *title;
    CAUNOI_ASSIGN(auto due, f.Text("due_date", 10, true));
    std::tm tm{};
    if (due->size() != 10 || !strptime(due->c_str(), "%Y-%m-%d", &tm))
        return Error::Invalid("due_date", "expected YYYY-MM-DD", N_("Invalid date"));
    tm.tm_hour = 17;  // end of the working day, Asia/Ho_Chi_Minh
    spec.due_at = static_cast<int64_t>(timegm(&tm)) - 7 * 3600;
    CAUNOI_ASSIGN(auto assignee, f.Text("assignee", 26, false));
    if (assignee) {
        CAUNOI_ASSIGN(size_t n, repo_.CountUsersInScope(a.scope, {*assignee}));
        if (n != 1) return Error::Invalid("assignee", "unknown user", N_("Invalid value"));
        spec.assignee = *assignee;
    }
    spec.created_by = a.user_id;
    spec.created_at = clock_.NowSeconds();
    Task t = NewTask(std::move(spec));
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.InsertTask(t));
        return audit_.Record(a, "create", "task", t.id, t.area_path, t.title);
    }));
    return t;
}

Task NewTask(TaskSpec spec) {
    Task t;
    t.id = NewUlid();
    t.household_id = std::move(spec.household_id);
    t.resident_id = std::move(spec.resident_id);
    t.area_path = std::move(spec.area_path);
    t.title = std::move(spec.title);
    t.rule_key = std::move(spec.rule_key);
    t.session_id = std::move(spec.session_id);
    t.assignee = std::move(spec.assignee);
    t.due_at = spec.due_at;
    t.created_by = std::move(spec.created_by);
    t.created_at = spec.created_at;
    return t;
}

Result<Task> FieldworkService::OpenTask(TaskSpec spec) {
    Task t = NewTask(std::move(spec));
    CAUNOI_TRY(repo_.InsertTask(t));
    return t;
}

Result<Task> FieldworkService::CloseTask(const Actor& a, const std::string& id, TaskStatus status,
                                         const std::string& reason) {
    CAUNOI_ASSIGN(auto t, repo_.FindTask(a.scope, id));
    if (t.status != TaskStatus::kOpen)
        return Error::Conflict("task already " + std::string(kTaskStatuses.Name(t.status)));
    int64_t now = clock_.NowSeconds();
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.CloseTask(t.id, status, reason, now));
        return audit_.Record(a, "update", "task", t.id, t.area_path, std::string(kTaskStatuses.Name(status)));
    }));
    t.status = status;
    t.skip_reason = reason;
    t.closed_at = now;
    return t;
}

Result<Task> FieldworkService::CompleteTask(const Actor& a, const std::string& id) {
    return CloseTask(a, id, TaskStatus::kDone, "");
}

Result<Task> FieldworkService::ReopenTask(const Actor& a, const std::string& id) {
    CAUNOI_ASSIGN(auto t, repo_.FindTask(a.scope, id));
    if (t.status == TaskStatus::kOpen) return t;  // undone already (a second tap)
    if (clock_.NowSeconds() - t.closed_at > kUndoSeconds)
        return Error{ErrorCode::kConflict, N_("Too late to undo: add a new task instead"), "closed too long ago", {}};
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.ReopenTask(t.id));
        return audit_.Record(a, "update", "task", t.id, t.area_path, "reopened");
    }));
    t.status = TaskStatus::kOpen;
    t.skip_reason.clear();
    t.closed_at = 0;
    return t;
}

Result<Task> FieldworkService::SkipTask(const Actor& a, const std::string& id, const Fields& f) {
    CAUNOI_TRY(f.OnlyKnown({"reason"}));
    CAUNOI_ASSIGN(auto reason, f.Text("reason", 300, false));
    if (!reason) return Error::Invalid("reason", "say why the task is skipped", N_("Say why it is skipped"));
    return CloseTask(a, id, TaskStatus::kSkipped, *reason);
}

}  // namespace caunoi::fieldwork
