// Who is acting, and over which areas. Built once per request by auth; passed to every
// domain service and every repository call, which apply `scope` when they build queries.
// Plain value; thread-safe to copy.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace caunoi {

enum class Role { kMember = 0, kTeamLeader = 1, kCommuneOfficer = 2, kProvinceAdmin = 3 };

std::string_view RoleName(Role r);
bool ParseRole(std::string_view s, Role& out);

// A set of area-path prefixes. A path is in scope if it equals one of them or lies below it.
struct Scope {
    std::vector<std::string> paths;
    bool Contains(std::string_view path) const;
    // True if `path` is an ancestor of (or equal to) some scope path: navigable but not owned.
    bool IsAncestorOfScope(std::string_view path) const;
};

// The commune part of an area path ("40/16813/V1" -> "40/16813"); "" for the province itself.
std::string CommunePathOf(std::string_view path);
// The commune's code in an area path ("40/16813/V1" -> "16813"); "" for the province itself.
std::string CommuneIdOf(std::string_view path);

struct Actor {
    std::string user_id;
    std::string display_name;
    Role role = Role::kMember;
    std::string area_path;  // the user's home area (commune for teams)
    std::string team_id;    // for leaders and members
    Scope scope;
    std::string remote_addr;
    bool AtLeast(Role r) const { return static_cast<int>(role) >= static_cast<int>(r); }
};

}  // namespace caunoi
