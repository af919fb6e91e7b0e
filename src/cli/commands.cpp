// The subcommands but serve (cli/serve.cpp): demo, migrate, user, import, backup, migrate-data,
// outbox, citus-sql and routes.
#include "cli/commands.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>
#include <utility>

#include "board/weather.hpp"
#include "cli/open.hpp"
#include "demo/demo.hpp"
#include "http/feed_fetcher.hpp"
#include "http/handlers/announcements.hpp"
#include "http/handlers/board.hpp"
#include "http/handlers/indicators.hpp"
#include "http/handlers/listings.hpp"
#include "http/handlers/training.hpp"
#include "http/handlers/translations.hpp"
#include "http/http_get.hpp"
#include "http/open_meteo.hpp"
#include "core/crypto.hpp"
#include "core/sealed_stream.hpp"
#include "storage/backups.hpp"
#include "storage/board_stores.hpp"
#include "storage/data_copy.hpp"
#include "storage/distribution.hpp"
#include "storage/migrator.hpp"
#include "storage/postgres/pg_database.hpp"
#include "storage/province_demo.hpp"
#include "storage/sms_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "warnings/alerts.hpp"

namespace caunoi::cli {

int Fail(const std::string& msg) {
    std::cerr << "caunoi: " << msg << "\n";
    return 1;
}

namespace {

// Mường Xén's demo team leader and member translate Mông (to try a translation and its review,
// a recording and its approval: docs/translations.md), and its demo villages speak Mông. No text
// is translated or recorded: nothing in these languages is made up.
Status DemoLanguages(http::App& app) {
    auto& m = app.Get<http::TranslationsModule>();
    const int64_t now = app.clock.NowSeconds();
    for (const char* login : {"totruong.muongxen", "thanhvien.muongxen"}) {
        auto u = m.graph.user_store.FindByLogin(login);
        if (!u.ok()) continue;  // a demo without that commune
        auto granted = m.store.Grant({u->id, "", "hmn", "demo", now});
        if (!granted.ok()) return granted.error();
    }
    CAUNOI_ASSIGN(auto villages,
                  app.db.Query("SELECT id FROM areas WHERE kind = 'village' AND path LIKE '40/16813/%'"));
    for (const auto& v : villages) CAUNOI_TRY(m.store.SetVillageLanguages(v.Text(0), {"hmn"}, "demo", now));
    return {};
}

}  // namespace

namespace {

// `caunoi demo --scale province [--fraction F]`: the province-sized synthetic dataset
// (storage/province_demo.hpp), then the indicators counted once, each step timed.
int ProvinceDemo(const Args& a, Opened& o, unsigned seed) {
    storage::ProvinceDemoOptions opts;
    const std::string fraction = a.Get("fraction", nullptr, "1");
    char* end = nullptr;
    opts.fraction = std::strtod(fraction.c_str(), &end);
    if (fraction.empty() || *end != '\0' || !(opts.fraction > 0 && opts.fraction <= 1))
        return Fail("--fraction takes a number greater than 0 and at most 1, not \"" + fraction + "\"");
    opts.seed = seed;
    opts.now = o.clock.NowSeconds();
    opts.progress = [](const std::string& line) { std::cerr << "province demo: " << line << "\n"; };
    auto& app = *o.app;
    auto& board = app.Get<http::BoardModule>();
    demo::DemoServices s{app.areas,    app.registry,     app.teams,  app.auth,      app.fieldwork,
                         app.dossiers, app.transactions, app.alerts, board.weather, board.prices};
    auto seconds = [](auto since) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
    };
    const auto start = std::chrono::steady_clock::now();
    auto made = storage::CreateProvinceDemo(*o.db, s, opts);
    if (!made.ok()) return Fail("demo failed: " + made.error().detail);
    const auto& t = made->totals;
    std::cout << "generated " << t.communes << " communes, " << t.villages << " villages, " << t.teams << " teams, "
              << t.households << " households, " << t.residents << " residents, " << t.sessions << " sessions, "
              << t.dossiers << " dossiers, " << t.tickets << " desk tickets, " << t.scam_reports << " scam reports in "
              << static_cast<int64_t>(seconds(start)) << " s" << std::endl;
    const auto counting = std::chrono::steady_clock::now();
    if (auto n = app.Get<http::IndicatorsModule>().service.Refresh(); !n.ok())
        return Fail("demo failed: indicators: " + n.error().detail);
    std::cout << "indicators counted in " << static_cast<int64_t>(seconds(counting)) << " s\n";
    std::cout << "Demo logins (password for all: " << demo::kDemoPassword << "):\n";
    bool member_shown = false;
    for (const auto& l : made->logins) {
        if (l.role == "member" && std::exchange(member_shown, true)) continue;
        std::cout << "  " << l.login << "\t" << l.role << "\t" << l.where << "\n";
    }
    std::cout << "  and thanhvien.<commune code>\tmember\tin every commune (" << made->totals.communes << ")\n";
    return 0;
}

}  // namespace

