// Which villages a warning's areas reach (issue 17, area matching). A village with coordinates is
// reached when it lies in one of the areas' polygons (its edge included: a village on the line is
// warned) outside every hole, or within a circle's radius by great-circle distance. A village of
// a commune the areas name by geocode (official commune code) is reached by that. A village
// without coordinates is reached, flagged, when its commune is: named by geocode, its commune's own
// point inside an area, or another village of the commune reached by position; the flag says
// someone should check. Polygons are read in longitude/latitude as a plane, which at the size of
// a province errs by metres. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "warnings/cap.hpp"

namespace caunoi::warnings {

// A polygon an officer draws may have holes; CAP's are single rings (holes empty).
struct Polygon {
    std::vector<CapPoint> outer;
    std::vector<std::vector<CapPoint>> holes;
};

struct WarnedAreas {
    std::vector<Polygon> polygons;
    std::vector<CapCircle> circles;
    std::vector<std::string> communes;  // official commune codes (CAP geocodes)
};
// The areas of a CAP info block: its polygons, circles and geocodes, all areas together.
WarnedAreas AreasOf(const std::vector<CapArea>& areas);

struct Village {
    std::string id;
    std::string commune_id;
    std::optional<double> lat, lon;
};
struct Commune {
    std::string id;
    std::optional<double> lat, lon;  // its centre as recorded
};

enum class ReachedBy { kPosition, kCommuneCode, kCommuneOnly };
struct ReachedVillage {
    std::string id;
    ReachedBy by;
    bool check = false;  // no coordinates: reached by its commune only
};

std::vector<ReachedVillage> ReachedVillages(const WarnedAreas& areas, const std::vector<Commune>& communes,
                                            const std::vector<Village>& villages);

// Great-circle distance in kilometres (mean Earth radius).
double DistanceKm(const CapPoint& a, const CapPoint& b);

}  // namespace caunoi::warnings
