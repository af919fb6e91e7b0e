#include "http/handlers/web_common.hpp"

#include <ctime>

namespace caunoi::http::web {

std::string FormatTime(int64_t epoch) { return FormatVietnamTime(epoch, "%d/%m/%Y %H:%M"); }

const char* ChannelMsgid(std::string_view c) {
    if (c == "home_visit") return N_("Home visit");
    if (c == "commune_desk") return N_("Commune desk");
    if (c == "village_meeting") return N_("Village meeting");
    return N_("Phone or Zalo");
}

Data AreaData(const area::Area& a) {
    Data d = Obj({{"id", a.id}, {"name", a.name}, {"kind", a.kind}, {"coverage", a.coverage}});
    d.set("is_village", a.kind == "village");
    d.set("has_coverage", !a.coverage.empty());
    return d;
}

Data Options(App& app, const Request& r, std::initializer_list<std::pair<std::string, std::string>> value_msgid,
             const std::string& selected) {
    Data list = List();
    for (const auto& [v, id] : value_msgid) {
        Data o = Obj({{"value", v}, {"label", app.Tr(r, id)}});
        o.set("selected", v == selected);
        list.push_back(o);
    }
    return list;
}

Result<std::pair<fieldwork::SupportSession, std::vector<fieldwork::Task>>> RecordSession(App& app, const Request& r,
                                                                                         Fields f) {
    std::string ticket = f.Has("ticket") ? f.all().at("ticket") : "";
    Fields g;
    for (const auto& [k, v] : f.all())
        if (k != "ticket") g.Set(k, v);
    if (ticket.empty()) return app.fieldwork.RecordSession(*r.actor, g);
    g.Set("channel", "commune_desk");
    Result<std::pair<fieldwork::SupportSession, std::vector<fieldwork::Task>>> out = Error::Internal("unset");
    CAUNOI_TRY(app.db.InTransaction([&]() -> Status {
        out = app.fieldwork.RecordSession(*r.actor, g);
        if (!out.ok()) return out.error();
        return app.desk.LinkSession(*r.actor, ticket, out->first.id);
    }));
    return out;
}

}  // namespace caunoi::http::web
