// caunoi: the one binary. Subcommands: serve, demo, migrate, user, import, backup, routes.
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "core/crypto.hpp"
#include "core/embedded.hpp"
#include "core/log.hpp"
#include "demo/demo.hpp"
#include "http/app.hpp"
#include "http/kannel_client.hpp"
#include "http/server.hpp"
#include "storage/data_copy.hpp"
#include "storage/distribution.hpp"
#include "storage/migrator.hpp"
#include "storage/pool.hpp"
#include "storage/postgres/pg_database.hpp"
#include "storage/sms_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"

using namespace caunoi;

namespace {

constexpr const char* kUsage = R"(caunoi — the platform of Nghệ An's community digital technology teams

Usage: caunoi <command> [options]

Commands:
  serve                 run the web server
  demo                  create a demo database (synthetic data for real highland communes)
  migrate               apply pending schema migrations and exit
  user add|passwd|disable|list   manage accounts
  import households FILE.csv     import households and residents (all-or-nothing)
  backup FILE           copy the live database to FILE (consistent while serving)
  migrate-data --from sqlite:FILE --to postgresql://…   copy a province database to PostgreSQL
  outbox claim          lease queued SMS to a sender (prints them as JSON lines)
  citus-sql             check every row's commune and print the SQL that distributes the database on Citus
  routes                print the route table as JSON

Common options (flags win over environment variables):
  --db PATH|URL         SQLite database file, or postgresql://user:pass@host:port/dbname
                        [CAUNOI_DB, default caunoi.db]
  --secret-file PATH    32-byte key for ID hashing   [CAUNOI_SECRET_FILE, default <db>.key, or caunoi.key
                        for PostgreSQL; created if missing; every process of one database needs the same]

Run 'caunoi <command> --help' for the options of one command.
)";