int Demo(const Args& a) {
    const std::string scale = a.Get("scale", nullptr, "demo");
    if (scale != "demo" && scale != "province")
        return Fail("--scale takes \"demo\" (a few communes) or \"province\" (all of Nghệ An), not \"" + scale + "\"");
    if (scale != "province" && a.Has("fraction")) return Fail("--fraction goes with --scale province");
    auto o = Open(a);
    auto existing = o->db->QueryOne("SELECT COUNT(*) FROM households");
    if (existing.ok() && existing->Int(0) > 0) return Fail("this database already has households; use a new --db file");
    demo::DemoOptions opts;
    auto households = a.Int("households", nullptr, opts.households_per_commune, 1, 1000000);
    if (!households.ok()) return Fail(households.error().detail);
    auto seed = a.Int("seed", nullptr, opts.seed, 0, std::numeric_limits<unsigned>::max());
    if (!seed.ok()) return Fail(seed.error().detail);
    opts.households_per_commune = static_cast<int>(*households);
    opts.seed = static_cast<unsigned>(*seed);
    if (scale == "province") return ProvinceDemo(a, *o, opts.seed);
    auto& app = *o->app;
    auto& board = app.Get<http::BoardModule>();
    demo::DemoServices s{app.areas,    app.registry,     app.teams,  app.auth,      app.fieldwork,
                         app.dossiers, app.transactions, app.alerts, board.weather, board.prices};
    s.announcements = &app.Get<http::AnnouncementsModule>().service;
    s.training = &app.Get<http::TrainingModule>().service;
    s.listings = &app.Get<http::ListingsModule>().service;
    auto logins = demo::CreateDemo(s, opts);
    if (!logins.ok()) return Fail("demo failed: " + logins.error().detail);
    if (auto st = DemoLanguages(app); !st.ok()) return Fail("demo failed: " + st.error().detail);
    // The figures of the dashboards, counted once now rather than at the server's first pass.
    if (auto n = app.Get<http::IndicatorsModule>().service.Refresh(); !n.ok())
        return Fail("demo failed: indicators: " + n.error().detail);
    std::cout << "Demo logins (password for all: " << demo::kDemoPassword << "):\n";
    for (const auto& l : *logins) std::cout << "  " << l.login << "\t" << l.role << "\t" << l.where << "\n";
    return 0;
}

int Migrate(const Args& a) {
    Open(a);
    std::cout << "schema at version " << storage::LatestSchemaVersion() << "\n";
    return 0;
}

namespace {

std::string ReadPassword() {
    if (const char* p = std::getenv("CAUNOI_PASSWORD"); p && *p) return p;
    std::string line;
    std::getline(std::cin, line);
    return line;
}

}  // namespace

