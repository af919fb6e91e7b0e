#include "storage/training_store.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/phone.hpp"
#include "core/text.hpp"
#include "registry/registry.hpp"
#include "storage/distribution.hpp"
#include "storage/scope_sql.hpp"

namespace caunoi::storage {
namespace {

using training::Attendee;
using training::Candidate;
using training::Session;

constexpr const char* kSessionColumns =
    "SELECT s.commune_id, s.id, s.area_path, COALESCE(s.village_id, ''), s.place, s.starts_at, s.ends_at, "
    "s.capacity, s.accepted, s.created_by, s.created_at, CASE WHEN s.cancelled_at IS NULL THEN 0 ELSE 1 END, c.name, "
    "c.path, COALESCE(v.name, ''), (SELECT COUNT(*) FROM training_invitations i WHERE i.commune_id = s.commune_id AND "
    "i.session_id = s.id), (SELECT COUNT(*) FROM training_attendance x WHERE x.commune_id = s.commune_id AND "
    "x.session_id = s.id) FROM training_sessions s JOIN areas c ON c.id = s.commune_id LEFT JOIN areas v ON v.id = "
    "s.village_id ";

// Under `path` (or it): "(col = ? OR col LIKE ? || '/%')" with its two parameters.
std::string Under(const std::string& col, const std::string& path, Params& p) {
    p.emplace_back(path);
    p.emplace_back(path);
    return "(" + col + " = ? OR " + col + " LIKE ? || '/%')";
}

// The skills' columns, in the order of registry::kSkills.
std::string SkillColumns(const std::string& table) {
    std::string s;
    for (const auto& k : registry::kSkills) s += ", " + table + "." + std::string(k.key);
    return s;
}

std::string ItemsText(const std::vector<int>& items) {
    std::string s;
    for (int i : items) s += (s.empty() ? "" : ",") + std::to_string(i);
    return s;
}

std::vector<int> ItemsOf(const std::string& s) {
    std::vector<int> out;
    for (auto part : text::Split(s, ','))
        if (!part.empty()) out.push_back(part[0] - '0');
    return out;
}

}  // namespace

Result<Session> TrainingStore::PlaceOf(const Scope& s, const std::string& commune_id, const std::string& village_id) {
    Session out;
    Params p;
    if (!village_id.empty()) {
        p.emplace_back(village_id);
        const std::string scope = InScope(s, "v.path", p);
        CAUNOI_ASSIGN(auto r,
                      db_.QueryOne("SELECT v.id, v.name, v.path, c.id, c.name, c.path FROM areas v JOIN areas c "
                                   "ON c.id = v.parent_id WHERE v.id = ? AND v.kind = 'village' AND " +
                                       scope,
                                   p));
        out.village_id = r.Text(0);
        out.village_name = r.Text(1);
        out.area_path = r.Text(2);
        out.commune_id = r.Text(3);
        out.commune_name = r.Text(4);
        out.commune_path = r.Text(5);
        return out;
    }
    p.emplace_back(commune_id);
    const std::string scope = InScope(s, "c.path", p);
    CAUNOI_ASSIGN(auto r,
                  db_.QueryOne("SELECT c.id, c.name, c.path FROM areas c WHERE c.id = ? AND (c.kind = 'commune' "
                               "OR c.kind = 'ward') AND " +
                                   scope,
                               p));
    out.commune_id = r.Text(0);
    out.commune_name = r.Text(1);
    out.commune_path = out.area_path = r.Text(2);
    return out;
}

Result<std::vector<training::Trainer>> TrainingStore::TrainersIn(const std::string& commune_path,
                                                                 const std::vector<std::string>& ids) {
    Params p;
    std::string where = Under("area_path", commune_path, p);
    where += " AND id IN (" + InList(ids, p) + ")";
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT id, display_name FROM users WHERE disabled = 0 AND " + where, p));
    std::vector<training::Trainer> out;
    for (const auto& id : ids)  // in the order given
        for (const auto& r : rows)
            if (r.Text(0) == id) out.push_back({r.Text(0), r.Text(1)});
    return out;
}

Result<std::vector<Session>> TrainingStore::Select(const std::string& where, const Params& p,
                                                   const std::string& order) {
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string(kSessionColumns) + "WHERE " + where + " " + order, p));
    std::vector<Session> out;
    for (const auto& r : rows) {
        Session s;
        s.commune_id = r.Text(0);
        s.id = r.Text(1);
        s.area_path = r.Text(2);
        s.village_id = r.Text(3);
        s.place = r.Text(4);
        s.starts_at = r.Int(5);
        s.ends_at = r.Int(6);
        s.capacity = static_cast<int>(r.Int(7));
        s.accepted = r.Text(8);
        s.created_by = r.Text(9);
        s.created_at = r.Int(10);
        s.cancelled = r.Int(11) != 0;
        s.commune_name = r.Text(12);
        s.commune_path = r.Text(13);
        s.village_name = r.Text(14);
        s.invited = r.Int(15);
        s.present = r.Int(16);
        CAUNOI_ASSIGN(auto mods, db_.Query("SELECT module_key FROM training_session_modules WHERE commune_id = ? AND "
                                           "session_id = ? ORDER BY position",
                                           {s.commune_id, s.id}));
        for (const auto& m : mods) s.modules.push_back(m.Text(0));
        CAUNOI_ASSIGN(auto ts,
                      db_.Query("SELECT t.user_id, COALESCE(u.display_name, t.user_id) FROM training_trainers t "
                                "LEFT JOIN users u ON u.id = t.user_id WHERE t.commune_id = ? AND "
                                "t.session_id = ? ORDER BY u.display_name, t.user_id",
                                {s.commune_id, s.id}));
        for (const auto& t : ts) s.trainers.push_back({t.Text(0), t.Text(1)});
        out.push_back(std::move(s));
    }
    return out;
}

