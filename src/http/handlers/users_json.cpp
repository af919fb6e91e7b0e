#include "http/handlers/users_json.hpp"

#include "audit/audit_log.hpp"
#include "auth/auth.hpp"
#include "core/text.hpp"
#include "http/handlers/json_values.hpp"
#include "team/team.hpp"

namespace caunoi::http {
namespace json = boost::json;

json::object ToJson(const auth::User& u) {
    return {{"id", u.id},
            {"username", OptS(u.username)},
            {"phone", OptS(u.phone)},
            {"display_name", u.display_name},
            {"role", RoleName(u.role)},
            {"area_path", u.area_path},
            {"team_id", OptS(u.team_id)},
            {"disabled", u.disabled}};
}

json::object ToJson(const team::Member& m) {
    return {{"id", m.id}, {"name", m.name}, {"phone", OptS(m.phone)}, {"kind", m.kind}, {"leader", m.leader}};
}

json::object ToJson(const team::Team& t) {
    json::array villages(t.village_ids.begin(), t.village_ids.end());
    json::array members;
    for (const auto& m : t.members) members.push_back(ToJson(m));
    return {{"id", t.id},         {"commune_id", t.commune_id}, {"name", t.name}, {"village_ids", villages},
            {"members", members}, {"created_at", t.created_at}};
}

json::object ToJson(const std::vector<auth::User>& us, const std::string& next) {
    return List(
        us, [](const auth::User& u) { return ToJson(u); }, next);
}
json::object ToJson(const std::vector<team::Team>& ts) {
    return List(
        ts, [](const team::Team& t) { return ToJson(t); }, "");
}

json::object ToJson(const std::vector<audit::AuditEntry>& es, int64_t next_before) {
    json::array a;
    for (const auto& e : es)
        a.push_back(json::object{{"seq", e.seq},
                                 {"at", e.at},
                                 {"user_id", OptS(e.user_id)},
                                 {"action", e.action},
                                 {"entity", e.entity},
                                 {"entity_id", OptS(e.entity_id)},
                                 {"area_path", e.area_path},
                                 {"remote_addr", OptS(e.remote_addr)},
                                 {"detail", OptS(e.detail)},
                                 {"user_name", OptS(e.user_name)}});
    json::value next = next_before > 0 ? json::value(std::to_string(next_before)) : json::value(nullptr);
    return json::object{{"items", a}, {"next_cursor", next}};
}

json::object ToJson(const Actor& a) {
    json::array scope(a.scope.paths.begin(), a.scope.paths.end());
    return json::object{{"id", a.user_id},          {"display_name", a.display_name}, {"role", RoleName(a.role)},
                        {"area_path", a.area_path}, {"team_id", OptS(a.team_id)},     {"scope", scope}};
}

}  // namespace caunoi::http
