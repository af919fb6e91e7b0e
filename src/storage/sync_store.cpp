#include "storage/sync_store.hpp"

#include "storage/distribution.hpp"
#include "storage/scope_sql.hpp"

namespace caunoi::storage {
namespace {

constexpr const char* kConflictCols =
    "c.id, c.commune_id, c.area_path, c.resident_id, COALESCE(r.full_name, ''), c.field, COALESCE(c.server_value, "
    "''), COALESCE(c.phone_value, ''), c.op_id, c.by_user, COALESCE(u.display_name, ''), c.status, c.at "
    "FROM sync_conflicts c LEFT JOIN residents r ON r.commune_id = c.commune_id AND r.id = c.resident_id "
    "LEFT JOIN users u ON u.id = c.by_user ";

sync::Conflict ConflictFrom(const Row& r) {
    return {r.Text(0), r.Text(1), r.Text(2), r.Text(3),  r.Text(4),  r.Text(5), r.Text(6),
            r.Text(7), r.Text(8), r.Text(9), r.Text(10), r.Text(11), r.Int(12)};
}

}  // namespace

Result<std::map<std::string, sync::StoredOp>> SyncStore::FindOps(const std::string& user_id,
                                                                 const std::vector<std::string>& ids) {
    // A fixed number of placeholders (unused ones empty), so one prepared statement serves every batch.
    constexpr size_t kChunk = 100;
    static const std::string sql =
        "SELECT id, user_id, device, kind, status, COALESCE(field, ''), COALESCE(reason, ''), done_at, "
        "received_at FROM sync_ops WHERE user_id = ? AND id IN (" + Placeholders(kChunk) + ")";
    std::map<std::string, sync::StoredOp> out;
    CAUNOI_TRY(WriteGathered(rows_));
    CAUNOI_TRY(ForEachChunk(ids, kChunk, {user_id}, [&](const Params& p) -> Status {
        CAUNOI_ASSIGN(auto rows, db_.Query(sql, p));
        for (const auto& r : rows)
            out.emplace(r.Text(0), sync::StoredOp{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5),
                                                  r.Text(6), r.Int(7), r.Int(8)});
        return {};
    }));
    return out;
}

Status SyncStore::InsertOp(const sync::StoredOp& op) {
    static const std::vector<std::string> kColumns = {"id",    "user_id", "device",  "kind",       "status",
                                                      "field", "reason",  "done_at", "received_at"};
    Params row = ParamsOf(op.id, op.user_id, op.device, op.kind, op.status, TextOrNull(op.field),
                          TextOrNull(op.reason), op.done_at, op.received_at);
    if (rows_ && rows_->gathering()) return rows_->Add("sync_ops", kColumns, std::move(row));
    return db_.Exec(
        "INSERT INTO sync_ops (id, user_id, device, kind, status, field, reason, done_at, received_at) VALUES (?, ?, "
        "?, ?, ?, ?, ?, ?, ?)",
        row);
}

Result<int64_t> SyncStore::Clock() {
    CAUNOI_ASSIGN(auto row, db_.QueryOne("SELECT rev FROM sync_clock WHERE id = 1"));
    return row.Int(0);
}

Result<int64_t> SyncStore::Floor() {
    CAUNOI_ASSIGN(auto row, db_.QueryOne("SELECT floor FROM sync_clock WHERE id = 1"));
    return row.Int(0);
}

Result<std::vector<sync::ChangeRef>> SyncStore::Changes(const Scope& s, int64_t after, int limit) {
    Params p{after};
    std::string where = InScope(s, "area_path", p);
    p.emplace_back(int64_t{limit});
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT rev, kind, entity_id FROM sync_changes WHERE rev > ? AND " + where +
                                           " ORDER BY rev LIMIT ?",
                                       p));
    std::vector<sync::ChangeRef> out;
    for (const auto& r : rows) out.push_back({r.Int(0), r.Text(1), r.Text(2)});
    return out;
}

Status SyncStore::InsertConflict(const sync::Conflict& c) {
    return db_.Exec(
        "INSERT INTO sync_conflicts (commune_id, id, area_path, resident_id, field, server_value, phone_value, op_id, "
        "by_user, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {CommuneOf(c.area_path), c.id, c.area_path, c.resident_id, c.field, TextOrNull(c.server_value),
         TextOrNull(c.phone_value), c.op_id, c.by_user, c.at});
}

Result<std::vector<sync::Conflict>> SyncStore::OpenConflicts(const Scope& s) {
    Params p;
    std::string where = InScope(s, "c.area_path", p);
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kConflictCols + "WHERE c.status = 'open' AND " + where +
                                           " ORDER BY c.at, c.id LIMIT 200",
                                       p));
    std::vector<sync::Conflict> out;
    for (const auto& r : rows) out.push_back(ConflictFrom(r));
    return out;
}

Result<sync::Conflict> SyncStore::FindConflict(const Scope& s, const std::string& id) {
    Params p{id};
    std::string where = InScope(s, "c.area_path", p);
    CAUNOI_ASSIGN(auto row, db_.QueryOne(std::string("SELECT ") + kConflictCols + "WHERE c.id = ? AND " + where, p));
    return ConflictFrom(row);
}

Status SyncStore::CloseConflict(const std::string& id, const std::string& status, const std::string& by, int64_t at) {
    CAUNOI_TRY(db_.Exec(
        "UPDATE sync_conflicts SET status = ?, resolved_by = ?, resolved_at = ? WHERE id = ? AND status = 'open'",
        {status, by, at, id}));
    if (db_.Changes() != 1) return Error::Conflict("already resolved");
    return {};
}

Result<sync::Counts> SyncStore::Count(const Scope& s) {
    sync::Counts c;
    for (auto [table, extra, slot] :
         {std::tuple{"households", "", &c.households}, std::tuple{"residents", "", &c.residents},
          std::tuple{"tasks", " AND status = 'open'", &c.open_tasks}}) {
        Params p;
        std::string where = InScope(s, "area_path", p);
        CAUNOI_ASSIGN(auto row,
                      db_.QueryOne(std::string("SELECT COUNT(*) FROM ") + table + " WHERE " + where + extra, p));
        *slot = row.Int(0);
    }
    return c;
}

}  // namespace caunoi::storage
