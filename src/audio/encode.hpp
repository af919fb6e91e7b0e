// The two audio files the server serves, from mono PCM: Ogg Opus (small, for phones: recorded
// clips, read-aloud pages) and MP3 (for the USB players of loudspeaker stations). The codebase's
// only encoders: speech.cpp (espeak-ng's Vietnamese) and clip.cpp (recorded clips) both call these.
// Thread-safety: plain functions on their arguments; call from any thread.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"

namespace caunoi::audio {

// Mono PCM, samples nominally in -1..1 (a lossy decoder may overshoot a little), at `rate` Hz.
struct Pcm {
    std::vector<float> samples;
    int rate = 0;
    double Seconds() const { return rate > 0 ? static_cast<double>(samples.size()) / rate : 0; }
};

// The MP3: MPEG-1 Layer III, mono, constant bit rate, at 44.1 kHz (resampled by LAME), the
// most widely played MP3 (cheap USB players may not take 22.05 kHz); 64 kbit/s is clear speech at
// 8 KB a second.
inline constexpr int kMp3SampleRate = 44100;
inline constexpr int kMp3KbitPerSecond = 64;
// The Opus: mono, tuned for speech (OPUS_APPLICATION_VOIP, signal "voice"), variable bit rate
// around 24 kbit/s (3 KB a second, less in pauses); decoders play it at 48 kHz.
inline constexpr int kOpusBitsPerSecond = 24000;

// `pcm` as Ogg Opus, by libopusenc (which resamples any rate to Opus' 48 kHz itself), with a
// plain OpusTags header (no comment padding). Internal for empty PCM, a rate outside 1..192000 Hz,
// or an encoder failure.
Result<std::string> EncodeOpus(const Pcm& pcm);

// `pcm` as MP3 (kMp3SampleRate, kMp3KbitPerSecond CBR, mono), by LAME, with a LAME info tag in its
// first frame (players and decoders know the length and the padding: gapless). No ID3 tag.
// Internal for empty PCM, a rate LAME refuses, or an encoder failure.
Result<std::string> EncodeMp3(const Pcm& pcm);

}  // namespace caunoi::audio
