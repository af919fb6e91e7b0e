#include "storage/migrator.hpp"

#include <algorithm>
#include <map>

#include "storage/dialect.hpp"

namespace caunoi::storage {

int LatestSchemaVersion() {
    int v = 0;
    for (const auto& m : EmbeddedMigrations()) v = std::max(v, m.version);
    return v;
}

namespace {
Status EnsureTable(Database& db) {
    return db.Exec(TranslateDdl(db.dialect(),
                                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT "
                                "NOT NULL, applied_at INTEGER NOT NULL)"));
}
}  // namespace

Result<int> CurrentSchemaVersion(Database& db) {
    CAUNOI_TRY(EnsureTable(db));
    CAUNOI_ASSIGN(auto row, db.QueryOne("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    return static_cast<int>(row.Int(0));
}

Result<std::vector<int>> Migrate(Database& db, const std::vector<Migration>& migrations, int64_t now) {
    CAUNOI_ASSIGN(int current, CurrentSchemaVersion(db));
    int latest = 0;
    for (const auto& m : migrations) latest = std::max(latest, m.version);
    if (current > latest) {
        return Error{ErrorCode::kConflict,
                     N_("Database is newer than this program"),
                     "database schema version " + std::to_string(current) + " is newer than this caunoi supports (" +
                         std::to_string(latest) + "); install a newer caunoi or restore a matching backup",
                     {}};
    }
    const std::string engine = db.dialect() == Dialect::kSqlite ? "sqlite" : "postgres";
    std::map<int, std::vector<const Migration*>> pending;
    for (const auto& m : migrations)
        if (m.version > current && (m.engine.empty() || m.engine == engine)) pending[m.version].push_back(&m);
    std::vector<int> applied;
    for (auto& [version, parts] : pending) {
        std::sort(parts.begin(), parts.end(), [](auto* a, auto* b) { return a->name < b->name; });
        bool skipped = false;
        CAUNOI_TRY(db.InTransaction([&]() -> Status {
            // Several processes may start at once on one PostgreSQL: one applies, the others wait
            // on the lock and then find the version there.
            if (db.dialect() == Dialect::kPostgres) {
                CAUNOI_TRY(db.Exec("SELECT pg_advisory_xact_lock(7243011)"));
                CAUNOI_ASSIGN(auto done,
                              db.Query("SELECT 1 FROM schema_migrations WHERE version = ?", {int64_t{version}}));
                if (!done.empty()) {
                    skipped = true;
                    return {};
                }
            }
            for (const auto* p : parts) CAUNOI_TRY(db.ExecScript(TranslateDdl(db.dialect(), p->sql)));
            return db.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                           {int64_t{version}, parts.front()->name, now});
        }));
        if (!skipped) applied.push_back(version);
    }
    return applied;
}

}  // namespace caunoi::storage
