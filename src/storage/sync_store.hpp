// Sync operations, the change feed and conflicts (SQL implementation of sync::SyncRepository),
// over any Database engine.
// Borrows the Database; one thread at a time (as the Database).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"
#include "storage/row_batch.hpp"
#include "sync/sync.hpp"

namespace caunoi::storage {

class SyncStore final : public sync::SyncRepository {
  public:
    // `rows`: where operations are logged while it gathers (a sync push's first pass), if given.
    explicit SyncStore(Database& db, RowBatch* rows = nullptr) : db_(db), rows_(rows) {}
    Result<std::map<std::string, sync::StoredOp>> FindOps(const std::string& user_id,
                                                          const std::vector<std::string>& ids) override;
    Status InsertOp(const sync::StoredOp& op) override;
    Result<int64_t> Clock() override;
    Result<int64_t> Floor() override;
    Result<std::vector<sync::ChangeRef>> Changes(const Scope& s, int64_t after, int limit) override;
    Status InsertConflict(const sync::Conflict& c) override;
    Result<std::vector<sync::Conflict>> OpenConflicts(const Scope& s) override;
    Result<sync::Conflict> FindConflict(const Scope& s, const std::string& id) override;
    Status CloseConflict(const std::string& id, const std::string& status, const std::string& by, int64_t at) override;
    Result<sync::Counts> Count(const Scope& s) override;

  private:
    Database& db_;
    RowBatch* rows_;
};

}  // namespace caunoi::storage
