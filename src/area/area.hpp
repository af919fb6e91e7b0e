// Areas: province -> commune/ward -> village (thôn/bản/tổ dân phố). Each has a path
// ("40/16813/<id>") so everything under an area is a prefix range.
// Areas hold no personal data: an actor sees the areas in its scope and their ancestors.
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

namespace caunoi::area {

struct Area {
    std::string id;
    std::string parent_id;
    std::string kind;  // province | commune | ward | village
    std::string name;
    std::string path;
    std::string former_district;
    bool highland = false;
    std::optional<double> lat, lon;
    std::string coverage;  // none | 2g | 3g | 4g ("" unknown)
    int64_t created_at = 0;
};

class AreaRepository {
  public:
    virtual ~AreaRepository() = default;
    // Visible = in scope, or an ancestor of a scope path. NotFound otherwise.
    virtual Result<Area> FindVisible(const Scope& scope, const std::string& id) = 0;
    virtual Result<std::vector<Area>> VisibleChildren(const Scope& scope, const std::string& parent_id) = 0;
    virtual Status Insert(const Area& a) = 0;
    virtual Status Update(const Area& a) = 0;
    virtual Result<int64_t> CountCommunes() = 0;
};

// Parses the official commune list (TSV: code, kind, name, province_code, former_district_highland).
// Throws nothing; returns Invalid naming the line on a malformed row.
Result<std::vector<Area>> ParseCommuneTsv(const std::string& tsv, int64_t now);

class AreaService {
  public:
    AreaService(AreaRepository& repo, audit::AuditLog& audit, const Clock& clock)
        : repo_(repo), audit_(audit), clock_(clock) {}
    Result<Area> Get(const Actor& a, const std::string& id) { return repo_.FindVisible(a.scope, id); }
    Result<std::vector<Area>> Children(const Actor& a, const std::string& parent_id);
    // Officers create villages in a commune of their scope. Fields: name, lat, lon, coverage.
    Result<Area> CreateVillage(const Actor& a, const std::string& commune_id, const Fields& f);
    Result<Area> UpdateVillage(const Actor& a, const std::string& id, const Fields& f);
    // Loads the province and its communes if the database has none yet (idempotent).
    Status SeedCommunes(const std::string& tsv);

  private:
    Status ApplyVillageFields(Area& v, const Fields& f, bool creating);
    AreaRepository& repo_;
    audit::AuditLog& audit_;
    const Clock& clock_;
};

}  // namespace caunoi::area
