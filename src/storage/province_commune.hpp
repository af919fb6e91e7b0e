// One commune of the province-scale demo (storage/province_demo.hpp): its villages, team,
// households and residents, and a year of sessions, dossiers and desk tickets, written in one
// transaction the caller opens. Its own random generator, seeded from the options' seed and the
// commune's index: communes do not depend on each other's draws.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/calendar.hpp"
#include "demo/demo.hpp"
#include "storage/database.hpp"
#include "storage/province_demo.hpp"

namespace caunoi::storage::province {

struct Commune {
    std::string id, name, path, kind, former_district;
    bool highland = false;
};

// What every commune draws from: the seeded safety tips, services and procedures.
struct Catalog {
    std::vector<std::string> tips, services;
    std::vector<std::pair<std::string, int>> procedures;  // code, processing days
    WorkingCalendar calendar;
};

// Writes commune `c` (number `index` in the province's order); adds to `totals` and `logins`.
Status WriteCommune(Database& db, demo::DemoServices& s, const ProvinceDemoOptions& o, const Catalog& cat,
                    const Commune& c, size_t index, ProvinceDemoTotals& totals, std::vector<demo::DemoLogin>& logins);

}  // namespace caunoi::storage::province
