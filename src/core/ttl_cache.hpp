// In-process caches whose entries expire a fixed time after they were read from their source,
// by the injected Clock (tests move time by hand). TtlCache keeps many entries by key and, when
// full, drops them all before storing one more: its bound keeps memory in check, it is not an
// LRU. TtlValue keeps one value that may be looked at once stale, for callers that revalidate a
// copy instead of reading it again. An entry stamped after "now" (a wall clock set back) counts
// as expired, so a clock change never makes an entry live longer.
// Thread-safety: none (one thread, as the owner).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>

#include "core/clock.hpp"

namespace caunoi {

namespace ttl_detail {
inline bool Fresh(int64_t now_ms, int64_t at_ms, int64_t ttl_ms) { return now_ms >= at_ms && now_ms - at_ms < ttl_ms; }
}  // namespace ttl_detail

template <typename Key, typename Value, typename Hash = std::hash<Key>>
class TtlCache {
  public:
    TtlCache(const Clock& clock, int64_t ttl_ms, size_t max_entries)
        : clock_(clock), ttl_ms_(ttl_ms), max_entries_(max_entries) {}

    // The clock's time, to stamp a value with when its read starts (see Put).
    int64_t Now() const { return clock_.NowMillis(); }

    // The live value under `key`, or nullptr; an expired entry is dropped.
    const Value* Find(const Key& key) {
        auto it = entries_.find(key);
        if (it == entries_.end()) return nullptr;
        if (ttl_detail::Fresh(Now(), it->second.at_ms, ttl_ms_)) return &it->second.value;
        entries_.erase(it);
        return nullptr;
    }
    // Stores `value`, as read from its source at `read_at_ms` (Now() before the read): it lives
    // until ttl after that.
    void Put(const Key& key, Value value, int64_t read_at_ms) {
        if (entries_.size() >= max_entries_) entries_.clear();
        entries_.insert_or_assign(key, Entry{std::move(value), read_at_ms});
    }
    void Put(const Key& key, Value value) { Put(key, std::move(value), Now()); }

    void Erase(const Key& key) { entries_.erase(key); }
    // Drops every entry for which `pred(key, value)` holds.
    template <typename Pred>
    void EraseIf(Pred pred) {
        for (auto it = entries_.begin(); it != entries_.end();)
            it = pred(it->first, it->second.value) ? entries_.erase(it) : std::next(it);
    }
    void Clear() { entries_.clear(); }
    size_t size() const { return entries_.size(); }

  private:
    struct Entry {
        Value value;
        int64_t at_ms;
    };
    const Clock& clock_;
    int64_t ttl_ms_;
    size_t max_entries_;
    std::unordered_map<Key, Entry, Hash> entries_;
};

template <typename Value>
class TtlValue {
  public:
    TtlValue(const Clock& clock, int64_t ttl_ms) : clock_(clock), ttl_ms_(ttl_ms) {}

    int64_t Now() const { return clock_.NowMillis(); }
    // The value if it was read (or confirmed by Touch) within the ttl; nullptr otherwise.
    const Value* Fresh() const { return value_ && ttl_detail::Fresh(Now(), at_ms_, ttl_ms_) ? &*value_ : nullptr; }
    // The value however old it is, nullptr when there is none: to revalidate a stale copy.
    const Value* Stale() const { return value_ ? &*value_ : nullptr; }
    // Stores `value`, read at `read_at_ms` (Now() before the read).
    void Set(Value value, int64_t read_at_ms) {
        value_ = std::move(value);
        at_ms_ = read_at_ms;
    }
    // The value held is known to be current as of `checked_at_ms`: fresh for another ttl.
    void Touch(int64_t checked_at_ms) { at_ms_ = checked_at_ms; }
    void Clear() { value_.reset(); }

  private:
    const Clock& clock_;
    int64_t ttl_ms_;
    std::optional<Value> value_;
    int64_t at_ms_ = 0;
};

}  // namespace caunoi
