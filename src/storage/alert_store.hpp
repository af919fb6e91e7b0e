// Alerts received as CAP (SQL implementation of warnings::AlertRepository), over any Database
// engine. Borrows the Database; one thread at a time (as the Database).
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "storage/database.hpp"
#include "warnings/alerts.hpp"

namespace caunoi::storage {

class AlertStore final : public warnings::AlertRepository {
  public:
    explicit AlertStore(Database& db) : db_(db) {}
    Result<warnings::StoredAlert> FindByKey(const std::string& sender, const std::string& identifier) override;
    Status Insert(const warnings::StoredAlert& a, const std::string& xml) override;
    Status Supersede(const std::string& id, const std::string& by) override;
    Result<std::vector<warnings::StoredAlert>> InForce(int64_t now, int limit) override;

  private:
    Result<warnings::StoredAlert> Load(const Row& r);
    Database& db_;
};

}  // namespace caunoi::storage
