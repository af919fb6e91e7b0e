// The change log phones pull from (docs/sync.md), written by the stores with every change.
#include "storage/sync_changes.hpp"

#include <string>

namespace caunoi::storage {

namespace {

std::string TableOf(std::string_view kind) {
    return kind == "household" ? "households" : kind == "resident" ? "residents" : "tasks";
}

// The change-log entry of record `id` of `kind` at `rev`, in the record's commune and area.
Status InsertChange(Database& db, std::string_view kind, const std::string& id, int64_t rev) {
    return db.Exec(
        "INSERT INTO sync_changes (commune_id, rev, area_path, kind, entity_id) SELECT commune_id, ?, area_path, ?, "
        "id FROM " +
            TableOf(kind) + " WHERE id = ?",
        {rev, std::string(kind), id});
}

}  // namespace

Status RecordChange(Database& db, std::string_view kind, const std::string& id, bool supersede) {
    // The counter's row lock is held to the end of the transaction: changes commit in rev order.
    CAUNOI_ASSIGN(auto rev, db.QueryOne("UPDATE sync_clock SET rev = rev + 1 WHERE id = 1 RETURNING rev"));
    CAUNOI_TRY(InsertChange(db, kind, id, rev.Int(0)));
    if (!supersede) return {};
    // This change supersedes the record's earlier ones in the same area (a phone pulling after
    // any cursor gets the latest state once); one in another area stays, for the phones there
    // to learn the record left them. The area is compared as `col || ''`, an expression no index
    // serves, so SQLite's planner finds the record's few changes by (kind, entity_id) rather than
    // walking every change of the village with an earlier rev (without statistics it preferred
    // the area's index: 21 % of a CSV import's time in a commune of 20,000 residents).
    return db.Exec(
        "DELETE FROM sync_changes WHERE kind = ? AND entity_id = ? AND rev < ? AND (commune_id || '', area_path || "
        "'') = (SELECT commune_id, area_path FROM " +
            TableOf(kind) + " WHERE id = ?)",
        {std::string(kind), id, rev.Int(0), id});
}

Status RecordInserted(Database& db, const std::vector<std::pair<std::string, std::string>>& records) {
    if (records.empty()) return {};
    const auto n = static_cast<int64_t>(records.size());
    CAUNOI_ASSIGN(auto last, db.QueryOne("UPDATE sync_clock SET rev = rev + ? WHERE id = 1 RETURNING rev", {n}));
    int64_t rev = last.Int(0) - n;
    for (const auto& [kind, id] : records) CAUNOI_TRY(InsertChange(db, kind, id, ++rev));
    return {};
}

Status WriteAndRecord(Database& db, std::string_view kind, const std::string& id, Write what,
                      const std::function<Status()>& write) {
    return db.InTransaction([&]() -> Status {
        // Before a delete, and before an update that may move the record to another area.
        if (what == Write::kMove || what == Write::kDelete) CAUNOI_TRY(RecordChange(db, kind, id));
        CAUNOI_TRY(write());
        // An inserted record's id is new (a ULID made for it): it has no earlier change to supersede.
        return what == Write::kDelete ? Status{} : RecordChange(db, kind, id, what != Write::kInsert);
    });
}

}  // namespace caunoi::storage
