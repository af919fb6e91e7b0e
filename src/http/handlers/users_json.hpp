// JSON of users, the signed-in actor, teams and the audit log.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "auth/auth.hpp"
#include "core/actor.hpp"
#include "team/team.hpp"

namespace caunoi::http {

boost::json::object ToJson(const auth::User& u);
boost::json::object ToJson(const std::vector<auth::User>& us, const std::string& next_cursor);
boost::json::object ToJson(const team::Team& t);
boost::json::object ToJson(const std::vector<team::Team>& ts);
boost::json::object ToJson(const team::Member& m);
boost::json::object ToJson(const std::vector<audit::AuditEntry>& es, int64_t next_before);
boost::json::object ToJson(const Actor& a);

}  // namespace caunoi::http
