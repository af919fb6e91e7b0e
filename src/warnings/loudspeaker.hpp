// The script a village loudspeaker operator reads for a warning (issue 17, item 7): short, plain,
// signed, everything written as spoken, said twice, at most kMaxScriptSeconds read aloud.
// Templates are message ids translated by the caller (Vietnamese for loudspeakers).
#pragma once

#include <cstdint>
#include <string>

#include "core/result.hpp"
#include "warnings/warnings.hpp"

namespace caunoi::warnings {

inline constexpr int kMaxScriptSeconds = 60;

struct ScriptParts {
    std::string from;  // who signs: "Ủy ban nhân dân xã Mường Xén"
    Hazard hazard = Hazard::kOther;
    int level = 1;           // risk level 1..5
    std::string where;       // "bản Huồi Giảng, bản Xốp Lau"
    std::string what_to_do;  // the officer's words: "Rời khỏi nhà ven suối, lên chỗ cao."
    int64_t until = 0;       // epoch seconds; 0: until it is cancelled (no "until" is said)
    bool exercise = false;   // said first: this is an exercise
};

// The script; Invalid naming `what_to_do` when it would take longer than kMaxScriptSeconds to
// read (the officer shortens it), or `level` for a level outside 1..5.
Result<std::string> LoudspeakerScript(const ScriptParts& p, const Translate& tr);

}  // namespace caunoi::warnings
