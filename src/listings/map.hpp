// The map of a commune's listings (issue 20, item 4), drawn as inline SVG from the villages'
// coordinates: no tiles, nothing fetched, a few KB. Villages are grey dots with their names;
// listings are marks linking to their pages (products round, places triangular), at their own
// point when they have one (places), else around their village's dot.
// Thread-safety: pure function.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace caunoi::listings {

struct MapPoint {
    std::optional<double> lat, lon;
    std::string label;    // escaped when drawn
    std::string href;     // listings: their page
    std::string near_id;  // listings without a point: the village they are drawn around
    std::string id;       // villages: their id
    bool place = false;
};

// An SVG of `width` × `height` (viewBox units), or "" when no point has coordinates.
std::string MapSvg(const std::vector<MapPoint>& villages, const std::vector<MapPoint>& listings, int width = 340,
                   int height = 260);

}  // namespace caunoi::listings
