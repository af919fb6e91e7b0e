// A bounded pool of database connections shared by the server's worker threads, and the
// Database each worker's stores are written against.
//
// A statement outside a transaction borrows a connection for that statement only; a
// transaction keeps one connection from BEGIN to COMMIT (nested calls join it). Prepared
// statements belong to each connection, so every connection prepares its own on first use.
// Connections are opened lazily, up to `size`; a PostgreSQL connection lost meanwhile is
// reopened by the connection itself on its next use (storage/postgres).
//
// Ownership: the Pool owns its connections and must outlive every PooledDatabase.
// Thread-safety: Pool is thread-safe. A PooledDatabase is used by one thread at a time (one
// per worker), like any Database.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "storage/database.hpp"

namespace caunoi::storage {

class Pool {
  public:
    using Opener = std::function<Result<std::unique_ptr<Database>>()>;
    // `open` makes one connection; `wait` is how long Acquire waits for a free one.
    Pool(Dialect dialect, size_t size, Opener open, std::chrono::milliseconds wait = std::chrono::seconds(10));
    ~Pool();
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    // A borrowed connection, returned to the pool when the Lease goes.
    class Lease {
      public:
        Lease(Pool& pool, std::unique_ptr<Database> db) : pool_(&pool), db_(std::move(db)) {}
        Lease(Lease&&) = default;
        Lease& operator=(Lease&&) = default;
        ~Lease();
        Database& operator*() { return *db_; }
        Database* operator->() { return db_.get(); }

      private:
        Pool* pool_;
        std::unique_ptr<Database> db_;
    };
    // A free connection, a new one while fewer than `size` are open, or an error once `wait`
    // has passed with every connection busy (or when a new connection cannot be opened).
    Result<Lease> Acquire();

    Dialect dialect() const { return dialect_; }
    size_t opened() const;  // connections opened so far (for tests and monitoring)

  private:
    void Release(std::unique_ptr<Database> db);
    const Dialect dialect_;
    const size_t size_;
    const Opener open_;
    const std::chrono::milliseconds wait_;
    mutable std::mutex mu_;
    std::condition_variable freed_;
    std::vector<std::unique_ptr<Database>> idle_;
    size_t opened_ = 0;
};

class PooledDatabase final : public Database {
  public:
    explicit PooledDatabase(Pool& pool) : pool_(pool) {}
    Dialect dialect() const override { return pool_.dialect(); }
    Result<Rows> Query(std::string_view sql, const Params& params = {}) override;
    Status ExecScript(std::string_view sql) override;
    int64_t Changes() override { return changes_; }
    Status InTransaction(const std::function<Status()>& body) override;
    Status Savepoint(const std::function<Status()>& body) override;
    Status InReportTransaction(const std::function<Status()>& body) override;

  private:
    // Runs `run` on the connection of the transaction in progress, or on one leased for it.
    Status Leased(const std::function<Status(Database&)>& run);
    // Runs `fn` on the transaction's connection, or on one borrowed for this call.
    template <typename Fn>
    auto OnConnection(Fn&& fn) -> decltype(fn(std::declval<Database&>()));
    Pool& pool_;
    std::unique_ptr<Pool::Lease> tx_;  // held from the outermost BEGIN to its COMMIT/ROLLBACK
    int64_t changes_ = 0;
};

}  // namespace caunoi::storage
