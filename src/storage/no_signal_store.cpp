#include "storage/no_signal_store.hpp"

#include "storage/distribution.hpp"
#include "storage/scope_sql.hpp"

namespace caunoi::storage {

Status NoSignalStore::Insert(const area::NoSignalReport& r) {
    return db_.Exec(
        "INSERT INTO no_signal_reports (commune_id, id, village_id, area_path, lat, lon, operator, reported_by, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {CommuneOf(r.area_path), r.id, r.village_id, r.area_path, r.lat ? Value{*r.lat} : Value{nullptr},
         r.lon ? Value{*r.lon} : Value{nullptr}, TextOrNull(r.op), r.reported_by, r.at});
}

Result<std::vector<area::DeadZone>> NoSignalStore::DeadZones(const Scope& s, const std::string& commune_path) {
    Params p{commune_path + "/", commune_path + "0"};
    std::string where = InScope(s, "n.area_path", p);
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT n.village_id, a.name, COALESCE(a.coverage, ''), COUNT(*), MAX(n.at) "
                                       "FROM no_signal_reports n JOIN areas a ON a.id = n.village_id "
                                       "WHERE n.area_path >= ? AND n.area_path < ? AND " +
                                           where +
                                           " GROUP BY n.village_id, a.name, a.coverage ORDER BY COUNT(*) DESC, "
                                           "MAX(n.at) DESC",
                                       p));
    std::vector<area::DeadZone> out;
    for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), static_cast<int>(r.Int(3)), r.Int(4)});
    return out;
}

}  // namespace caunoi::storage
