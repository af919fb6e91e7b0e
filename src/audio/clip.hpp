// Recorded voice clips (docs/audio.md): a community member records a short clip (at most 60 s,
// reading a safety tip in Thái, Mông or Khơ Mú, …) in the browser or uploads a file. The bytes are
// sniffed (never a file name or a Content-Type), decoded, checked, normalised in loudness and
// re-encoded as Ogg Opus (phones) and MP3 (loudspeaker players). The uploaded bytes are never kept
// or served: only these two re-encoded files are.
//
// Read, by their first bytes: WebM with one Opus track (Chromium's MediaRecorder; webm.hpp, our
// reader, packets decoded by libopus), Ogg Opus (Firefox, messaging apps; libopusfile), WAV (PCM
// 8/16/24-bit or 32-bit float, mono or stereo; wav.hpp, our reader), MP3 (libmpg123). Stereo is
// averaged to mono. A file's length is known before decoding when its header says it (WAV: the
// data size; WebM: the Opus packets' own durations; Ogg: the last granule position; MP3: a
// Xing/LAME tag) and refused from it; decoding also stops as soon as more than max_seconds are
// decoded, so a 2-hour file costs at most max_seconds of decoding.
//
// Errors, each with field "audio" and its own message id (the ids state the default ClipLimits,
// the details the limits applied and the numbers measured): size first, kind next, then what the
// header says (rate, length), then what decoding finds:
//   kPayloadTooLarge  more than max_bytes (before anything is read)
//   kUnsupported      not one of the four (or Vorbis in Ogg, a non-Opus WebM, laced WebM blocks, …)
//   kInvalid          sample rate outside [min_rate, max_rate] ("wrong sample rate")
//   kInvalid          longer than max_seconds ("too long")
//   kInvalid          damaged: truncated, garbled, sizes past the end, a decoder error
//   kInvalid          shorter than min_seconds ("too short")
//   kInvalid          silent: integrated loudness below kSilentLufs, or no 400 ms block above -70 LUFS
//   kInvalid          clipped: more than kMaxClippedShare of the samples in runs of at least
//                     kClipRun consecutive samples at or above kFullScale, of one sign (an MP3
//                     made from a clipped recording is not caught: its encoder's low-pass turns
//                     the flat tops into ripples below full scale)
// kInternal only for a library failing (memory, an encoder).
// Thread-safety: DecodeClip and ProcessClip may be called from any thread, at once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "audio/encode.hpp"
#include "core/result.hpp"

namespace caunoi::audio {

struct ClipLimits {
    size_t max_bytes = 12 * 1024 * 1024;  // the uploaded file (a minute of 48 kHz stereo 16-bit WAV is 11 MB)
    double max_seconds = 60;
    double min_seconds = 1;
    int min_rate = 8000;  // Hz: telephone quality, the least that carries speech
    int max_rate = 48000;
};

// Loudness normalisation: to kTargetLufs integrated, unless that would put the sample peak above
// kMaxPeakDbfs; then the smaller gain (a clip with sharp peaks ends quieter than the target).
inline constexpr double kTargetLufs = -16;
inline constexpr double kMaxPeakDbfs = -1;
// Below this integrated loudness a recording is silence, hum or a phone left in a pocket: speech
// recorded at arm's length measures about -20 to -35 LUFS before normalisation.
inline constexpr double kSilentLufs = -45;
// Clipping: a waveform's peak touches full scale for one or two samples; a flattened top stays
// there. A sample counts as clipped when it is in a run of kClipRun or more consecutive samples at
// or above kFullScale (in absolute value, of one sign), and a clip is refused when more than
// kMaxClippedShare (0.1 %) of its samples are clipped: 60 ms in a minute, heard as distortion.
inline constexpr float kFullScale = 0.999f;
inline constexpr int kClipRun = 3;
inline constexpr double kMaxClippedShare = 0.001;

struct Clip {
    std::string opus;        // Ogg Opus, mono, speech, ~kOpusBitsPerSecond VBR (EncodeOpus)
    std::string mp3;         // MP3, kMp3SampleRate, kMp3KbitPerSecond CBR, mono (EncodeMp3)
    double seconds = 0;      // the decoded length
    double input_lufs = 0;   // integrated loudness as recorded
    double output_lufs = 0;  // after the gain, measured again (kTargetLufs unless peak-limited)
    double gain_db = 0;      // the gain applied
    std::string source;      // what was read: "webm", "ogg", "wav" or "mp3"
};

// `bytes` decoded to mono PCM at the file's own rate (Opus: 48 kHz), every check above passed.
Result<Pcm> DecodeClip(std::string_view bytes, const ClipLimits& limits = {});

// DecodeClip, then the gain to kTargetLufs (limited by kMaxPeakDbfs), then both encodes.
Result<Clip> ProcessClip(std::string_view bytes, const ClipLimits& limits = {});

}  // namespace caunoi::audio
