#include "storage/user_store.hpp"

#include "storage/scope_sql.hpp"

namespace caunoi::storage {
namespace {

constexpr const char* kCols =
    "id, COALESCE(username, ''), COALESCE(phone, ''), display_name, role, area_path, COALESCE(team_id, ''), "
    "password_hash, disabled, failed_logins, locked_until, created_at";

auth::User FromRow(const Row& r) {
    auth::User u;
    u.id = r.Text(0);
    u.username = r.Text(1);
    u.phone = r.Text(2);
    u.display_name = r.Text(3);
    ParseRole(r.Text(4), u.role);
    u.area_path = r.Text(5);
    u.team_id = r.Text(6);
    u.password_hash = r.Text(7);
    u.disabled = r.Int(8) != 0;
    u.failed_logins = static_cast<int>(r.Int(9));
    u.locked_until = r.Int(10);
    u.created_at = r.Int(11);
    return u;
}

}  // namespace

Result<auth::User> UserStore::FindByLogin(const std::string& login) {
    CAUNOI_ASSIGN(auto row, db_.QueryOne(std::string("SELECT ") + kCols + " FROM users WHERE username = ? OR phone = ?",
                                         {login, login}));
    return FromRow(row);
}

Result<auth::User> UserStore::FindById(const std::string& id) {
    CAUNOI_ASSIGN(auto row, db_.QueryOne(std::string("SELECT ") + kCols + " FROM users WHERE id = ?", {id}));
    return FromRow(row);
}

Result<auth::User> UserStore::FindScoped(const Scope& s, const std::string& id) {
    Params p{id};
    CAUNOI_ASSIGN(
        auto row,
        db_.QueryOne(std::string("SELECT ") + kCols + " FROM users WHERE id = ? AND " + InScope(s, "area_path", p), p));
    return FromRow(row);
}

Result<std::vector<auth::User>> UserStore::List(const Scope& s, const std::string& after, int limit) {
    Params p;
    std::string sql = std::string("SELECT ") + kCols + " FROM users WHERE " + InScope(s, "area_path", p);
    if (!after.empty()) {
        sql += " AND id > ?";
        p.emplace_back(after);
    }
    sql += " ORDER BY id LIMIT ?";
    p.emplace_back(int64_t{limit});
    CAUNOI_ASSIGN(auto rows, db_.Query(sql, p));
    std::vector<auth::User> out;
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

Status UserStore::Insert(const auth::User& u) {
    return db_.Exec(
        "INSERT INTO users (id, username, phone, display_name, role, area_path, team_id, password_hash, disabled, "
        "failed_logins, locked_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {u.id, TextOrNull(u.username), TextOrNull(u.phone), u.display_name, std::string(RoleName(u.role)), u.area_path,
         TextOrNull(u.team_id), u.password_hash, int64_t{u.disabled}, int64_t{u.failed_logins}, u.locked_until,
         u.created_at});
}

Status UserStore::Update(const auth::User& u) {
    return db_.Exec(
        "UPDATE users SET display_name = ?, password_hash = ?, disabled = ?, failed_logins = ?, locked_until = ? "
        "WHERE id = ?",
        {u.display_name, u.password_hash, int64_t{u.disabled}, int64_t{u.failed_logins}, u.locked_until, u.id});
}

Status UserStore::InsertSession(const std::string& token_hash, const std::string& user_id, const std::string& csrf,
                                int64_t now, int64_t expires) {
    CAUNOI_TRY(db_.Exec("DELETE FROM sessions WHERE expires_at < ?", {now}));
    return db_.Exec("INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                    {token_hash, user_id, csrf, now, expires});
}

Result<std::pair<std::string, std::string>> UserStore::FindSession(const std::string& token_hash, int64_t now) {
    CAUNOI_ASSIGN(auto row, db_.QueryOne("SELECT user_id, csrf FROM sessions WHERE token_hash = ? AND expires_at > ?",
                                         {token_hash, now}));
    return std::make_pair(row.Text(0), row.Text(1));
}

Status UserStore::DeleteSession(const std::string& token_hash) {
    return db_.Exec("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
}

Status UserStore::DeleteUserSessions(const std::string& user_id) {
    return db_.Exec("DELETE FROM sessions WHERE user_id = ?", {user_id});
}

Result<std::vector<std::string>> UserStore::TeamVillagePaths(const std::string& team_id) {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT a.path FROM team_villages tv JOIN areas a ON a.id = tv.village_id "
                                       "WHERE tv.team_id = ? ORDER BY a.path",
                                       {team_id}));
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.Text(0));
    return out;
}

Result<std::string> UserStore::TeamAreaPath(const Scope& s, const std::string& team_id) {
    Params p{team_id};
    CAUNOI_ASSIGN(auto row,
                  db_.QueryOne("SELECT area_path FROM teams WHERE id = ? AND " + InScope(s, "area_path", p), p));
    return row.Text(0);
}

Result<std::string> UserStore::AreaPath(const Scope& s, const std::string& area_id) {
    Params p{area_id};
    CAUNOI_ASSIGN(
        auto row,
        db_.QueryOne("SELECT path FROM areas WHERE id = ? AND kind <> 'village' AND " + InScope(s, "path", p), p));
    return row.Text(0);
}

Result<size_t> CountActiveUsersInScope(Database& db, const Scope& s, const std::vector<std::string>& ids) {
    size_t n = 0;
    for (const auto& id : ids) {
        Params p{id};
        // Members' area_path is their commune; a scope of villages reaches them through the commune.
        std::string in = InScope(s, "area_path", p);
        std::string up = AncestorOfScope(s, "area_path", p);
        CAUNOI_ASSIGN(auto rows,
                      db.Query("SELECT 1 FROM users WHERE id = ? AND disabled = 0 AND (" + in + " OR " + up + ")", p));
        n += rows.size();
    }
    return n;
}

}  // namespace caunoi::storage