Result<std::vector<Session>> TrainingStore::Overlapping(const std::vector<std::string>& trainer_ids,
                                                        const std::string& commune_id, const std::string& place_folded,
                                                        int64_t starts, int64_t ends) {
    Params p{ends, starts, commune_id, place_folded};
    const std::string trainers = InList(trainer_ids, p);
    return Select(
        "s.cancelled_at IS NULL AND s.starts_at < ? AND s.ends_at > ? AND ((s.commune_id = ? AND "
        "s.place_folded = ?) OR EXISTS (SELECT 1 FROM training_trainers t WHERE t.commune_id = s.commune_id "
        "AND t.session_id = s.id AND t.user_id IN (" +
            trainers + ")))",
        p, "ORDER BY s.starts_at, s.id");
}

Status TrainingStore::Insert(const Session& s, const std::string& place_folded) {
    CAUNOI_TRY(
        db_.Exec("INSERT INTO training_sessions (commune_id, id, area_path, village_id, place, place_folded, "
                 "starts_at, ends_at, capacity, accepted, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                 "?, ?, ?, ?)",
                 {s.commune_id, s.id, s.area_path, TextOrNull(s.village_id), s.place, place_folded, s.starts_at,
                  s.ends_at, int64_t{s.capacity}, s.accepted, s.created_by, s.created_at}));
    for (size_t i = 0; i < s.modules.size(); ++i)
        CAUNOI_TRY(
            db_.Exec("INSERT INTO training_session_modules (commune_id, session_id, position, module_key) VALUES "
                     "(?, ?, ?, ?)",
                     {s.commune_id, s.id, static_cast<int64_t>(i), s.modules[i]}));
    for (const auto& t : s.trainers)
        CAUNOI_TRY(db_.Exec("INSERT INTO training_trainers (commune_id, session_id, user_id) VALUES (?, ?, ?)",
                            {s.commune_id, s.id, t.user_id}));
    return {};
}

