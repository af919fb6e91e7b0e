// The indicator registry: every figure the dashboards, reports and the national rollup show, with
// its label, unit, target and the group it is shown in. Formulas and sources are written in
// docs/indicators.md (a test checks every key is there). A module adds its indicators by adding a
// block to definitions.cpp and a counting source in storage/indicator_sources*.cpp.
// Immutable after static initialisation; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace caunoi::indicators {

// kStatus: the state at the month's last recount (households with fibre). kEvent: what happened
// in the month (dossiers filed).
enum class Kind { kStatus, kEvent };
// kShare: num out of den, in per cent. kCount: num alone. kMinutes: num seconds over den cases,
// shown as an average in minutes.
enum class Unit { kShare, kCount, kMinutes };

struct Definition {
    std::string key;    // stored in indicator_values.indicator; a prefix when `family`
    const char* msgid;  // the label, translated by the caller
    const char* group;  // the section of the page (msgid)
    Kind kind = Kind::kStatus;
    Unit unit = Unit::kShare;
    int target = -1;            // per cent, where a national target exists
    bool headline = false;      // shown on the province and commune pages, on the map and in trends
    bool family = false;        // `key` is a prefix: "svc." + service + "." + outcome
    bool commune_only = false;  // counted for the commune as a whole, not per village
};

const std::vector<Definition>& Definitions();
// The keys a page reads over past months: the headline figures (trend lines) and the cohorts (read
// at the month their window closed).
std::vector<std::string> TrendKeys();
// The definition of a stored key (families match by prefix); nullptr if none.
const Definition* Find(std::string_view key);

}  // namespace caunoi::indicators
