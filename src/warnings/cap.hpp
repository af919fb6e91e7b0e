// OASIS Common Alerting Protocol 1.2 (docs/warnings.md): reading an alert as the specification
// defines it, refusing anything it does not allow, naming the element at fault. Hostile input
// stays text: no DTD is accepted (so no entity is ever expanded and nothing is fetched), the
// document is at most kMaxCapBytes, and only the elements of the specification are read.
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace caunoi::warnings {

inline constexpr std::string_view kCapNamespace = "urn:oasis:names:tc:emergency:cap:1.2";
inline constexpr size_t kMaxCapBytes = 512 * 1024;

struct CapPoint {
    double lat = 0, lon = 0;
};
struct CapCircle {
    CapPoint centre;
    double radius_km = 0;
};
struct CapArea {
    std::string desc;
    std::vector<std::vector<CapPoint>> polygons;  // each closed: first point = last, at least 4
    std::vector<CapCircle> circles;
    std::vector<std::pair<std::string, std::string>> geocodes;  // valueName, value
};
struct CapInfo {
    std::string language = "en-US";
    std::vector<std::string> categories;
    std::string event, urgency, severity, certainty;
    std::string headline, description, instruction, sender_name, web;
    std::vector<std::string> response_types;
    int64_t effective = 0, onset = 0, expires = 0;  // epoch seconds, 0 = not given
    std::vector<std::pair<std::string, std::string>> parameters;
    std::vector<CapArea> areas;
};
// An earlier message an Update or Cancel refers to.
struct CapReference {
    std::string sender, identifier, sent;
};
struct CapAlert {
    std::string identifier, sender;
    int64_t sent = 0;
    std::string status, msg_type, scope;
    std::string source, restriction, addresses, note;
    std::vector<CapReference> references;
    std::vector<CapInfo> infos;
};

// The alert in `xml`, or Invalid naming the element ("alert/info[2]/area[1]/polygon").
Result<CapAlert> ParseCap(std::string_view xml);

// A CAP polygon ("lat,lon lat,lon ...": at least 4 points, closed) or circle ("lat,lon radius_km");
// Invalid naming `where` otherwise. Also read what an officer types or draws.
Result<std::vector<CapPoint>> ParseCapPolygon(std::string_view text, const std::string& where);
Result<CapCircle> ParseCapCircle(std::string_view text, const std::string& where);

// The alert as CAP 1.2 XML (UTF-8, the default namespace), elements in the schema's order; times
// in Vietnam's offset (+07:00). ParseCap reads back what it wrote.
std::string WriteCap(const CapAlert& a);
// Epoch seconds as a CAP time in Asia/Ho_Chi_Minh: "2026-06-12T14:30:00+07:00".
std::string FormatCapTime(int64_t epoch);

// "2026-06-12T14:30:00+07:00" as epoch seconds; CAP 1.2 requires the offset (and "-00:00" for UTC:
// "Z" is not allowed). Invalid naming `field` otherwise.
Result<int64_t> ParseCapTime(std::string_view s, const std::string& field);

}  // namespace caunoi::warnings
