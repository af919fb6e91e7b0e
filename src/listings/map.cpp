#include "listings/map.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/text.hpp"

namespace caunoi::listings {
namespace {

std::string Num(double v) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

}  // namespace

std::string MapSvg(const std::vector<MapPoint>& villages, const std::vector<MapPoint>& listings, int width,
                   int height) {
    double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
    auto extend = [&](const MapPoint& p) {
        if (!p.lat || !p.lon) return;
        min_lat = std::min(min_lat, *p.lat), max_lat = std::max(max_lat, *p.lat);
        min_lon = std::min(min_lon, *p.lon), max_lon = std::max(max_lon, *p.lon);
    };
    for (const auto& v : villages) extend(v);
    for (const auto& l : listings) extend(l);
    if (min_lat > max_lat) return "";
    // At least about 2 km across, so one village is not drawn at an infinite scale.
    const double pad = 0.01;
    min_lat -= pad, max_lat += pad, min_lon -= pad, max_lon += pad;
    // Equirectangular, a degree of longitude shortened by cos(latitude): true shapes at this size.
    const double k = std::cos((min_lat + max_lat) / 2 * M_PI / 180);
    const double margin = 24;
    const double sx = (width - 2 * margin) / ((max_lon - min_lon) * k),
                 sy = (height - 2 * margin) / (max_lat - min_lat);
    const double s = std::min(sx, sy);
    const double ox = (width - (max_lon - min_lon) * k * s) / 2, oy = (height - (max_lat - min_lat) * s) / 2;
    auto x = [&](double lon) { return ox + (lon - min_lon) * k * s; };
    auto y = [&](double lat) { return height - oy - (lat - min_lat) * s; };

    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(width) + " " +
                      std::to_string(height) + "\" class=\"map\" role=\"img\">";
    out += "<rect width=\"100%\" height=\"100%\" fill=\"#eef3e8\"/>";
    std::map<std::string, std::pair<double, double>> at;
    for (const auto& v : villages) {
        if (!v.lat || !v.lon) continue;
        const double vx = x(*v.lon), vy = y(*v.lat);
        at[v.id] = {vx, vy};
        // Names on the right half are written leftwards from their dot, so none runs off the map.
        const bool right = vx > width * 0.55;
        out += "<circle cx=\"" + Num(vx) + "\" cy=\"" + Num(vy) + "\" r=\"3\" fill=\"#888\"/><text x=\"" +
               Num(right ? vx - 5 : vx + 5) + "\" y=\"" + Num(vy - 5) + "\" font-size=\"9\" fill=\"#555\"" +
               (right ? " text-anchor=\"end\"" : "") + ">" + text::EscapeXml(v.label) + "</text>";
    }
    std::map<std::string, int> around;  // listings drawn around each village so far
    for (const auto& l : listings) {
        double lx = 0, ly = 0;
        if (l.lat && l.lon) {
            lx = x(*l.lon), ly = y(*l.lat);
        } else {
            auto it = at.find(l.near_id);
            if (it == at.end()) continue;
            const int n = around[l.near_id]++;
            const double angle = n * 2.4;  // the golden angle: marks spread without a pattern
            const double r = 9 + 3 * std::sqrt(n);
            lx = it->second.first + r * std::cos(angle), ly = it->second.second + r * std::sin(angle);
        }
        // An invisible disc around each mark: a finger-sized target (about 44 px at a phone's width).
        out += "<a href=\"" + text::EscapeXml(l.href) + "\"><title>" + text::EscapeXml(l.label) +
               "</title><circle cx=\"" + Num(lx) + "\" cy=\"" + Num(ly) + "\" r=\"24\" fill=\"transparent\"/>";
        if (l.place)
            out += "<path d=\"M" + Num(lx) + " " + Num(ly - 7) + "l6 11h-12z\" fill=\"#1565c0\"/>";
        else
            out += "<circle cx=\"" + Num(lx) + "\" cy=\"" + Num(ly) + "\" r=\"6\" fill=\"#2e7d32\"/>";
        out += "</a>";
    }
    return out + "</svg>";
}

}  // namespace caunoi::listings
