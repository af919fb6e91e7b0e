// Voice clips uploaded by officers (docs/audio.md): WAV headers and samples, WebM/Opus as browsers
// record it, and the whole decoding path that sniffs the format (Ogg Opus, MP3, WAV, WebM).
#include "audio/clip.hpp"
#include "audio/wav.hpp"
#include "audio/webm.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    namespace audio = caunoi::audio;
    auto bytes = AsText(data, size);
    if (auto header = audio::ReadWavHeader(bytes); header.ok()) (void)audio::DecodeWav(bytes, *header);
    (void)audio::ReadWebmOpus(bytes, 48000 * 5);
    audio::ClipLimits limits;
    limits.max_seconds = 5;  // a fuzzer's input decoding a minute of audio each time would crawl
    (void)audio::DecodeClip(bytes, limits);
    return 0;
}
