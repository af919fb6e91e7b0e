// GET /metrics: Prometheus' text format (core/metrics.hpp), for the scraper that presents the
// token of --metrics-token-file as a bearer token; without that setting, or with another token,
// the address does not exist (404). docs/operations.md, "Monitoring".
#include "core/crypto.hpp"
#include "core/metrics.hpp"
#include "http/routes.hpp"
#include "storage/metrics_store.hpp"

namespace caunoi::http {
namespace {

Result<Response> Metrics(App& app, Request& r) {
    const std::string& token = app.config().metrics_token;
    const std::string authz = r.Header("authorization");
    if (token.empty() || authz.rfind("Bearer ", 0) != 0 || !crypto::Equal(authz.substr(7), token))
        return Error::NotFound("no such page");
    CAUNOI_ASSIGN(auto gauges, storage::ScrapeGauges(app.db, app.clock.NowSeconds()));
    Response resp;
    resp.content_type = "text/plain; version=0.0.4; charset=utf-8";
    resp.body = metrics::Registry::Global().Render() + metrics::Render(gauges);
    resp.headers.emplace_back("Cache-Control", "no-store");
    return resp;
}

}  // namespace

void AddMetricsRoutes(std::vector<Route>& rt) { rt.push_back({"GET", "/metrics", std::nullopt, Metrics}); }

}  // namespace caunoi::http
