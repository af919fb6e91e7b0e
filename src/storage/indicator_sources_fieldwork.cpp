// Support sessions, services, safety tips, dossiers and the habit cohorts: event figures by month.
#include <set>
#include <unordered_map>

#include "storage/indicator_sources.hpp"

namespace caunoi::storage {

namespace {

// Sessions later corrected (a correction is a new session naming the old one) count once, as
// their correction.
std::string NotCorrected(const std::string& col) {
    return col +
           " NOT IN (SELECT corrects_id FROM support_sessions WHERE area_path >= ? AND area_path < ? AND corrects_id "
           "IS NOT NULL)";
}

Params Twice(const Params& p) {
    Params out = p;
    out.insert(out.end(), p.begin(), p.end());
    return out;
}

Status CountCohorts(CountContext& c) {
    using namespace indicators;
    // The month each resident was first helped in this commune, and their village now.
    CAUNOI_ASSIGN(auto first,
                  c.db.Query("SELECT sr.resident_id, r.area_path, MIN(s.at) FROM support_sessions s "
                             "JOIN session_residents sr ON sr.commune_id = s.commune_id AND "
                             "sr.session_id = s.id JOIN residents r ON r.id = sr.resident_id "
                             "WHERE s.area_path >= ? AND s.area_path < ? GROUP BY sr.resident_id, r.area_path",
                             c.Range()));
    CAUNOI_ASSIGN(auto self, c.db.Query("SELECT resident_id, submitted_day FROM dossiers WHERE area_path >= ? AND "
                                        "area_path < ? AND channel = 'self_online'",
                                        c.Range()));
    std::unordered_map<std::string, std::set<Month>> self_months;
    for (const auto& r : self) self_months[r.Text(0)].insert(MonthOfDay(r.Int(1)));
    for (const auto& r : first) {
        const Month cohort = MonthOfEpoch(r.Int(2));
        auto it = self_months.find(r.Text(0));
        for (int window : {3, 6}) {
            if (AddMonths(cohort, window) >= c.month) continue;  // the window has not closed yet
            bool filed = false;
            if (it != self_months.end())
                for (Month m : it->second) filed = filed || (m > cohort && m <= AddMonths(cohort, window));
            c.out.Add(c.VillageOf(r.Text(1)), cohort, window == 3 ? "cohort3" : "cohort6", filed, 1);
        }
    }
    return {};
}

}  // namespace

Status CountFieldwork(CountContext& c) {
    const Dialect d = c.db.dialect();
    const std::string month = MonthSql(d, "s.at");
    const std::string in_commune = " WHERE s.area_path >= ? AND s.area_path < ? AND " + NotCorrected("s.id");
    CAUNOI_ASSIGN(auto sessions, c.db.Query("SELECT s.area_path, " + month + ", COUNT(*) FROM support_sessions s" +
                                                in_commune + " GROUP BY 1, 2",
                                            Twice(c.Range())));
    for (const auto& r : sessions) c.out.Add(c.VillageOf(r.Text(0)), r.Int(1), "sessions", r.Int(2), 0);
    // Tips by the session's people: tips_given is keyed by resident, not by session.
    CAUNOI_ASSIGN(auto tips, c.db.Query("SELECT s.area_path, " + month +
                                            ", COUNT(*) FROM support_sessions s JOIN session_residents sr ON "
                                            "sr.commune_id = s.commune_id AND sr.session_id = s.id JOIN tips_given t "
                                            "ON t.commune_id = s.commune_id AND t.resident_id = sr.resident_id AND "
                                            "t.session_id = s.id" +
                                            in_commune + " GROUP BY 1, 2",
                                        Twice(c.Range())));
    for (const auto& r : tips) c.out.Add(c.VillageOf(r.Text(0)), r.Int(1), "tips", r.Int(2), 0);
    CAUNOI_ASSIGN(
        auto services,
        c.db.Query("SELECT " + month +
                       ", ss.service_key, ss.outcome, COALESCE(ss.reason, ''), COUNT(*) FROM support_sessions s "
                       "JOIN session_services ss ON ss.commune_id = s.commune_id AND ss.session_id = s.id" +
                       in_commune + " GROUP BY 1, 2, 3, 4",
                   Twice(c.Range())));
    for (const auto& r : services) {
        c.out.Add("", r.Int(0), "svc." + r.Text(1) + "." + r.Text(2), r.Int(4), 0);
        if (r.Text(2) == "not_done" && !r.Text(3).empty()) c.out.Add("", r.Int(0), "reason." + r.Text(3), r.Int(4), 0);
    }
    CAUNOI_ASSIGN(auto dossiers,
                  c.db.Query("SELECT d.area_path, " + DayMonthSql(d, "d.submitted_day") +
                                 ", COUNT(*), SUM(CASE WHEN d.channel <> 'desk' THEN 1 ELSE 0 END), "
                                 "SUM(CASE WHEN d.channel = 'self_online' THEN 1 ELSE 0 END) FROM dossiers d "
                                 "WHERE d.area_path >= ? AND d.area_path < ? GROUP BY 1, 2",
                             c.Range()));
    for (const auto& r : dossiers) {
        const std::string v = c.VillageOf(r.Text(0));
        c.out.Add(v, r.Int(1), "dossiers_online", r.Int(3), r.Int(2));
        c.out.Add(v, r.Int(1), "dossiers_self", r.Int(4), r.Int(3));
    }
    return CountCohorts(c);
}

}  // namespace caunoi::storage
