// "No signal here" reports: members mark dead zones (village, optional GPS point, operator,
// time); a commune sees its villages ranked by reports. Scope as for areas.
// Thread-safety: one thread (as the repository).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/fields.hpp"
#include "core/result.hpp"
#include "registry/registry.hpp"

namespace caunoi::area {

struct NoSignalReport {
    std::string id;
    std::string village_id;
    std::string area_path;
    std::optional<double> lat, lon;
    std::string op;  // operator
    std::string reported_by;
    int64_t at = 0;
};

struct DeadZone {
    std::string village_id;
    std::string village_name;
    std::string coverage;
    int reports = 0;
    int64_t last_at = 0;
};

class NoSignalRepository {
  public:
    virtual ~NoSignalRepository() = default;
    virtual Status Insert(const NoSignalReport& r) = 0;
    // Villages under `commune_path` with reports, most reported first, within scope.
    virtual Result<std::vector<DeadZone>> DeadZones(const Scope& s, const std::string& commune_path) = 0;
};

class NoSignalService {
  public:
    NoSignalService(NoSignalRepository& repo, registry::VillageLookup& villages, audit::AuditLog& audit,
                    const Clock& clock)
        : repo_(repo), villages_(villages), audit_(audit), clock_(clock) {}
    // Fields: village_id, lat, lon, operator.
    Result<NoSignalReport> Report(const Actor& a, const Fields& f);
    Result<std::vector<DeadZone>> DeadZones(const Actor& a, const std::string& commune_path) {
        return repo_.DeadZones(a.scope, commune_path);
    }

  private:
    NoSignalRepository& repo_;
    registry::VillageLookup& villages_;
    audit::AuditLog& audit_;
    const Clock& clock_;
};

}  // namespace caunoi::area
