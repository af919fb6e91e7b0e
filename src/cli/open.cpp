#include "cli/open.hpp"

#include <sys/stat.h>

#include <cctype>
#include <fstream>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/log.hpp"
#include "storage/migrator.hpp"
#include "storage/postgres/pg_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace caunoi::cli {

namespace {

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

}  // namespace

Result<std::unique_ptr<storage::Database>> Connect(const std::string& path, bool server) {
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
    // Links in SMS need a whole address: without --public-url, the one the server listens on.
    cfg.link_base =
        cfg.public_url.empty() ? "http://" + a.Get("listen", "CAUNOI_LISTEN", "127.0.0.1:8080") : cfg.public_url;
    // Two secrets: the sendsms password (caunoi -> Kannel) and the token (Kannel -> caunoi). Given
    // only the password, the old single-secret setup: the password is also the token, in URLs too.
    cfg.kannel_token = a.Get("kannel-token", "CAUNOI_KANNEL_TOKEN", "");
    if (cfg.kannel_token.empty()) {
        cfg.kannel_token = a.Get("kannel-password", "CAUNOI_KANNEL_PASSWORD", "");
        cfg.kannel_token_in_url = !cfg.kannel_token.empty();
    }
    cfg.sms_unicode = a.Has("sms-unicode");
    if (const std::string f = a.Get("metrics-token-file", "CAUNOI_METRICS_TOKEN_FILE", ""); !f.empty()) {
        std::ifstream in(f);
        std::getline(in, cfg.metrics_token);
        while (!cfg.metrics_token.empty() && std::isspace(static_cast<unsigned char>(cfg.metrics_token.back())))
            cfg.metrics_token.pop_back();
        if (!in && cfg.metrics_token.empty()) throw std::runtime_error("cannot read --metrics-token-file " + f);
        if (cfg.metrics_token.size() < 24)
            throw std::runtime_error("--metrics-token-file " + f + ": the token must be at least 24 characters");
    }
    auto price = a.Int("sms-price", "CAUNOI_SMS_PRICE", 350, 0, 1000000);
    if (!price.ok()) throw std::runtime_error(price.error().detail);
    cfg.sms_price = *price;
    o->cfg = cfg;
    o->app = std::make_unique<http::App>(*o->db, o->clock, cfg);
    auto seeded = o->app->SeedReferenceData();
    if (!seeded.ok()) throw std::runtime_error(seeded.error().detail);
    return o;
}

}  // namespace caunoi::cli
