#include "storage/area_store.hpp"

#include "core/text.hpp"
#include "storage/scope_sql.hpp"

namespace caunoi::storage {
namespace {

constexpr const char* kCols =
    "id, COALESCE(parent_id, ''), kind, name, path, COALESCE(former_district, ''), highland, lat, lon, "
    "COALESCE(coverage, ''), created_at";

area::Area FromRow(const Row& r) {
    area::Area a;
    a.id = r.Text(0);
    a.parent_id = r.Text(1);
    a.kind = r.Text(2);
    a.name = r.Text(3);
    a.path = r.Text(4);
    a.former_district = r.Text(5);
    a.highland = r.Int(6) != 0;
    if (!r.IsNull(7)) a.lat = r.Real(7);
    if (!r.IsNull(8)) a.lon = r.Real(8);
    a.coverage = r.Text(9);
    a.created_at = r.Int(10);
    return a;
}

Value Opt(const std::optional<double>& d) { return d ? Value{*d} : Value{nullptr}; }
// In scope or an ancestor of it. The two builders append parameters, so they must run in
// the order their SQL appears (operands of + are unsequenced).
std::string Visible(const Scope& s, Params& p) {
    std::string in = InScope(s, "path", p);
    std::string up = AncestorOfScope(s, "path", p);
    return "(" + in + " OR " + up + ")";
}

}  // namespace

Result<area::Area> AreaStore::FindVisible(const Scope& s, const std::string& id) {
    Params p{id};
    std::string sql = std::string("SELECT ") + kCols + " FROM areas WHERE id = ? AND " + Visible(s, p);
    CAUNOI_ASSIGN(auto row, db_.QueryOne(sql, p));
    return FromRow(row);
}

Result<std::vector<area::Area>> AreaStore::VisibleChildren(const Scope& s, const std::string& parent_id) {
    Params p{parent_id};
    std::string sql = std::string("SELECT ") + kCols + " FROM areas WHERE parent_id = ? AND " + Visible(s, p) +
                      " ORDER BY name_folded";
    CAUNOI_ASSIGN(auto rows, db_.Query(sql, p));
    std::vector<area::Area> out;
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

Status AreaStore::Insert(const area::Area& a) {
    return db_.Exec(
        "INSERT INTO areas (id, parent_id, kind, name, name_folded, path, former_district, highland, lat, lon, "
        "coverage, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {a.id, TextOrNull(a.parent_id), a.kind, a.name, text::Fold(a.name), a.path, TextOrNull(a.former_district),
         int64_t{a.highland}, Opt(a.lat), Opt(a.lon), TextOrNull(a.coverage), a.created_at});
}

Status AreaStore::Update(const area::Area& a) {
    return db_.Exec("UPDATE areas SET name = ?, name_folded = ?, lat = ?, lon = ?, coverage = ? WHERE id = ?",
                    {a.name, text::Fold(a.name), Opt(a.lat), Opt(a.lon), TextOrNull(a.coverage), a.id});
}

Result<int64_t> AreaStore::CountCommunes() {
    CAUNOI_ASSIGN(auto row, db_.QueryOne("SELECT COUNT(*) FROM areas WHERE kind IN ('commune', 'ward')"));
    return row.Int(0);
}

Result<std::string> AreaStore::VillagePath(const Scope& s, const std::string& village_id) {
    Params p{village_id};
    std::string sql = "SELECT path FROM areas WHERE id = ? AND kind = 'village' AND " + InScope(s, "path", p);
    CAUNOI_ASSIGN(auto row, db_.QueryOne(sql, p));
    return row.Text(0);
}

}  // namespace caunoi::storage
