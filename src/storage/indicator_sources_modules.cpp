// The desk, scam reports, training, warnings, listings and no-signal reports.
#include <algorithm>
#include <unordered_map>

#include "storage/indicator_sources.hpp"

namespace caunoi::storage {

namespace {

constexpr int64_t kReturnSeconds = 30 * 86400;

Status CountDesk(CountContext& c) {
    using indicators::MonthOfEpoch;
    CAUNOI_ASSIGN(auto rows, c.db.Query("SELECT COALESCE(resident_id, ''), issued_at, called_at, served_at, closed_at "
                                        "FROM desk_tickets WHERE commune_id = ? ORDER BY issued_at",
                                        {c.commune_id}));
    std::unordered_map<std::string, int64_t> last_visit;
    for (const auto& r : rows) {
        const auto m = MonthOfEpoch(r.Int(1));
        if (!r.IsNull(2)) c.out.Add("", m, "desk_wait", std::max<int64_t>(0, r.Int(2) - r.Int(1)), 1);
        if (!r.IsNull(3) && !r.IsNull(4)) c.out.Add("", m, "desk_serve", std::max<int64_t>(0, r.Int(4) - r.Int(3)), 1);
        bool returned = false;
        if (!r.Text(0).empty()) {
            auto [it, fresh] = last_visit.try_emplace(r.Text(0), r.Int(1));
            returned = !fresh && r.Int(1) - it->second <= kReturnSeconds;
            it->second = r.Int(1);
        }
        c.out.Add("", m, "desk_returns", returned, 1);
    }
    return {};
}

}  // namespace

Status CountModules(CountContext& c) {
    const Dialect d = c.db.dialect();
    CAUNOI_TRY(CountDesk(c));
    CAUNOI_ASSIGN(auto scams, c.db.Query("SELECT area_path, " + MonthSql(d, "at") +
                                             ", COUNT(*) FROM scam_reports WHERE commune_id = ? GROUP BY 1, 2",
                                         {c.commune_id}));
    for (const auto& r : scams) c.out.Add(c.VillageOf(r.Text(0)), r.Int(1), "scams", r.Int(2), 0);
    CAUNOI_ASSIGN(auto training, c.db.Query("SELECT " + MonthSql(d, "s.starts_at") +
                                                ", COUNT(*) FROM training_attendance t JOIN training_sessions s ON "
                                                "s.commune_id = t.commune_id AND s.id = t.session_id WHERE "
                                                "t.commune_id = ? GROUP BY 1",
                                            {c.commune_id}));
    for (const auto& r : training) c.out.Add("", r.Int(0), "training", r.Int(1), 0);
    CAUNOI_ASSIGN(auto warnings,
                  c.db.Query("SELECT v.village_id, " + MonthSql(d, "a.sent") +
                                 ", COUNT(*), SUM(CASE WHEN v.acknowledged_at IS NULL THEN 0 ELSE 1 END) FROM "
                                 "alert_villages v JOIN alerts a ON a.id = v.alert_id WHERE v.commune_id = ? AND "
                                 "a.status = 'Actual' GROUP BY 1, 2",
                             {c.commune_id}));
    for (const auto& r : warnings) c.out.Add(r.Text(0), r.Int(1), "warning_ack", r.Int(3), r.Int(2));
    CAUNOI_ASSIGN(auto listings, c.db.Query("SELECT village_id, COUNT(*) FROM listings WHERE commune_id = ? AND "
                                            "status = 'approved' GROUP BY 1",
                                            {c.commune_id}));
    for (const auto& r : listings) c.out.Add(r.Text(0), c.month, "listings", r.Int(1), 0);
    CAUNOI_ASSIGN(auto reports, c.db.Query("SELECT village_id, " + MonthSql(d, "at") +
                                               ", COUNT(*) FROM no_signal_reports WHERE commune_id = ? GROUP BY 1, 2",
                                           {c.commune_id}));
    for (const auto& r : reports) c.out.Add(r.Text(0), r.Int(1), "no_signal_reports", r.Int(2), 0);
    return {};
}

}  // namespace caunoi::storage
