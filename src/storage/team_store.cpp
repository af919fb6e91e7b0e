#include "storage/team_store.hpp"

#include "storage/scope_sql.hpp"

namespace caunoi::storage {

Result<team::Team> TeamStore::Load(const Row& r) {
    team::Team t;
    t.id = r.Text(0);
    t.commune_id = r.Text(1);
    t.area_path = r.Text(2);
    t.name = r.Text(3);
    t.created_at = r.Int(4);
    CAUNOI_ASSIGN(auto vs,
                  db_.Query("SELECT village_id FROM team_villages WHERE team_id = ? ORDER BY village_id", {t.id}));
    for (const auto& v : vs) t.village_ids.push_back(v.Text(0));
    CAUNOI_ASSIGN(auto ms, db_.Query("SELECT id, name, COALESCE(phone, ''), kind, leader, COALESCE(user_id, '') "
                                     "FROM team_members WHERE team_id = ? ORDER BY leader DESC, name",
                                     {t.id}));
    for (const auto& m : ms)
        t.members.push_back({m.Text(0), t.id, m.Text(1), m.Text(2), m.Text(3), m.Int(4) != 0, m.Text(5)});
    return t;
}

Result<team::Team> TeamStore::Find(const Scope& s, const std::string& own_team, const std::string& id) {
    Params p{id, own_team};
    CAUNOI_ASSIGN(auto row, db_.QueryOne("SELECT id, commune_id, area_path, name, created_at FROM teams WHERE id = ? "
                                         "AND (id = ? OR " +
                                             InScope(s, "area_path", p) + ")",
                                         p));
    return Load(row);
}

Result<std::vector<team::Team>> TeamStore::List(const Scope& s, const std::string& own_team) {
    Params p{own_team};
    CAUNOI_ASSIGN(auto rows,
                  db_.Query("SELECT id, commune_id, area_path, name, created_at FROM teams WHERE id = ? OR " +
                                InScope(s, "area_path", p) + " ORDER BY area_path, name",
                            p));
    std::vector<team::Team> out;
    for (const auto& r : rows) {
        CAUNOI_ASSIGN(auto t, Load(r));
        out.push_back(std::move(t));
    }
    return out;
}

Status TeamStore::Insert(const team::Team& t) {
    CAUNOI_TRY(db_.Exec("INSERT INTO teams (id, commune_id, area_path, name, created_at) VALUES (?, ?, ?, ?, ?)",
                        {t.id, t.commune_id, t.area_path, t.name, t.created_at}));
    for (const auto& v : t.village_ids)
        CAUNOI_TRY(db_.Exec("INSERT INTO team_villages (team_id, village_id) VALUES (?, ?)", {t.id, v}));
    return {};
}

Status TeamStore::InsertMember(const team::Member& m) {
    return db_.Exec(
        "INSERT INTO team_members (id, team_id, name, phone, kind, leader, user_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
        {m.id, m.team_id, m.name, TextOrNull(m.phone), m.kind, int64_t{m.leader}, TextOrNull(m.user_id)});
}

Status TeamStore::DeleteMember(const std::string& team_id, const std::string& member_id) {
    return db_.Exec("DELETE FROM team_members WHERE team_id = ? AND id = ?", {team_id, member_id});
}

Result<bool> TeamStore::VillagesUnder(const std::string& commune_path, const std::vector<std::string>& ids) {
    for (const auto& id : ids) {
        auto r = db_.QueryOne("SELECT 1 FROM areas WHERE id = ? AND kind = 'village' AND parent_id = ?",
                              {id, commune_path.substr(commune_path.rfind('/') + 1)});
        if (!r.ok()) return r.error().code == ErrorCode::kNotFound ? Result<bool>(false) : Result<bool>(r.error());
    }
    return true;
}

}  // namespace caunoi::storage
