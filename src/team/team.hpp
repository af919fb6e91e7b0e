// Community digital technology teams: one per village or group of villages in a commune,
// with members (kind + leader flag). Officers manage the teams of their commune; a team
// leader manages the members of their own team; members see their own team.
// Thread-safety: one thread (as the repository).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/fields.hpp"
#include "core/result.hpp"
#include "core/transactions.hpp"

namespace caunoi::team {

inline constexpr std::string_view kMemberKinds[] = {
    "youth_union", "teacher", "one_stop_officer", "village_head", "police", "elder", "other"};

struct Member {
    std::string id;
    std::string team_id;
    std::string name;
    std::string phone;
    std::string kind;
    bool leader = false;
    std::string user_id;
};

struct Team {
    std::string id;
    std::string commune_id;
    std::string area_path;
    std::string name;
    std::vector<std::string> village_ids;
    std::vector<Member> members;
    int64_t created_at = 0;
};

class TeamRepository {
  public:
    virtual ~TeamRepository() = default;
    // Visible: the team's commune is in scope, or it is `own_team`.
    virtual Result<Team> Find(const Scope& s, const std::string& own_team, const std::string& id) = 0;
    virtual Result<std::vector<Team>> List(const Scope& s, const std::string& own_team) = 0;
    virtual Status Insert(const Team& t) = 0;
    virtual Status InsertMember(const Member& m) = 0;
    virtual Status DeleteMember(const std::string& team_id, const std::string& member_id) = 0;
    // Village ids that exist under `commune_path`; anything else is refused.
    virtual Result<bool> VillagesUnder(const std::string& commune_path, const std::vector<std::string>& ids) = 0;
};

class TeamService {
  public:
    TeamService(TeamRepository& repo, Transactions& tx, audit::AuditLog& audit, const Clock& clock)
        : repo_(repo), tx_(tx), audit_(audit), clock_(clock) {}
    Result<std::vector<Team>> List(const Actor& a) { return repo_.List(a.scope, a.team_id); }
    Result<Team> Get(const Actor& a, const std::string& id) { return repo_.Find(a.scope, a.team_id, id); }
    // Fields: commune_id, name, village_ids (comma-separated).
    Result<Team> Create(const Actor& a, const std::string& commune_path, const Fields& f);
    // Fields: name, phone, kind, leader.
    Result<Member> AddMember(const Actor& a, const std::string& team_id, const Fields& f);
    Status RemoveMember(const Actor& a, const std::string& team_id, const std::string& member_id);

  private:
    Result<Team> FindManaged(const Actor& a, const std::string& team_id);
    TeamRepository& repo_;
    Transactions& tx_;
    audit::AuditLog& audit_;
    const Clock& clock_;
};

}  // namespace caunoi::team
