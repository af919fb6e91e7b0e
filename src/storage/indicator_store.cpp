#include "storage/indicator_store.hpp"

#include "storage/indicator_sources.hpp"
#include "storage/scope_sql.hpp"

namespace caunoi::storage {

namespace {

using indicators::Figure;
using indicators::Figures;
using indicators::Month;

constexpr size_t kRowsPerInsert = 200;

// Rows of (commune_id, area_id, month, indicator, num, den); a commune's own figures are kept
// under area_id '' and read back under its id.
Figures ReadFigures(const Rows& rows) {
    Figures out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        std::string area = r.Text(1).empty() ? r.Text(0) : r.Text(1);
        out.push_back({r.Text(0), std::move(area), static_cast<Month>(r.Int(2)), r.Text(3), r.Int(4), r.Int(5)});
    }
    return out;
}

constexpr const char* kFigureColumns = "SELECT commune_id, area_id, month, indicator, num, den FROM indicator_values ";

}  // namespace

Status IndicatorStore::MarkStale(Month month) {
    return db_.Exec(
        "INSERT INTO indicator_dirty (commune_id) SELECT a.id FROM areas a LEFT JOIN indicator_refreshed r ON "
        "r.commune_id = a.id WHERE a.kind IN ('commune', 'ward') AND (r.month IS NULL OR r.month < ?) "
        "ON CONFLICT (commune_id) DO NOTHING",
        {static_cast<int64_t>(month)});
}

Result<std::vector<std::string>> IndicatorStore::Marked(size_t limit) {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT commune_id FROM indicator_dirty ORDER BY commune_id LIMIT ?",
                                       {static_cast<int64_t>(limit)}));
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.Text(0));
    return out;
}

Result<Figures> IndicatorStore::CountAll(const std::string& commune_id, Month month, int64_t now) {
    CAUNOI_ASSIGN(auto area, db_.QueryOne("SELECT path FROM areas WHERE id = ?", {commune_id}));
    FigureSink sink(commune_id);
    CountContext c{db_, commune_id, area.Text(0), month, now, sink};
    CAUNOI_TRY(CountRegistry(c));
    CAUNOI_TRY(CountFieldwork(c));
    CAUNOI_TRY(CountModules(c));
    return sink.Take();
}

Status IndicatorStore::Keep(const std::string& commune_id, Month month, int64_t now, const Figures& f) {
    CAUNOI_TRY(db_.Exec("DELETE FROM indicator_values WHERE commune_id = ? AND (event = 1 OR month = ?)",
                        {commune_id, static_cast<int64_t>(month)}));
    for (size_t i = 0; i < f.size(); i += kRowsPerInsert) {
        std::string sql =
            "INSERT INTO indicator_values (commune_id, area_id, month, indicator, event, num, den) VALUES ";
        Params p;
        for (size_t j = i; j < std::min(f.size(), i + kRowsPerInsert); ++j) {
            const auto* def = indicators::Find(f[j].key);
            const bool event = def && def->kind == indicators::Kind::kEvent;
            sql += j == i ? "(?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?)";
            p.insert(p.end(),
                     {commune_id, f[j].area_id == commune_id ? std::string() : f[j].area_id,
                      static_cast<int64_t>(f[j].month), f[j].key, static_cast<int64_t>(event), f[j].num, f[j].den});
        }
        CAUNOI_TRY(db_.Exec(sql, p));
    }
    return db_.Exec("UPDATE indicator_refreshed SET month = ?, at = ? WHERE commune_id = ?",
                    {static_cast<int64_t>(month), now, commune_id});
}

Result<Figures> IndicatorStore::Count(const std::string& commune_id, Month month, int64_t now, bool keep) {
    if (!keep) return CountAll(commune_id, month, now);
    // Claim: clear the mark and take a claim number, in a short transaction. A write committed
    // after this marks the commune again, so it is recounted next round whatever this count saw.
    bool claimed = false;
    int64_t claim = 0;
    CAUNOI_TRY(db_.InTransaction([&]() -> Status {
        CAUNOI_TRY(db_.Exec("DELETE FROM indicator_dirty WHERE commune_id = ?", {commune_id}));
        if (db_.Changes() == 0) return {};  // another refresher took it
        CAUNOI_ASSIGN(auto row, db_.QueryOne("INSERT INTO indicator_refreshed (commune_id, month, at, claim) VALUES "
                                             "(?, 0, 0, 1) ON CONFLICT (commune_id) DO UPDATE SET claim = "
                                             "indicator_refreshed.claim + 1 RETURNING claim",
                                             {commune_id}));
        claimed = true;
        claim = row.Int(0);
        return {};
    }));
    if (!claimed) return Figures{};
    // Count outside any write transaction: writers are not held up by a recount (seconds for a
    // large commune at province scale, docs/benchmarks.md).
    CAUNOI_ASSIGN(auto out, CountAll(commune_id, month, now));
    // Keep, unless a newer recount of this commune began meanwhile (it keeps its own, fresher).
    CAUNOI_TRY(db_.InTransaction([&]() -> Status {
        CAUNOI_ASSIGN(auto row,
                      db_.QueryOne("SELECT claim FROM indicator_refreshed WHERE commune_id = ?", {commune_id}));
        if (row.Int(0) != claim) return {};
        return Keep(commune_id, month, now, out);
    }));
    return out;
}

