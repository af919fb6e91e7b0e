#include "http/handlers/indicators.hpp"

#include <cmath>

#include "fieldwork/fieldwork.hpp"
#include "indicators/charts.hpp"
#include "registry/registry.hpp"

namespace caunoi::http {

CAUNOI_MODULE(indicators, IndicatorsModule);

void IndicatorsModule::AddRoutes(std::vector<Route>& rt) {
    AddIndicatorPageRoutes(rt);
    AddIndicatorExportRoutes(rt);
}

namespace {

constexpr Term kReachChannels[] = {{"app", N_("Web or field app (smartphone)")},
                                   {"sms", N_("SMS")},
                                   {"loudspeaker", N_("Village loudspeaker in their language")},
                                   {"visit", N_("Team visit in the last 90 days")}};

std::string After(const std::string& key, const std::string& prefix) { return key.substr(prefix.size()); }

}  // namespace

std::string IndicatorLabel(App& app, const Request& r, const std::string& key) {
    const auto* def = indicators::Find(key);
    if (!def) return key;
    if (!def->family) return app.Tr(r, def->msgid);
    const std::string rest = After(key, def->key);
    const auto dot = rest.rfind('.');
    if (def->key == "skill." && dot != std::string::npos)
        return app.Tr(r, MsgidOf(registry::kSkills, rest.substr(0, dot))) + ": " +
               app.Tr(r, MsgidOf(registry::kSkillLevels, rest.substr(dot + 1)));
    if (def->key == "reach.") return app.Tr(r, MsgidOf(kReachChannels, rest));
    if (def->key == "reason.") return app.Tr(r, MsgidOf(fieldwork::kReasons, rest));
    if (def->key == "svc." && dot != std::string::npos) {
        std::string service = rest.substr(0, dot);
        if (auto all = app.fieldwork.Services(); all.ok())
            for (const auto& s : *all)
                if (s.key == service) service = s.In(r.lang);
        return service + ": " + app.Tr(r, MsgidOf(fieldwork::kOutcomes, rest.substr(dot + 1)));
    }
    return app.Tr(r, def->msgid);
}

std::optional<double> ShareOf(const indicators::Figure& f) {
    if (f.den <= 0) return std::nullopt;
    return 100.0 * static_cast<double>(f.num) / static_cast<double>(f.den);
}

std::string FigureText(App& app, const Request& r, const indicators::Figure& f) {
    const auto* def = indicators::Find(f.key);
    const auto unit = def ? def->unit : indicators::Unit::kCount;
    if (unit == indicators::Unit::kCount) return std::to_string(f.num);
    if (unit == indicators::Unit::kMinutes) {
        if (f.den <= 0) return "—";
        return std::to_string(static_cast<int64_t>(std::llround(static_cast<double>(f.num) / f.den / 60.0))) + " " +
               app.Tr(r, N_("min"));
    }
    return indicators::Percent(ShareOf(f));
}

}  // namespace caunoi::http
