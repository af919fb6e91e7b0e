// Transactions over one Database (core/transactions.hpp). Stores that cache rows register what
// to forget when a transaction is rolled back, so no cache keeps a write that never happened.
// Thread-safety: one thread (as the Database).
#pragma once

#include <functional>
#include <vector>

#include "core/transactions.hpp"
#include "storage/database.hpp"
#include "storage/row_batch.hpp"

namespace caunoi::storage {

class DatabaseTransactions final : public Transactions {
  public:
    explicit DatabaseTransactions(Database& db) : db_(db), rows_(db) {}
    Status Atomically(const std::function<Status()>& body) override;
    Status Savepoint(const std::function<Status()>& body) override;
    Status ForReport(const std::function<Status()>& body) override;
    Status Gathering(const std::function<Status()>& body) override;
    Status WriteGathered() override { return storage::WriteGathered(&rows_); }
    // Where stores gather rows while a Gathering body runs.
    RowBatch& rows() { return rows_; }
    // Called after any transaction run here fails (the database undid its writes).
    void OnRollback(std::function<void()> forget) { on_rollback_.push_back(std::move(forget)); }

  private:
    Status Forgetting(Status st);
    Database& db_;
    RowBatch rows_;
    std::vector<std::function<void()>> on_rollback_;
};

}  // namespace caunoi::storage