Result<Figures> IndicatorStore::Kept(const std::string& commune_id, Month month) {
    CAUNOI_ASSIGN(auto rows,
                  db_.Query(std::string(kFigureColumns) + "WHERE commune_id = ? AND (event = 1 OR month = ?)",
                            {commune_id, static_cast<int64_t>(month)}));
    return ReadFigures(rows);
}

namespace {

// `WHERE` for a period: every month of it, and before its last month only Period::trend's keys.
std::string PeriodWhere(const indicators::Period& p, Params& params) {
    params.push_back(static_cast<int64_t>(p.from));
    params.push_back(static_cast<int64_t>(p.to));
    std::string sql = " AND month >= ? AND month <= ?";
    if (p.trend.empty()) return sql;
    params.push_back(static_cast<int64_t>(p.to));
    return sql + " AND (month = ? OR indicator IN (" + InList(p.trend, params) + "))";
}

}  // namespace

Result<Figures> IndicatorStore::CommuneLevel(const indicators::Period& p) {
    Params params;
    const std::string sql = std::string(kFigureColumns) + "WHERE area_id = ''" + PeriodWhere(p, params);
    CAUNOI_ASSIGN(auto rows, db_.Query(sql, params));
    return ReadFigures(rows);
}

Result<Figures> IndicatorStore::InCommune(const std::string& commune_id, const indicators::Period& p) {
    Params params{commune_id};
    const std::string sql = std::string(kFigureColumns) + "WHERE commune_id = ?" + PeriodWhere(p, params);
    CAUNOI_ASSIGN(auto rows, db_.Query(sql, params));
    return ReadFigures(rows);
}

Result<std::vector<std::string>> IndicatorStore::Communes() {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT id FROM areas WHERE kind IN ('commune', 'ward') ORDER BY id"));
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.Text(0));
    return out;
}

Result<int64_t> IndicatorStore::LastRecount() {
    CAUNOI_ASSIGN(auto row, db_.QueryOne("SELECT COALESCE(MAX(at), 0) FROM indicator_refreshed"));
    return row.Int(0);
}

Result<std::string> IndicatorStore::FiguresVersion() {
    CAUNOI_ASSIGN(auto row, db_.QueryOne("SELECT COALESCE(MAX(at), 0), COALESCE(SUM(claim), 0), COUNT(*) FROM "
                                         "indicator_refreshed"));
    return std::to_string(row.Int(0)) + "/" + std::to_string(row.Int(1)) + "/" + std::to_string(row.Int(2));
}

Result<std::vector<indicators::Place>> IndicatorStore::Places(const std::string& parent_id) {
    CAUNOI_ASSIGN(auto rows,
                  db_.Query("SELECT c.id, c.name, c.path, COALESCE(c.lat, AVG(v.lat)), "
                            "COALESCE(c.lon, AVG(v.lon)) FROM areas c LEFT JOIN areas v ON v.parent_id = "
                            "c.id AND v.lat IS NOT NULL AND v.lon IS NOT NULL WHERE c.parent_id = ? "
                            "GROUP BY c.id, c.name, c.path, c.lat, c.lon, c.name_folded ORDER BY c.name_folded",
                            {parent_id}));
    std::vector<indicators::Place> out;
    for (const auto& r : rows) {
        indicators::Place p{r.Text(0), r.Text(1), r.Text(2), std::nullopt, std::nullopt};
        if (!r.IsNull(3) && !r.IsNull(4)) p.lat = r.Real(3), p.lon = r.Real(4);
        out.push_back(std::move(p));
    }
    return out;
}

namespace {

std::string AgeBand(const Row& r, size_t i, int year) {
    if (r.IsNull(i)) return "";
    const int64_t age = year - r.Int(i);
    return age < 15 ? "0-14" : age < 18 ? "15-17" : age < 35 ? "18-34" : age < 60 ? "35-59" : "60+";
}

std::string LastSegment(const std::string& path) { return path.substr(path.rfind('/') + 1); }

}  // namespace

