// Alerts received as CAP or composed (SQL implementation of warnings::AlertRepository), over any
// Database engine. Borrows the Database; one thread at a time (as the Database).
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
    Result<warnings::StoredAlert> FindById(const std::string& id) override;
    Result<std::string> XmlOf(const std::string& id) override;
    Result<int64_t> Insert(const warnings::StoredAlert& a, const std::string& xml) override;
    Status Supersede(const std::string& id, const std::string& by) override;
    Result<std::vector<warnings::StoredAlert>> InForce(int64_t now, int limit) override;
    Result<std::vector<warnings::StoredAlert>> InForceIn(const Scope& s, int64_t now, int limit) override;
    Result<std::vector<warnings::StoredAlert>> Recent(const Scope& s, int limit) override;
    Result<std::string> SenderOfKey(const std::string& key_hash) override;
    Status SetSenderKey(const std::string& sender, const std::string& key_hash, int64_t at) override;

  private:
    Result<warnings::StoredAlert> Load(const Row& r);
    Result<std::vector<warnings::StoredAlert>> LoadAll(const Rows& rows);
    Database& db_;
};

}  // namespace caunoi::storage
