// Encrypted backups (docs/operations.md, "Backups"): a consistent copy of the database sealed
// with a backup key (core/sealed_stream.hpp) into a folder that keeps the newest N, and the way
// back. SQLite: the online backup API; PostgreSQL: pg_dump's custom format, restored with
// pg_restore in one transaction. What is in a backup is told by its first bytes, not its name.
// Nothing is left half-written: a backup is written as NAME.part and renamed when complete, a
// restore into TARGET.restoring (SQLite) or one transaction (PostgreSQL).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace caunoi::storage::backups {

struct Made {
    std::string file;
    int64_t bytes = 0;
    std::vector<std::string> removed;  // older backups past `keep`, oldest first
};

// Backs `db` (a SQLite path or a PostgreSQL URL) up into `dir` as caunoi-YYYYMMDDTHHMMSSZ.enc
// (UTC `now`), then removes all but the newest `keep` of its backups (files of that name only).
// The key file must not be inside `dir`.
Result<Made> Create(const std::string& db, const std::string& dir, const std::string& key_file, int keep, int64_t now);

// Restores `file` into `target`: a SQLite path that does not exist yet, or an empty PostgreSQL
// database. The restored database is checked (SQLite: integrity_check) before it is in place.
Status Restore(const std::string& file, const std::string& key_file, const std::string& target);

// The backups in `dir`, oldest first (file names only).
std::vector<std::string> List(const std::string& dir);

}  // namespace caunoi::storage::backups