Result<Session> TrainingStore::Find(const Scope& s, const std::string& user_id, const std::string& id) {
    Params p{id};
    std::string scope = InScope(s, "s.area_path", p);
    p.emplace_back(user_id);
    CAUNOI_ASSIGN(auto found, Select("s.id = ? AND (" + scope +
                                         " OR EXISTS (SELECT 1 FROM training_trainers t WHERE t.commune_id = "
                                         "s.commune_id AND t.session_id = s.id AND t.user_id = ?))",
                                     p, ""));
    if (found.empty()) return Error::NotFound("no such training session in scope");
    return found.front();
}

Result<std::vector<Session>> TrainingStore::List(const Scope& s, const std::string& user_id, int64_t from,
                                                 bool upcoming, int limit) {
    Params p;
    std::string scope = InScope(s, "s.area_path", p);
    p.emplace_back(user_id);
    p.emplace_back(from);
    p.emplace_back(int64_t{limit});
    return Select(
        "(" + scope +
            " OR EXISTS (SELECT 1 FROM training_trainers t WHERE t.commune_id = s.commune_id AND t.session_id "
            "= s.id AND t.user_id = ?)) AND s.starts_at " +
            (upcoming ? ">= ?" : "< ?"),
        p, upcoming ? "ORDER BY s.starts_at, s.id LIMIT ?" : "ORDER BY s.starts_at DESC, s.id LIMIT ?");
}

Status TrainingStore::MarkCancelled(const Session& s, const std::string& by, int64_t at) {
    return db_.Exec(
        "UPDATE training_sessions SET cancelled_at = ?, cancelled_by = ? WHERE commune_id = ? AND id = ? "
        "AND cancelled_at IS NULL",
        {at, by, s.commune_id, s.id});
}

Result<int64_t> TrainingStore::StopSms(const Session& s) {
    CAUNOI_TRY(
        db_.Exec("UPDATE sms_outbox SET status = 'failed', fail_reason = 'stopped: session cancelled' WHERE "
                 "training_id = ? AND status = 'queued'",
                 {s.id}));
    return db_.Changes();
}

Result<std::vector<Candidate>> TrainingStore::Candidates(const Session& s, int skill) {
    const std::string col = "r." + std::string(registry::kSkills.at(static_cast<size_t>(skill)).key);
    Params p{s.commune_id, s.id, s.commune_id};
    const std::string area = Under("h.area_path", s.area_path, p);
    CAUNOI_ASSIGN(auto rows,
                  db_.Query("SELECT h.id, h.name, h.village_id, CASE WHEN EXISTS (SELECT 1 FROM residents r WHERE "
                            "r.household_id = h.id AND " +
                                col +
                                " = 2) THEN 1 ELSE 0 END, COALESCE(i.channel, '') FROM households h LEFT JOIN "
                                "training_invitations i ON i.commune_id = ? AND i.session_id = ? AND "
                                "i.household_id = h.id WHERE h.commune_id = ? AND " +
                                area + " ORDER BY h.name_folded, h.id",
                            p));
    // Who to text: the first resident (oldest record) with a mobile number who agreed to
    // notifications and did not ask for no messages.
    Params q{s.commune_id};
    const std::string rarea = Under("r.area_path", s.area_path, q);
    CAUNOI_ASSIGN(auto phones,
                  db_.Query("SELECT r.household_id, r.phone, r.language FROM residents r WHERE "
                            "r.commune_id = ? AND " +
                                rarea +
                                " AND r.phone <> '' AND r.consent_purposes LIKE '%notifications%' ORDER BY "
                                "r.household_id, r.created_at, r.id",
                            q));
    // Each household's numbers in order, national form; then those that asked for no messages.
    std::vector<std::tuple<std::string, std::string, std::string>> numbers;  // household, number, language
    std::vector<std::string> asked;
    for (const auto& r : phones)
        if (auto n = phone::NormalizeMobile(r.Text(1))) {
            numbers.emplace_back(r.Text(0), *n, r.Text(2).empty() ? "vi" : r.Text(2));
            asked.push_back(*n);
        }
    std::set<std::string> stopped;
    if (!asked.empty()) {
        Params o;
        const std::string in = InList(asked, o);
        CAUNOI_ASSIGN(auto optouts, db_.Query("SELECT phone FROM sms_optouts WHERE phone IN (" + in + ")", o));
        for (const auto& o : optouts) stopped.insert(o.Text(0));
    }
    std::map<std::string, std::pair<std::string, std::string>> contact;
    for (const auto& [household, number, language] : numbers)
        if (!contact.count(household) && !stopped.count(number)) contact[household] = {number, language};
    std::vector<Candidate> out;
    for (const auto& r : rows) {
        Candidate c;
        c.household_id = r.Text(0);
        c.household_name = r.Text(1);
        c.village_id = r.Text(2);
        c.has_skill = r.Int(3) != 0;
        c.channel = r.Text(4);
        c.invited = !c.channel.empty();
        if (auto it = contact.find(c.household_id); it != contact.end()) {
            c.phone = it->second.first;
            c.language = it->second.second;
        }
        out.push_back(std::move(c));
    }
    return out;
}

