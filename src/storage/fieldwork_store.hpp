// Catalogues, support sessions and tasks (SQL implementation of fieldwork::FieldworkRepository),
// over any Database engine.
// Borrows the Database; one thread at a time (as the Database).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "core/ttl_cache.hpp"
#include "fieldwork/fieldwork.hpp"
#include "storage/database.hpp"
#include "storage/row_batch.hpp"

namespace caunoi::storage {

class FieldworkStore final : public fieldwork::FieldworkRepository {
  public:
    // `rows`: where sessions are gathered while it gathers (a sync push's first pass), if given.
    FieldworkStore(Database& db, const Clock& clock, RowBatch* rows = nullptr)
        : db_(db), rows_(rows), catalogs_(clock, 1000, 2) {}
    Result<std::shared_ptr<const std::vector<fieldwork::CatalogEntry>>> Entries(fieldwork::Catalog c) override;
    Status SeedCatalog(fieldwork::Catalog c, const std::vector<fieldwork::CatalogEntry>& entries) override;
    Status PutEntry(fieldwork::Catalog c, const fieldwork::CatalogEntry& e) override;
    Result<std::map<std::string, int64_t>> TipsHeard(const std::string& resident_id) override;
    Result<std::map<std::string, std::map<std::string, int64_t>>> TipsHeardBy(
        const std::vector<std::string>& resident_ids) override;
    Result<std::string> VillageCoverage(const std::string& village_id) override;
    Result<fieldwork::ResidentHistory> History(const std::string& resident_id) override;
    Result<size_t> CountUsersInScope(const Scope& s, const std::vector<std::string>& ids) override;
    Result<std::vector<std::pair<std::string, std::string>>> Colleagues(const Actor& a) override;
    Status InsertSession(const fieldwork::SupportSession& s) override;
    Result<std::vector<fieldwork::SupportSession>> SessionsOfHousehold(const Scope& s,
                                                                       const std::string& household_id) override;
    Result<bool> HasOpenTask(const std::string& household_id, const std::string& resident_id,
                             const std::string& rule_key) override;
    Status InsertTask(const fieldwork::Task& t) override;
    Result<fieldwork::Task> FindTask(const Scope& s, const std::string& id) override;
    Status CloseTask(const std::string& id, fieldwork::TaskStatus status, const std::string& reason,
                     int64_t at) override;
    Status ReopenTask(const std::string& id) override;
    Result<std::vector<fieldwork::Task>> OpenTasks(const Scope& s, int limit) override;
    Result<std::vector<fieldwork::Task>> TasksOfHousehold(const Scope& s, const std::string& household_id) override;

  private:
    // Inserts one row now, or gathers it while rows_ gathers (after `parent`'s rows, if named).
    Status InsertRow(const std::string& table, const std::vector<std::string>& columns, Params row, const char* parent);
    Result<std::vector<fieldwork::Task>> QueryTasks(const std::string& where, Params p, const std::string& tail);
    Database& db_;
    RowBatch* rows_;
    // The two catalogues, read at most once a second (every visit validates against them).
    // Edits through this store drop the copy at once; edits by other processes show within 1 s.
    TtlCache<fieldwork::Catalog, std::shared_ptr<const std::vector<fieldwork::CatalogEntry>>> catalogs_;
};

}  // namespace caunoi::storage