int User(const Args& a) {
    if (a.positional.size() < 2) return Fail("user needs a subcommand: add, passwd, disable, list");
    auto o = Open(a);
    auto& app = *o->app;
    Actor sys = auth::SystemActor();
    const std::string& sub = a.positional[1];
    if (sub == "list") {
        auto us = app.auth.ListUsers(sys, "", 200);
        if (!us.ok()) return Fail(us.error().detail);
        for (const auto& u : *us)
            std::cout << (u.username.empty() ? u.phone : u.username) << "\t" << RoleName(u.role) << "\t" << u.area_path
                      << "\t" << u.display_name << (u.disabled ? "\t(disabled)" : "") << "\n";
        return 0;
    }
    if (sub == "add") {
        Fields f;
        for (auto [flag, field] : std::map<std::string, std::string>{{"username", "username"},
                                                                     {"phone", "phone"},
                                                                     {"name", "display_name"},
                                                                     {"role", "role"},
                                                                     {"area", "area_id"},
                                                                     {"team", "team_id"}})
            if (a.Has(flag)) f.Set(field, a.flags.at(flag));
        f.Set("password", ReadPassword());
        auto u = app.auth.CreateUser(sys, f);
        if (!u.ok()) return Fail(u.error().field + ": " + u.error().detail);
        std::cout << "created " << u->id << "\n";
        return 0;
    }
    if (a.positional.size() < 3) return Fail("user " + sub + " needs a LOGIN");
    auto found = app.auth.UserByLogin(a.positional[2]);
    if (!found.ok()) return Fail("no user " + a.positional[2]);
    Fields f;
    if (sub == "passwd") {
        f.Set("password", ReadPassword());
    } else if (sub == "disable") {
        f.Set("disabled", "1");
    } else {
        return Fail("unknown user subcommand " + sub);
    }
    auto u = app.auth.UpdateUser(sys, found->id, f);
    if (!u.ok()) return Fail(u.error().detail);
    std::cout << "updated " << a.positional[2] << "\n";
    return 0;
}

int Import(const Args& a) {
    if (a.positional.size() != 3 || a.positional[1] != "households")
        return Fail("usage: caunoi import households FILE.csv");
    std::ifstream in(a.positional[2], std::ios::binary);
    if (!in) return Fail("cannot read " + a.positional[2]);
    std::stringstream ss;
    ss << in.rdbuf();
    auto o = Open(a);
    auto r = o->app->registry.ImportCsv(auth::SystemActor(), ss.str());
    if (!r.ok()) return Fail("nothing imported: " + r.error().detail);
    std::cout << "imported " << r->households << " households, " << r->residents << " residents\n";
    return 0;
}

int Alert(const Args& a) {
    const std::string sub = a.positional.size() == 3 ? a.positional[1] : "";
    if (sub != "import" && sub != "key") return Fail("usage: caunoi alert import FILE.xml | caunoi alert key SENDER");
    auto o = Open(a);
    if (sub == "key") {
        auto key = o->app->alerts.NewSenderKey(a.positional[2]);
        if (!key.ok()) return Fail(key.error().detail);
        std::cout << *key << "\n";
        return 0;
    }
    std::ifstream in(a.positional[2], std::ios::binary);
    if (!in) return Fail("cannot read " + a.positional[2]);
    std::stringstream ss;
    ss << in.rdbuf();
    auto r = o->app->alerts.Import(ss.str());
    if (!r.ok()) return Fail("refused: " + r.error().field + ": " + r.error().detail);
    std::cout << (r->duplicate ? "already taken: warning " : "taken: warning ") << r->alert.number << " ("
              << r->alert.id << "), " << r->messages << " messages queued\n";
    return 0;
}

