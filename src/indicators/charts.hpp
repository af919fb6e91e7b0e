// Small inline SVG charts for the indicator pages: a trend line over months, a bar against a
// target, and a map of places coloured by a value. Plain SVG text, no script, no external
// reference; names are escaped. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace caunoi::indicators {

// A trend line of per-cent values (nullopt: no figure that month), 64 x 18 px.
std::string Sparkline(const std::vector<std::optional<double>>& values, const std::string& label);

// A horizontal bar of `value` per cent with a tick at `target` (-1: none), 100 x 10 px.
std::string TargetBar(std::optional<double> value, int target);

struct MapPlace {
    std::string name;
    std::string href;  // "" when the reader may not open it
    double lat = 0, lon = 0;
    std::optional<double> value;  // per cent
};
// Places as dots in their coordinates' box, coloured from red (0%) through amber to green (100%),
// grey without a figure, with the colours' key; each with its name and value as a tooltip and a
// link where given, and written beside it when there are at most kNamedPlaces.
inline constexpr size_t kNamedPlaces = 24;
std::string PlaceMap(const std::vector<MapPlace>& places, const std::string& label);

// A share in per cent, rounded down to a whole number: "63%"; "—" without a denominator.
std::string Percent(std::optional<double> value);

}  // namespace caunoi::indicators
