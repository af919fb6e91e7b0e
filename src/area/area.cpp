#include "area/area.hpp"

#include <sstream>

#include "core/text.hpp"
#include "core/ulid.hpp"

namespace caunoi::area {

Result<std::vector<Area>> ParseCommuneTsv(const std::string& tsv, int64_t now) {
    std::vector<Area> out;
    Area province{"40", "", "province", "Nghệ An", "40", "", false, {}, {}, "", now};
    out.push_back(province);
    std::istringstream in(tsv);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (n == 1 || line.empty()) continue;  // header
        std::vector<std::string> cols;
        std::string col;
        std::istringstream ls(line);
        while (std::getline(ls, col, '\t')) cols.push_back(col);
        if (line.back() == '\t') cols.emplace_back();
        if (cols.size() < 4 || cols[0].size() != 5 || cols[3] != "40" || (cols[1] != "commune" && cols[1] != "ward") ||
            !text::IsValidUtf8(cols[2], false))
            return Error::Invalid("line " + std::to_string(n), "malformed commune row " + std::to_string(n));
        Area a;
        a.id = cols[0];
        a.parent_id = "40";
        a.kind = cols[1];
        a.name = cols[2];
        a.path = "40/" + cols[0];
        a.former_district = cols.size() > 4 ? cols[4] : "";
        a.highland = !a.former_district.empty();
        a.created_at = now;
        out.push_back(std::move(a));
    }
    return out;
}

Status AreaService::SeedCommunes(const std::string& tsv) {
    CAUNOI_ASSIGN(int64_t count, repo_.CountCommunes());
    if (count > 0) return {};
    CAUNOI_ASSIGN(auto areas, ParseCommuneTsv(tsv, clock_.NowSeconds()));
    for (const auto& a : areas) CAUNOI_TRY(repo_.Insert(a));
    return {};
}

Result<std::vector<Area>> AreaService::Children(const Actor& a, const std::string& parent_id) {
    CAUNOI_TRY(repo_.FindVisible(a.scope, parent_id));
    return repo_.VisibleChildren(a.scope, parent_id);
}

Status AreaService::ApplyVillageFields(Area& v, const Fields& f, bool creating) {
    CAUNOI_TRY(f.OnlyKnown({"name", "lat", "lon", "coverage"}));
    CAUNOI_ASSIGN(auto name, f.Text("name", 100, creating));
    // Nghệ An lies within these bounds; anything else is a typo.
    CAUNOI_ASSIGN(auto lat, f.Real("lat", 18.5, 20.1));
    CAUNOI_ASSIGN(auto lon, f.Real("lon", 103.8, 106.0));
    CAUNOI_ASSIGN(auto cov, f.Choice("coverage", {"none", "2g", "3g", "4g"}));
    if (name) v.name = *name;
    if (lat) v.lat = lat;
    if (lon) v.lon = lon;
    static const char* kCov[] = {"none", "2g", "3g", "4g"};
    if (cov) v.coverage = kCov[*cov];
    return {};
}

Result<Area> AreaService::CreateVillage(const Actor& a, const std::string& commune_id, const Fields& f) {
    if (!a.AtLeast(Role::kCommuneOfficer)) return Error::NotFound();
    CAUNOI_ASSIGN(auto commune, repo_.FindVisible(a.scope, commune_id));
    if ((commune.kind != "commune" && commune.kind != "ward") || !a.scope.Contains(commune.path))
        return Error::NotFound();
    Area v;
    v.id = NewUlid();
    v.parent_id = commune.id;
    v.kind = "village";
    v.path = commune.path + "/" + v.id;
    v.created_at = clock_.NowSeconds();
    CAUNOI_TRY(ApplyVillageFields(v, f, true));
    CAUNOI_TRY(repo_.Insert(v));
    CAUNOI_TRY(audit_.Record(a, "create", "area", v.id, v.path, v.name));
    return v;
}

Result<Area> AreaService::UpdateVillage(const Actor& a, const std::string& id, const Fields& f) {
    if (!a.AtLeast(Role::kCommuneOfficer)) return Error::NotFound();
    CAUNOI_ASSIGN(auto v, repo_.FindVisible(a.scope, id));
    if (v.kind != "village" || !a.scope.Contains(v.path)) return Error::NotFound();
    CAUNOI_TRY(ApplyVillageFields(v, f, false));
    CAUNOI_TRY(repo_.Update(v));
    CAUNOI_TRY(audit_.Record(a, "update", "area", v.id, v.path));
    return v;
}

}  // namespace caunoi::area
