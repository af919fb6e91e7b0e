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
    std::string line = std::string(ts) + " " + std::string(level) + " ";
    // One event, one line: a control character from a request (a path with %0a) is escaped.
    for (unsigned char c : msg) {
        if (c >= 0x20 && c != 0x7f) {
            line.push_back(static_cast<char>(c));
        } else {
            static const char* kHex = "0123456789abcdef";
            line += "\\x";
            line.push_back(kHex[c >> 4]);
            line.push_back(kHex[c & 15]);
        }
    }
    line.push_back('\n');
    (void)!::write(2, line.data(), line.size());
}
}  // namespace
void Info(std::string_view msg) { Write("INFO", msg); }
void Error(std::string_view msg) { Write("ERROR", msg); }
}  // namespace caunoi::log
