// The change log phones pull from (docs/sync.md), written by the stores with every change.
#include <string>

#include "storage/stores.hpp"

namespace caunoi::storage {

Status RecordChange(Database& db, std::string_view kind, const std::string& id) {
    const char* table = kind == "household" ? "households" : kind == "resident" ? "residents" : "tasks";
    // The counter's row lock is held to the end of the transaction: changes commit in rev order.
    CAUNOI_ASSIGN(auto rev, db.QueryOne("UPDATE sync_clock SET rev = rev + 1 WHERE id = 1 RETURNING rev"));
    return db.Exec(std::string("INSERT INTO sync_changes (commune_id, rev, area_path, kind, entity_id) SELECT "
                               "commune_id, ?, area_path, ?, id FROM ") +
                       table + " WHERE id = ?",
                   {rev.Int(0), std::string(kind), id});
}

Status WriteAndRecord(Database& db, std::string_view kind, const std::string& id, bool deletes,
                      const std::function<Status()>& write) {
    return db.InTransaction([&]() -> Status {
        if (deletes) CAUNOI_TRY(RecordChange(db, kind, id));
        CAUNOI_TRY(write());
        return deletes ? Status{} : RecordChange(db, kind, id);
    });
}

}  // namespace caunoi::storage
