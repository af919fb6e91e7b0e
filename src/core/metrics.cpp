#include "core/metrics.hpp"

#include <charconv>
#include <cmath>

namespace caunoi::metrics {
namespace {

const std::vector<double> kLatencyBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

std::string Number(double v) {
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    if (std::isnan(v)) return "NaN";
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string LabelSet(const std::vector<const char*>& names, const std::vector<std::string>& values,
                     const char* extra_name = nullptr, const std::string& extra_value = "") {
    std::string out;
    for (size_t i = 0; i < names.size() && i < values.size(); ++i)
        out += (out.empty() ? "" : ",") + std::string(names[i]) + "=\"" + EscapeLabel(values[i]) + "\"";
    if (extra_name) out += (out.empty() ? "" : ",") + std::string(extra_name) + "=\"" + extra_value + "\"";
    return out.empty() ? "" : "{" + out + "}";
}

void Head(std::string& out, const char* name, const char* help, const char* type) {
    out += "# HELP " + std::string(name) + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

const std::vector<const Family*>& All() {
    static const std::vector<const Family*> all = {&kHttpRequests, &kHttpDuration,      &kSyncOperations, &kSyncPushes,
                                                   &kDbPoolWaits,  &kDbPoolWaitSeconds, &kDbPoolTimeouts};
    return all;
}

}  // namespace

const Family kHttpRequests{"caunoi_http_requests_total",
                           "HTTP requests answered, by route pattern, method and status.",
                           Type::kCounter,
                           {"route", "method", "status"},
                           {}};
const Family kHttpDuration{"caunoi_http_request_duration_seconds",
                           "Time from a request read to its answer written, by route pattern and method.",
                           Type::kHistogram,
                           {"route", "method"},
                           kLatencyBuckets};
const Family kSyncOperations{"caunoi_sync_operations_total",
                             "Operations pushed by phones, by result (applied, duplicate, conflict, rejected; "
                             "batch_failed: a push the database refused whole).",
                             Type::kCounter,
                             {"result"},
                             {}};
const Family kSyncPushes{"caunoi_sync_pushes_total",
                         "Pushes applied, by attempt (first: all operations at once, their rows written together; "
                         "isolated: the first attempt was undone and each operation applied alone).",
                         Type::kCounter,
                         {"attempt"},
                         {}};
const Family kDbPoolWaits{"caunoi_db_pool_waits_total",
                          "Times a request waited for a free database connection.", Type::kCounter, {}, {}};
const Family kDbPoolWaitSeconds{"caunoi_db_pool_wait_seconds_total",
                                "Time spent waiting for a free database connection.", Type::kCounter, {}, {}};
const Family kDbPoolTimeouts{"caunoi_db_pool_timeouts_total",
                             "Requests refused because no database connection became free in time.",
                             Type::kCounter,
                             {},
                             {}};

Registry& Registry::Global() {
    static Registry r;
    return r;
}

void Registry::Add(const Family& f, std::vector<std::string> labels, double by) {
    std::lock_guard lock(mu_);
    series_[&f][std::move(labels)].value += by;
}

void Registry::Observe(const Family& f, std::vector<std::string> labels, double value) {
    std::lock_guard lock(mu_);
    auto& s = series_[&f][std::move(labels)];
    if (s.buckets.empty()) s.buckets.assign(f.buckets.size(), 0);
    s.value += value;
    ++s.count;
    for (size_t i = 0; i < f.buckets.size(); ++i)
        if (value <= f.buckets[i]) {
            ++s.buckets[i];
            break;
        }
}

void Registry::Clear() {
    std::lock_guard lock(mu_);
    series_.clear();
}

std::string Registry::Render() const {
    std::string out;
    std::lock_guard lock(mu_);
    for (const Family* f : All()) {
        Head(out, f->name, f->help, f->type == Type::kCounter ? "counter" : "histogram");
        auto it = series_.find(f);
        if (it == series_.end()) continue;
        for (const auto& [labels, s] : it->second) {
            if (f->type == Type::kCounter) {
                out += f->name + LabelSet(f->labels, labels) + " " + Number(s.value) + "\n";
                continue;
            }
            uint64_t cumulative = 0;
            for (size_t i = 0; i < f->buckets.size(); ++i) {
                cumulative += s.buckets[i];
                out += std::string(f->name) + "_bucket" + LabelSet(f->labels, labels, "le", Number(f->buckets[i])) +
                       " " + std::to_string(cumulative) + "\n";
            }
            out += std::string(f->name) + "_bucket" + LabelSet(f->labels, labels, "le", "+Inf") + " " +
                   std::to_string(s.count) + "\n";
            out += std::string(f->name) + "_sum" + LabelSet(f->labels, labels) + " " + Number(s.value) + "\n";
            out += std::string(f->name) + "_count" + LabelSet(f->labels, labels) + " " + std::to_string(s.count) + "\n";
        }
    }
    return out;
}

std::string Render(const std::vector<Gauge>& gauges) {
    std::string out;
    for (const auto& g : gauges) {
        Head(out, g.name, g.help, "gauge");
        for (const auto& [labels, v] : g.samples) out += g.name + LabelSet(g.labels, labels) + " " + Number(v) + "\n";
    }
    return out;
}

std::string EscapeLabel(std::string_view v) {
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

std::string MethodLabel(std::string_view method) {
    for (std::string_view m : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
        if (method == m) return std::string(m);
    return "other";
}

}  // namespace caunoi::metrics
