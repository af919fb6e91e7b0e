#include "storage/fieldwork_store.hpp"

#include "core/text.hpp"
#include "registry/registry.hpp"
#include "storage/dialect.hpp"
#include "storage/distribution.hpp"
#include "storage/scope_sql.hpp"
#include "storage/sync_changes.hpp"
#include "storage/user_store.hpp"

namespace caunoi::storage {

using fieldwork::kTaskStatuses;
using fieldwork::SupportSession;
using fieldwork::Task;
using fieldwork::TaskStatus;

namespace {
// Table and column names of a catalog: fixed strings, never input.
struct CatalogTable {
    const char* table;
    const char* vi;
    const char* en;
};
CatalogTable TableOf(fieldwork::Catalog c) {
    return c == fieldwork::Catalog::kServices ? CatalogTable{"services", "name_vi", "name_en"}
                                              : CatalogTable{"safety_tips", "text_vi", "text_en"};
}
}  // namespace

Result<std::shared_ptr<const std::vector<fieldwork::CatalogEntry>>> FieldworkStore::Entries(fieldwork::Catalog c) {
    const int64_t read_at = catalogs_.Now();
    if (const auto* cached = catalogs_.Find(c)) return *cached;
    auto t = TableOf(c);
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string("SELECT key, position, ") + t.vi + ", " + t.en + ", active FROM " +
                                       t.table + " ORDER BY position"));
    auto out = std::make_shared<std::vector<fieldwork::CatalogEntry>>();
    for (const auto& r : rows)
        out->push_back({r.Text(0), static_cast<int>(r.Int(1)), r.Text(2), r.Text(3), r.Int(4) != 0});
    catalogs_.Put(c, out, read_at);
    return std::shared_ptr<const std::vector<fieldwork::CatalogEntry>>(std::move(out));
}

Status FieldworkStore::SeedCatalog(fieldwork::Catalog c, const std::vector<fieldwork::CatalogEntry>& entries) {
    catalogs_.Erase(c);
    auto t = TableOf(c);
    const std::string sql = std::string("INSERT INTO ") + t.table + " (key, position, " + t.vi + ", " + t.en +
                            ") VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING";
    return db_.InTransaction([&]() -> Status {
        for (const auto& e : entries) CAUNOI_TRY(db_.Exec(sql, {e.key, int64_t{e.position}, e.vi, e.en}));
        return {};
    });
}

Status FieldworkStore::PutEntry(fieldwork::Catalog c, const fieldwork::CatalogEntry& e) {
    catalogs_.Erase(c);
    auto t = TableOf(c);
    const std::string vi = t.vi, en = t.en;
    return db_.Exec(std::string("INSERT INTO ") + t.table + " (key, position, " + vi + ", " + en +
                        ", active) VALUES (?, (SELECT COALESCE(MAX(position), -1) + 1 FROM " + t.table +
                        "), ?, ?, ?) ON CONFLICT (key) DO UPDATE SET " + vi + " = excluded." + vi + ", " + en +
                        " = excluded." + en + ", active = excluded.active",
                    {e.key, e.vi, e.en, int64_t{e.active}});
}

Result<std::map<std::string, int64_t>> FieldworkStore::TipsHeard(const std::string& resident_id) {
    CAUNOI_TRY(WriteGathered(rows_));
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT tip_key, MAX(at) FROM tips_given WHERE resident_id = ? GROUP BY tip_key",
                                       {resident_id}));
    std::map<std::string, int64_t> out;
    for (const auto& r : rows) out[r.Text(0)] = r.Int(1);
    return out;
}

Result<std::map<std::string, std::map<std::string, int64_t>>> FieldworkStore::TipsHeardBy(
    const std::vector<std::string>& resident_ids) {
    std::map<std::string, std::map<std::string, int64_t>> out;
    if (resident_ids.empty()) return out;
    CAUNOI_TRY(WriteGathered(rows_));
    std::string sql = "SELECT resident_id, tip_key, MAX(at) FROM tips_given WHERE resident_id IN (";
    Params p;
    for (const auto& id : resident_ids) {
        sql += p.empty() ? "?" : ", ?";
        p.emplace_back(id);
    }
    sql += ") GROUP BY resident_id, tip_key";
    CAUNOI_ASSIGN(auto rows, db_.Query(sql, p));
    for (const auto& r : rows) out[r.Text(0)][r.Text(1)] = r.Int(2);
    return out;
}

