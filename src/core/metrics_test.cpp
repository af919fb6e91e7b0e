#include "core/metrics.hpp"

#include <gtest/gtest.h>

namespace caunoi::metrics {
namespace {

TEST(Metrics, CountersAndHistogramsRenderInPrometheusTextFormat) {
    Registry r;
    r.Add(kHttpRequests, {"/api/v1/households/{id}", "GET", "200"});
    r.Add(kHttpRequests, {"/api/v1/households/{id}", "GET", "200"}, 2);
    r.Observe(kHttpDuration, {"/healthz", "GET"}, 0.003);
    r.Observe(kHttpDuration, {"/healthz", "GET"}, 0.2);
    r.Observe(kHttpDuration, {"/healthz", "GET"}, 30);
    const std::string out = r.Render();
    EXPECT_NE(out.find("# TYPE caunoi_http_requests_total counter\n"), std::string::npos);
    EXPECT_NE(out.find("caunoi_http_requests_total{route=\"/api/v1/households/{id}\",method=\"GET\",status=\"200\"} 3\n"),
              std::string::npos);
    // Buckets are cumulative, +Inf holds every observation, and sum and count follow.
    EXPECT_NE(out.find("caunoi_http_request_duration_seconds_bucket{route=\"/healthz\",method=\"GET\",le=\"0.0025\"} 0\n"),
              std::string::npos);
    EXPECT_NE(out.find("caunoi_http_request_duration_seconds_bucket{route=\"/healthz\",method=\"GET\",le=\"0.005\"} 1\n"),
              std::string::npos);
    EXPECT_NE(out.find("caunoi_http_request_duration_seconds_bucket{route=\"/healthz\",method=\"GET\",le=\"0.25\"} 2\n"),
              std::string::npos);
    EXPECT_NE(out.find("caunoi_http_request_duration_seconds_bucket{route=\"/healthz\",method=\"GET\",le=\"10\"} 2\n"),
              std::string::npos);
    EXPECT_NE(out.find("caunoi_http_request_duration_seconds_bucket{route=\"/healthz\",method=\"GET\",le=\"+Inf\"} 3\n"),
              std::string::npos);
    EXPECT_NE(out.find("caunoi_http_request_duration_seconds_count{route=\"/healthz\",method=\"GET\"} 3\n"),
              std::string::npos);
    EXPECT_NE(out.find("caunoi_http_request_duration_seconds_sum{route=\"/healthz\",method=\"GET\"} 30.203\n"),
              std::string::npos);
    // A family not counted yet is still declared.
    EXPECT_NE(out.find("# TYPE caunoi_db_pool_waits_total counter\n"), std::string::npos);
    EXPECT_EQ(out.find("\ncaunoi_db_pool_waits_total "), std::string::npos);
}

TEST(Metrics, LabelValuesAreEscapedAndMethodsBounded) {
    EXPECT_EQ(EscapeLabel("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    EXPECT_EQ(MethodLabel("GET"), "GET");
    EXPECT_EQ(MethodLabel("get"), "other");
    EXPECT_EQ(MethodLabel("FROBNICATE"), "other");
    const std::string g = Render({{"caunoi_x", "X.", {"status"}, {{{"qu\"e"}, 2}}}});
    EXPECT_EQ(g, "# HELP caunoi_x X.\n# TYPE caunoi_x gauge\ncaunoi_x{status=\"qu\\\"e\"} 2\n");
}

}  // namespace
}  // namespace caunoi::metrics
