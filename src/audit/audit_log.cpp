#include "audit/audit_log.hpp"

namespace caunoi::audit {

Status AuditLog::Record(const Actor& actor, std::string action, std::string entity, std::string entity_id,
                        std::string area_path, std::string detail) {
    AuditEntry e;
    e.at = clock_.NowSeconds();
    e.user_id = actor.user_id;
    e.action = std::move(action);
    e.entity = std::move(entity);
    e.entity_id = std::move(entity_id);
    e.area_path = std::move(area_path);
    e.remote_addr = actor.remote_addr;
    e.detail = std::move(detail);
    return repo_.Append(e);
}

Result<std::vector<AuditEntry>> AuditLog::List(const Actor& actor, int64_t before, int limit) {
    if (!actor.AtLeast(Role::kCommuneOfficer)) return Error::Forbidden("only officers read the audit log");
    return repo_.List(actor.scope, before, limit);
}

}  // namespace caunoi::audit