Result<fieldwork::ResidentHistory> FieldworkStore::History(const std::string& resident_id) {
    fieldwork::ResidentHistory h;
    CAUNOI_TRY(WriteGathered(rows_));
    CAUNOI_ASSIGN(auto tips, db_.Query("SELECT tip_key, at FROM tips_given WHERE resident_id = ? ORDER BY at DESC",
                                       {resident_id}));
    for (const auto& t : tips) h.tips_heard.emplace_back(t.Text(0), t.Int(1));
    CAUNOI_ASSIGN(
        auto ks,
        db_.Query("SELECT skill, from_level, to_level, at, COALESCE(session_id, ''), COALESCE(training_id, '') FROM "
                  "skill_events "
                  "WHERE resident_id = ? ORDER BY at, seq",
                  {resident_id}));
    for (const auto& k : ks) {
        int si = 0;
        for (size_t i = 0; i < registry::kSkills.size(); ++i)
            if (registry::kSkills[i].key == k.Text(0)) si = static_cast<int>(i);
        h.skill_events.push_back(
            {si, static_cast<int>(k.Int(1)), static_cast<int>(k.Int(2)), k.Int(3), k.Text(4), k.Text(5)});
    }
    return h;
}

Result<std::string> FieldworkStore::VillageCoverage(const std::string& village_id) {
    CAUNOI_ASSIGN(auto row, db_.QueryOne("SELECT COALESCE(coverage, '') FROM areas WHERE id = ?", {village_id}));
    return row.Text(0);
}

Result<size_t> FieldworkStore::CountUsersInScope(const Scope& s, const std::vector<std::string>& ids) {
    return CountActiveUsersInScope(db_, s, ids);
}

Result<std::vector<std::pair<std::string, std::string>>> FieldworkStore::Colleagues(const Actor& a) {
    Params p{a.user_id};
    std::string where;
    if (!a.team_id.empty()) {
        where = "team_id = ?";
        p.emplace_back(a.team_id);
    } else {
        where = InScope(a.scope, "area_path", p);
    }
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT id, display_name FROM users WHERE disabled = 0 AND id <> ? AND " +
                                           where + " ORDER BY display_name LIMIT 50",
                                       p));
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& r : rows) out.emplace_back(r.Text(0), r.Text(1));
    return out;
}

namespace {
// A session's rows, as written one by one or gathered (RowBatch): the same columns either way.
const std::vector<std::string> kSessionColumns = {"commune_id",  "id",          "household_id", "area_path",
                                                  "channel",     "minutes",     "notes",        "tip_key",
                                                  "corrects_id", "recorded_by", "helpers",      "at"};
const std::vector<std::string> kSessionResidentColumns = {"commune_id", "session_id", "resident_id"};
const std::vector<std::string> kTipGivenColumns = {"commune_id", "resident_id", "tip_key", "session_id", "at"};
const std::vector<std::string> kSessionServiceColumns = {"commune_id",  "session_id", "line",
                                                         "service_key", "outcome",    "reason"};
const std::vector<std::string> kSkillEventColumns = {"commune_id", "resident_id", "session_id", "skill",
                                                     "from_level", "to_level",    "at"};
}  // namespace

Status FieldworkStore::InsertRow(const std::string& table, const std::vector<std::string>& columns, Params row,
                                 const char* parent) {
    if (rows_ && rows_->gathering()) return rows_->Add(table, columns, std::move(row), parent);
    return db_.Exec(InsertSql(table, columns), row);
}

