#include "storage/indicator_sources.hpp"

namespace caunoi::storage {

void FigureSink::Add(const std::string& village_id, indicators::Month month, const std::string& key, int64_t num,
                     int64_t den) {
    if (num == 0 && den == 0) return;
    auto add = [&](const std::string& area) {
        auto& s = sums_[{area, month, key}];
        s.first += num;
        s.second += den;
    };
    if (!village_id.empty()) add(village_id);
    add(commune_id_);
}

indicators::Figures FigureSink::Take() {
    indicators::Figures out;
    out.reserve(sums_.size());
    for (const auto& [k, v] : sums_)
        out.push_back({commune_id_, std::get<0>(k), std::get<1>(k), std::get<2>(k), v.first, v.second});
    sums_.clear();
    return out;
}

std::string CountContext::VillageOf(const std::string& area_path) const {
    if (area_path.size() <= commune_path.size() + 1 || area_path.compare(0, commune_path.size(), commune_path) != 0 ||
        area_path[commune_path.size()] != '/')
        return "";
    std::string rest = area_path.substr(commune_path.size() + 1);
    return rest.substr(0, rest.find('/'));
}

std::string MonthSql(Dialect d, const std::string& epoch_expr) {
    if (d == Dialect::kSqlite) return "CAST(strftime('%Y%m', (" + epoch_expr + ") + 25200, 'unixepoch') AS INTEGER)";
    return "CAST(to_char(to_timestamp((" + epoch_expr + ") + 25200) AT TIME ZONE 'UTC', 'YYYYMM') AS INTEGER)";
}

std::string DayMonthSql(Dialect d, const std::string& day_expr) {
    if (d == Dialect::kSqlite) return "CAST(strftime('%Y%m', (" + day_expr + ") * 86400, 'unixepoch') AS INTEGER)";
    return "CAST(to_char(to_timestamp((" + day_expr + ") * 86400) AT TIME ZONE 'UTC', 'YYYYMM') AS INTEGER)";
}

const char* const kResidentFactsColumns =
    "r.household_id, r.birth_year, r.phone_kind, CASE WHEN r.phone IS NULL OR r.phone = '' THEN 0 ELSE 1 END, "
    "r.language, r.vneid_level, r.portal_account, r.payment_account, r.skill_public_services, r.skill_shopping, "
    "r.skill_payment, r.skill_safety, r.skill_local_platforms";

indicators::ResidentFacts ReadResidentFacts(const Row& row, size_t i) {
    indicators::ResidentFacts f;
    f.household_id = row.Text(i);
    if (!row.IsNull(i + 1)) f.birth_year = row.Int(i + 1);
    f.phone_kind = row.Text(i + 2);
    f.has_phone = row.Int(i + 3) != 0;
    f.language = row.Text(i + 4);
    f.vneid_level = static_cast<int>(row.Int(i + 5));
    f.portal_account = row.Int(i + 6) != 0;
    f.payment_account = row.Int(i + 7) != 0;
    for (int s = 0; s < 5; ++s) f.skills[s] = static_cast<int>(row.Int(i + 8 + s));
    return f;
}

Result<std::map<std::string, indicators::VillageFacts>> VillageFactsOf(Database& db, const std::string& commune_id) {
    CAUNOI_ASSIGN(auto rows, db.Query("SELECT a.id, COALESCE(a.coverage, ''), COALESCE(l.working, 0), "
                                      "COALESCE(v.languages, '') FROM areas a "
                                      "LEFT JOIN village_loudspeakers l ON l.village_id = a.id "
                                      "LEFT JOIN village_languages v ON v.village_id = a.id "
                                      "WHERE a.parent_id = ? AND a.kind = 'village'",
                                      {commune_id}));
    std::map<std::string, indicators::VillageFacts> out;
    for (const auto& r : rows) out[r.Text(0)] = {r.Int(2) != 0, r.Text(3), r.Text(1)};
    return out;
}

}  // namespace caunoi::storage
