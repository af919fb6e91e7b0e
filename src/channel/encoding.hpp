// SMS sizes and the GSM-7 form of Vietnamese text. One accented letter forces a whole message
// into UCS-2 (70 characters instead of 160), so text for basic phones is sent without diacritics.
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace caunoi::channel {

inline constexpr int kSinglePartSeptets = 160, kConcatPartSeptets = 153;
inline constexpr int kSinglePartUcs2 = 70, kConcatPartUcs2 = 67;

// Vietnamese without diacritics in GSM-7's basic set: "Hồ sơ đã nhận" -> "Ho so da nhan".
// Characters GSM-7 cannot carry become '?'; line breaks become spaces; runs of spaces collapse.
std::string ToGsm7(std::string_view utf8);

struct Size {
    bool gsm7 = true;  // false: must go as UCS-2
    int units = 0;     // septets (GSM-7, extension characters count 2) or UTF-16 code units
    int parts = 0;     // messages the phone receives (0 for empty text)
};
// How `utf8` would be sent: GSM-7 when every character is in the GSM-7 alphabet, else UCS-2.
Size Measure(std::string_view utf8);

// Text that arrived as UCS-2 (UTF-16 big-endian bytes) as UTF-8; a lone surrogate or an odd
// last byte becomes '?'.
std::string Utf16BeToUtf8(std::string_view bytes);

// `text` cut on a word boundary, ending in "...", so that it goes in at most `max_parts`
// messages (as Measure counts them); unchanged if it already does.
std::string Shorten(std::string_view text, int max_parts);

}  // namespace caunoi::channel
