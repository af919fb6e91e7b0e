// Vietnamese speech for village loudspeakers (issue 17, item 7): a warning's script
// (warnings::LoudspeakerScript) synthesised by espeak-ng with its "vi" voice, as a WAV file and an
// MP3 file for the USB players loudspeaker stations use, and as Ogg Opus for read-aloud pages on
// phones (under half the MP3's size; audio/encode.hpp makes both).
//
// espeak-ng keeps one global engine and is not thread-safe: it is initialised once, on first use,
// and every synthesis holds one process-wide lock (a 60-second script takes well under a second).
// The MP3 and the Opus are encoded outside that lock. espeak-ng reads its data (voices, dictionaries)
// from the first espeak-ng-data directory of $ESPEAK_DATA_PATH/ and $HOME/ that exists, else from
// its compiled-in path (Debian: /usr/lib/x86_64-linux-gnu/espeak-ng-data, package espeak-ng-data).
// Data missing is an Internal error naming the path, on every call (never an exit).
// Thread-safety: SpeakVietnamese may be called from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "audio/encode.hpp"
#include "core/result.hpp"

namespace caunoi::audio {

// Speaking rate, in espeak-ng's words a minute (a Vietnamese word is a syllable): 150, slower than
// espeak-ng's 175, so a loudspeaker heard across a village stays clear. About 3 syllables a second,
// the pace warnings::SpeakingSeconds budgets a script's 60 seconds with.
inline constexpr int kWordsPerMinute = 150;
// The longest text spoken, in bytes of UTF-8 (a 60-second script is about 1,000).
inline constexpr size_t kMaxSpeechBytes = 4000;
// The WAV's rate, espeak-ng's own: 16-bit mono PCM.
inline constexpr int kWavSampleRate = 22050;
// The MP3's and the Opus' settings: kMp3SampleRate, kMp3KbitPerSecond, kOpusBitsPerSecond (audio/encode.hpp).

struct Audio {
    std::string wav;     // RIFF WAVE, PCM 16-bit mono at espeak-ng's rate (kWavSampleRate, as tested)
    std::string mp3;     // MPEG-1 Layer III, CBR kMp3KbitPerSecond, mono, with a LAME info tag (gapless)
    std::string opus;    // Ogg Opus, mono, speech, ~kOpusBitsPerSecond VBR (EncodeOpus)
    double seconds = 0;  // the speech's length
};

// `text` spoken in Vietnamese, the three files. Invalid naming "script" for text that is empty (or only
// spaces), not valid UTF-8 (core/text.hpp), or longer than kMaxSpeechBytes; Internal when
// espeak-ng or an encoder fails (espeak-ng's data missing: its message says so).
Result<Audio> SpeakVietnamese(std::string_view text);

}  // namespace caunoi::audio
