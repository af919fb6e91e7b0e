#include "core/log.hpp"

#include <unistd.h>

#include <chrono>
#include <ctime>
#include <string>

namespace caunoi::log {
namespace {
void Write(std::string_view level, std::string_view msg) {
    std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char ts[32];
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    std::string line = std::string(ts) + " " + std::string(level) + " " + std::string(msg) + "\n";
    (void)!::write(2, line.data(), line.size());
}
}  // namespace
void Info(std::string_view msg) { Write("INFO", msg); }
void Error(std::string_view msg) { Write("ERROR", msg); }
}  // namespace caunoi::log
