// Loudness of mono PCM by ITU-R BS.1770 / EBU R128 (libebur128): integrated loudness in LUFS
// (gated: 400 ms blocks, absolute gate at -70 LUFS, relative gate 10 LU below), and the sample
// peak. The mono channel has weight 1 (BS.1770 as written; libebur128's "dual mono" is not used).
// Thread-safety: a plain function on its argument.
#pragma once

#include "audio/encode.hpp"
#include "core/result.hpp"

namespace caunoi::audio {

struct Loudness {
    double lufs = 0;  // integrated loudness; -infinity when no 400 ms block is above -70 LUFS
    double peak = 0;  // the largest |sample| (1.0 is full scale)
    double PeakDbfs() const;
};

// Internal only when libebur128 fails (a rate it refuses, memory).
Result<Loudness> MeasureLoudness(const Pcm& pcm);

}  // namespace caunoi::audio