int Weather(const Args& a) {
    if (a.positional.size() != 2 || a.positional[1] != "refresh") return Fail("usage: caunoi weather refresh");
    const std::string url = a.Get("weather-url", "CAUNOI_WEATHER_URL", "");
    if (!http::ParseHttpUrl(url)) return Fail("--weather-url wants an http:// address, not '" + url + "'");
    auto timeout = a.Int("weather-timeout", "CAUNOI_WEATHER_TIMEOUT", 10, 1, 120);
    if (!timeout.ok()) return Fail(timeout.error().detail);
    auto o = Open(a);
    http::HttpFetcher fetcher(static_cast<int>(*timeout));
    http::OpenMeteoSource source(fetcher, url);
    storage::WeatherStore store(o->app->db);
    board::WeatherService weather(store, o->app->audit, o->clock);
    const auto start = std::chrono::steady_clock::now();
    auto n = weather.RefreshDue(source, nullptr, [](const std::string& m) { std::cerr << m << "\n"; });
    if (!n.ok()) return Fail(n.error().detail);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << n->asked << " communes due, " << n->fetched << " forecasts fetched, " << n->failed << " failed, in "
              << seconds << " s\n";
    return n->failed ? 1 : 0;
}

namespace {

// `caunoi backup key|create|restore …`: encrypted backups (storage/backups.hpp).
int SealedBackup(const Args& a) {
    crypto::InitCrypto();
    const std::string& what = a.positional[1];
    const std::string key = a.Get("key-file", "CAUNOI_BACKUP_KEY", "");
    if (what == "key") {
        if (a.positional.size() != 3) return Fail("usage: caunoi backup key FILE");
        auto st = sealed::CreateKeyFile(a.positional[2]);
        if (!st.ok()) return Fail(st.error().detail);
        std::cout << "backup key written to " << a.positional[2]
                  << " (keep a copy away from the backups: without it they cannot be read)\n";
        return 0;
    }
    if (key.empty()) return Fail("--key-file KEY is required (make one with `caunoi backup key FILE`)");
    if (what == "create") {
        const std::string dir = a.Get("dir", "CAUNOI_BACKUP_DIR", "");
        auto keep = a.Int("keep", nullptr, 14, 1, 10000);
        if (!keep.ok()) return Fail(keep.error().detail);
        if (a.positional.size() != 2 || dir.empty())
            return Fail("usage: caunoi backup create --dir DIR --key-file KEY [--keep N] [--db PATH|URL]");
        const std::string db = a.Get("db", "CAUNOI_DB", "caunoi.db");
        auto made = storage::backups::Create(db, dir, key, static_cast<int>(*keep), SystemClock().NowSeconds());
        if (!made.ok()) return Fail(made.error().detail);
        std::cout << "backup written to " << made->file << " (" << made->bytes << " bytes)\n";
        for (const auto& r : made->removed) std::cout << "removed old backup " << r << "\n";
        return 0;
    }
    if (what == "restore") {
        const std::string to = a.Get("to", nullptr, "");
        if (a.positional.size() != 3 || to.empty())
            return Fail("usage: caunoi backup restore FILE --key-file KEY --to PATH|URL");
        auto st = storage::backups::Restore(a.positional[2], key, to);
        if (!st.ok()) return Fail(st.error().detail);
        std::cout << "restored into " << to << "; next: caunoi migrate --db " << (storage::IsPostgresUrl(to) ? "URL" : to)
                  << " --secret-file (the key file of the data, not the backup key)\n";
        return 0;
    }
    return Fail("usage: caunoi backup FILE | key FILE | create --dir DIR | restore FILE --to PATH|URL");
}

}  // namespace

int Backup(const Args& a) {
    if (a.positional.size() >= 2 && (a.positional[1] == "key" || a.positional[1] == "create" ||
                                      a.positional[1] == "restore"))
        return SealedBackup(a);
    if (a.positional.size() != 2) return Fail("usage: caunoi backup FILE");
    const std::string db = a.Get("db", "CAUNOI_DB", "caunoi.db");
    if (storage::IsPostgresUrl(db))
        return Fail("backup of a PostgreSQL database: use pg_dump (see docs/operations.md)");
    auto st = storage::SqliteDatabase::Backup(db, a.positional[1]);
    if (!st.ok()) return Fail(st.error().detail);
    std::cout << "backup written to " << a.positional[1] << "\n";
    return 0;
}

