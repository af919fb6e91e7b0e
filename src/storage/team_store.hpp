// Teams and their members (SQL implementation of team::TeamRepository), over any Database engine.
// Borrows the Database; one thread at a time (as the Database).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"
#include "team/team.hpp"

namespace caunoi::storage {

class TeamStore final : public team::TeamRepository {
  public:
    explicit TeamStore(Database& db) : db_(db) {}
    Result<team::Team> Find(const Scope& s, const std::string& own_team, const std::string& id) override;
    Result<std::vector<team::Team>> List(const Scope& s, const std::string& own_team) override;
    Status Insert(const team::Team& t) override;
    Status InsertMember(const team::Member& m) override;
    Status DeleteMember(const std::string& team_id, const std::string& member_id) override;
    Result<bool> VillagesUnder(const std::string& commune_path, const std::vector<std::string>& ids) override;

  private:
    Result<team::Team> Load(const Row& r);
    Database& db_;
};

}  // namespace caunoi::storage
