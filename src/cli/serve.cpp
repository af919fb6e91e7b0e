// caunoi serve: the web server's workers over one connection pool, the SMS sender thread, the
// alert feed poller thread and the weather refresher thread.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <memory>
#include <thread>

#include "board/weather.hpp"
#include "cli/commands.hpp"
#include "cli/open.hpp"
#include "core/log.hpp"
#include "http/feed_fetcher.hpp"
#include "http/http_get.hpp"
#include "http/kannel_client.hpp"
#include "http/open_meteo.hpp"
#include "http/server.hpp"
#include "indicators/indicators.hpp"
#include "storage/board_stores.hpp"
#include "storage/indicator_store.hpp"
#include "storage/pool.hpp"
#include "storage/service_graph.hpp"
#include "storage/sms_store.hpp"
#include "storage/transactions.hpp"
#include "warnings/feed.hpp"

namespace caunoi::cli {

namespace {

// The longest wait between polls of a feed that keeps failing (unless the interval is longer).
constexpr int64_t kFeedMaxWaitSeconds = 30 * 60;

// Delivers the outbox until `stop`: what is due, then a short wait when nothing is.
void RunSmsSender(storage::OutboxStore& queue, Transactions& tx, const http::KannelOptions& kannel,
                  const sms::SenderOptions& opts, const Clock& clock, const std::atomic<bool>& stop) {
    http::KannelGateway gateway(kannel);
    sms::OutboxSender sender(queue, tx, gateway, clock, opts, [] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    });
    log::Info("sms: delivering the outbox through " + kannel.url + " at most " + std::to_string(opts.per_second) +
              " a second, " + std::to_string(opts.concurrency) + " at once");
    while (!stop) {
        auto n = sender.RunOnce(stop);
        if (!n.ok()) log::Error("sms sender: " + n.error().detail);
        if (!n.ok() || *n == 0)
            for (int i = 0; i < 4 && !stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

// Polls the CAP feed until `stop`, importing through `alerts` (over a connection of the poller's own).
void RunFeedPoller(warnings::AlertService& alerts, const warnings::FeedPollOptions& opts, int timeout_seconds,
                   const std::atomic<bool>& stop) {
    http::HttpFetcher fetcher(timeout_seconds);
    warnings::FeedPoller poller(fetcher, opts, [&](const std::string& xml) -> Status {
        auto r = alerts.Import(xml);
        if (!r.ok()) return r.error();
        if (!r->duplicate) log::Info("alert feed: imported " + r->alert.sender + " " + r->alert.identifier);
        return {};
    });
    log::Info("alert feed: polling " + opts.url + " every " + std::to_string(opts.interval_seconds) + " s");
    poller.Run(stop, [&](int64_t seconds) {
        for (int64_t i = 0; i < seconds * 10 && !stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    });
}

// Refreshes the communes' forecasts until `stop`: a pass over the communes due (each at most once
// an hour, later after failures: board::WeatherService::RefreshDue), then a minute's wait.
void RunWeatherRefresher(storage::Database& db, audit::AuditLog& audit, const Clock& clock, const std::string& url,
                         int timeout_seconds, const std::atomic<bool>& stop) {
    http::HttpFetcher fetcher(timeout_seconds);
    http::OpenMeteoSource source(fetcher, url);
    storage::WeatherStore store(db);
    board::WeatherService weather(store, audit, clock);
    log::Info("weather: forecasts from " + url + ", each commune at most once an hour");
    while (!stop) {
        auto n = weather.RefreshDue(source, &stop, [](const std::string& m) { log::Error(m); });
        if (!n.ok()) log::Error("weather: " + n.error().detail);
        if (n.ok() && n->asked)
            log::Info("weather: " + std::to_string(n->fetched) + " forecasts fetched, " + std::to_string(n->failed) +
                      " failed");
        for (int i = 0; i < 600 && !stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

// Recounts the indicators of the communes written to (indicators::IndicatorService::Refresh) every
// `seconds` until `stop`.
void RunIndicatorRefresher(storage::Database& db, const Clock& clock, const http::AppConfig& cfg, int64_t seconds,
                           const std::atomic<bool>& stop) {
    storage::ServiceGraph graph(db, clock, http::GraphConfigOf(cfg));
    storage::IndicatorStore store(db);
    indicators::IndicatorService service(store, graph.area_store, graph.audit, clock);
    log::Info("indicators: recounting the communes written to every " + std::to_string(seconds) + " s");
    while (!stop) {
        auto n = service.Refresh(&stop);
        if (!n.ok()) log::Error("indicators: " + n.error().detail);
        for (int64_t i = 0; i < seconds * 10 && !stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

}  // namespace

int Serve(const Args& a) {
    auto o = Open(a);
    http::ServerOptions so;
    std::string listen = a.Get("listen", "CAUNOI_LISTEN", "127.0.0.1:8080");
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) return Fail("--listen wants ADDR:PORT, got " + listen);
    so.address = listen.substr(0, colon);
    auto listen_port = ParseInt(listen.substr(colon + 1), "the port of --listen", 0, 65535);
    if (!listen_port.ok()) return Fail(listen_port.error().detail);
    so.port = static_cast<unsigned short>(*listen_port);
    so.quiet = a.Has("quiet");
    {
        auto total = a.Int("max-connections", "CAUNOI_MAX_CONNECTIONS", 2000, 1, 1000000);
        auto per = a.Int("max-per-address", "CAUNOI_MAX_PER_ADDRESS", 100, 1, 1000000);
        auto hdr = a.Int("header-seconds", "CAUNOI_HEADER_SECONDS", 10, 1, 300);
        auto hash = a.Int("hash-threads", "CAUNOI_HASH_THREADS", 2, 1, 64);
        for (const auto* r : {&total, &per, &hdr, &hash})
            if (!r->ok()) return Fail(r->error().detail);
        so.max_connections = static_cast<size_t>(*total);
        so.max_per_address = static_cast<size_t>(*per);
        so.header_seconds = static_cast<int>(*hdr);
        so.hash_threads = static_cast<unsigned>(*hash);
        so.trusted_proxy = o->cfg.trusted_proxy;
    }
    auto workers = a.Int("workers", "CAUNOI_WORKERS", 1, 1, 64);
    if (!workers.ok()) return Fail(workers.error().detail);
    auto conns = a.Int("db-connections", "CAUNOI_DB_CONNECTIONS", *workers, 1, 256);
    if (!conns.ok()) return Fail(conns.error().detail);
    if (o->path == ":memory:" && *conns > 1) return Fail("an in-memory database cannot be shared by connections");
    // Migrations and seeding are done (Open); the workers borrow connections from one pool.
    const std::string path = o->path;
    const storage::Dialect dialect = o->db->dialect();
    o->app.reset();
    o->db.reset();
    // The alert feed poller: one thread, when a feed is configured.
    warnings::FeedPollOptions feed;
    feed.url = a.Get("alert-feed", "CAUNOI_ALERT_FEED", "");
    auto feed_seconds = a.Int("alert-feed-seconds", "CAUNOI_ALERT_FEED_SECONDS", 120, 1, 86400);
    auto feed_timeout = a.Int("alert-feed-timeout", "CAUNOI_ALERT_FEED_TIMEOUT", 10, 1, 300);
    for (const auto* r : {&feed_seconds, &feed_timeout})
        if (!r->ok()) return Fail(r->error().detail);
    feed.interval_seconds = *feed_seconds;
    feed.max_wait_seconds = std::max<int64_t>(kFeedMaxWaitSeconds, feed.interval_seconds);
    if (!feed.url.empty() && !http::ParseHttpUrl(feed.url))
        return Fail("--alert-feed wants an http:// address (https is not supported by this build), not " + feed.url);
    // The weather refresher: one thread, when a forecast API is configured.
    const std::string weather_url = a.Get("weather-url", "CAUNOI_WEATHER_URL", "");
    auto weather_timeout = a.Int("weather-timeout", "CAUNOI_WEATHER_TIMEOUT", 10, 1, 120);
    if (!weather_timeout.ok()) return Fail(weather_timeout.error().detail);
    if (!weather_url.empty() && !http::ParseHttpUrl(weather_url))
        return Fail("--weather-url wants an http:// address (https is not supported by this build), not " +
                    weather_url);
    // The indicator refresher: one thread when --indicator-seconds is given (off by default until
    // its contention with the server's writes on SQLite is measured: docs/indicators.md); never on
    // an in-memory database, which one connection alone can hold.
    auto indicator_seconds = a.Int("indicator-seconds", "CAUNOI_INDICATOR_SECONDS", 0, 0, 86400);
    if (!indicator_seconds.ok()) return Fail(indicator_seconds.error().detail);
    const bool indicators_on = *indicator_seconds > 0 && path != ":memory:";
    // The SMS sender, the feed poller, the weather and indicator refreshers, when there are, get a
    // connection of their own each.
    const bool sms_on = !a.Get("kannel-url", "CAUNOI_KANNEL_URL", "").empty();
    const bool feed_on = !feed.url.empty();
    const bool weather_on = !weather_url.empty();
    storage::Pool pool(dialect,
                       static_cast<size_t>(*conns) + (sms_on ? 1 : 0) + (feed_on ? 1 : 0) + (weather_on ? 1 : 0) +
                           (indicators_on ? 1 : 0),
                       [path] { return Connect(path, true); });
    std::vector<std::unique_ptr<storage::PooledDatabase>> dbs;
    std::vector<std::unique_ptr<http::App>> apps;
    std::vector<http::App*> raw;
    for (int64_t i = 0; i < *workers; ++i) {
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
    if (!kannel.url.empty() && (!http::ParseHttpUrl(kannel.url) || kannel.password.empty()))
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
    auto retry = a.Int("sms-retry-seconds", "CAUNOI_SMS_RETRY_SECONDS", 30, 1, 3600);
    if (!retry.ok()) return Fail(retry.error().detail);
    sender_opts.retry_base = *retry;
    auto concurrency = a.Int("sms-concurrency", "CAUNOI_SMS_CONCURRENCY", 4, 1, 64);
    if (!concurrency.ok()) return Fail(concurrency.error().detail);
    sender_opts.concurrency = static_cast<int>(*concurrency);
    auto lease = a.Int("sms-lease-seconds", "CAUNOI_SMS_LEASE_SECONDS", 120, 10, 3600);
    if (!lease.ok()) return Fail(lease.error().detail);
    sender_opts.lease_seconds = *lease;
    storage::PooledDatabase sender_db(pool);
    storage::OutboxStore sender_queue(sender_db);
    storage::DatabaseTransactions sender_tx(sender_db);
    std::atomic<bool> stop_threads{false};
    std::thread sms_thread;
    storage::PooledDatabase feed_db(pool);
    std::unique_ptr<storage::ServiceGraph> feed_graph;
    if (feed_on) {
        feed_graph = std::make_unique<storage::ServiceGraph>(feed_db, o->clock, http::GraphConfigOf(o->cfg));
        feed_graph->LoadShippedCatalogs();
    }
    std::thread feed_thread;
    storage::PooledDatabase weather_db(pool);
    std::unique_ptr<storage::ServiceGraph> weather_graph;
    if (weather_on)
        weather_graph = std::make_unique<storage::ServiceGraph>(weather_db, o->clock, http::GraphConfigOf(o->cfg));
    std::thread weather_thread;
    storage::PooledDatabase indicator_db(pool);
    std::thread indicator_thread;
    const int rc = http::RunServer(raw, so, [&](unsigned short port) {
        if (!kannel.url.empty()) {
            kannel.callback_url =
                a.Get("sms-callback-url", "CAUNOI_SMS_CALLBACK_URL", "http://127.0.0.1:" + std::to_string(port));
            sms_thread = std::thread(
                [&] { RunSmsSender(sender_queue, sender_tx, kannel, sender_opts, o->clock, stop_threads); });
        }
        if (feed_on)
            feed_thread = std::thread([&] { RunFeedPoller(feed_graph->alerts, feed, *feed_timeout, stop_threads); });
        if (weather_on)
            weather_thread = std::thread([&] {
                RunWeatherRefresher(weather_db, weather_graph->audit, o->clock, weather_url,
                                    static_cast<int>(*weather_timeout), stop_threads);
            });
        if (indicators_on)
            indicator_thread = std::thread(
                [&] { RunIndicatorRefresher(indicator_db, o->clock, o->cfg, *indicator_seconds, stop_threads); });
        std::cout << "listening on " << so.address << ":" << port << std::endl;
    });
    stop_threads = true;
    if (sms_thread.joinable()) sms_thread.join();
    if (feed_thread.joinable()) feed_thread.join();
    if (weather_thread.joinable()) weather_thread.join();
    if (indicator_thread.joinable()) indicator_thread.join();
    return rc;
}

}  // namespace caunoi::cli
