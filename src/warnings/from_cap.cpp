#include "warnings/from_cap.hpp"

#include "core/text.hpp"

namespace caunoi::warnings {

const CapInfo* InfoForResidents(const CapAlert& a) {
    for (const auto& i : a.infos)
        if (i.language.rfind("vi", 0) == 0) return &i;
    return a.infos.empty() ? nullptr : &a.infos.front();
}

int LevelOf(const CapInfo& info) {
    for (const auto& [name, value] : info.parameters)
        if (name == "riskLevel" && value.size() == 1 && value[0] >= '1' && value[0] <= '5') return value[0] - '0';
    if (info.severity == "Minor") return 1;
    if (info.severity == "Severe") return 3;
    if (info.severity == "Extreme") return 5;
    return 2;  // Moderate, Unknown
}

namespace {

Hazard HazardOf(const CapInfo& info, const Translate& tr) {
    const std::string event = text::Fold(info.event);
    for (size_t k = 0; k < std::size(kHazardTerms); ++k) {
        const auto h = static_cast<Hazard>(k);
        if (h == Hazard::kOther) continue;
        if (event == text::Fold(tr(kHazardTerms[k].msgid)) || event == text::Fold(kHazardTerms[k].msgid)) return h;
    }
    for (const auto& c : info.categories) {
        if (c == "Fire") return Hazard::kForestFire;
    }
    return Hazard::kOther;
}

}  // namespace

ScriptParts PartsOf(const CapAlert& a, const Translate& tr) {
    ScriptParts p;
    p.exercise = a.status == "Exercise";
    const CapInfo* info = InfoForResidents(a);
    if (!info) {
        p.from = a.sender;
        return p;
    }
    p.from = info->sender_name.empty() ? a.sender : info->sender_name;
    p.hazard = HazardOf(*info, tr);
    p.level = LevelOf(*info);
    for (const auto& area : info->areas) p.where += (p.where.empty() ? "" : ", ") + area.desc;
    p.what_to_do = info->instruction;
    p.until = info->expires;
    return p;
}

}  // namespace caunoi::warnings
