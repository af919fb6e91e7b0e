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

const char* OutcomeMsgid(std::string_view o) {
    if (o == "done") return N_("done");
    if (o == "partly") return N_("partly done");
    return N_("not done");
}

const char* ReasonMsgid(std::string_view r) {
    if (r == "no_signal") return N_("no signal");
    if (r == "no_device") return N_("no device");
    if (r == "missing_papers") return N_("missing papers");
    if (r == "declined") return N_("the person declined");
    if (r == "system_error") return N_("system error");
    return N_("other");
}

const char* const kSkillMsgids[5] = {N_("Online public services"), N_("Online shopping"), N_("Online payment"),
                                     N_("Staying safe online"), N_("Local digital platforms")};
const char* const kLevelMsgids[3] = {N_("none"), N_("assisted"), N_("independent")};

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
