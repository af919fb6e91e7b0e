// PostgreSQL engine over libpq: one connection, statements prepared once per connection
// (named by their SQL text), typed parameters, rows converted to the same Values as SQLite
// gives. A connection lost outside a transaction is re-opened and a read retried once; inside a
// transaction the transaction fails as a whole (nothing half-applied) and the next one
// reconnects. A multi-host address with target_session_attrs=read-write reconnects to whichever
// host takes writes (a promoted standby). While no host does, the error is kUnavailable
// (503, Retry-After: docs/operations.md, "PostgreSQL failover").
// Not thread-safe: one owner thread (see Database); several processes share one server.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "storage/database.hpp"

struct pg_conn;

namespace caunoi::storage {

// True for "postgresql://…" and "postgres://…" addresses.
bool IsPostgresUrl(std::string_view db);

class PgDatabase final : public Database {
  public:
    // Connects to `url` (libpq connection URI). The error names the cause without the password.
    static Result<std::unique_ptr<PgDatabase>> Open(const std::string& url);
    ~PgDatabase() override;

    Dialect dialect() const override { return Dialect::kPostgres; }
    Result<Rows> Query(std::string_view sql, const Params& params = {}) override;
    Status ExecScript(std::string_view sql) override;
    int64_t Changes() override { return changes_; }
    Status InTransaction(const std::function<Status()>& body) override;
    Status Savepoint(const std::function<Status()>& body) override;
    Status InReportTransaction(const std::function<Status()>& body) override;

  private:
    explicit PgDatabase(pg_conn* c, std::string url) : conn_(c), url_(std::move(url)) {}
    Result<Rows> Run(const std::string& key, const std::string& sql, const Params& params);
    bool Reconnect();
    pg_conn* conn_;
    std::string url_;
    // Statements with more parameters than this are run unnamed, not kept prepared (Run); past
    // kMaxPrepared statements kept, they are all dropped and prepared again as they come.
    static constexpr size_t kMaxPreparedParams = 200;
    static constexpr size_t kMaxPrepared = 1000;
    std::unordered_map<std::string, std::string> prepared_;  // key (types + SQL) -> statement name
    int tx_depth_ = 0;
    bool tx_failed_ = false;
    int64_t changes_ = 0;
};

}  // namespace caunoi::storage
