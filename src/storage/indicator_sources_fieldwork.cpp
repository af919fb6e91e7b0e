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

// One pass over the commune's sessions and their people: the safety tips given (sessions not
// corrected) and each person's first help, for the cohorts (the village where it was given).
Status CountPeople(CountContext& c, const std::string& month_sql) {
    using namespace indicators;
    CAUNOI_ASSIGN(auto people, c.db.Query("SELECT s.area_path, s.at, " + month_sql +
                                              ", sr.resident_id, CASE WHEN t.resident_id IS NULL THEN 0 ELSE 1 END, "
                                              "CASE WHEN " +
                                              NotCorrected("s.id") +
                                              " THEN 1 ELSE 0 END FROM support_sessions s JOIN session_residents sr "
                                              "ON sr.commune_id = s.commune_id AND sr.session_id = s.id LEFT JOIN "
                                              "tips_given t ON t.commune_id = s.commune_id AND t.resident_id = "
                                              "sr.resident_id AND t.tip_key = s.tip_key AND t.session_id = s.id "
                                              "WHERE s.area_path >= ? AND s.area_path < ?",
                                          Twice(c.Range())));
    struct First {
        int64_t at;
        std::string path;
    };
    std::unordered_map<std::string, First> first;
    for (const auto& r : people) {
        if (r.Int(4) && r.Int(5)) c.out.Add(c.VillageOf(r.Text(0)), static_cast<Month>(r.Int(2)), "tips", 1, 0);
        auto [it, fresh] = first.try_emplace(r.Text(3), First{r.Int(1), r.Text(0)});
        if (!fresh && r.Int(1) < it->second.at) it->second = {r.Int(1), r.Text(0)};
    }
    CAUNOI_ASSIGN(auto self, c.db.Query("SELECT resident_id, submitted_day FROM dossiers WHERE area_path >= ? AND "
                                        "area_path < ? AND channel = 'self_online'",
                                        c.Range()));
    std::unordered_map<std::string, std::set<Month>> self_months;
    for (const auto& r : self) self_months[r.Text(0)].insert(MonthOfDay(r.Int(1)));
    for (const auto& [resident, f] : first) {
        const Month cohort = MonthOfEpoch(f.at);
        auto it = self_months.find(resident);
        for (int window : {3, 6}) {
            if (AddMonths(cohort, window) >= c.month) continue;  // the window has not closed yet
            bool filed = false;
            if (it != self_months.end())
                for (Month m : it->second) filed = filed || (m > cohort && m <= AddMonths(cohort, window));
            c.out.Add(c.VillageOf(f.path), cohort, window == 3 ? "cohort3" : "cohort6", filed, 1);
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
    return CountPeople(c, month);
}

}  // namespace caunoi::storage
