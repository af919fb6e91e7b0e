// Text utilities for Vietnamese: validation, folding for search, GSM-safe forms.
// All functions are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace caunoi::text {

// True if `s` is well-formed UTF-8 without overlongs, surrogates or NUL/control
// characters other than tab, CR and LF.
bool IsValidUtf8(std::string_view s, bool allow_newlines = true);

// Folds Vietnamese text to lowercase ASCII: strips tone and vowel marks, maps đ/Đ to d,
// collapses runs of whitespace/punctuation to one space, trims. "Nguyễn  Văn Đức" -> "nguyen van duc".
// Characters outside Latin scripts are dropped.
std::string Fold(std::string_view s);

// Vietnamese without diacritics, keeping case and punctuation: "Đăng ký" -> "Dang ky". Typographic
// quotes and dashes become ASCII ones; anything else outside ASCII becomes '?'. Output is ASCII.
std::string StripMarks(std::string_view s);

// Splits folded text into search tokens of [a-z0-9].
std::vector<std::string> Tokens(std::string_view folded);

// Splits on `sep`, trimming ASCII whitespace around each item and dropping empty items.
// The views point into `s`.
std::vector<std::string_view> Split(std::string_view s, char sep);
// Splitting a temporary std::string would leave the views dangling: refuse it at compile time.
template <typename T>
requires std::is_same_v<T, std::string> std::vector<std::string_view> Split(T&& s, char sep)
= delete;

// Replaces every `what` in `s` with `with` (placeholders in message templates: "{code}").
void ReplaceAll(std::string& s, std::string_view what, std::string_view with);

// Trims ASCII whitespace at both ends.
std::string Trim(std::string_view s);
// `s` safe in XML and HTML text and attribute values: & < > " ' as character references.
std::string EscapeXml(std::string_view s);

// Number of Unicode code points in valid UTF-8.
size_t CodePoints(std::string_view s);

// Damerau-Levenshtein distance of two ASCII words, capped at 2 (matching needs 0, 1 or more).
int EditDistance(std::string_view a, std::string_view b);

// The value of one hexadecimal digit (either case); -1 for anything else.
int HexDigit(char c);

}  // namespace caunoi::text
