// Versioned schema migrations, embedded in the binary at build time from
// src/storage/migrations/V<NNN>__<name>[.<engine>].sql.
// A database whose schema is newer than this binary knows is refused, never touched.
#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"

namespace caunoi::storage {

struct Migration {
    int version;
    std::string name;
    std::string engine;  // "" for all engines, else "sqlite" or "postgres"
    std::string sql;
};

const std::vector<Migration>& EmbeddedMigrations();
int LatestSchemaVersion();
// Version recorded in the database, 0 for an empty one.
Result<int> CurrentSchemaVersion(Database& db);
// Applies every pending version, each in its own transaction. Returns the versions applied.
Result<std::vector<int>> Migrate(Database& db, const std::vector<Migration>& migrations, int64_t now);

}  // namespace caunoi::storage
