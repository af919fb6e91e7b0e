// A synthetic dataset the size of Nghệ An (`caunoi demo --scale province`): every commune of the
// province's list with about 19 villages each (marked "(mẫu)" = sample), about 850,000
// households and 3.4 million residents named as in demo/names.hpp, a year of support sessions
// (about 5 million), dossiers that move from assisted to self-filed over the year, desk tickets
// and scam reports. `fraction` scales the households, and all that follows them, in every
// commune (all communes are always there), so tests run small.
//
// Teams, members and the demo logins are created through the services (auth, scope and audit
// apply to them as to any); the rows of the registry and of the history are written with
// multi-row INSERTs (storage/bulk_insert.hpp), one transaction per commune, with every column
// the stores write (commune_id, area_path, consent, times) and the sync change log, so the
// triggers of both engines keep the name search and the indicator marks as for any write.
// No national ID is generated (national_id_hash stays NULL).
//
// Deterministic for a seed and a `now`. Runs on the calling thread; the Database must be the one
// the services write to.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "demo/demo.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

struct ProvinceDemoOptions {
    double fraction = 1.0;  // (0, 1]
    unsigned seed = 2026;
    int64_t now = 0;  // epoch seconds: the history ends here
    // Told a line of progress now and then (nullptr: nothing).
    std::function<void(const std::string&)> progress;
};

struct ProvinceDemoTotals {
    int64_t communes = 0, villages = 0, teams = 0, households = 0, residents = 0, sessions = 0, dossiers = 0,
            tickets = 0, scam_reports = 0;
};

struct ProvinceDemo {
    std::vector<demo::DemoLogin> logins;
    ProvinceDemoTotals totals;
};

// Refuses a fraction outside (0, 1]. Expects the communes, services, safety tips and procedures
// seeded (as cli::Open leaves a database) and no households.
Result<ProvinceDemo> CreateProvinceDemo(Database& db, demo::DemoServices& s, const ProvinceDemoOptions& o);

}  // namespace caunoi::storage
