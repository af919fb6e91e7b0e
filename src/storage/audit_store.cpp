#include "storage/audit_store.hpp"

#include "storage/scope_sql.hpp"

namespace caunoi::storage {

Status AuditStore::Append(const audit::AuditEntry& e) {
    static const std::vector<std::string> kColumns = {"at",        "user_id",   "action",      "entity",
                                                      "entity_id", "area_path", "remote_addr", "detail"};
    Params row = ParamsOf(e.at, e.user_id, e.action, e.entity, e.entity_id, e.area_path, e.remote_addr, e.detail);
    if (rows_ && rows_->gathering()) return rows_->Add("audit_log", kColumns, std::move(row));
    return db_.Exec(
        "INSERT INTO audit_log (at, user_id, action, entity, entity_id, area_path, remote_addr, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        row);
}

Result<std::vector<audit::AuditEntry>> AuditStore::List(const Scope& s, int64_t before, int limit) {
    CAUNOI_TRY(WriteGathered(rows_));
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

Result<std::vector<audit::ExposureEvent>> AuditStore::Exposed(const audit::ExposureQuery& q) {
    CAUNOI_TRY(WriteGathered(rows_));
    // The same window and account for both halves of the union.
    const std::string where = " AND a.at >= ? AND a.at < ? AND (? = '' OR a.user_id = ?)";
    Params p;
    auto window = [&] {
        for (const Value& v : Params{q.from, q.to, q.user_id, q.user_id}) p.push_back(v);
    };
    std::string sql =
        "SELECT e.rid, COALESCE(r.full_name, ''), COALESCE(r.phone, ''), COALESCE(v.name, ''), COALESCE(c.name, ''), "
        "COALESCE(u.username, u.phone, e.user_id, ''), e.action, COALESCE(e.detail, ''), e.at FROM ("
        "SELECT CASE WHEN a.entity = 'dossier' THEN d.resident_id ELSE a.entity_id END AS rid, a.seq, a.at, "
        "a.user_id, a.action, a.detail FROM audit_log a LEFT JOIN dossiers d ON a.entity = 'dossier' AND "
        "d.id = a.entity_id WHERE a.entity IN ('resident', 'dossier')" + where +
        " UNION ALL SELECT h.id, a.seq, a.at, a.user_id, a.action, a.detail FROM audit_log a JOIN residents h ON "
        "h.household_id = a.entity_id WHERE a.entity = 'household'" + where +
        ") e LEFT JOIN residents r ON r.id = e.rid LEFT JOIN areas v ON v.path = r.area_path LEFT JOIN areas c ON "
        "c.id = v.parent_id LEFT JOIN users u ON u.id = e.user_id WHERE e.rid IS NOT NULL ORDER BY e.seq";
    window();
    window();
    CAUNOI_ASSIGN(auto rows, db_.Query(sql, p));
    std::vector<audit::ExposureEvent> out;
    out.reserve(rows.size());
    for (const auto& r : rows)
        out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7), r.Int(8)});
    return out;
}

}  // namespace caunoi::storage
