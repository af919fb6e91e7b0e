// The commands residents send by SMS (docs/sms.md): the first word, whatever its case and
// diacritics, with or without a space before what follows, and one typo allowed in the longer
// keywords. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace caunoi::sms {

enum class Command {
    kEmpty,        // nothing but spaces
    kUnknown,      // not a command
    kHelp,         // HD
    kStatus,       // HS <dossier code>
    kPapers,       // GIAYTO <procedure or words>
    kSubscribe,    // DK <commune>
    kStop,         // HUY
    kHelpRequest,  // HOTRO <text>
    kScam,         // LUADAO <text> (also LD, the national reporting format)
    kPrice,        // GIA <crop>
    kWeather,      // THOITIET
};

struct Parsed {
    Command command = Command::kUnknown;
    std::string arg;  // what follows the keyword, as sent (trimmed)
};

Parsed ParseCommand(std::string_view text);

// Damerau-Levenshtein distance of two ASCII words, capped at 2 (the parser needs 0, 1 or more).
int EditDistance(std::string_view a, std::string_view b);

}  // namespace caunoi::sms
