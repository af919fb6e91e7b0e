#include "core/rate_limit.hpp"

#include <algorithm>
#include <vector>

namespace caunoi {

Result<int64_t> MemoryRateCounter::WaitFor(const std::string& key, int max, int64_t window, int64_t now) {
    std::lock_guard lock(mu_);
    auto it = windows_.find(key);
    if (it == windows_.end() || now >= it->second.start + window || it->second.hits < max) return int64_t{0};
    return it->second.start + window - now;
}

Status MemoryRateCounter::Hit(const std::string& key, int64_t window, int64_t now) {
    std::lock_guard lock(mu_);
    auto it = windows_.find(key);
    if (it == windows_.end()) {
        if (windows_.size() >= max_keys_) MakeRoom(now);
        windows_[key] = {now, window, 1};
        return {};
    }
    if (now >= it->second.start + window) it->second = {now, window, 0};
    ++it->second.hits;
    return {};
}

void MemoryRateCounter::MakeRoom(int64_t now) {
    std::erase_if(windows_, [&](const auto& kv) { return now >= kv.second.start + kv.second.window; });
    if (windows_.size() < max_keys_) return;
    // Still full of live windows: forget the oldest tenth.
    std::vector<int64_t> starts;
    for (const auto& [k, w] : windows_) starts.push_back(w.start);
    auto nth = starts.begin() + static_cast<std::ptrdiff_t>(starts.size() / 10);
    std::nth_element(starts.begin(), nth, starts.end());
    int64_t cut = *nth;
    std::erase_if(windows_, [&](const auto& kv) { return kv.second.start <= cut; });
}

}  // namespace caunoi
