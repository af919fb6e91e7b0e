// The audit log's table (SQL implementation of audit::AuditRepository), over any Database engine.
// Borrows the Database; one thread at a time (as the Database).
#pragma once

#include <cstdint>
#include <vector>

#include "audit/audit_log.hpp"
#include "audit/exposure.hpp"
#include "core/actor.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"
#include "storage/row_batch.hpp"

namespace caunoi::storage {

class AuditStore final : public audit::AuditRepository {
  public:
    // `rows`: where entries are gathered while it gathers (a sync push), if given.
    explicit AuditStore(Database& db, RowBatch* rows = nullptr) : db_(db), rows_(rows) {}
    Status Append(const audit::AuditEntry& e) override;
    Result<std::vector<audit::AuditEntry>> List(const Scope& s, int64_t before, int limit) override;
    // Every entry of `q` that read or changed a person's record: a resident's, a dossier's (its
    // resident's) or a household's (each of its residents'), with who the person is now, in the
    // order written. The whole province: for the operator's breach report, not for a role.
    Result<std::vector<audit::ExposureEvent>> Exposed(const audit::ExposureQuery& q);

  private:
    Database& db_;
    RowBatch* rows_;
};

}  // namespace caunoi::storage
