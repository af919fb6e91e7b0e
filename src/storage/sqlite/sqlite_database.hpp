// SQLite engine: WAL mode, foreign keys on, busy timeout, one connection.
// Not thread-safe: one thread at a time (see Database); a pool may hand it from thread to thread.
#pragma once

#include <memory>
#include <string>

#include "storage/database.hpp"

struct sqlite3;

namespace caunoi::storage {

class SqliteDatabase final : public Database {
  public:
    struct Options {
        // The server's connections: a commit that grows the WAL past kCheckpointFrames leaves its
        // checkpoint (copying the WAL into the database file, fsync'd) to a thread of this process
        // with a connection of its own, instead of running it before the commit returns; the
        // commit itself is as durable (the WAL is fsync'd: synchronous=FULL). Should that thread
        // fall kCheckpointFrames * 4 behind, a commit checkpoints itself as SQLite does by default.
        bool background_checkpoint = false;
    };
    static constexpr int kCheckpointFrames = 1000;  // SQLite's default wal_autocheckpoint
    // Opens (creating if needed) the database file. ":memory:" works for tests.
    static Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path, Options options);
    static Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path) { return Open(path, Options{}); }
    ~SqliteDatabase() override;

    Dialect dialect() const override { return Dialect::kSqlite; }
    Result<Rows> Query(std::string_view sql, const Params& params = {}) override;
    Status ExecScript(std::string_view sql) override;
    int64_t Changes() override;
    Status InTransaction(const std::function<Status()>& body) override;
    Status Savepoint(const std::function<Status()>& body) override;
    Status InReportTransaction(const std::function<Status()>& body) override;

    // Copies the live database into `dest_path` with SQLite's online backup API;
    // consistent even while other connections write (WAL).
    static Status Backup(const std::string& src_path, const std::string& dest_path);

  private:
    struct StmtCache;  // prepared statements of this connection, by SQL text
    explicit SqliteDatabase(sqlite3* db);
    sqlite3* db_;
    std::unique_ptr<StmtCache> cache_;
    int tx_depth_ = 0;
};

}  // namespace caunoi::storage
