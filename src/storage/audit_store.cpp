#include "storage/audit_store.hpp"

#include "storage/scope_sql.hpp"

namespace caunoi::storage {

Status AuditStore::Append(const audit::AuditEntry& e) {
    return db_.Exec(
        "INSERT INTO audit_log (at, user_id, action, entity, entity_id, area_path, remote_addr, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {e.at, e.user_id, e.action, e.entity, e.entity_id, e.area_path, e.remote_addr, e.detail});
}

Result<std::vector<audit::AuditEntry>> AuditStore::List(const Scope& s, int64_t before, int limit) {
    Params p;
    std::string sql =
        "SELECT a.seq, a.at, a.user_id, a.action, a.entity, a.entity_id, a.area_path, a.remote_addr, a.detail, "
        "COALESCE(u.display_name, '') FROM audit_log a LEFT JOIN users u ON u.id = a.user_id WHERE " +
        InScope(s, "a.area_path", p);
    if (before > 0) {
        sql += " AND a.seq < ?";
        p.emplace_back(before);
    }
    sql += " ORDER BY a.seq DESC LIMIT ?";
    p.emplace_back(int64_t{limit});
    CAUNOI_ASSIGN(auto rows, db_.Query(sql, p));
    std::vector<audit::AuditEntry> out;
    for (const auto& r : rows)
        out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7), r.Text(8),
                       r.Text(9)});
    return out;
}

}  // namespace caunoi::storage
