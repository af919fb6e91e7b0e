#include "storage/alert_store.hpp"

#include "storage/scope_sql.hpp"

namespace caunoi::storage {

namespace {
constexpr const char* kCols =
    "a.id, a.sender, a.identifier, a.sent, a.status, a.msg_type, a.expires, a.received_at, "
    "COALESCE(a.superseded_by, ''), a.number, a.composed_by, a.hazard, a.level, a.area_desc, a.sender_name, "
    "a.instruction";
constexpr const char* kInForce =
    "a.superseded_by IS NULL AND a.msg_type <> 'Cancel' AND (a.expires = 0 OR a.expires > ?)";
// Alerts that reached a village in the scope's condition `in_scope` (over av.path).
std::string Reaching(const std::string& in_scope) {
    return "EXISTS (SELECT 1 FROM alert_villages av WHERE av.alert_id = a.id AND (" + in_scope + "))";
}
}  // namespace

Result<warnings::StoredAlert> AlertStore::Load(const Row& r) {
    warnings::StoredAlert a;
    a.id = r.Text(0);
    a.sender = r.Text(1);
    a.identifier = r.Text(2);
    a.sent = r.Int(3);
    a.status = r.Text(4);
    a.msg_type = r.Text(5);
    a.expires = r.Int(6);
    a.received_at = r.Int(7);
    a.superseded_by = r.Text(8);
    a.number = r.IsNull(9) ? 0 : r.Int(9);
    a.composed_by = r.Text(10);
    a.hazard = warnings::kHazards.Parse(r.Text(11)).value_or(warnings::Hazard::kOther);
    a.level = static_cast<int>(r.Int(12));
    a.where = r.Text(13);
    a.from = r.Text(14);
    a.instruction = r.Text(15);
    CAUNOI_ASSIGN(auto cs,
                  db_.Query("SELECT commune_id FROM alert_communes WHERE alert_id = ? ORDER BY commune_id", {a.id}));
    for (const auto& c : cs) a.communes.push_back(c.Text(0));
    return a;
}

Result<std::vector<warnings::StoredAlert>> AlertStore::LoadAll(const Rows& rows) {
    std::vector<warnings::StoredAlert> out;
    for (const auto& r : rows) {
        CAUNOI_ASSIGN(auto a, Load(r));
        out.push_back(std::move(a));
    }
    return out;
}

Result<warnings::StoredAlert> AlertStore::FindByKey(const std::string& sender, const std::string& identifier) {
    CAUNOI_ASSIGN(auto row, db_.QueryOne(std::string("SELECT ") + kCols +
                                             " FROM alerts a WHERE a.sender = ? AND a.identifier = ?",
                                         {sender, identifier}));
    return Load(row);
}

Result<warnings::StoredAlert> AlertStore::FindById(const std::string& id) {
    CAUNOI_ASSIGN(auto row, db_.QueryOne(std::string("SELECT ") + kCols + " FROM alerts a WHERE a.id = ?", {id}));
    return Load(row);
}

Result<std::string> AlertStore::XmlOf(const std::string& id) {
    CAUNOI_ASSIGN(auto row, db_.QueryOne("SELECT xml FROM alerts WHERE id = ?", {id}));
    return row.Text(0);
}

Result<int64_t> AlertStore::Insert(const warnings::StoredAlert& a, const std::string& xml) {
    auto st = db_.Exec(
        "INSERT INTO alerts (id, number, sender, identifier, sent, status, msg_type, expires, received_at, xml, "
        "composed_by, hazard, level, area_desc, sender_name, instruction) SELECT ?, COALESCE(MAX(number), 0) + 1, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM alerts WHERE 1 = 1 ON CONFLICT (sender, identifier) DO NOTHING",
        {a.id, a.sender, a.identifier, a.sent, a.status, a.msg_type, a.expires, a.received_at, xml, a.composed_by,
         std::string(warnings::kHazards.Name(a.hazard)), int64_t{a.level}, a.where, a.from, a.instruction});
    CAUNOI_TRY(st);
    if (db_.Changes() != 1) return Error::Conflict("an alert with this sender and identifier is already kept");
    for (const auto& c : a.communes)
        CAUNOI_TRY(db_.Exec("INSERT INTO alert_communes (alert_id, commune_id) VALUES (?, ?)", {a.id, c}));
    CAUNOI_ASSIGN(auto row, db_.QueryOne("SELECT number FROM alerts WHERE id = ?", {a.id}));
    return row.Int(0);
}

Status AlertStore::Supersede(const std::string& id, const std::string& by) {
    return db_.Exec("UPDATE alerts SET superseded_by = ? WHERE id = ? AND superseded_by IS NULL", {by, id});
}

Result<std::vector<warnings::StoredAlert>> AlertStore::InForce(int64_t now, int limit) {
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kCols + " FROM alerts a WHERE " + kInForce +
                                           " ORDER BY a.sent DESC, a.id LIMIT ?",
                                       {now, int64_t{limit}}));
    return LoadAll(rows);
}

Result<std::vector<warnings::StoredAlert>> AlertStore::InForceIn(const Scope& s, int64_t now, int limit) {
    Params p{now};
    const std::string reaching = Reaching(InScope(s, "av.path", p));
    p.emplace_back(int64_t{limit});
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kCols + " FROM alerts a WHERE " + kInForce + " AND " +
                                           reaching + " ORDER BY a.sent DESC, a.id LIMIT ?",
                                       p));
    return LoadAll(rows);
}

Result<std::vector<warnings::StoredAlert>> AlertStore::Recent(const Scope& s, int limit) {
    Params p;
    // The province sees what reached no village too (an alert for somewhere else, a Cancel).
    bool province = false;
    for (const auto& path : s.paths) province = province || path.find('/') == std::string::npos;
    const std::string where = province ? "1 = 1" : Reaching(InScope(s, "av.path", p));
    p.emplace_back(int64_t{limit});
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kCols + " FROM alerts a WHERE " + where +
                                           " ORDER BY a.received_at DESC, a.id DESC LIMIT ?",
                                       p));
    return LoadAll(rows);
}

Result<std::string> AlertStore::SenderOfKey(const std::string& key_hash) {
    CAUNOI_ASSIGN(auto row, db_.QueryOne("SELECT sender FROM alert_senders WHERE key_hash = ?", {key_hash}));
    return row.Text(0);
}

Status AlertStore::SetSenderKey(const std::string& sender, const std::string& key_hash, int64_t at) {
    return db_.Exec(
        "INSERT INTO alert_senders (sender, key_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (sender) DO UPDATE "
        "SET key_hash = excluded.key_hash, created_at = excluded.created_at",
        {sender, key_hash, at});
}

}  // namespace caunoi::storage