Status FieldworkStore::InsertSession(const SupportSession& s) {
    std::string helpers;
    for (const auto& h : s.helpers) helpers += (helpers.empty() ? "" : ",") + h;
    const std::string commune = CommuneOf(s.area_path);
    CAUNOI_TRY(InsertRow(
        "support_sessions", kSessionColumns,
        ParamsOf(commune, s.id, s.household_id, s.area_path, s.channel, int64_t{s.minutes}, TextOrNull(s.notes),
                 s.tip_key, TextOrNull(s.corrects_id), s.recorded_by, std::move(helpers), s.at),
        ""));
    // On SQLite the session's commune is marked for a recount here, not by a row trigger (V039);
    // PostgreSQL's statement trigger marks it.
    if (db_.dialect() == Dialect::kSqlite && !commune.empty()) {
        if (rows_ && rows_->gathering())
            rows_->Mark("indicator_dirty (commune_id)", commune);
        else
            CAUNOI_TRY(
                db_.Exec("INSERT INTO indicator_dirty (commune_id) VALUES (?) ON CONFLICT DO NOTHING", {commune}));
    }
    for (const auto& r : s.residents) {
        CAUNOI_TRY(
            InsertRow("session_residents", kSessionResidentColumns, ParamsOf(commune, s.id, r), "support_sessions"));
        CAUNOI_TRY(
            InsertRow("tips_given", kTipGivenColumns, ParamsOf(commune, r, s.tip_key, s.id, s.at), "support_sessions"));
    }
    for (size_t i = 0; i < s.lines.size(); ++i)
        CAUNOI_TRY(InsertRow("session_services", kSessionServiceColumns,
                             ParamsOf(commune, s.id, static_cast<int64_t>(i + 1), s.lines[i].service,
                                      s.lines[i].outcome, TextOrNull(s.lines[i].reason)),
                             "support_sessions"));
    for (const auto& c : s.skill_changes) {
        std::string skill(registry::kSkills[c.skill].key);
        CAUNOI_TRY(InsertRow("skill_events", kSkillEventColumns,
                             ParamsOf(commune, c.resident_id, s.id, skill, int64_t{c.from}, int64_t{c.to}, s.at),
                             "support_sessions"));
        // The column name comes from the fixed list kSkills, never from input.
        CAUNOI_TRY(db_.Exec("UPDATE residents SET " + skill + " = ?, updated_at = ? WHERE id = ?",
                            {int64_t{c.to}, s.at, c.resident_id}));
        CAUNOI_TRY(RecordChange(db_, "resident", c.resident_id));
    }
    return {};
}

Result<std::vector<SupportSession>> FieldworkStore::SessionsOfHousehold(const Scope& s,
                                                                        const std::string& household_id) {
    CAUNOI_TRY(WriteGathered(rows_));
    Params p{household_id};
    std::string where = InScope(s, "area_path", p);
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT id, household_id, area_path, channel, minutes, COALESCE(notes, ''), "
                                       "tip_key, COALESCE(corrects_id, ''), recorded_by, helpers, at FROM "
                                       "support_sessions WHERE household_id = ? AND " +
                                           where + " ORDER BY at DESC, seq DESC",
                                       p));
    std::vector<SupportSession> out;
    for (const auto& r : rows) {
        SupportSession x;
        x.id = r.Text(0);
        x.household_id = r.Text(1);
        x.area_path = r.Text(2);
        x.channel = r.Text(3);
        x.minutes = static_cast<int>(r.Int(4));
        x.notes = r.Text(5);
        x.tip_key = r.Text(6);
        x.corrects_id = r.Text(7);
        x.recorded_by = r.Text(8);
        const std::string helpers = r.Text(9);
        for (auto h : text::Split(helpers, ',')) x.helpers.emplace_back(h);
        x.at = r.Int(10);
        CAUNOI_ASSIGN(auto rs, db_.Query("SELECT resident_id FROM session_residents WHERE session_id = ?", {x.id}));
        for (const auto& rr : rs) x.residents.push_back(rr.Text(0));
        CAUNOI_ASSIGN(auto ls, db_.Query("SELECT service_key, outcome, COALESCE(reason, '') FROM session_services "
                                         "WHERE session_id = ? ORDER BY line",
                                         {x.id}));
        for (const auto& l : ls) x.lines.push_back({l.Text(0), l.Text(1), l.Text(2)});
        CAUNOI_ASSIGN(auto ks, db_.Query("SELECT resident_id, skill, from_level, to_level FROM skill_events WHERE "
                                         "session_id = ? ORDER BY seq",
                                         {x.id}));
        for (const auto& k : ks) {
            int si = 0;
            for (size_t i = 0; i < registry::kSkills.size(); ++i)
                if (registry::kSkills[i].key == k.Text(1)) si = static_cast<int>(i);
            x.skill_changes.push_back({k.Text(0), si, static_cast<int>(k.Int(2)), static_cast<int>(k.Int(3))});
        }
        out.push_back(std::move(x));
    }
    return out;
}

