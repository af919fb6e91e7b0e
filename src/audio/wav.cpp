#include "audio/wav.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "audio/clip_error.hpp"

namespace caunoi::audio {
namespace {

constexpr uint16_t kFormatPcm = 1;
constexpr uint16_t kFormatFloat = 3;
constexpr uint16_t kFormatExtensible = 0xFFFE;
// The KSDATAFORMAT_SUBTYPE GUID after its first two bytes (the format tag).
constexpr std::string_view kGuidTail("\x00\x00\x00\x00\x10\x00\x80\x00\x00\xAA\x00\x38\x9B\x71", 14);

uint32_t Le(std::string_view b, size_t at, int n) {
    uint32_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
    return v;
}

}  // namespace

Result<WavHeader> ReadWavHeader(std::string_view b) {
    if (b.size() < 12 || b.substr(0, 4) != "RIFF" || b.substr(8, 4) != "WAVE")
        return DamagedClip("WAV: no RIFF WAVE header");
    WavHeader h;
    bool fmt = false;
    for (size_t at = 12;;) {
        if (b.size() - at < 8)
            return DamagedClip("WAV: no \"data\" chunk (the file ends at byte " + std::to_string(b.size()) + ")");
        const std::string_view id = b.substr(at, 4);
        const size_t size = Le(b, at + 4, 4);
        const size_t body = at + 8;
        if (id == "data") {
            if (!fmt) return DamagedClip("WAV: \"data\" before \"fmt \"");
            h.data_at = body;
            h.data_bytes = size;  // checked against the file by DecodeWav, after the caller's checks
            return h;
        }
        if (size > b.size() - body)
            return DamagedClip("WAV: chunk \"" + std::string(id) + "\" at byte " + std::to_string(at) + " claims " +
                               std::to_string(size) + " bytes, " + std::to_string(b.size() - body) + " left");
        if (id == "fmt ") {
            if (fmt) return DamagedClip("WAV: two \"fmt \" chunks");
            if (size < 16) return DamagedClip("WAV: a \"fmt \" chunk of " + std::to_string(size) + " bytes");
            fmt = true;
            uint32_t format = Le(b, body, 2);
            h.channels = static_cast<int>(Le(b, body + 2, 2));
            const uint32_t rate = Le(b, body + 4, 4), byte_rate = Le(b, body + 8, 4), align = Le(b, body + 12, 2);
            h.bits = static_cast<int>(Le(b, body + 14, 2));
            if (format == kFormatExtensible) {
                if (size < 40 || Le(b, body + 16, 2) < 22 || b.substr(body + 26, 14) != kGuidTail)
                    return DamagedClip("WAV: a WAVE_FORMAT_EXTENSIBLE header without its sub-format");
                format = Le(b, body + 24, 2);
            }
            if (format == kFormatPcm && (h.bits == 8 || h.bits == 16 || h.bits == 24)) {
                h.is_float = false;
            } else if (format == kFormatFloat && h.bits == 32) {
                h.is_float = true;
            } else {
                return UnsupportedClip("WAV: format " + std::to_string(format) + " of " + std::to_string(h.bits) +
                                       " bits (read: PCM of 8, 16 or 24 bits, 32-bit float)");
            }
            if (h.channels < 1) return DamagedClip("WAV: 0 channels");
            if (h.channels > 2)
                return UnsupportedClip("WAV: " + std::to_string(h.channels) + " channels (mono and stereo are read)");
            if (rate == 0 || rate > 1'000'000) return DamagedClip("WAV: a sample rate of " + std::to_string(rate));
            h.rate = static_cast<int>(rate);
            if (align != h.BlockAlign() || byte_rate != rate * align)
                return DamagedClip("WAV: block align " + std::to_string(align) + " and byte rate " +
                                   std::to_string(byte_rate) + " do not match " + std::to_string(h.channels) +
                                   " channels of " + std::to_string(h.bits) + " bits");
        }
        // Other chunks (LIST, fact, cue, …) skipped; a chunk is padded to an even size.
        at = body + size + (size & 1);
        if (at > b.size()) return DamagedClip("WAV: no \"data\" chunk");
    }
}

Result<Pcm> DecodeWav(std::string_view b, const WavHeader& h) {
    if (h.data_at > b.size() || h.data_bytes > b.size() - h.data_at)
        return DamagedClip("WAV: \"data\" claims " + std::to_string(h.data_bytes) + " bytes, " +
                           std::to_string(b.size() - std::min(h.data_at, b.size())) + " left");
    const size_t align = h.BlockAlign(), frames = h.data_bytes / align, width = static_cast<size_t>(h.bits / 8);
    Pcm pcm{.samples = std::vector<float>(frames), .rate = h.rate};
    const auto* p = reinterpret_cast<const unsigned char*>(b.data() + h.data_at);
    for (size_t f = 0; f < frames; ++f) {
        float sum = 0;
        for (int c = 0; c < h.channels; ++c, p += width) {
            float x = 0;
            if (h.is_float) {
                const uint32_t u = p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24);
                std::memcpy(&x, &u, sizeof x);
                if (!std::isfinite(x))
                    return DamagedClip("WAV: a float sample that is not a number, at frame " + std::to_string(f));
            } else if (h.bits == 8) {
                x = (static_cast<int>(p[0]) - 128) / 128.0f;
            } else if (h.bits == 16) {
                x = static_cast<int16_t>(p[0] | (p[1] << 8)) / 32768.0f;
            } else {
                const int32_t v =
                    static_cast<int32_t>((p[0] << 8) | (p[1] << 16) | (static_cast<uint32_t>(p[2]) << 24)) >> 8;
                x = static_cast<float>(v) / 8388608.0f;
            }
            sum += x;
        }
        pcm.samples[f] = sum / static_cast<float>(h.channels);
    }
    return pcm;
}

}  // namespace caunoi::audio
