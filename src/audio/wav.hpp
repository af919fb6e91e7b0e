// A strict reader of RIFF WAVE files (docs/audio.md): PCM of 8, 16 or 24 bits, or 32-bit IEEE
// float, mono or stereo, as format 1, 3 or WAVE_FORMAT_EXTENSIBLE of those. The header is read
// first, alone, so the caller can refuse a rate or a length from it (a 2-hour WAV costs a header
// read); the samples after, each size checked against the file.
// Thread-safety: plain functions on their arguments.
#pragma once

#include <cstddef>
#include <string_view>

#include "audio/encode.hpp"
#include "core/result.hpp"

namespace caunoi::audio {

struct WavHeader {
    bool is_float = false;  // 32-bit IEEE float; else integer PCM
    int channels = 0;       // 1 or 2
    int rate = 0;           // Hz, as written (not checked here)
    int bits = 0;           // 8, 16, 24 or 32 (float)
    size_t data_at = 0;     // where the "data" chunk's samples start
    size_t data_bytes = 0;  // the "data" chunk's size as written (may claim more than the file has)
    size_t BlockAlign() const { return static_cast<size_t>(channels) * static_cast<size_t>(bits / 8); }
    double Seconds() const { return rate > 0 ? static_cast<double>(data_bytes / BlockAlign()) / rate : 0; }
};

// The header of `bytes` (a file starting "RIFF" … "WAVE"): the chunks walked up to "data", "fmt "
// before it. kUnsupported (field "audio") for another encoding (A-law, µ-law, ADPCM, 32-bit
// integer, 64-bit float, more than 2 channels); kInvalid for what does not parse.
Result<WavHeader> ReadWavHeader(std::string_view bytes);

// The samples of `bytes` as described by `header` (ReadWavHeader's of the same bytes), channels
// averaged to mono, integers scaled to -1..1. kInvalid when the data chunk runs past the end of the
// file, or a float sample is not finite.
Result<Pcm> DecodeWav(std::string_view bytes, const WavHeader& header);

}  // namespace caunoi::audio
