#include "indicators/charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/text.hpp"

namespace caunoi::indicators {

namespace {

std::string Num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s;
}

// Red (0%) -> amber (50%) -> green (100%).
std::string Colour(std::optional<double> v) {
    if (!v) return "#bbb";
    const double x = std::clamp(*v, 0.0, 100.0) / 100.0;
    int r, g;
    if (x < 0.5) {
        r = 200;
        g = static_cast<int>(60 + x * 2 * 120);
    } else {
        r = static_cast<int>(200 - (x - 0.5) * 2 * 170);
        g = 180 - static_cast<int>((x - 0.5) * 2 * 40);
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "#%02x%02x40", r, g);
    return buf;
}

}  // namespace

std::string Percent(std::optional<double> value) {
    if (!value) return "—";
    return std::to_string(static_cast<int>(std::floor(*value + 1e-9))) + "%";
}

std::string Sparkline(const std::vector<std::optional<double>>& values, const std::string& label) {
    const double w = 64, h = 18;
    std::string pts;
    const size_t n = values.size();
    for (size_t i = 0; i < n; ++i) {
        if (!values[i]) continue;
        const double x = n > 1 ? w * static_cast<double>(i) / static_cast<double>(n - 1) : w / 2;
        const double y = h - 1 - (h - 2) * std::clamp(*values[i], 0.0, 100.0) / 100.0;
        pts += (pts.empty() ? "" : " ") + Num(x) + "," + Num(y);
    }
    std::string svg =
        "<svg class=\"spark\" viewBox=\"0 0 64 18\" width=\"64\" height=\"18\" role=\"img\" aria-label=\"" +
        text::EscapeXml(label) + "\"><path d=\"M0 17H64\" stroke=\"#ccc\"/>";
    if (!pts.empty())
        svg += pts.find(' ') == std::string::npos
                   ? "<circle cx=\"" + pts.substr(0, pts.find(',')) + "\" cy=\"" + pts.substr(pts.find(',') + 1) +
                         "\" r=\"2\" fill=\"#0b6e4f\"/>"
                   : "<polyline points=\"" + pts + "\" fill=\"none\" stroke=\"#0b6e4f\" stroke-width=\"1.5\"/>";
    return svg + "</svg>";
}

std::string TargetBar(std::optional<double> value, int target) {
    std::string svg =
        "<svg class=\"bar\" viewBox=\"0 0 100 10\" width=\"100\" height=\"10\" aria-hidden=\"true\">"
        "<rect width=\"100\" height=\"10\" fill=\"#e4e7e1\"/>";
    if (value)
        svg += "<rect width=\"" + Num(std::clamp(*value, 0.0, 100.0)) + "\" height=\"10\" fill=\"" + Colour(value) +
               "\"/>";
    if (target >= 0) svg += "<path d=\"M" + std::to_string(target) + " 0V10\" stroke=\"#000\" stroke-width=\"1.5\"/>";
    return svg + "</svg>";
}

std::string PlaceMap(const std::vector<MapPlace>& places, const std::string& label) {
    if (places.empty()) return "";
    double lat0 = places[0].lat, lat1 = lat0, lon0 = places[0].lon, lon1 = lon0;
    for (const auto& p : places) {
        lat0 = std::min(lat0, p.lat), lat1 = std::max(lat1, p.lat);
        lon0 = std::min(lon0, p.lon), lon1 = std::max(lon1, p.lon);
    }
    // Degrees of longitude are shorter than of latitude at 19°N: cos(19°) ≈ 0.946.
    const double span_x = std::max((lon1 - lon0) * 0.946, 0.01), span_y = std::max(lat1 - lat0, 0.01);
    const double w = 320, h = std::clamp(w * span_y / span_x, 120.0, 360.0);
    // A few places (a commune's villages) carry their names; a province's 130 would overlap.
    const bool named = places.size() <= kNamedPlaces;
    struct Box {
        double x0, y0, x1, y1;
    };
    std::vector<Box> labels;  // written so far: a name that would cover one is left to its tooltip
    std::string svg = "<svg class=\"map\" viewBox=\"-12 -12 " + Num(w + 24) + " " + Num(h + 46) +
                      "\" role=\"img\" aria-label=\"" + text::EscapeXml(label) + "\" font-size=\"11\">";
    for (const auto& p : places) {
        const double x = (p.lon - lon0) * 0.946 / span_x * w, y = (lat1 - p.lat) / span_y * h;
        std::string dot = "<circle cx=\"" + Num(x) + "\" cy=\"" + Num(y) + "\" r=\"8\" fill=\"" + Colour(p.value) +
                          "\"><title>" + text::EscapeXml(p.name) + ": " + Percent(p.value) + "</title></circle>";
        const std::string label = p.name + " " + Percent(p.value);
        // About 6 units a character at font-size 11, the label beside the dot on the side with room.
        const double width = 6.0 * static_cast<double>(text::CodePoints(label)),
                     left = x > w / 2 ? x - 11 - width : x + 11;
        const Box box{left, y - 8, left + width, y + 6};
        const bool free = std::none_of(labels.begin(), labels.end(), [&](const Box& b) {
            return box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1;
        });
        if (named && free) {
            labels.push_back(box);
            dot += "<text x=\"" + Num(x > w / 2 ? x - 11 : x + 11) + "\" y=\"" + Num(y + 4) + "\"" +
                   (x > w / 2 ? " text-anchor=\"end\"" : "") + ">" + text::EscapeXml(label) + "</text>";
        }
        svg += p.href.empty() ? dot : "<a href=\"" + text::EscapeXml(p.href) + "\">" + dot + "</a>";
    }
    // The colours' key along the bottom: 0%, 50%, 100%, and grey for no figure.
    const double ky = h + 26;
    const std::pair<std::optional<double>, const char*> keys[] = {
        {0.0, "0%"}, {50.0, "50%"}, {100.0, "100%"}, {std::nullopt, "—"}};
    for (size_t i = 0; i < 4; ++i)
        svg += "<circle cx=\"" + Num(6 + i * 60.0) + "\" cy=\"" + Num(ky) + "\" r=\"6\" fill=\"" +
               Colour(keys[i].first) + "\"/><text x=\"" + Num(16 + i * 60.0) + "\" y=\"" + Num(ky + 4) + "\">" +
               keys[i].second + "</text>";
    return svg + "</svg>";
}

}  // namespace caunoi::indicators
