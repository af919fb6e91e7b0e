// One-line structured logging to stderr. Thread-safe (each line is one write).
#pragma once

#include <string_view>

namespace caunoi::log {
void Info(std::string_view msg);
void Error(std::string_view msg);
}  // namespace caunoi::log
