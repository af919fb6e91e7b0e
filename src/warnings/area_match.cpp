#include "warnings/area_match.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <map>
#include <set>

namespace caunoi::warnings {

namespace bg = boost::geometry;

namespace {

using Pt = bg::model::d2::point_xy<double>;        // x = longitude, y = latitude
using Poly = bg::model::polygon<Pt, false, true>;  // counter-clockwise or not: corrected below

constexpr double kEarthKm = 6371.0088;  // mean radius

Pt ToPt(const CapPoint& p) { return Pt(p.lon, p.lat); }

Poly ToPoly(const Polygon& p) {
    Poly out;
    for (const auto& pt : p.outer) out.outer().push_back(ToPt(pt));
    for (const auto& hole : p.holes) {
        out.inners().emplace_back();
        for (const auto& pt : hole) out.inners().back().push_back(ToPt(pt));
    }
    bg::correct(out);  // orientation and closure as Boost expects, whatever the drawing gave
    return out;
}

}  // namespace

double DistanceKm(const CapPoint& a, const CapPoint& b) {
    using Geo = bg::model::point<double, 2, bg::cs::spherical_equatorial<bg::degree>>;
    return bg::distance(Geo(a.lon, a.lat), Geo(b.lon, b.lat), bg::strategy::distance::haversine<double>(kEarthKm));
}

WarnedAreas AreasOf(const std::vector<CapArea>& areas) {
    WarnedAreas out;
    for (const auto& a : areas) {
        for (const auto& ring : a.polygons) out.polygons.push_back({ring, {}});
        for (const auto& c : a.circles) out.circles.push_back(c);
        for (const auto& [name, value] : a.geocodes) out.communes.push_back(value);
    }
    return out;
}

std::vector<ReachedVillage> ReachedVillages(const WarnedAreas& areas, const std::vector<Commune>& communes,
                                            const std::vector<Village>& villages) {
    std::vector<Poly> polys;
    for (const auto& p : areas.polygons) polys.push_back(ToPoly(p));
    auto inside = [&](double lat, double lon) {
        const Pt pt(lon, lat);
        for (const auto& p : polys)
            if (bg::covered_by(pt, p)) return true;
        for (const auto& c : areas.circles)
            if (DistanceKm({lat, lon}, c.centre) <= c.radius_km) return true;
        return false;
    };
    const std::set<std::string> named(areas.communes.begin(), areas.communes.end());
    std::set<std::string> touched = named;  // communes reached some way
    for (const auto& c : communes)
        if (c.lat && c.lon && inside(*c.lat, *c.lon)) touched.insert(c.id);

    std::vector<ReachedVillage> out;
    std::vector<const Village*> unplaced;
    for (const auto& v : villages) {
        if (v.lat && v.lon) {
            if (inside(*v.lat, *v.lon)) {
                out.push_back({v.id, ReachedBy::kPosition, false});
                touched.insert(v.commune_id);
            } else if (named.count(v.commune_id)) {
                out.push_back({v.id, ReachedBy::kCommuneCode, false});
            }
        } else {
            unplaced.push_back(&v);
        }
    }
    for (const auto* v : unplaced) {
        if (named.count(v->commune_id))
            out.push_back({v->id, ReachedBy::kCommuneCode, false});
        else if (touched.count(v->commune_id))
            out.push_back({v->id, ReachedBy::kCommuneOnly, true});
    }
    return out;
}

}  // namespace caunoi::warnings
