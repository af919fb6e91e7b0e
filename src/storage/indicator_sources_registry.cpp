// Households, residents, reach and villages: status figures of the current month.
#include <unordered_map>

#include "indicators/reach.hpp"
#include "registry/registry.hpp"
#include "storage/indicator_sources.hpp"

namespace caunoi::storage {

namespace {

struct HouseholdFacts {
    std::string village_id;
    bool visited = false;
    bool skilled = false;
};

}  // namespace

Status CountRegistry(CountContext& c) {
    using namespace indicators;
    const Month m = c.month;
    const int year = YearOf(MonthOfEpoch(c.now));
    CAUNOI_ASSIGN(auto villages, VillageFactsOf(c.db, c.commune_id));
    for (const auto& [id, v] : villages) c.out.Add(id, m, "no_signal_villages", v.coverage == "none" ? 1 : 0, 1);

    Params p{c.now - kVisitDays * 86400};
    for (auto& x : c.Range()) p.push_back(x);
    CAUNOI_ASSIGN(auto hrows,
                  c.db.Query("SELECT h.id, h.village_id, COALESCE(h.broadband, ''), CASE WHEN EXISTS "
                             "(SELECT 1 FROM support_sessions s WHERE s.household_id = h.id AND s.at >= ?) "
                             "THEN 1 ELSE 0 END FROM households h WHERE h.area_path >= ? AND h.area_path < ?",
                             p));
    std::unordered_map<std::string, HouseholdFacts> households;
    for (const auto& r : hrows) {
        households[r.Text(0)] = {r.Text(1), r.Int(3) != 0, false};
        c.out.Add(r.Text(1), m, "hh_fibre", r.Text(2) == "fibre" ? 1 : 0, 1);
        c.out.Add(r.Text(1), m, "hh_net_unasked", r.Text(2).empty() ? 1 : 0, 1);
    }

    CAUNOI_ASSIGN(auto rrows, c.db.Query(std::string("SELECT ") + kResidentFactsColumns +
                                             " FROM residents r WHERE r.area_path >= ? AND r.area_path < ?",
                                         c.Range()));
    const VillageFacts none;
    for (const auto& row : rrows) {
        ResidentFacts f = ReadResidentFacts(row, 0);
        auto h = households.find(f.household_id);
        if (h == households.end()) continue;  // a household outside the commune: counted there
        const std::string& v = h->second.village_id;
        auto vf = villages.find(v);
        const bool adult = IsAdult(f, year);
        c.out.Add(v, m, "adult_smartphone", adult && f.phone_kind == "smart", adult);
        c.out.Add(v, m, "adult_vneid1", adult && f.vneid_level == 1, adult);
        c.out.Add(v, m, "adult_vneid2", adult && f.vneid_level == 2, adult);
        c.out.Add(v, m, "adult_portal", adult && f.portal_account, adult);
        const bool aged15 = IsAged15(f, year);
        c.out.Add(v, m, "payment_15", aged15 && f.payment_account, aged15);
        bool all = true;
        for (int s = 0; s < 5; ++s) {
            const std::string skill(registry::kSkills[s].key);
            c.out.Add(v, m, "skill." + skill + ".assisted", f.skills[s] == 1, 1);
            c.out.Add(v, m, "skill." + skill + ".independent", f.skills[s] == 2, 1);
            all = all && f.skills[s] == 2;
        }
        if (all) h->second.skilled = true;
        if (!CountsForReach(f, year)) continue;
        const unsigned reach = Reach(f, vf == villages.end() ? none : vf->second, h->second.visited);
        c.out.Add(v, m, "reach", reach != 0, 1);
        for (unsigned bit = 0; bit < 4; ++bit)
            c.out.Add(v, m, std::string("reach.") + kChannelKeys[bit], (reach >> bit) & 1u, 1);
    }
    for (const auto& [id, h] : households) c.out.Add(h.village_id, m, "hh_skilled", h.skilled, 1);
    return {};
}

}  // namespace caunoi::storage
