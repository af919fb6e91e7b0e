// Warnings benchmarks (docs/benchmarks.md, "Warnings"), as ratios against a reference run in the
// same process:
//  1. Matching every village of a province (3,000 synthetic villages over Nghệ An's extent)
//     against a 500-vertex polygon with warnings::ReachedVillages (Boost.Geometry), against a
//     bare ray-casting loop over the same points and ring.
//  2. Queueing one warning for N subscribers (default 1,000,000) on SQLite (a file, WAL,
//     synchronous=FULL as served): AlertService's fan-out (one message per number, opt-outs
//     excluded, the recipients' ledger and the outbox rows) against a plain INSERT ... SELECT of
//     the same rows (ids, alert, body) into the outbox of an identical database, in the same run;
//     each twice, alternating, each in a fresh database, the best of each. Goal: <= 3 s.
// Usage: caunoi_bench_warnings [--subscribers N] [--dir DIR]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>

#include "cli/open.hpp"
#include "core/clock.hpp"
#include "storage/migrator.hpp"
#include "storage/service_graph.hpp"
#include "warnings/area_match.hpp"

using namespace caunoi;
using Clock_ = std::chrono::steady_clock;

namespace {

double Seconds(Clock_::time_point a) { return std::chrono::duration<double>(Clock_::now() - a).count(); }

// A ring of `n` vertices around (lat, lon), its radius wobbling, closed.
std::vector<warnings::CapPoint> Ring(int n, double lat, double lon) {
    std::vector<warnings::CapPoint> ring;
    for (int i = 0; i < n - 1; ++i) {
        const double a = 2 * M_PI * i / (n - 1);
        const double r = 0.45 + 0.15 * std::sin(7 * a) + 0.05 * std::cos(23 * a);
        ring.push_back({lat + r * std::sin(a), lon + 1.3 * r * std::cos(a)});
    }
    ring.push_back(ring.front());
    return ring;
}

bool RayCast(const std::vector<warnings::CapPoint>& ring, double lat, double lon) {
    bool in = false;
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const auto &a = ring[i], &b = ring[j];
        if ((a.lat > lat) != (b.lat > lat) && lon < (b.lon - a.lon) * (lat - a.lat) / (b.lat - a.lat) + a.lon) in = !in;
    }
    return in;
}

void PolygonBench() {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> lat(18.5, 20.1), lon(103.8, 106.0);
    std::vector<warnings::Village> villages;
    std::vector<warnings::Commune> communes;
    for (int c = 0; c < 130; ++c) communes.push_back({"c" + std::to_string(c), lat(rng), lon(rng)});
    for (int v = 0; v < 3000; ++v)
        villages.push_back({"v" + std::to_string(v), communes[static_cast<size_t>(v % 130)].id, lat(rng), lon(rng)});
    warnings::WarnedAreas areas;
    areas.polygons.push_back({Ring(500, 19.3, 104.9), {}});
    const int rounds = 50;
    size_t reached = 0, counted = 0;
    auto t = Clock_::now();
    for (int i = 0; i < rounds; ++i) reached = warnings::ReachedVillages(areas, communes, villages).size();
    const double ours = Seconds(t) / rounds;
    t = Clock_::now();
    for (int i = 0; i < rounds; ++i) {
        counted = 0;
        for (const auto& v : villages) counted += RayCast(areas.polygons[0].outer, *v.lat, *v.lon);
    }
    const double bare = Seconds(t) / rounds;
    std::printf(
        "| match 3,000 villages, 500-vertex polygon | %.2f ms | bare ray casting %.2f ms | %.2f | reached %zu (ray "
        "casting %zu) |\n",
        ours * 1e3, bare * 1e3, ours / bare, reached, counted);
}

storage::GraphConfig GraphConfig() {
    storage::GraphConfig cfg;
    cfg.id_key = "0123456789abcdef0123456789abcdef";
    return cfg;
}

int Fail(const Error& e) { return std::fprintf(stderr, "%s\n", e.detail.c_str()), 1; }

// A database as served, migrated and seeded: one commune (Mường Xén, 16813) with a village, and
// `subscribers` numbers subscribed to the commune, one in a thousand of them opted out.
Result<std::unique_ptr<storage::Database>> Seeded(const std::string& path, int64_t subscribers, Clock& clock) {
    std::filesystem::remove(path);
    CAUNOI_ASSIGN(auto db, cli::Connect(path, true));
    CAUNOI_TRY(storage::Migrate(*db, storage::EmbeddedMigrations(), clock.NowSeconds()));
    {
        storage::ServiceGraph g(*db, clock, GraphConfig());
        CAUNOI_TRY(g.SeedReferenceData());
    }
    auto& d = *db;
    CAUNOI_TRY(d.InTransaction([&]() -> Status {
        CAUNOI_TRY(
            d.Exec("INSERT INTO areas (id, parent_id, kind, name, name_folded, path, created_at) VALUES "
                   "('V1', '16813', 'village', 'Bản Một', 'ban mot', '40/16813/V1', 0)"));
        CAUNOI_TRY(
            d.Exec("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?) "
                   "INSERT INTO sms_subscriptions (phone, area_id, area_path, created_at) SELECT "
                   "'09' || substr('00000000' || i, -8, 8), '16813', '40/16813', 0 FROM n",
                   {subscribers}));
        return d.Exec(
            "INSERT INTO sms_optouts (phone, at) SELECT phone, 0 FROM sms_subscriptions WHERE "
            "substr(phone, -3) = '000'");
    }));
    return db;
}

