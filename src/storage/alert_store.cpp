#include "storage/alert_store.hpp"

namespace caunoi::storage {

namespace {
constexpr const char* kCols =
    "id, sender, identifier, sent, status, msg_type, expires, received_at, COALESCE(superseded_by, '')";
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
    CAUNOI_ASSIGN(auto cs,
                  db_.Query("SELECT commune_id FROM alert_communes WHERE alert_id = ? ORDER BY commune_id", {a.id}));
    for (const auto& c : cs) a.communes.push_back(c.Text(0));
    return a;
}

Result<warnings::StoredAlert> AlertStore::FindByKey(const std::string& sender, const std::string& identifier) {
    CAUNOI_ASSIGN(auto row,
                  db_.QueryOne(std::string("SELECT ") + kCols + " FROM alerts WHERE sender = ? AND identifier = ?",
                               {sender, identifier}));
    return Load(row);
}

Status AlertStore::Insert(const warnings::StoredAlert& a, const std::string& xml) {
    auto st = db_.Exec(
        "INSERT INTO alerts (id, sender, identifier, sent, status, msg_type, expires, received_at, xml) VALUES (?, ?, "
        "?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sender, identifier) DO NOTHING",
        {a.id, a.sender, a.identifier, a.sent, a.status, a.msg_type, a.expires, a.received_at, xml});
    CAUNOI_TRY(st);
    if (db_.Changes() != 1) return Error::Conflict("an alert with this sender and identifier is already kept");
    for (const auto& c : a.communes)
        CAUNOI_TRY(db_.Exec("INSERT INTO alert_communes (alert_id, commune_id) VALUES (?, ?)", {a.id, c}));
    return {};
}

Status AlertStore::Supersede(const std::string& id, const std::string& by) {
    return db_.Exec("UPDATE alerts SET superseded_by = ? WHERE id = ? AND superseded_by IS NULL", {by, id});
}

Result<std::vector<warnings::StoredAlert>> AlertStore::InForce(int64_t now, int limit) {
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kCols +
                                           " FROM alerts WHERE superseded_by IS NULL AND msg_type <> 'Cancel' AND "
                                           "(expires = 0 OR expires > ?) ORDER BY sent DESC, id LIMIT ?",
                                       {now, int64_t{limit}}));
    std::vector<warnings::StoredAlert> out;
    for (const auto& r : rows) {
        CAUNOI_ASSIGN(auto a, Load(r));
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace caunoi::storage
