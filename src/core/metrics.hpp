// The process's own metrics, kept by the code that counts and rendered for Prometheus (text
// format 0.0.4) at GET /metrics (http/handlers/metrics.cpp, docs/operations.md "Monitoring").
// Figures read from the database at scrape time (queues, SMS, warnings) are rendered beside them
// with Gauges(). Label values come from fixed lists (route patterns, not paths; known methods),
// never from raw input, so the number of series stays bounded. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caunoi::metrics {

enum class Type { kCounter, kHistogram };

struct Family {
    const char* name;
    const char* help;
    Type type;
    std::vector<const char*> labels;
    std::vector<double> buckets;  // histograms: upper bounds, ascending (+Inf is implied)
};

// Every family the process counts, rendered in this order (with no series until first counted).
extern const Family kHttpRequests;       // route, method, status
extern const Family kHttpDuration;       // route, method
extern const Family kSyncOperations;     // result
extern const Family kSyncPushes;         // attempt
extern const Family kDbPoolWaits;        // (none)
extern const Family kDbPoolWaitSeconds;  // (none)
extern const Family kDbPoolTimeouts;     // (none)

class Registry {
  public:
    static Registry& Global();
    void Add(const Family& f, std::vector<std::string> labels, double by = 1);
    void Observe(const Family& f, std::vector<std::string> labels, double value);
    std::string Render() const;
    void Clear();  // tests only

  private:
    struct Series {
        double value = 0;               // counter; histogram: the sum
        uint64_t count = 0;             // histogram
        std::vector<uint64_t> buckets;  // histogram, not cumulative
    };
    mutable std::mutex mu_;
    std::map<const Family*, std::map<std::vector<std::string>, Series>> series_;
};

// One gauge family computed elsewhere: each sample its label values and its value.
struct Gauge {
    const char* name;
    const char* help;
    std::vector<const char*> labels;
    std::vector<std::pair<std::vector<std::string>, double>> samples;
};
std::string Render(const std::vector<Gauge>& gauges);

// A label value as the text format wants it: backslash, double quote and newline escaped.
std::string EscapeLabel(std::string_view v);
// "GET", "POST", … for the methods the server answers; "other" for anything else a client sends.
std::string MethodLabel(std::string_view method);

}  // namespace caunoi::metrics
