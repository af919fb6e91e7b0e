// The audit log: every create/update/delete and every view of a resident's record —
// who, when, what, which record, from which address. Append-only.
// Thread-safety: as the repository it wraps (one thread).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace caunoi::audit {

struct AuditEntry {
    int64_t seq = 0;
    int64_t at = 0;
    std::string user_id;
    std::string action;  // create | update | delete | view | login | login_failed | logout | password
    std::string entity;  // household | resident | area | team | member | user | session
    std::string entity_id;
    std::string area_path;
    std::string remote_addr;
    std::string detail;
    std::string user_name;  // filled by List(), for people reading the log
};

class AuditRepository {
  public:
    virtual ~AuditRepository() = default;
    virtual Status Append(const AuditEntry& e) = 0;
    // Newest first, entries with seq < before (0 = from the newest), within scope.
    virtual Result<std::vector<AuditEntry>> List(const Scope& scope, int64_t before, int limit) = 0;
};

class AuditLog {
  public:
    AuditLog(AuditRepository& repo, const Clock& clock) : repo_(repo), clock_(clock) {}
    Status Record(const Actor& actor, std::string action, std::string entity, std::string entity_id,
                  std::string area_path, std::string detail = {});
    // Officers and admins read the log of their area; others get Forbidden.
    Result<std::vector<AuditEntry>> List(const Actor& actor, int64_t before, int limit);

  private:
    AuditRepository& repo_;
    const Clock& clock_;
};

}  // namespace caunoi::audit