int Outbox(const Args& a) {
    if (a.positional.size() != 2 || a.positional[1] != "claim" || a.Get("worker", nullptr, "").empty())
        return Fail("usage: caunoi outbox claim --worker NAME [--limit N] [--lease SECONDS]");
    auto limit = a.Int("limit", nullptr, 50, 1, 1000);
    if (!limit.ok()) return Fail(limit.error().detail);
    auto lease = a.Int("lease", nullptr, 300, 10, 86400);
    if (!lease.ok()) return Fail(lease.error().detail);
    auto o = Open(a);
    storage::OutboxStore queue(*o->db);
    auto claimed = queue.Claim(a.Get("worker", nullptr, ""), static_cast<int>(*limit), o->clock.NowSeconds(), *lease);
    if (!claimed.ok()) return Fail(claimed.error().detail);
    for (const auto& m : *claimed)
        std::cout << boost::json::serialize(
                         boost::json::object{{"id", m.id}, {"phone", m.phone}, {"body", m.body}, {"parts", m.parts}})
                  << "\n";
    return 0;
}

int MigrateData(const Args& a) {
    std::string from = a.Get("from", nullptr, ""), to = a.Get("to", nullptr, "");
    if (from.rfind("sqlite:", 0) != 0 || !storage::IsPostgresUrl(to))
        return Fail("usage: caunoi migrate-data --from sqlite:FILE --to postgresql://…");
    from = from.substr(7);
    if (!std::filesystem::exists(from)) return Fail("no such SQLite file: " + from);
    auto src = storage::SqliteDatabase::Open(from);
    if (!src.ok()) return Fail(src.error().detail);
    auto dst = storage::PgDatabase::Open(to);
    if (!dst.ok()) return Fail(dst.error().detail);
    SystemClock clock;
    for (storage::Database* db :
         {static_cast<storage::Database*>(src->get()), static_cast<storage::Database*>(dst->get())}) {
        auto applied = storage::Migrate(*db, storage::EmbeddedMigrations(), clock.NowSeconds());
        if (!applied.ok()) return Fail(applied.error().detail);
    }
    auto sums = storage::CopySqliteToPostgres(**src, **dst);
    if (!sums.ok()) return Fail("nothing copied: " + sums.error().detail);
    int64_t total = 0;
    for (const auto& t : *sums) {
        std::cout << t.table << "\t" << t.rows << " rows\t" << t.checksum.substr(0, 16) << "\tverified\n";
        total += t.rows;
    }
    std::cout << "copied " << total << " rows in " << sums->size() << " tables; counts and checksums match\n";
    return 0;
}

int CitusSql(const Args& a) {
    auto o = Open(a);
    auto stray = storage::CheckCommunes(*o->db);
    if (!stray.ok()) return Fail(stray.error().detail);
    for (const auto& m : *stray)
        std::cerr << m.table << ": " << m.rows << " rows without their area's commune in commune_id\n";
    if (!stray->empty()) return Fail("not ready to distribute: fix the rows above first");
    std::cout << storage::CitusSql();
    return 0;
}

int Routes(const Args&) {
    auto db = storage::SqliteDatabase::Open(":memory:");
    SystemClock clock;
    http::App app(**db, clock, {});
    boost::json::array out;
    for (const auto& r : app.routes())
        out.push_back({{"method", r.method},
                       {"pattern", r.pattern},
                       {"min_role", r.min_role ? boost::json::value(RoleName(*r.min_role)) : nullptr}});
    std::cout << boost::json::serialize(out) << "\n";
    return 0;
}

}  // namespace caunoi::cli
