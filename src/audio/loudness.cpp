#include "audio/loudness.hpp"

#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

namespace caunoi::audio {

double Loudness::PeakDbfs() const { return peak > 0 ? 20 * std::log10(peak) : -HUGE_VAL; }

Result<Loudness> MeasureLoudness(const Pcm& pcm) {
    if (pcm.rate <= 0) return Error::Internal("loudness: rate " + std::to_string(pcm.rate));
    std::unique_ptr<ebur128_state, void (*)(ebur128_state*)> st(
        ebur128_init(1, static_cast<unsigned long>(pcm.rate), EBUR128_MODE_I),
        [](ebur128_state* s) { ebur128_destroy(&s); });
    if (!st) return Error::Internal("ebur128_init failed at " + std::to_string(pcm.rate) + " Hz");
    if (ebur128_add_frames_float(st.get(), pcm.samples.data(), pcm.samples.size()) != EBUR128_SUCCESS)
        return Error::Internal("ebur128_add_frames_float failed");
    Loudness out;
    if (ebur128_loudness_global(st.get(), &out.lufs) != EBUR128_SUCCESS)
        return Error::Internal("ebur128_loudness_global failed");
    for (const float x : pcm.samples) out.peak = std::max(out.peak, static_cast<double>(std::fabs(x)));
    return out;
}

}  // namespace caunoi::audio
