// The last few texts spoken, kept: a warning's script is fetched by every village's loudspeaker
// operator, and is synthesised once. Least recently used goes first when full; a failure is not
// kept (the next call tries again). Callers asking for a text being synthesised wait for it
// instead of synthesising it again. Entries hold the three files (a 60-second script: about 2.6 MB
// of WAV, 0.5 MB of MP3 and 0.1–0.2 MB of Opus), shared, never copied.
// Thread-safety: all members may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "audio/speech.hpp"
#include "core/result.hpp"

namespace caunoi::audio {

class SpeechCache {
  public:
    using Speak = std::function<Result<Audio>(std::string_view text)>;

    // Keeps at most `max_entries` (at least one); `speak` synthesises (tests count its calls).
    explicit SpeechCache(size_t max_entries = 4, Speak speak = SpeakVietnamese);

    // `text` spoken: kept, or synthesised now and kept; the errors of `speak`.
    Result<std::shared_ptr<const Audio>> Get(std::string_view text);

    size_t size() const;

  private:
    using Spoken = Result<std::shared_ptr<const Audio>>;
    struct Entry {
        size_t hash = 0;
        std::string text;
        std::shared_future<Spoken> spoken;
        uint64_t added = 0;  // tick it was added at: which entry a failed synthesis drops
        uint64_t used = 0;   // tick of the last Get
    };

    const size_t max_entries_;
    const Speak speak_;
    mutable std::mutex mu_;
    std::vector<Entry> entries_;  // a few: searched in order
    uint64_t tick_ = 0;
};

}  // namespace caunoi::audio
