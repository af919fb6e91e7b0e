// What a translation must be before it is stored (issue 21, "Bad input"): plain text (no HTML, no
// control characters), of a sensible length for its source, with the same {placeholders} as the
// Vietnamese (the code fills them in), and, for a text that goes by SMS, in GSM-7 (what every basic
// phone shows; one character outside it makes the message UCS-2, 70 characters instead of 160).
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "translation/catalogue.hpp"

namespace caunoi::translation {

inline constexpr size_t kMaxTranslationBytes = 2000;

// `body` with its ends trimmed and inner runs of spaces kept, or Invalid naming the field "body"
// with a message id for the translator (the detail names what was found: the characters outside
// GSM-7, the placeholders missing or added).
Result<std::string> CheckTranslation(const Text& text, std::string_view body);

// The detail of the GSM-7 refusal starts so; the characters follow (the page shows them).
inline constexpr std::string_view kOutsideGsm7 = "outside GSM-7: ";

// The {placeholders} of `s`, sorted ("{code}", "{due}").
std::string Placeholders(std::string_view s);

}  // namespace caunoi::translation
