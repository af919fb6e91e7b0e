#include "storage/province_demo.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "core/calendar.hpp"
#include "core/embedded.hpp"
#include "storage/province_commune.hpp"

namespace caunoi::storage {
namespace {

using province::Catalog;
using province::Commune;

Result<std::vector<std::string>> Keys(Database& db, const std::string& sql) {
    CAUNOI_ASSIGN(auto rows, db.Query(sql));
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.Text(0));
    if (out.empty()) return Error::Internal("nothing seeded for: " + sql);
    return out;
}

Result<Catalog> LoadCatalog(Database& db) {
    Catalog cat;
    CAUNOI_ASSIGN(cat.tips, Keys(db, "SELECT key FROM safety_tips WHERE active = 1 ORDER BY position"));
    CAUNOI_ASSIGN(cat.services, Keys(db, "SELECT key FROM services WHERE active = 1 ORDER BY position"));
    // The procedures a commune files most, with their processing days (data/procedures.txt).
    const std::pair<const char*, int> kProcedures[] = {{"birth_linked", 3},    {"permanent_residence", 7},
                                                       {"marital_status", 3},  {"elderly_allowance", 7},
                                                       {"certified_copy", 1},  {"business_household", 3},
                                                       {"poor_household", 10}, {"temporary_residence", 3},
                                                       {"death_linked", 3},    {"marriage", 1}};
    CAUNOI_ASSIGN(auto known, Keys(db, "SELECT code FROM procedures"));
    for (const auto& [code, days] : kProcedures)
        if (std::find(known.begin(), known.end(), code) != known.end()) cat.procedures.emplace_back(code, days);
    if (cat.procedures.empty()) return Error::Internal("none of the demo's procedures is in the catalog");
    CAUNOI_ASSIGN(cat.calendar, WorkingCalendar::Parse(EmbeddedFile("data/holidays.tsv")));
    return cat;
}

}  // namespace

Result<ProvinceDemo> CreateProvinceDemo(Database& db, demo::DemoServices& s, const ProvinceDemoOptions& o) {
    if (!(o.fraction > 0 && o.fraction <= 1)) return Error::Invalid("fraction", "the fraction must be in (0, 1]");
    CAUNOI_ASSIGN(auto existing, db.QueryOne("SELECT COUNT(*) FROM households"));
    if (existing.Int(0) > 0) return Error::Conflict("this database already has households");
    CAUNOI_ASSIGN(auto cat, LoadCatalog(db));
    CAUNOI_ASSIGN(auto rows, db.Query("SELECT id, name, path, kind, COALESCE(former_district, ''), highland FROM areas "
                                      "WHERE kind IN ('commune', 'ward') ORDER BY id"));
    if (rows.empty()) return Error::Internal("no communes: the area list was not seeded");
    std::vector<Commune> communes;
    for (const auto& r : rows)
        communes.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5) != 0});
    // The first commune holds the demo's officer and team leader: Mường Xén (Kỳ Sơn) as in the
    // small demo when it is in the list.
    auto first = std::find_if(communes.begin(), communes.end(), [](const Commune& c) { return c.id == "16813"; });
    if (first != communes.end()) std::rotate(communes.begin(), first, first + 1);

    ProvinceDemo out;
    if (db.dialect() == Dialect::kSqlite) {
        // A larger page cache while millions of index entries are written (the connection is the
        // command's own and ends with it).
        CAUNOI_TRY(db.ExecScript("PRAGMA cache_size=-262144"));
    }
    CAUNOI_TRY(s.transactions.Atomically([&]() -> Status {
        Fields f({{"username", "admin"},
                  {"display_name", "Quản trị tỉnh (mẫu)"},
                  {"role", "province_admin"},
                  {"area_id", "40"},
                  {"password", demo::kDemoPassword}});
        CAUNOI_ASSIGN(auto u, s.auth.CreateUser(auth::SystemActor(), f));
        out.logins.push_back({u.username, demo::kDemoPassword, "province_admin", "Nghệ An"});
        return {};
    }));
    const auto start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < communes.size(); ++i) {
        CAUNOI_TRY(s.transactions.Atomically(
            [&] { return province::WriteCommune(db, s, o, cat, communes[i], i, out.totals, out.logins); }));
        ++out.totals.communes;
        if (o.progress && ((i + 1) % 10 == 0 || i + 1 == communes.size())) {
            const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            char line[160];
            std::snprintf(line, sizeof line, "%zu/%zu communes: %lld households, %lld residents, %lld sessions, %.0f s",
                          i + 1, communes.size(), static_cast<long long>(out.totals.households),
                          static_cast<long long>(out.totals.residents), static_cast<long long>(out.totals.sessions),
                          secs);
            o.progress(line);
        }
    }
    // SQLite: the name index's segments, written commune by commune, merged into one (seconds at
    // full scale; name searches' slowest answers halve: docs/benchmarks.md, "Province scale").
    if (db.dialect() == Dialect::kSqlite)
        CAUNOI_TRY(db.ExecScript("INSERT INTO household_fts(household_fts) VALUES('optimize')"));
    return out;
}

}  // namespace caunoi::storage
