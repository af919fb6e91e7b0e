// Vietnamese as it is read aloud, for village loudspeaker scripts (issue 17, item 7): numbers,
// times, dates, decimals and units written as spoken, so that whoever reads the script, or the
// speech synthesiser, says them right ("150 mm" -> "một trăm năm mươi mi-li-mét",
// "14:30" -> "mười bốn giờ ba mươi phút"). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace caunoi::warnings {

// A whole number from 0 to 999,999,999,999 as read in Vietnamese: 21 "hai mươi mốt",
// 105 "một trăm linh năm", 1005 "một nghìn không trăm linh năm". Negative: "âm …".
std::string SpokenNumber(int64_t n);

// `text` with every number, time (14:30, 14h30, 14h), date (12/6, 12/6/2026), decimal (2,5 and
// 2.5), percentage and unit (mm, cm, m, km, km/h, °C) written as words; everything else unchanged.
std::string SpokenText(std::string_view text);

// About how long `text` takes to read aloud, in seconds (Vietnamese syllables at a clear,
// unhurried 3 a second, a pause per sentence).
int SpeakingSeconds(std::string_view text);

}  // namespace caunoi::warnings
