// Dossiers, their events and notifications (SQL implementation of procedures::DossierRepository),
// over any Database engine.
// Borrows the Database; one thread at a time (as the Database).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "procedures/services.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

class DossierStore final : public procedures::DossierRepository {
  public:
    explicit DossierStore(Database& db) : db_(db) {}
    Status Insert(const procedures::Dossier& d) override;
    Result<procedures::Dossier> Find(const Scope& s, const std::string& id) override;
    Result<procedures::Dossier> FindByPortalCode(const std::string& code) override;
    Result<std::vector<procedures::Dossier>> List(const Scope& s, const procedures::DossierQuery& q) override;
    Result<procedures::DossierCounts> Count(const Scope& s, int64_t today) override;
    Status Move(const std::string& id, procedures::DossierStatus from, procedures::DossierStatus to, int64_t due_day,
                int64_t at) override;
    Status InsertEvent(const procedures::Dossier& d, const procedures::DossierEvent& e) override;
    Result<std::vector<procedures::DossierEvent>> Events(const std::string& dossier_id) override;
    Status Enqueue(const procedures::OutboxMessage& m) override;
    Result<std::vector<procedures::OutboxMessage>> Outbox(const Scope& s, const std::string& dossier_id,
                                                          int limit) override;
    Result<bool> UserInScope(const Scope& s, const std::string& user_id) override;

  private:
    Database& db_;
};

}  // namespace caunoi::storage
