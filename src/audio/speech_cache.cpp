#include "audio/speech_cache.hpp"

#include <algorithm>
#include <exception>
#include <utility>

namespace caunoi::audio {

SpeechCache::SpeechCache(size_t max_entries, Speak speak)
    : max_entries_(std::max<size_t>(1, max_entries)), speak_(std::move(speak)) {}

Result<std::shared_ptr<const Audio>> SpeechCache::Get(std::string_view text) {
    const size_t hash = std::hash<std::string_view>{}(text);
    std::promise<Spoken> promise;
    std::shared_future<Spoken> found;
    uint64_t mine = 0;  // the tick this call added its entry at; 0: found
    {
        std::lock_guard lock(mu_);
        auto it = std::find_if(entries_.begin(), entries_.end(),
                               [&](const Entry& e) { return e.hash == hash && e.text == text; });
        if (it != entries_.end()) {
            it->used = ++tick_;
            found = it->spoken;
        } else {
            if (entries_.size() >= max_entries_)
                entries_.erase(std::min_element(entries_.begin(), entries_.end(),
                                                [](const Entry& a, const Entry& b) { return a.used < b.used; }));
            mine = ++tick_;
            entries_.push_back(Entry{.hash = hash,
                                     .text = std::string(text),
                                     .spoken = promise.get_future().share(),
                                     .added = mine,
                                     .used = mine});
        }
    }
    if (!mine) return found.get();  // kept, or being synthesised by another caller: waited for
    // Synthesised without the lock: other texts are found meanwhile.
    Spoken spoken = Error::Internal("speech synthesis threw");
    try {
        Result<Audio> audio = speak_(text);
        if (audio.ok())
            spoken = std::make_shared<const Audio>(std::move(audio).value());
        else
            spoken = audio.error();
    } catch (const std::exception& e) {
        spoken = Error::Internal(std::string("speech synthesis threw: ") + e.what());
    }
    promise.set_value(spoken);
    if (!spoken.ok()) {
        std::lock_guard lock(mu_);
        std::erase_if(entries_, [&](const Entry& e) { return e.added == mine; });
    }
    return spoken;
}

size_t SpeechCache::size() const {
    std::lock_guard lock(mu_);
    return entries_.size();
}

}  // namespace caunoi::audio
