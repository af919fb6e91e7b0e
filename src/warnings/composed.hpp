// A warning composed by an officer, as the CAP 1.2 alert it is published as (issue 17, item 3):
// the hazard as CAP's category and event, the risk level as severity (and a `riskLevel`
// parameter), the communes as geocodes, drawn areas as polygons and circles, the text in
// Vietnamese. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "warnings/cap.hpp"
#include "warnings/loudspeaker.hpp"

namespace caunoi::warnings {

struct ComposedWarning {
    std::string id;      // ours (a ULID): the CAP identifier
    std::string sender;  // "caunoi@<the server's public host>"
    int64_t sent = 0;
    bool exercise = false;              // an exercise reaches staff only: CAP status Exercise
    ScriptParts parts;                  // hazard, level, where (area description), what to do, until, from
    std::vector<std::string> communes;  // official commune codes
    std::vector<std::vector<CapPoint>> polygons;
    std::vector<CapCircle> circles;
};

// The CAP category of a hazard: Met (rain, flood, storm, cold), Geo (landslide), Fire.
const char* CapCategory(Hazard h);
// The CAP severity of a risk level: 1 Minor, 2 Moderate, 3 and 4 Severe, 5 Extreme.
const char* CapSeverity(int level);

CapAlert ToCap(const ComposedWarning& w, const Translate& vietnamese);

}  // namespace caunoi::warnings
