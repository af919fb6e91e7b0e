// Opening the --db file or URL for a command: one connection, the schema migrated, the key file
// read (or created) and the App configured from the common flags.
#pragma once

#include <memory>
#include <string>

#include "cli/args.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/app.hpp"
#include "storage/database.hpp"

namespace caunoi::cli {

struct Opened {
    std::string path;  // the --db file or URL
    std::unique_ptr<storage::Database> db;
    SystemClock clock;
    http::AppConfig cfg;
    std::unique_ptr<http::App> app;
};

// One connection to the --db file or URL. `server`: one of the server's (SQLite: checkpoints
// in the background, SqliteDatabase::Options).
Result<std::unique_ptr<storage::Database>> Connect(const std::string& path, bool server = false);

// The database of --db migrated to this binary's schema, with an App over it seeded with the
// reference data. Throws std::runtime_error with an English message on any failure.
std::unique_ptr<Opened> Open(const Args& a);

}  // namespace caunoi::cli
