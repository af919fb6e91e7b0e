// The errors a recorded voice clip is refused with (clip.hpp lists them), shared by the readers of
// each format (clip.cpp, wav.cpp, webm.cpp): field "audio", a message id for the person (in the
// catalogs, i18n/*.po; ids state the default ClipLimits), a detail in English with the numbers.
// Thread-safety: plain functions.
#pragma once

#include <string>
#include <utility>

#include "core/result.hpp"

namespace caunoi::audio {

inline Error ClipError(ErrorCode code, std::string detail, std::string title_id) {
    return {code, std::move(title_id), std::move(detail), "audio"};
}

// Not one of the four kinds read (or one of them holding something else: Vorbis in Ogg, a WebM
// without an Opus track, laced WebM blocks).
inline Error UnsupportedClip(std::string detail) {
    return ClipError(ErrorCode::kUnsupported, std::move(detail),
                     N_("This file is not a recording we can read: send WebM, Ogg, WAV or MP3."));
}

// The kind is right but its bytes are not: truncated, garbled, sizes past the end.
inline Error DamagedClip(std::string detail) {
    return ClipError(ErrorCode::kInvalid, std::move(detail),
                     N_("The recording is damaged or incomplete: record it again or send the file again."));
}

inline Error TooLongClip(std::string detail) {
    return ClipError(ErrorCode::kInvalid, std::move(detail), N_("The recording is too long: at most 60 seconds."));
}

inline Error WrongRateClip(std::string detail) {
    return ClipError(ErrorCode::kInvalid, std::move(detail),
                     N_("This recording's sample rate is not supported: record at 8 to 48 kHz."));
}

}  // namespace caunoi::audio