Result<bool> TrainingStore::InsertInvitation(const Session& s, const Candidate& c, const std::string& by, int64_t at) {
    CAUNOI_TRY(
        db_.Exec("INSERT INTO training_invitations (commune_id, session_id, household_id, channel, invited_by, "
                 "invited_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                 {s.commune_id, s.id, c.household_id, c.channel, by, at}));
    return db_.Changes() == 1;
}

Status TrainingStore::QueueSms(const Session& s, const Candidate& c, const std::string& text, bool ucs2, int parts,
                               const std::string& reminder, int reminder_parts, int64_t remind_at, int64_t now) {
    auto queue = [&](const std::string& suffix, const std::string& body, int n, int64_t due) {
        return db_.Exec(
            "INSERT INTO sms_outbox (commune_id, id, area_path, phone, body, parts, created_at, kind, "
            "priority, ucs2, training_id, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'training', 0, ?, "
            "?, ?) ON CONFLICT DO NOTHING",
            {s.commune_id, s.id + suffix + c.phone, s.area_path, c.phone, body, int64_t{n}, now, int64_t{ucs2}, s.id,
             due});
    };
    CAUNOI_TRY(queue("-i-", text, parts, 0));
    if (!reminder.empty() && remind_at > 0) CAUNOI_TRY(queue("-r-", reminder, reminder_parts, remind_at));
    return {};
}

Result<std::vector<Attendee>> TrainingStore::Residents(const Session& s, const std::string& where, const Params& p) {
    Params all{s.commune_id, s.id, s.commune_id, s.id, s.commune_id};
    all.insert(all.end(), p.begin(), p.end());
    CAUNOI_ASSIGN(
        auto rows,
        db_.Query("SELECT r.id, r.full_name, r.household_id, h.name, CASE WHEN i.household_id IS NULL THEN 0 "
                  "ELSE 1 END, CASE WHEN a.resident_id IS NULL THEN 0 ELSE 1 END, COALESCE(a.walk_in, 0)" +
                      SkillColumns("r") +
                      " FROM residents r JOIN households h ON h.id = r.household_id LEFT JOIN "
                      "training_invitations i ON i.commune_id = ? AND i.session_id = ? AND i.household_id = "
                      "r.household_id LEFT JOIN training_attendance a ON a.commune_id = ? AND a.session_id = ? "
                      "AND a.resident_id = r.id WHERE r.commune_id = ? AND " +
                      where + " ORDER BY h.name_folded, h.id, r.full_name, r.id",
                  all));
    std::vector<Attendee> out;
    for (const auto& r : rows) {
        Attendee a;
        a.resident_id = r.Text(0);
        a.full_name = r.Text(1);
        a.household_id = r.Text(2);
        a.household_name = r.Text(3);
        a.invited = r.Int(4) != 0;
        a.present = r.Int(5) != 0;
        a.walk_in = r.Int(6) != 0;
        for (size_t k = 0; k < a.skills.size(); ++k) a.skills[k] = static_cast<int>(r.Int(7 + static_cast<int>(k)));
        out.push_back(std::move(a));
    }
    return out;
}

Result<std::vector<Attendee>> TrainingStore::Attendance(const Session& s) {
    CAUNOI_ASSIGN(auto list, Residents(s, "(i.household_id IS NOT NULL OR a.resident_id IS NOT NULL)", {}));
    CAUNOI_ASSIGN(auto checks,
                  db_.Query("SELECT resident_id, module_key, items FROM training_checks WHERE commune_id = ? "
                            "AND session_id = ?",
                            {s.commune_id, s.id}));
    for (const auto& c : checks)
        for (auto& a : list)
            if (a.resident_id == c.Text(0)) a.checks[c.Text(1)] = ItemsOf(c.Text(2));
    return list;
}

Result<Attendee> TrainingStore::ResidentIn(const Session& s, const std::string& resident_id) {
    Params p{resident_id};
    std::string area = Under("r.area_path", s.area_path, p);
    CAUNOI_ASSIGN(auto list, Residents(s, "r.id = ? AND " + area, p));
    if (list.empty()) return Error::NotFound("no such resident in the session's area");
    return list.front();
}

Status TrainingStore::SetPresent(const Session& s, const Attendee& a, bool present, bool walk_in, const std::string& by,
                                 int64_t at) {
    if (!present)
        return db_.Exec("DELETE FROM training_attendance WHERE commune_id = ? AND session_id = ? AND resident_id = ?",
                        {s.commune_id, s.id, a.resident_id});
    return db_.Exec(
        "INSERT INTO training_attendance (commune_id, session_id, resident_id, walk_in, recorded_by, "
        "recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        {s.commune_id, s.id, a.resident_id, int64_t{walk_in}, by, at});
}

Status TrainingStore::SaveCheck(const Session& s, const Attendee& a, const training::CheckResult& r,
                                const std::vector<int>& items, const std::string& by, int64_t at) {
    const std::string skill(registry::kSkills.at(static_cast<size_t>(r.skill)).key);
    CAUNOI_TRY(
        db_.Exec("INSERT INTO training_checks (commune_id, session_id, resident_id, module_key, items, skill, "
                 "from_level, to_level, checked_by, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
                 "(commune_id, session_id, resident_id, module_key) DO UPDATE SET items = excluded.items, "
                 "to_level = excluded.to_level, checked_by = excluded.checked_by, checked_at = "
                 "excluded.checked_at",
                 {s.commune_id, s.id, a.resident_id, r.module, ItemsText(items), skill, int64_t{r.from}, int64_t{r.to},
                  by, at}));
    if (r.to <= r.from) return {};
    // Through the registry: its cache forgets the household, and phones pull the new level.
    CAUNOI_ASSIGN(auto resident, registry_.FindResident(Scope{{s.area_path}}, a.resident_id));
    resident.skills[static_cast<size_t>(r.skill)] = r.to;
    resident.updated_at = at;
    CAUNOI_TRY(registry_.UpdateResident(resident));
    return db_.Exec(
        "INSERT INTO skill_events (commune_id, resident_id, skill, from_level, to_level, at, training_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        {s.commune_id, a.resident_id, skill, int64_t{r.from}, int64_t{r.to}, at, s.id});
}

Result<training::Progress> TrainingStore::ProgressOf(const Scope& s, const std::string& area_path, int64_t now) {
    (void)s;  // the service checked that `area_path` is in scope
    training::Progress out;
    const std::string commune = CommuneOf(area_path);
    std::string all_five;
    for (const auto& k : registry::kSkills) all_five += " AND r." + std::string(k.key) + " = 2";
    {
        Params p{commune};
        const std::string area = Under("h.area_path", area_path, p);
        CAUNOI_ASSIGN(auto r, db_.QueryOne("SELECT COUNT(*), COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM residents r "
                                           "WHERE r.household_id = h.id" +
                                               all_five +
                                               ") THEN 1 ELSE 0 END), 0) FROM households h WHERE "
                                               "h.commune_id = ? AND " +
                                               area,
                                           p));
        out.households = r.Int(0);
        out.households_all_five = r.Int(1);
    }
    {
        std::string sums = "COUNT(*)";
        for (const auto& k : registry::kSkills)
            for (int level = 0; level < 3; ++level)
                sums += ", COALESCE(SUM(CASE WHEN r." + std::string(k.key) + " = " + std::to_string(level) +
                        " THEN 1 ELSE 0 END), 0)";
        Params p{commune};
        const std::string area = Under("r.area_path", area_path, p);
        CAUNOI_ASSIGN(auto r,
                      db_.QueryOne("SELECT " + sums + " FROM residents r WHERE r.commune_id = ? AND " + area, p));
        out.residents = r.Int(0);
        for (size_t k = 0; k < 5; ++k)
            for (size_t level = 0; level < 3; ++level)
                out.levels[k][level] = r.Int(static_cast<int>(1 + k * 3 + level));
    }
    {
        Params p{commune, now};
        const std::string area = Under("s.area_path", area_path, p);
        CAUNOI_ASSIGN(auto r,
                      db_.QueryOne("SELECT COUNT(*), COALESCE(SUM((SELECT COUNT(*) FROM training_attendance a "
                                   "WHERE a.commune_id = s.commune_id AND a.session_id = s.id)), 0), "
                                   "COALESCE(SUM((SELECT COUNT(*) FROM training_checks k WHERE k.commune_id = "
                                   "s.commune_id AND k.session_id = s.id)), 0) FROM training_sessions s WHERE "
                                   "s.commune_id = ? AND s.cancelled_at IS NULL AND s.starts_at <= ? AND EXISTS "
                                   "(SELECT 1 FROM training_attendance a WHERE a.commune_id = s.commune_id AND "
                                   "a.session_id = s.id) AND " +
                                       area,
                                   p));
        out.sessions_held = r.Int(0);
        out.attendance = r.Int(1);
        out.checks = r.Int(2);
    }
    {
        Params p{commune};
        const std::string area = Under("h.area_path", area_path, p);
        CAUNOI_ASSIGN(auto rows,
                      db_.Query("SELECT h.id, h.name, h.village_id, COALESCE(v.name, '') FROM households h LEFT JOIN "
                                "areas v ON v.id = h.village_id WHERE h.commune_id = ? AND " +
                                    area +
                                    " AND NOT EXISTS (SELECT 1 FROM support_sessions x WHERE x.household_id = h.id) "
                                    "AND NOT EXISTS (SELECT 1 FROM training_attendance a JOIN residents r ON r.id = "
                                    "a.resident_id WHERE r.household_id = h.id) ORDER BY v.name_folded, h.name_folded, "
                                    "h.id LIMIT 500",
                                p));
        for (const auto& r : rows) out.unreached.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3)});
    }
    return out;
}

Result<std::vector<TrainingStore::Named>> TrainingStore::VillagesIn(const Scope& s) {
    Params p;
    const std::string scope = InScope(s, "path", p);
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT id, name, path FROM areas WHERE kind = 'village' AND " + scope +
                                           " ORDER BY name_folded, id LIMIT 500",
                                       p));
    std::vector<Named> out;
    for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2)});
    return out;
}

Result<std::vector<TrainingStore::Named>> TrainingStore::UsersOf(const std::string& commune_path) {
    Params p;
    const std::string where = Under("area_path", commune_path, p);
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT id, display_name, area_path FROM users WHERE disabled = 0 AND " + where +
                                           " ORDER BY display_name, id LIMIT 200",
                                       p));
    std::vector<Named> out;
    for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2)});
    return out;
}

Result<std::vector<Attendee>> TrainingStore::OthersIn(const Session& s) {
    Params p;
    const std::string area = Under("r.area_path", s.area_path, p);
    return Residents(s, "i.household_id IS NULL AND a.resident_id IS NULL AND " + area, p);
}

}  // namespace caunoi::storage
