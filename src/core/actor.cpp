#include "core/actor.hpp"

namespace caunoi {

std::string_view RoleName(Role r) {
    switch (r) {
        case Role::kMember:
            return "member";
        case Role::kTeamLeader:
            return "team_leader";
        case Role::kCommuneOfficer:
            return "commune_officer";
        case Role::kProvinceAdmin:
            return "province_admin";
    }
    return "member";
}

bool ParseRole(std::string_view s, Role& out) {
    for (Role r : {Role::kMember, Role::kTeamLeader, Role::kCommuneOfficer, Role::kProvinceAdmin}) {
        if (RoleName(r) == s) {
            out = r;
            return true;
        }
    }
    return false;
}

namespace {
bool UnderOrEqual(std::string_view path, std::string_view prefix) {
    if (path.size() < prefix.size() || path.substr(0, prefix.size()) != prefix) return false;
    return path.size() == prefix.size() || path[prefix.size()] == '/';
}
}  // namespace

std::string CommunePathOf(std::string_view path) {
    const auto first = path.find('/');
    if (first == std::string_view::npos) return "";
    return std::string(path.substr(0, path.find('/', first + 1)));
}

std::string CommuneIdOf(std::string_view path) {
    const size_t a = path.find('/');
    if (a == std::string_view::npos) return "";
    const size_t b = path.find('/', a + 1);
    return std::string(path.substr(a + 1, b == std::string_view::npos ? std::string_view::npos : b - a - 1));
}

bool Scope::Contains(std::string_view path) const {
    for (const auto& p : paths)
        if (UnderOrEqual(path, p)) return true;
    return false;
}

bool Scope::IsAncestorOfScope(std::string_view path) const {
    for (const auto& p : paths)
        if (UnderOrEqual(p, path)) return true;
    return false;
}

}  // namespace caunoi
