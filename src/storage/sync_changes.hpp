// The change log phones pull from (docs/sync.md): the stores of households, residents and tasks
// record every change they write.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

// Notes a change to a household, resident or task (`kind`) for phones to pull (docs/sync.md):
// takes the next value of the sync clock and records the row's commune and area. Call inside the
// writing transaction, after an insert or update and before a delete. The change supersedes the
// record's earlier ones in its area, unless `supersede` is false (a record just inserted under a
// new id has none).
Status RecordChange(Database& db, std::string_view kind, const std::string& id, bool supersede = true);
// Notes the insert of `records` ({kind, id}, in this order) with one tick of the sync clock for
// all of them, in the writing transaction: a bulk import's (RegistryStore::DeferChanges). Their
// ids are new: they supersede nothing.
Status RecordInserted(Database& db, const std::vector<std::pair<std::string, std::string>>& records);
// Runs `write` and records the change in one transaction: after an insert or an update, before
// a delete, and before and after an update that may move the record to another area (so the
// phones of the area it leaves learn it left).
enum class Write { kInsert, kUpdate, kMove, kDelete };
Status WriteAndRecord(Database& db, std::string_view kind, const std::string& id, Write what,
                      const std::function<Status()>& write);

}  // namespace caunoi::storage
