#include "http/views.hpp"

#include "core/embedded.hpp"
#include "http/app.hpp"
#include "http/error_status.hpp"
#include "http/handlers/warnings.hpp"

namespace caunoi::http {

namespace mus = kainjow::mustache;

Views::Views() {
    for (const auto& [path, content] : EmbeddedFiles()) {
        const std::string prefix = "web/templates/", suffix = ".mustache";
        if (path.rfind(prefix, 0) == 0)
            templates_[path.substr(prefix.size(), path.size() - prefix.size() - suffix.size())] = content;
    }
    for (const auto& [name, text] : templates_) {
        auto t = std::make_unique<mus::mustache>(text);
        if (!t->is_valid()) throw std::runtime_error("template " + name + ": " + t->error_message());
        parsed_[name] = std::move(t);
        for (const auto& [other, other_text] : templates_)
            if (other_text.find("{{> tpl_" + name + "}}") != std::string::npos) {
                partials_.push_back(name);
                break;
            }
    }
}

Data List() { return Data(Data::type::list); }

Data Str(const std::string& s) { return s.empty() ? Data(false) : Data(s); }

Data Obj(std::initializer_list<std::pair<const std::string, std::string>> kv) {
    Data d;
    for (const auto& [k, v] : kv) d.set(k, Str(v));
    return d;
}

std::string Views::Render(App& app, const Request& r, const std::string& name, Data& d, const std::string& title_id) {
    auto tr = mus::lambda{[&app, &r](const std::string& msgid) { return app.Tr(r, msgid); }};
    d.set("t", tr);
    d.set("csrf", r.csrf);
    d.set("lang", r.lang);
    d.set("other_lang", r.lang == "vi" ? "en" : "vi");
    d.set("other_lang_name", r.lang == "vi" ? "English" : "Tiếng Việt");
    d.set("page_title", app.Tr(r, title_id));
    // Where the language switch comes back to: this page with what was chosen on it (a GET's query).
    std::string here = r.path;
    if (r.method == "GET")
        for (const auto& [k, v] : r.query) here += (here == r.path ? "?" : "&") + UrlEncode(k) + "=" + UrlEncode(v);
    d.set("here", UrlEncode(here));
    if (r.actor) {
        d.set("user", r.actor->display_name);
        d.set("logged_in", true);
        d.set("is_leader", r.actor->AtLeast(Role::kTeamLeader));
        d.set("is_officer", r.actor->AtLeast(Role::kCommuneOfficer));
        d.set("is_admin", r.actor->AtLeast(Role::kProvinceAdmin));
    }
    AddWarningBanner(app, r, d);
    for (const auto& p : partials_) {
        const std::string* text = &templates_.at(p);
        d.set("tpl_" + p, mus::partial{[text] { return *text; }});
    }
    auto it = parsed_.find(name);
    if (it == parsed_.end()) throw std::out_of_range("no template " + name);
    std::string out = it->second->render(d);
    if (!it->second->error_message().empty())
        throw std::runtime_error("template " + name + ": " + it->second->error_message());
    return out;
}

Response Views::Page(App& app, const Request& r, const std::string& name, Data d, const std::string& title_id,
                     int status) {
    d.set("content", Render(app, r, name, d, title_id));
    Response resp;
    resp.status = status;
    resp.body = parsed_.at("layout")->render(d);
    return resp;
}

Response Views::Standalone(App& app, const Request& r, const std::string& name, Data d, const std::string& title_id) {
    Response resp;
    resp.body = Render(app, r, name, d, title_id);
    return resp;
}

Response Views::Error(App& app, const Request& r, int status, const caunoi::Error& e) {
    if (status == 401) return Response::Redirect("/login");
    Data d;
    d.set("status", std::to_string(status));
    d.set("title", app.Tr(r, e.title_id));
    // The detail is English for developers and logs; a page shows only the translated title.
    std::string back = r.Header("referer");
    // Only same-site paths, never an absolute URL another site supplied.
    auto pos = back.find("://");
    if (pos != std::string::npos) {
        auto slash = back.find('/', pos + 3);
        back = slash == std::string::npos ? "/" : back.substr(slash);
    }
    if (back.empty() || back[0] != '/' || back.rfind("//", 0) == 0) back = "/";
    d.set("back", back);
    return Page(app, r, "error", d, e.title_id, status);
}

}  // namespace caunoi::http
