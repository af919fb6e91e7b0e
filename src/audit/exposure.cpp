#include "audit/exposure.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace caunoi::audit {

std::vector<ExposedPerson> Summarise(const std::vector<ExposureEvent>& events) {
    std::map<std::string, ExposedPerson> by_id;
    for (const auto& e : events) {
        auto [it, fresh] = by_id.try_emplace(e.resident_id);
        ExposedPerson& p = it->second;
        if (fresh) {
            p.resident_id = e.resident_id;
            p.first_at = p.last_at = e.at;
            p.erased = true;
        }
        if (!e.name.empty()) {
            p.name = e.name;
            p.phone = e.phone;
            p.village = e.village;
            p.commune = e.commune;
            p.erased = false;
        }
        p.first_at = std::min(p.first_at, e.at);
        p.last_at = std::max(p.last_at, e.at);
        (e.action == "view" ? p.reads : p.changes)++;
        if (!e.account.empty()) p.accounts.insert(e.account);
        p.ways.insert(e.how.empty() ? e.action : e.how);
    }
    std::vector<ExposedPerson> out;
    out.reserve(by_id.size());
    for (auto& [id, p] : by_id) out.push_back(std::move(p));
    std::sort(out.begin(), out.end(), [](const ExposedPerson& a, const ExposedPerson& b) {
        return std::tie(a.erased, a.commune, a.village, a.name, a.resident_id) <
               std::tie(b.erased, b.commune, b.village, b.name, b.resident_id);
    });
    return out;
}

}  // namespace caunoi::audit