Result<bool> FieldworkStore::HasOpenTask(const std::string& household_id, const std::string& resident_id,
                                         const std::string& rule_key) {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT 1 FROM tasks WHERE household_id = ? AND COALESCE(resident_id, '') = ? "
                                       "AND rule_key = ? AND status = 'open' LIMIT 1",
                                       {household_id, resident_id, rule_key}));
    return !rows.empty();
}

Status FieldworkStore::InsertTask(const Task& t) {
    CAUNOI_TRY(WriteGathered(rows_, "support_sessions"));  // a task names its session
    return WriteAndRecord(db_, "task", t.id, Write::kInsert, [&] {
        return db_.Exec(
            "INSERT INTO tasks (commune_id, id, household_id, resident_id, area_path, title, rule_key, session_id, "
            "assignee, due_at, status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)",
            {CommuneOf(t.area_path), t.id, t.household_id, TextOrNull(t.resident_id), t.area_path, t.title,
             TextOrNull(t.rule_key), TextOrNull(t.session_id), TextOrNull(t.assignee), t.due_at, t.created_by,
             t.created_at});
    });
}

Result<std::vector<Task>> FieldworkStore::QueryTasks(const std::string& where, Params p, const std::string& tail) {
    CAUNOI_ASSIGN(auto rows,
                  db_.Query("SELECT t.id, t.household_id, h.name, h.village_id, COALESCE(t.resident_id, ''), "
                            "COALESCE(r.full_name, ''), t.area_path, t.title, COALESCE(t.rule_key, ''), "
                            "COALESCE(t.session_id, ''), COALESCE(t.assignee, ''), t.due_at, t.status, "
                            "COALESCE(t.skip_reason, ''), t.created_by, t.created_at, COALESCE(t.closed_at, 0) "
                            "FROM tasks t JOIN households h ON h.commune_id = t.commune_id AND h.id = t.household_id "
                            "LEFT JOIN residents r ON r.commune_id = t.commune_id AND r.id = t.resident_id WHERE " +
                                where + tail,
                            p));
    std::vector<Task> out;
    for (const auto& r : rows)
        out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7),
                       r.Text(8), r.Text(9), r.Text(10), r.Int(11),
                       // The table's CHECK admits only kTaskStatuses.
                       kTaskStatuses.Parse(r.Text(12)).value_or(TaskStatus::kDone), r.Text(13), r.Text(14), r.Int(15),
                       r.Int(16)});
    return out;
}

Result<Task> FieldworkStore::FindTask(const Scope& s, const std::string& id) {
    Params p{id};
    std::string where = "t.id = ? AND " + InScope(s, "t.area_path", p);
    CAUNOI_ASSIGN(auto ts, QueryTasks(where, p, ""));
    if (ts.empty()) return Error::NotFound();
    return ts.front();
}

Status FieldworkStore::CloseTask(const std::string& id, TaskStatus status, const std::string& reason, int64_t at) {
    return WriteAndRecord(db_, "task", id, Write::kUpdate, [&] {
        return db_.Exec("UPDATE tasks SET status = ?, skip_reason = ?, closed_at = ? WHERE id = ? AND status = 'open'",
                        {std::string(kTaskStatuses.Name(status)), TextOrNull(reason), at, id});
    });
}

Status FieldworkStore::ReopenTask(const std::string& id) {
    return WriteAndRecord(db_, "task", id, Write::kUpdate, [&] {
        return db_.Exec(
            "UPDATE tasks SET status = 'open', skip_reason = NULL, closed_at = NULL WHERE id = ? AND status <> 'open'",
            {id});
    });
}

Result<std::vector<Task>> FieldworkStore::OpenTasks(const Scope& s, int limit) {
    Params p;
    std::string where = "t.status = 'open' AND " + InScope(s, "t.area_path", p);
    p.emplace_back(int64_t{limit});
    return QueryTasks(where, p, " ORDER BY h.village_id, h.name_folded, t.due_at LIMIT ?");
}

Result<std::vector<Task>> FieldworkStore::TasksOfHousehold(const Scope& s, const std::string& household_id) {
    Params p{household_id};
    std::string where = "t.household_id = ? AND " + InScope(s, "t.area_path", p);
    return QueryTasks(where, p, " ORDER BY t.status = 'open' DESC, t.due_at");
}

}  // namespace caunoi::storage
