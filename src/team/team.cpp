#include "team/team.hpp"

#include <sstream>

#include "core/text.hpp"
#include "core/ulid.hpp"

namespace caunoi::team {

Result<Team> TeamService::Create(const Actor& a, const std::string& commune_path, const Fields& f) {
    if (!a.AtLeast(Role::kCommuneOfficer)) return Error::Forbidden("only officers create teams");
    CAUNOI_TRY(f.OnlyKnown({"commune_id", "name", "village_ids"}));
    if (!a.scope.Contains(commune_path)) return Error::NotFound();
    CAUNOI_ASSIGN(auto name, f.Text("name", 100, true));
    CAUNOI_ASSIGN(auto villages, f.Text("village_ids", 4000, true));
    Team t;
    t.id = NewUlid();
    t.commune_id = commune_path.substr(commune_path.rfind('/') + 1);
    t.area_path = commune_path;
    t.name = *name;
    for (auto v : text::Split(*villages, ',')) t.village_ids.emplace_back(v);
    CAUNOI_ASSIGN(bool ok, repo_.VillagesUnder(commune_path, t.village_ids));
    if (!ok || t.village_ids.empty())
        return Error::Invalid("village_ids", "villages must belong to the team's commune", N_("Invalid value"));
    t.created_at = clock_.NowSeconds();
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.Insert(t));
        return audit_.Record(a, "create", "team", t.id, t.area_path, t.name);
    }));
    return t;
}

Result<Team> TeamService::FindManaged(const Actor& a, const std::string& team_id) {
    CAUNOI_ASSIGN(auto t, repo_.Find(a.scope, a.team_id, team_id));
    bool manages = a.AtLeast(Role::kCommuneOfficer) || (a.role == Role::kTeamLeader && a.team_id == t.id);
    if (!manages) return Error::NotFound();
    return t;
}

Result<Member> TeamService::AddMember(const Actor& a, const std::string& team_id, const Fields& f) {
    CAUNOI_ASSIGN(auto t, FindManaged(a, team_id));
    CAUNOI_TRY(f.OnlyKnown({"name", "phone", "kind", "leader"}));
    Member m;
    m.id = NewUlid();
    m.team_id = t.id;
    CAUNOI_ASSIGN(auto name, f.Text("name", 100, true));
    CAUNOI_ASSIGN(auto phone, f.Text("phone", 16, false));
    CAUNOI_ASSIGN(auto kind, f.Choice("kind", {"youth_union", "teacher", "one_stop_officer", "village_head", "police",
                                               "elder", "other"}));
    CAUNOI_ASSIGN(auto leader, f.Bool("leader"));
    if (!kind) return Error::Invalid("kind", "required", N_("This field is required"));
    m.name = *name;
    m.phone = phone.value_or("");
    m.kind = std::string(kMemberKinds[*kind]);
    m.leader = leader.value_or(false);
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.InsertMember(m));
        return audit_.Record(a, "create", "member", m.id, t.area_path, m.name);
    }));
    return m;
}

Status TeamService::RemoveMember(const Actor& a, const std::string& team_id, const std::string& member_id) {
    CAUNOI_ASSIGN(auto t, FindManaged(a, team_id));
    bool found = false;
    for (const auto& m : t.members) found = found || m.id == member_id;
    if (!found) return Error::NotFound();
    return tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.DeleteMember(t.id, member_id));
        return audit_.Record(a, "delete", "member", member_id, t.area_path);
    });
}

}  // namespace caunoi::team