struct Queued {
    double seconds = 0;
    int64_t messages = 0;
    storage::Params same;  // what the reference inserts: alert id, body, parts, time, ucs2, alert id
};

// AlertService::Import of a CAP alert for the commune, in a fresh database at `path`.
Result<Queued> Ours(const std::string& path, int64_t subscribers, Clock& clock) {
    CAUNOI_ASSIGN(auto db, Seeded(path, subscribers, clock));
    storage::ServiceGraph g(*db, clock, GraphConfig());
    g.LoadShippedCatalogs();
    const int64_t now = clock.NowSeconds();
    const std::string xml =
        "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>B-1</identifier><sender>bench@example.vn"
        "</sender><sent>" +
        warnings::FormatCapTime(now - 60) +
        "</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope><info><category>Met</category>"
        "<event>Lũ quét</event><urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty>"
        "<expires>" +
        warnings::FormatCapTime(now + 3600) +
        "</expires><instruction>Rời nhà ven suối, lên chỗ cao.</instruction><area><areaDesc>xã Mường Xén</areaDesc>"
        "<geocode><valueName>commune</valueName><value>16813</value></geocode></area></info></alert>";
    const auto t = Clock_::now();
    CAUNOI_ASSIGN(auto r, g.alerts.Import(xml));
    Queued out{Seconds(t), r.messages, {}};
    CAUNOI_ASSIGN(auto one, db->QueryOne("SELECT body, parts, ucs2 FROM sms_outbox WHERE alert_id = ? ORDER BY seq "
                                         "DESC LIMIT 1",
                                         {r.alert.id}));
    out.same = {r.alert.id, one.Text(0), one.Int(1), now, one.Int(2), r.alert.id};
    return out;
}

// The reference: the same rows (ids, alert, body) for every number, opted out or not, with a
// plain INSERT ... SELECT into the outbox of an identical fresh database at `path`.
Result<double> Plain(const std::string& path, int64_t subscribers, Clock& clock, const storage::Params& same) {
    CAUNOI_ASSIGN(auto db, Seeded(path, subscribers, clock));
    const auto t = Clock_::now();
    CAUNOI_TRY(db->InTransaction([&]() -> Status {
        return db->Exec(
            "INSERT INTO sms_outbox (commune_id, id, area_path, phone, body, parts, created_at, kind, priority, ucs2, "
            "alert_id) SELECT '16813', ? || '-' || phone, area_path, phone, ?, ?, ?, 'warning', 2, ?, ? "
            "FROM sms_subscriptions",
            same);
    }));
    return Seconds(t);
}

// Each twice, alternating (ours, plain, ours, plain), each in a fresh database; the best of each.
int QueueBench(int64_t subscribers, const std::string& dir) {
    std::filesystem::create_directories(dir);
    SystemClock clock;
    const std::string path = dir + "/warnings-bench.db";
    double ours = 1e9, plain = 1e9;
    int64_t messages = 0;
    std::string runs;
    for (int round = 0; round < 2; ++round) {
        auto q = Ours(path, subscribers, clock);
        if (!q.ok()) return Fail(q.error());
        auto p = Plain(path, subscribers, clock, q->same);
        if (!p.ok()) return Fail(p.error());
        ours = std::min(ours, q->seconds);
        plain = std::min(plain, *p);
        messages = q->messages;
        char run[64];
        std::snprintf(run, sizeof run, "%s%.2f/%.2f", round ? ", " : "", q->seconds, *p);
        runs += run;
    }
    std::filesystem::remove(path);
    std::printf(
        "| queue one warning for %lld subscribers (SQLite) | %.2f s (%lld messages) | plain insert %.2f s | %.2f | "
        "goal <= 3 s; runs (ours/plain) %s |\n",
        static_cast<long long>(subscribers), ours, static_cast<long long>(messages), plain, ours / plain, runs.c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    int64_t subscribers = 1000000;
    std::string dir = "/tmp/caunoi-bench-warnings";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--subscribers")) subscribers = std::atoll(argv[i + 1]);
        if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
    }
    std::printf("| measure | caunoi | reference (same run) | ratio | note |\n|---|---|---|---|---|\n");
    PolygonBench();
    return QueueBench(subscribers, dir);
}
