// The SMS a warning sends to residents and subscribers (issue 17, item 5): short, plain, signed,
// saying only what the warning says. Vietnamese without diacritics in GSM-7 unless the operator
// keeps diacritics (UCS-2); at most two messages, the officer's words cut on a word boundary if
// the rest would not fit (the place, the level and the time are never cut).
#pragma once

#include <cstdint>
#include <string>

#include "channel/encoding.hpp"
#include "warnings/loudspeaker.hpp"

namespace caunoi::warnings {

inline constexpr int kMaxWarningSmsParts = 2;

struct WarningSms {
    std::string text;
    channel::Size size;
    bool cut = false;  // the officer's words were shortened to fit
};

// Fields as for the loudspeaker: `from` signs ("UBND xa Muong Xen"), `what_to_do` is the advice.
// Invalid naming `level` for a level outside 1..5.
Result<WarningSms> WarningSmsText(const ScriptParts& p, const Translate& tr, bool unicode);

}  // namespace caunoi::warnings
