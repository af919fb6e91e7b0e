#include "http/handlers/web_common.hpp"

#include <cctype>
#include <ctime>
#include <string_view>

#include "area/area.hpp"
#include "core/text.hpp"
#include "fieldwork/fieldwork.hpp"

namespace caunoi::http::web {

std::string FormatTime(int64_t epoch) { return FormatVietnamTime(epoch, "%d/%m/%Y %H:%M"); }

std::string CoverageLabel(App& app, const Request& r, const std::string& coverage) {
    if (coverage == "none") return app.Tr(r, N_("no signal"));
    std::string upper = coverage;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return upper;  // 2G, 3G, 4G: the same in every language
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

Status AddUndo(App& app, const Request& r, Data& d) {
    for (const char* key : {"done", "reopened"}) {
        const std::string id = r.Query(key);
        if (id.empty()) continue;
        auto t = app.fieldwork.GetTask(*r.actor, id);
        if (!t.ok()) continue;  // a stale or foreign id in the address: say nothing
        Data x = Obj({{"id", t->id}, {"title", app.Tr(r, t->title)}, {"next", r.path}});
        d.set(std::string(key) == "done" ? "undo" : "reopened", x);
    }
    return {};
}

std::string BaseUrl(App& app, const Request& r) {
    if (!app.config().public_url.empty()) return app.config().public_url;
    std::string host = r.Header("host");
    bool ok = !host.empty() && host.size() <= 100;
    for (char c : host)
        ok = ok && (std::isalnum(static_cast<unsigned char>(c)) ||
                    std::string_view(".-:[]").find(c) != std::string_view::npos);
    return std::string(r.secure ? "https://" : "http://") + (ok ? host : "localhost");
}

bool IsFormError(const Error& e) { return e.code == ErrorCode::kInvalid || e.code == ErrorCode::kConflict; }

void SetFormError(App& app, const Request& r, const Error& e, Data& d) {
    const std::string message = app.Tr(r, e.title_id);
    d.set("error", message);
    if (e.field.empty()) return;
    std::string key = "err_" + e.field;
    for (auto& c : key)
        if (c == '.') c = '_';
    d.set(key, message);
}

void SetRefused(App& app, const Request& r, const Fields& sent, const Error& e, const std::string& form, Data& d) {
    for (const auto& [k, v] : sent.all()) {
        std::string key = "v_" + k;
        for (auto& c : key)
            if (c == '.') c = '_';
        d.set(key, v);
    }
    SetFormError(app, r, e, d);
    d.set(form, true);
}

// The audit log's action codes as an officer reads them.
const char* AuditActionMsgid(const std::string& a) {
    if (a == "create") return N_("created");
    if (a == "update") return N_("changed");
    if (a == "delete") return N_("deleted");
    if (a == "view") return N_("viewed");
    if (a == "login") return N_("logged in");
    if (a == "login_failed") return N_("failed to log in");
    if (a == "logout") return N_("logged out");
    if (a == "password") return N_("changed the password");
    if (a == "sync") return N_("sent from the field app");
    return N_("other action");
}

// The consent purposes as the person heard them, in the reader's language.
std::string PurposesText(App& app, const Request& r, const std::string& purposes) {
    static const std::map<std::string, std::string, std::less<>> kLabels = {
        {"registry", N_("Keep a record to help them")},
        {"support", N_("Follow up on help given")},
        {"notifications", N_("Send them messages and warnings")},
        {"statistics", N_("Count them in anonymous statistics")}};
    std::string out;
    for (auto p : text::Split(purposes, ',')) {
        auto it = kLabels.find(p);
        out += (out.empty() ? "" : "; ") + (it == kLabels.end() ? std::string(p) : app.Tr(r, it->second));
    }
    return out;
}

const char* ConsentChangeMsgid(const std::string& change) {
    if (change == "given") return N_("given");
    if (change == "changed") return N_("changed");
    return N_("withdrawn");
}

}  // namespace caunoi::http::web
