// What residents are told about a CAP alert, whoever wrote it (issue 17): the info block in
// Vietnamese when there is one (else the first), read into the parts the SMS and the loudspeaker
// script are written from. Nothing is invented: the hazard is the one the event or category names
// (else "other danger"), the level is the `riskLevel` parameter (else the severity: Minor 1,
// Moderate 2, Severe 3, Extreme 5, Unknown 2), no expiry gives no "until". Pure; thread-safe.
#pragma once

#include "warnings/cap.hpp"
#include "warnings/loudspeaker.hpp"

namespace caunoi::warnings {

// The info block people are told from: the first in Vietnamese, else the first; null for none.
const CapInfo* InfoForResidents(const CapAlert& a);

// `tr` translates into Vietnamese (hazard names are matched in it and in English).
ScriptParts PartsOf(const CapAlert& a, const Translate& tr);

// The level an info block gives: its riskLevel parameter, else its severity.
int LevelOf(const CapInfo& info);

}  // namespace caunoi::warnings
