// Moving up: copy a province's SQLite database into an empty PostgreSQL one, table by table in
// foreign-key order, in one target transaction (all or nothing), from one read snapshot of the
// source (writers go on; what they write after the snapshot is not copied), then verify row
// counts and checksums per table on both sides before committing.
// Thread-safety: one thread; both databases are used only by the caller's thread.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace caunoi::storage {

struct TableSum {
    std::string table;
    int64_t rows = 0;
    std::string checksum;  // BLAKE2b over every row in primary-key order, values as text
};

// Tables of a SQLite database in an order where every table comes after those it references
// (the SQLite-only search index excluded).
Result<std::vector<std::string>> SqliteTablesInOrder(Database& sqlite);
// Rows and checksum of each table over the given columns, computed the same way on either engine.
Result<std::vector<TableSum>> Checksums(Database& db, const std::vector<std::string>& tables,
                                        const std::map<std::string, std::vector<std::string>>& columns);
// Copies every table of `from` (SQLite, at the latest schema) into `to` (PostgreSQL, migrated,
// empty). Returns the checksums of the copy, equal to the source's, or an error and no change.
Result<std::vector<TableSum>> CopySqliteToPostgres(Database& from, Database& to);

}  // namespace caunoi::storage
