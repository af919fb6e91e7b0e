#include "warnings/composed.hpp"

namespace caunoi::warnings {

const char* CapCategory(Hazard h) {
    switch (h) {
        case Hazard::kLandslide:
            return "Geo";
        case Hazard::kForestFire:
            return "Fire";
        case Hazard::kOther:
            return "Other";
        default:
            return "Met";
    }
}

const char* CapSeverity(int level) {
    if (level <= 1) return "Minor";
    if (level == 2) return "Moderate";
    if (level <= 4) return "Severe";
    return "Extreme";
}

CapAlert ToCap(const ComposedWarning& w, const Translate& vietnamese) {
    CapAlert a;
    a.identifier = w.id;
    a.sender = w.sender;
    a.sent = w.sent;
    a.status = w.exercise ? "Exercise" : "Actual";
    a.msg_type = "Alert";
    a.scope = "Public";
    CapInfo i;
    i.language = "vi-VN";
    i.categories = {CapCategory(w.parts.hazard)};
    i.event = vietnamese(kHazards.Msgid(w.parts.hazard));
    i.urgency = "Expected";
    i.severity = CapSeverity(w.parts.level);
    i.certainty = "Likely";
    i.expires = w.parts.until;
    i.sender_name = w.parts.from;
    i.headline = i.event + " - " + w.parts.where;
    i.instruction = w.parts.what_to_do;
    i.parameters = {{"riskLevel", std::to_string(w.parts.level)}};
    CapArea area;
    area.desc = w.parts.where;
    area.polygons = w.polygons;
    area.circles = w.circles;
    for (const auto& c : w.communes) area.geocodes.emplace_back("commune", c);
    i.areas.push_back(std::move(area));
    a.infos.push_back(std::move(i));
    return a;
}

}  // namespace caunoi::warnings
