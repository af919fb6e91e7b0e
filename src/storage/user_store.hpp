// Users and sessions (SQL implementation of auth::UserRepository), over any Database engine.
// Borrows the Database; one thread at a time (as the Database).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "auth/auth.hpp"
#include "core/actor.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

class UserStore final : public auth::UserRepository {
  public:
    explicit UserStore(Database& db) : db_(db) {}
    Result<auth::User> FindByLogin(const std::string& login) override;
    Result<auth::User> FindById(const std::string& id) override;
    Result<auth::User> FindScoped(const Scope& s, const std::string& id) override;
    Result<std::vector<auth::User>> List(const Scope& s, const std::string& after, int limit) override;
    Status Insert(const auth::User& u) override;
    Status Update(const auth::User& u) override;
    Status InsertSession(const std::string& token_hash, const std::string& user_id, const std::string& csrf,
                         int64_t now, int64_t expires) override;
    Result<std::pair<std::string, std::string>> FindSession(const std::string& token_hash, int64_t now) override;
    Status DeleteSession(const std::string& token_hash) override;
    Status DeleteUserSessions(const std::string& user_id) override;
    Result<std::vector<std::string>> TeamVillagePaths(const std::string& team_id) override;
    Result<std::string> TeamAreaPath(const Scope& s, const std::string& team_id) override;
    Result<std::string> AreaPath(const Scope& s, const std::string& area_id) override;

  private:
    Database& db_;
};

// Active users among `ids` that `s` reaches (their area in scope, or a commune above a scoped village).
Result<size_t> CountActiveUsersInScope(Database& db, const Scope& s, const std::vector<std::string>& ids);

}  // namespace caunoi::storage
