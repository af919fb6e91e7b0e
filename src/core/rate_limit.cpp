#include "core/rate_limit.hpp"

#include <algorithm>
#include <vector>

namespace caunoi {

int64_t RateLimiter::WaitFor(const std::string& key, int64_t now) const {
    std::lock_guard lock(mu_);
    auto it = windows_.find(key);
    if (it == windows_.end() || now >= it->second.start + window_ || it->second.hits < max_) return 0;
    return it->second.start + window_ - now;
}

void RateLimiter::Hit(const std::string& key, int64_t now) {
    std::lock_guard lock(mu_);
    auto it = windows_.find(key);
    if (it == windows_.end()) {
        if (windows_.size() >= max_keys_) MakeRoom(now);
        windows_[key] = {now, 1};
        return;
    }
    if (now >= it->second.start + window_) it->second = {now, 0};
    ++it->second.hits;
}

void RateLimiter::MakeRoom(int64_t now) {
    std::erase_if(windows_, [&](const auto& kv) { return now >= kv.second.start + window_; });
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