const std::map<std::string, std::string> kHelp = {
    {"serve",
     R"(caunoi serve [--listen ADDR:PORT] [--db PATH] [--secret-file PATH] [--trusted-proxy IP] [--public-url URL]
             [--workers N] [--db-connections M] [--quiet]
             [--max-connections N] [--max-per-address N] [--header-seconds S] [--hash-threads N]
             [--kannel-url URL --kannel-password P --kannel-token T [--kannel-user U] [--sms-from NUMBER] [--sms-rate N]
              [--sms-callback-url URL] [--sms-retry-seconds S] [--sms-unicode] [--sms-price DONG]]
  --listen          address and port                 [CAUNOI_LISTEN, default 127.0.0.1:8080; port 0 picks one]
  --workers         handler threads, each with its own caches  [CAUNOI_WORKERS, default 1]
  --db-connections  database connections the workers share     [CAUNOI_DB_CONNECTIONS, default = workers]
  --trusted-proxy   reverse proxy address whose X-Forwarded-For/-Proto are believed [CAUNOI_TRUSTED_PROXY]
  --public-url      address residents reach, printed in short links and QR codes [CAUNOI_PUBLIC_URL,
                    default: taken from each request's Host]
  --quiet           no per-request log lines
  --max-connections connections open at once; more are answered 503 and closed
                    [CAUNOI_MAX_CONNECTIONS, default 2000; keep the open-files limit above it + 64]
  --max-per-address connections open at once from one client address (not counted for the
                    trusted proxy) [CAUNOI_MAX_PER_ADDRESS, default 100]
  --header-seconds  time a client has to send a request's headers, and to start its next one
                    [CAUNOI_HEADER_SECONDS, default 10]
  --hash-threads    threads hashing passwords off the request threads [CAUNOI_HASH_THREADS, default 2]
  --kannel-url      Kannel's sendsms address, e.g. http://127.0.0.1:13013: deliver the SMS outbox [CAUNOI_KANNEL_URL]
  --kannel-password the sendsms-user password, needed with --kannel-url [CAUNOI_KANNEL_PASSWORD]
  --kannel-token    the token Kannel's inbound and report calls carry, as the password of its
                    proxy credential (Kannel's core group: http-proxy-password; docs/sms.md)
                    [CAUNOI_KANNEL_TOKEN; without it, the old single-secret setup: the sendsms
                    password is also the token, taken from t= in URLs too, and report URLs carry
                    it (Kannel logs them), with a warning; without both, Kannel's calls get 404]
  --kannel-user     the sendsms-user name                  [CAUNOI_KANNEL_USER, default caunoi]
  --sms-from        the number residents see and reply to   [CAUNOI_SMS_FROM]
  --sms-rate        messages a second at most (the operator's limit) [CAUNOI_SMS_RATE, default 10]
  --sms-callback-url where Kannel reaches this server for delivery reports
                    [CAUNOI_SMS_CALLBACK_URL, default http://127.0.0.1:PORT]
  --sms-retry-seconds wait before the first retry of a message the gateway did not take; doubles
                    each time, at most an hour [CAUNOI_SMS_RETRY_SECONDS, default 30]
  --sms-unicode     send with diacritics (UCS-2, 70 characters an SMS): only if the operator asks
  --sms-price       dong per SMS part, for the cost shown before a manual send [CAUNOI_SMS_PRICE, default 350]
Prints "listening on ADDR:PORT" once ready. SIGTERM finishes in-flight requests, then exits.
)"},
    {"demo", R"(caunoi demo [--db PATH] [--households N] [--seed S]
  Creates the schema, loads the 130 communes and adds synthetic villages, households, residents,
  teams and one login per role for Mường Xén, Na Ngoi, Mường Lống and Nga My. Refuses a database
  that already has households. --households: per commune (default 150). Prints the demo logins.
)"},
    {"citus-sql",
     R"(caunoi citus-sql [--db PATH|URL]
  Checks that every tenant row carries the commune of its area (the distribution column), then
  prints the statements that distribute the database on Citus (docs/scaling.md). Exits 1 and
  lists the tables with stray rows instead if any.
)"},
    {"migrate",
     "caunoi migrate [--db PATH]\n  Applies pending migrations; refuses a database newer than this binary.\n"},
    {"user",
     R"(caunoi user add --username NAME | --phone PHONE --name "Full name" --role ROLE (--area ID | --team ID)
caunoi user passwd LOGIN
caunoi user disable LOGIN
caunoi user list
  PHONE: a Vietnamese mobile number of 10 digits starting with 0 (e.g. 0912345678).
  ROLE: province_admin | commune_officer | team_leader | member. The password is read from
  the environment variable CAUNOI_PASSWORD or, if unset, from the first line of standard input.
)"},
    {"import",
     "caunoi import households FILE.csv [--db PATH]\n  Header: "
     "village_id,household,address,full_name,birth_year,sex,phone,phone_kind,language,consent_purposes\n"
     "  All rows or none are imported; a bad row is reported as 'row N: field: problem'.\n"},
    {"backup",
     "caunoi backup FILE [--db PATH]\n  Online backup with SQLite's backup API; safe while the server runs.\n"},
    {"routes", "caunoi routes\n  Prints every route with its method and minimum role, as JSON.\n"},
    {"migrate-data", R"(caunoi migrate-data --from sqlite:FILE --to postgresql://user@host:port/dbname
  Copies a SQLite database (it may be serving: the copy is one consistent snapshot) into an empty
  PostgreSQL database, migrating both to this binary's schema first. Every table is copied in one
  transaction and verified by row counts and checksums before it commits; prints them per table.
  Copy the key file (--secret-file) along: national-ID hashes need the same key.
)"},
    {"outbox", R"(caunoi outbox claim --worker NAME [--limit N] [--lease SECONDS] [--db PATH|URL]
  Leases up to N (default 50) queued SMS to NAME for SECONDS (default 300) and prints each as a
  JSON line. Senders on several machines never get the same message; a lease that runs out
  (the sender died) lets another sender take the message.
)"},
};

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> flags;
    bool Has(const std::string& k) const { return flags.count(k) > 0; }
    std::string Get(const std::string& k, const char* env, const std::string& def) const {
        if (auto it = flags.find(k); it != flags.end()) return it->second;
        if (env)
            if (const char* v = std::getenv(env); v && *v) return v;
        return def;
    }
};

Args Parse(int argc, char** argv, int from) {
    Args a;
    for (int i = from; i < argc; ++i) {
        std::string s = argv[i];
        if (s.rfind("--", 0) == 0) {
            auto eq = s.find('=');
            if (eq != std::string::npos) {
                a.flags[s.substr(2, eq - 2)] = s.substr(eq + 1);
            } else if (s == "--help" || s == "--quiet" || i + 1 >= argc) {
                a.flags[s.substr(2)] = "1";
            } else {
                a.flags[s.substr(2)] = argv[++i];
            }
        } else {
            a.positional.push_back(s);
        }
    }
    return a;
}

int Fail(const std::string& msg) {
    std::cerr << "caunoi: " << msg << "\n";
    return 1;
}

std::string ReadOrCreateSecret(const std::string& path) {
    std::ifstream in(path);
    std::string key;
    if (in && std::getline(in, key) && key.size() >= 32) return key;
    if (in) throw std::runtime_error("secret file " + path + " is too short (need 32+ characters)");
    key = crypto::RandomToken(32);
    umask(077);
    std::ofstream out(path);
    out << key << "\n";
    if (!out) throw std::runtime_error("cannot write secret file " + path);
    chmod(path.c_str(), 0600);
    log::Info("created secret key file " + path + " (back it up with the database)");
    return key;
}

struct Opened {
    std::string path;  // the --db file or URL
    std::unique_ptr<storage::Database> db;
    SystemClock clock;
    http::AppConfig cfg;
    std::unique_ptr<http::App> app;
};

// One connection to the --db file or URL. `server`: one of the server's (SQLite: checkpoints
// in the background, SqliteDatabase::Options).
Result<std::unique_ptr<storage::Database>> Connect(const std::string& path, bool server = false) {
    if (storage::IsPostgresUrl(path)) {
        CAUNOI_ASSIGN(auto db, storage::PgDatabase::Open(path));
        return std::unique_ptr<storage::Database>(std::move(db));
    }
    storage::SqliteDatabase::Options options;
    options.background_checkpoint = server;
    CAUNOI_ASSIGN(auto db, storage::SqliteDatabase::Open(path, options));
    return std::unique_ptr<storage::Database>(std::move(db));
}

std::unique_ptr<Opened> Open(const Args& a) {
    auto o = std::make_unique<Opened>();
    std::string path = a.Get("db", "CAUNOI_DB", "caunoi.db");
    o->path = path;
    auto db = Connect(path);
    if (!db.ok()) throw std::runtime_error(db.error().detail);
    o->db = std::move(db).value();
    auto applied = storage::Migrate(*o->db, storage::EmbeddedMigrations(), o->clock.NowSeconds());
    if (!applied.ok()) throw std::runtime_error(applied.error().detail);
    for (int v : *applied) log::Info("applied schema migration " + std::to_string(v));
    http::AppConfig cfg;
    // Every process on one PostgreSQL must share one key file: there is no database file to sit beside.
    cfg.id_key = ReadOrCreateSecret(
        a.Get("secret-file", "CAUNOI_SECRET_FILE", storage::IsPostgresUrl(path) ? "caunoi.key" : path + ".key"));
    cfg.trusted_proxy = a.Get("trusted-proxy", "CAUNOI_TRUSTED_PROXY", "");
    cfg.public_url = a.Get("public-url", "CAUNOI_PUBLIC_URL", "");
    if (!cfg.public_url.empty() && cfg.public_url.rfind("http://", 0) != 0 && cfg.public_url.rfind("https://", 0) != 0)
        throw std::runtime_error("--public-url must start with http:// or https://");
    while (!cfg.public_url.empty() && cfg.public_url.back() == '/') cfg.public_url.pop_back();
    // Two secrets: the sendsms password (caunoi -> Kannel) and the token (Kannel -> caunoi). Given
    // only the password, the old single-secret setup: the password is also the token, in URLs too.
    cfg.kannel_token = a.Get("kannel-token", "CAUNOI_KANNEL_TOKEN", "");
    if (cfg.kannel_token.empty()) {
        cfg.kannel_token = a.Get("kannel-password", "CAUNOI_KANNEL_PASSWORD", "");
        cfg.kannel_token_in_url = !cfg.kannel_token.empty();
    }
    cfg.sms_unicode = a.Has("sms-unicode");
    try {
        cfg.sms_price = std::stoll(a.Get("sms-price", "CAUNOI_SMS_PRICE", "350"));
    } catch (...) {
        throw std::runtime_error("--sms-price takes a whole number of dong");
    }
    o->cfg = cfg;
    o->app = std::make_unique<http::App>(*o->db, o->clock, cfg);
    auto seeded = o->app->SeedReferenceData();
    if (!seeded.ok()) throw std::runtime_error(seeded.error().detail);
    return o;
}

// Delivers the outbox until `stop`: what is due, then a short wait when nothing is.
void RunSmsSender(storage::OutboxStore& queue, const http::KannelOptions& kannel, const sms::SenderOptions& opts,
                  const Clock& clock, const std::atomic<bool>& stop) {
    http::KannelGateway gateway(kannel);
    sms::OutboxSender sender(queue, gateway, clock, opts,
                             [](double s) { std::this_thread::sleep_for(std::chrono::duration<double>(s)); });
    log::Info("sms: delivering the outbox through " + kannel.url + " at most " + std::to_string(opts.per_second) +
              " a second");
    while (!stop) {
        auto n = sender.RunOnce(stop);
        if (!n.ok()) log::Error("sms sender: " + n.error().detail);
        if (!n.ok() || *n == 0)
            for (int i = 0; i < 4 && !stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

int Serve(const Args& a) {
    auto o = Open(a);
    http::ServerOptions so;
    std::string listen = a.Get("listen", "CAUNOI_LISTEN", "127.0.0.1:8080");
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) return Fail("--listen wants ADDR:PORT, got " + listen);
    so.address = listen.substr(0, colon);
    try {
        so.port = static_cast<unsigned short>(std::stoi(listen.substr(colon + 1)));
    } catch (...) {
        return Fail("bad port in --listen " + listen);
    }
    so.quiet = a.Has("quiet");
    {
        Fields lim({{"max_connections", a.Get("max-connections", "CAUNOI_MAX_CONNECTIONS", "2000")},
                    {"max_per_address", a.Get("max-per-address", "CAUNOI_MAX_PER_ADDRESS", "100")},
                    {"header_seconds", a.Get("header-seconds", "CAUNOI_HEADER_SECONDS", "10")},
                    {"hash_threads", a.Get("hash-threads", "CAUNOI_HASH_THREADS", "2")}});
        auto total = lim.Int("max_connections", 1, 1000000);
        auto per = lim.Int("max_per_address", 1, 1000000);
        auto hdr = lim.Int("header_seconds", 1, 300);
        auto hash = lim.Int("hash_threads", 1, 64);
        if (!total.ok()) return Fail("--max-connections takes 1..1000000");
        if (!per.ok()) return Fail("--max-per-address takes 1..1000000");
        if (!hdr.ok()) return Fail("--header-seconds takes 1..300");
        if (!hash.ok()) return Fail("--hash-threads takes 1..64");
        so.max_connections = static_cast<size_t>(**total);
        so.max_per_address = static_cast<size_t>(**per);
        so.header_seconds = static_cast<int>(**hdr);
        so.hash_threads = static_cast<unsigned>(**hash);
        so.trusted_proxy = o->cfg.trusted_proxy;
    }
    auto workers = Fields({{"workers", a.Get("workers", "CAUNOI_WORKERS", "1")}}).Int("workers", 1, 64);
    if (!workers.ok()) return Fail("--workers takes 1..64");
    auto conns =
        Fields({{"c", a.Get("db-connections", "CAUNOI_DB_CONNECTIONS", std::to_string(**workers))}}).Int("c", 1, 256);
    if (!conns.ok()) return Fail("--db-connections takes 1..256");
    if (o->path == ":memory:" && **conns > 1) return Fail("an in-memory database cannot be shared by connections");
    // Migrations and seeding are done (Open); the workers borrow connections from one pool.
    const std::string path = o->path;
    const storage::Dialect dialect = o->db->dialect();
    o->app.reset();
    o->db.reset();
    // The SMS sender, when there is one, gets a connection of its own.
    const bool sms_on = !a.Get("kannel-url", "CAUNOI_KANNEL_URL", "").empty();
    storage::Pool pool(dialect, static_cast<size_t>(**conns) + (sms_on ? 1 : 0),
                       [path] { return Connect(path, true); });
    std::vector<std::unique_ptr<storage::PooledDatabase>> dbs;
    std::vector<std::unique_ptr<http::App>> apps;
    std::vector<http::App*> raw;
    for (int64_t i = 0; i < **workers; ++i) {
        dbs.push_back(std::make_unique<storage::PooledDatabase>(pool));
        apps.push_back(std::make_unique<http::App>(*dbs.back(), o->clock, o->cfg));
        raw.push_back(apps.back().get());
    }
    // The SMS sender: one thread delivering the outbox through Kannel, when one is configured.
    http::KannelOptions kannel;
    kannel.url = a.Get("kannel-url", "CAUNOI_KANNEL_URL", "");
    kannel.user = a.Get("kannel-user", "CAUNOI_KANNEL_USER", "caunoi");
    kannel.password = a.Get("kannel-password", "CAUNOI_KANNEL_PASSWORD", "");
    kannel.token = o->cfg.kannel_token;
    kannel.token_in_url = o->cfg.kannel_token_in_url;
    kannel.from = a.Get("sms-from", "CAUNOI_SMS_FROM", "");
    kannel.unicode = a.Has("sms-unicode");
    std::string host, port_text;
    if (!kannel.url.empty() && (!http::SplitHttpUrl(kannel.url, host, port_text) || kannel.password.empty()))
        return Fail("--kannel-url wants http://HOST:PORT, and --kannel-password with it");
    if (o->cfg.kannel_token_in_url)
        log::Info(
            "warning: sms: no --kannel-token: the sendsms password is also the inbound token, accepted in URLs "
            "(t=) and put in delivery-report URLs, which Kannel logs; give Kannel's http-proxy-password as "
            "--kannel-token (docs/sms.md)");
    sms::SenderOptions sender_opts;
    sender_opts.worker = "sender-" + std::to_string(::getpid());
    try {
        sender_opts.per_second = std::stod(a.Get("sms-rate", "CAUNOI_SMS_RATE", "10"));
    } catch (...) {
        return Fail("--sms-rate takes a number of messages a second");
    }
    if (sender_opts.per_second <= 0) return Fail("--sms-rate takes a number of messages a second");
    auto retry =
        Fields(std::map<std::string, std::string>{{"r", a.Get("sms-retry-seconds", "CAUNOI_SMS_RETRY_SECONDS", "30")}})
            .Int("r", 1, 3600);
    if (!retry.ok() || !*retry) return Fail("--sms-retry-seconds takes 1..3600");
    sender_opts.retry_base = **retry;
    storage::PooledDatabase sender_db(pool);
    storage::OutboxStore sender_queue(sender_db);
    std::atomic<bool> stop_sms{false};
    std::thread sms_thread;
    const int rc = http::RunServer(raw, so, [&](unsigned short port) {
        if (!kannel.url.empty()) {
            kannel.callback_url =
                a.Get("sms-callback-url", "CAUNOI_SMS_CALLBACK_URL", "http://127.0.0.1:" + std::to_string(port));
            sms_thread = std::thread([&] { RunSmsSender(sender_queue, kannel, sender_opts, o->clock, stop_sms); });
        }
        std::cout << "listening on " << so.address << ":" << port << std::endl;
    });
    stop_sms = true;
    if (sms_thread.joinable()) sms_thread.join();
    return rc;
}

int Demo(const Args& a) {
    auto o = Open(a);
    auto existing = o->db->QueryOne("SELECT COUNT(*) FROM households");
    if (existing.ok() && existing->Int(0) > 0) return Fail("this database already has households; use a new --db file");
    demo::DemoOptions opts;
    try {
        if (a.Has("households")) opts.households_per_commune = std::stoi(a.flags.at("households"));
        if (a.Has("seed")) opts.seed = static_cast<unsigned>(std::stoul(a.flags.at("seed")));
    } catch (...) {
        return Fail("--households and --seed take whole numbers");
    }
    if (opts.households_per_commune < 1 || opts.households_per_commune > 1000000)
        return Fail("--households must be between 1 and 1000000");
    auto& app = *o->app;
    demo::DemoServices s{app.areas, app.registry, app.teams, app.auth, app.fieldwork, app.dossiers, app.transactions};
    auto logins = demo::CreateDemo(s, opts);
    if (!logins.ok()) return Fail("demo failed: " + logins.error().detail);
    std::cout << "Demo logins (password for all: " << demo::kDemoPassword << "):\n";
    for (const auto& l : *logins) std::cout << "  " << l.login << "\t" << l.role << "\t" << l.where << "\n";
    return 0;
}

std::string ReadPassword() {
    if (const char* p = std::getenv("CAUNOI_PASSWORD"); p && *p) return p;
    std::string line;
    std::getline(std::cin, line);
    return line;
}

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

int Outbox(const Args& a) {
    if (a.positional.size() != 2 || a.positional[1] != "claim" || a.Get("worker", nullptr, "").empty())
        return Fail("usage: caunoi outbox claim --worker NAME [--limit N] [--lease SECONDS]");
    auto limit = Fields({{"limit", a.Get("limit", nullptr, "50")}}).Int("limit", 1, 1000);
    auto lease = Fields({{"lease", a.Get("lease", nullptr, "300")}}).Int("lease", 10, 86400);
    if (!limit.ok() || !lease.ok()) return Fail("--limit 1..1000, --lease 10..86400 seconds");
    auto o = Open(a);
    storage::OutboxStore queue(*o->db);
    auto claimed = queue.Claim(a.Get("worker", nullptr, ""), static_cast<int>(**limit), o->clock.NowSeconds(), **lease);
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

int Routes() {
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

}  // namespace

int main(int argc, char** argv) {
    crypto::InitCrypto();
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "help") {
        std::cout << kUsage;
        return argc < 2 ? 1 : 0;
    }
    std::string cmd = argv[1];
    Args a = Parse(argc, argv, 1);
    if (a.Has("help")) {
        auto it = kHelp.find(cmd);
        if (it == kHelp.end()) {
            // Every command has its help: no help means no such command.
            std::cerr << kUsage;
            return Fail("unknown command " + cmd);
        }
        std::cout << it->second;
        return 0;
    }
    try {
        if (cmd == "serve") return Serve(a);
        if (cmd == "demo") return Demo(a);
        if (cmd == "migrate") {
            Open(a);
            std::cout << "schema at version " << storage::LatestSchemaVersion() << "\n";
            return 0;
        }
        if (cmd == "user") return User(a);
        if (cmd == "import") return Import(a);
        if (cmd == "backup") {
            if (a.positional.size() != 2) return Fail("usage: caunoi backup FILE");
            const std::string db = a.Get("db", "CAUNOI_DB", "caunoi.db");
            if (storage::IsPostgresUrl(db))
                return Fail("backup of a PostgreSQL database: use pg_dump (see docs/operations.md)");
            auto st = storage::SqliteDatabase::Backup(db, a.positional[1]);
            if (!st.ok()) return Fail(st.error().detail);
            std::cout << "backup written to " << a.positional[1] << "\n";
            return 0;
        }
        if (cmd == "routes") return Routes();
        if (cmd == "outbox") return Outbox(a);
        if (cmd == "migrate-data") return MigrateData(a);
        if (cmd == "citus-sql") return CitusSql(a);
    } catch (const std::exception& e) {
        return Fail(e.what());
    }
    std::cerr << kUsage;
    return Fail("unknown command " + cmd);
}
