// The languages residents' content can be in (issue 21): Vietnamese, the source of every text;
// English; and the three most spoken in Nghệ An's highland communes besides Vietnamese, by their
// ISO 639 codes: Thái (tai — the Tai languages' collective code, as Vietnam's Thái is written in
// several scripts and spoken as Tai Dam and Tai Don), Mông (hmn) and Khơ Mú (kjg). Translations
// are entered for the last three; English comes with the shipped data.
#pragma once

#include "core/result.hpp"
#include "core/vocabulary.hpp"

namespace caunoi::translation {

inline constexpr Term kLanguages[] = {
    {"vi", N_("Vietnamese")}, {"en", N_("English")}, {"tai", N_("Thai")}, {"hmn", N_("Hmong")}, {"kjg", N_("Khmu")}};
// The languages translators enter (kLanguages without the source and English).
inline constexpr Term kTargetLanguages[] = {kLanguages[2], kLanguages[3], kLanguages[4]};

inline bool IsTarget(std::string_view lang) { return Contains(kTargetLanguages, lang); }

}  // namespace caunoi::translation