Result<indicators::RecordTable> IndicatorStore::Records(const std::string& commune_path, const std::string& kind,
                                                        int year) {
    using indicators::MonthParam;
    const Params range{commune_path + "/", commune_path + "0"};
    indicators::RecordTable t;
    if (kind == "residents") {
        t.header = {"resident",
                    "household",
                    "village_id",
                    "age_band",
                    "sex",
                    "phone_kind",
                    "reads_vietnamese",
                    "vneid_level",
                    "portal_account",
                    "payment_account",
                    "skill_public_services",
                    "skill_shopping",
                    "skill_payment",
                    "skill_safety",
                    "skill_local_platforms"};
        t.personal = {0, 1};
        CAUNOI_ASSIGN(
            auto rows,
            db_.Query("SELECT r.id, r.household_id, r.area_path, r.birth_year, COALESCE(r.sex, ''), "
                      "r.phone_kind, CASE WHEN r.language = 'vi' THEN 1 ELSE 0 END, r.vneid_level, r.portal_account, "
                      "r.payment_account, r.skill_public_services, r.skill_shopping, "
                      "r.skill_payment, r.skill_safety, r.skill_local_platforms FROM residents r "
                      "WHERE r.area_path >= ? AND r.area_path < ? ORDER BY r.seq",
                      range));
        for (const auto& r : rows) {
            std::vector<std::string> out{r.Text(0), r.Text(1), LastSegment(r.Text(2)), AgeBand(r, 3, year)};
            for (size_t i = 4; i < 15; ++i) out.push_back(r.Text(i));
            t.rows.push_back(std::move(out));
        }
    } else if (kind == "sessions") {
        t.header = {"session", "household",     "village_id",        "month",   "channel",
                    "minutes", "services_done", "services_not_done", "corrects"};
        t.personal = {0, 1, 8};
        CAUNOI_ASSIGN(auto rows,
                      db_.Query("SELECT s.id, s.household_id, s.area_path, s.at, s.channel, s.minutes, "
                                "(SELECT COUNT(*) FROM session_services x WHERE x.session_id = s.id AND x.outcome = "
                                "'done'), (SELECT COUNT(*) FROM session_services x WHERE x.session_id = s.id AND "
                                "x.outcome = 'not_done'), COALESCE(s.corrects_id, '') FROM support_sessions s WHERE "
                                "s.area_path >= ? AND s.area_path < ? ORDER BY s.seq",
                                range));
        for (const auto& r : rows)
            t.rows.push_back({r.Text(0), r.Text(1), LastSegment(r.Text(2)),
                              MonthParam(indicators::MonthOfEpoch(r.Int(3))), r.Text(4), std::to_string(r.Int(5)),
                              std::to_string(r.Int(6)), std::to_string(r.Int(7)), r.Text(8)});
    } else if (kind == "dossiers") {
        t.header = {"dossier", "resident", "village_id", "procedure", "channel", "month", "status"};
        t.personal = {0, 1};
        CAUNOI_ASSIGN(auto rows, db_.Query("SELECT d.id, d.resident_id, d.area_path, d.procedure_code, d.channel, "
                                           "d.submitted_day, d.status FROM dossiers d WHERE d.area_path >= ? AND "
                                           "d.area_path < ? ORDER BY d.seq",
                                           range));
        for (const auto& r : rows)
            t.rows.push_back({r.Text(0), r.Text(1), LastSegment(r.Text(2)), r.Text(3), r.Text(4),
                              MonthParam(indicators::MonthOfDay(r.Int(5))), r.Text(6)});
    } else {
        return Error::Invalid("kind", "unknown record kind");
    }
    return t;
}

Result<std::vector<indicators::UnreachedResident>> IndicatorStore::Unreached(const Scope& scope,
                                                                             const std::string& village_id,
                                                                             int64_t now) {
    CAUNOI_ASSIGN(auto village,
                  db_.QueryOne("SELECT path, parent_id FROM areas WHERE id = ? AND kind = 'village'", {village_id}));
    CAUNOI_ASSIGN(auto villages, VillageFactsOf(db_, village.Text(1)));
    const indicators::VillageFacts facts = villages[village_id];
    Params p{now - indicators::kVisitDays * 86400, village.Text(0)};
    const std::string where = InScope(scope, "r.area_path", p);
    CAUNOI_ASSIGN(
        auto rows,
        db_.Query(std::string("SELECT r.id, r.full_name, h.name, r.area_path, CASE WHEN EXISTS (SELECT 1 FROM "
                              "support_sessions s WHERE s.household_id = h.id AND s.at >= ?) THEN 1 ELSE 0 "
                              "END, ") +
                      kResidentFactsColumns +
                      " FROM residents r JOIN households h ON h.id = r.household_id WHERE r.area_path = ? "
                      "AND " +
                      where + " ORDER BY h.name_folded, r.name_folded, r.id",
                  p));
    std::vector<indicators::UnreachedResident> out;
    const int year = indicators::YearOf(indicators::MonthOfEpoch(now));
    for (const auto& r : rows) {
        auto f = ReadResidentFacts(r, 5);
        if (!indicators::CountsForReach(f, year) || indicators::Reach(f, facts, r.Int(4) != 0) != 0) continue;
        out.push_back(
            {r.Text(0), r.Text(1), f.household_id, r.Text(2), f.birth_year, f.phone_kind, f.language, r.Text(3)});
    }
    return out;
}

}  // namespace caunoi::storage
