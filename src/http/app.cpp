#include "http/app.hpp"

#include <algorithm>

#include <sstream>

#include "core/crypto.hpp"
#include "core/embedded.hpp"
#include "core/text.hpp"
#include "http/error_status.hpp"
#include "http/json.hpp"
#include "http/module.hpp"
#include "http/routes.hpp"
#include "http/views.hpp"
#include "storage/service_graph.hpp"

namespace caunoi::http {

storage::GraphConfig GraphConfigOf(const AppConfig& cfg) {
    storage::GraphConfig g;
    g.id_key = cfg.id_key;
    g.sms_price = cfg.sms_price;
    g.sms_unicode = cfg.sms_unicode;
    g.link_base = cfg.link_base;
    return g;
}

App::App(storage::Database& d, const Clock& c, AppConfig cfg)
    : graph_(std::make_unique<storage::ServiceGraph>(d, c, GraphConfigOf(cfg))),
      db(graph_->db),
      clock(graph_->clock),
      catalogs_(graph_->catalogs_),
      calendar(graph_->calendar),
      transactions(graph_->transactions),
      audit(graph_->audit),
      areas(graph_->areas),
      registry(graph_->registry),
      auth(graph_->auth),
      teams(graph_->teams),
      fieldwork(graph_->fieldwork),
      desk(graph_->desk),
      procedures(graph_->procedures),
      dossiers(graph_->dossiers),
      sync(graph_->sync),
      sms(graph_->sms),
      alerts(graph_->alerts),
      views(std::make_unique<Views>()),
      cfg_(std::move(cfg)) {
    graph_->LoadShippedCatalogs();
    routes_ = AllRoutes();
    for (const auto& [name, make] : RegisteredModules()) {
        std::unique_ptr<Module> m = make(*graph_);
        m->AddRoutes(routes_);
        const Module& built = *m;
        modules_.emplace(std::type_index(typeid(built)), std::move(m));
    }
    // An address with fewer parameters is tried first: "/training/me" before "/training/{id}",
    // whatever order the modules were registered in (that order is the linker's).
    std::stable_sort(routes_.begin(), routes_.end(), [](const Route& a, const Route& b) {
        return std::count(a.pattern.begin(), a.pattern.end(), '{') < std::count(b.pattern.begin(), b.pattern.end(), '{');
    });
}

App::~App() = default;

Status App::SeedReferenceData() { return graph_->SeedReferenceData(); }

Module& App::ModuleOf(const std::type_info& type) {
    auto it = modules_.find(std::type_index(type));
    if (it == modules_.end()) throw std::logic_error(std::string("module not registered: ") + type.name());
    return *it->second;
}

namespace {

// Matches "/a/{id}/b" against "/a/XYZ/b", filling params.
bool Match(const std::string& pattern, const std::string& path, std::map<std::string, std::string>& params) {
    size_t pi = 0, si = 0;
    while (pi < pattern.size() && si < path.size()) {
        if (pattern[pi] == '{') {
            size_t pe = pattern.find('}', pi);
            size_t se = path.find('/', si);
            if (se == std::string::npos) se = path.size();
            if (se == si) return false;
            params[pattern.substr(pi + 1, pe - pi - 1)] = path.substr(si, se - si);
            pi = pe + 1;
            si = se;
        } else {
            if (pattern[pi] != path[si]) return false;
            ++pi;
            ++si;
        }
    }
    return pi == pattern.size() && si == path.size();
}

bool StateChanging(const std::string& m) { return m == "POST" || m == "PATCH" || m == "PUT" || m == "DELETE"; }

}  // namespace

Response App::ErrorResponse(const Request& r, const Error& e) {
    int status = StatusFor(e.code);
    Response resp;
    if (r.WantsJson()) {
        resp = Response::Json(status, ProblemJson(status, Tr(r, e.title_id), e.detail, e.field));
        resp.content_type = "application/problem+json";
    } else {
        resp = views->Error(*this, r, status, e);
    }
    if (e.retry_after > 0) resp.headers.emplace_back("Retry-After", std::to_string(e.retry_after));
    return resp;
}

Result<Response> App::Dispatch(Request& req) {
    // Vietnamese for everyone unless the person chose otherwise (the `lang` cookie): a phone set
    // to English is not a choice of language for this site. API clients may still ask with
    // Accept-Language (the field app sends its page's language).
    const bool api = req.path.rfind("/api/", 0) == 0;
    req.lang = catalogs_.Negotiate(req.cookies.count("lang") ? req.cookies["lang"] : "",
                                   api ? req.Header("accept-language") : "");
    if (!text::IsValidUtf8(req.path, false))
        return Error::Invalid("path", "invalid UTF-8 in the address", N_("Invalid text"));
    const Route* route = nullptr;
    std::string allowed;  // the methods the address answers, when not this one
    for (const auto& rt : routes_) {
        std::map<std::string, std::string> params;
        if (!Match(rt.pattern, req.path, params)) continue;
        if (rt.method == req.method || (req.method == "HEAD" && rt.method == "GET")) {
            route = &rt;
            req.route = rt.pattern;
            req.params = std::move(params);
            break;
        }
        if (allowed.find(rt.method) == std::string::npos) allowed += (allowed.empty() ? "" : ", ") + rt.method;
    }
    if (!route) {
        if (allowed.empty()) return Error::NotFound("no such page");
        Response resp =
            ErrorResponse(req, Error{ErrorCode::kMethodNotAllowed, N_("Method not allowed"), "method not allowed", {}});
        resp.headers.emplace_back("Allow", allowed);
        return resp;
    }
    for (const auto& [k, v] : req.params)
        if (!text::IsValidUtf8(v, false) || v.size() > 64) return Error::NotFound();

    // Authentication: a session cookie (browsers) or a bearer token (API clients, the PWA).
    bool bearer = false;
    std::string authz = req.Header("authorization");
    if (authz.rfind("Bearer ", 0) == 0) {
        req.session_token = authz.substr(7);
        bearer = true;
    } else if (req.cookies.count("sid")) {
        req.session_token = req.cookies["sid"];
    }
    if (!req.session_token.empty()) {
        auto who = auth.Authenticate(req.session_token, req.remote_addr);
        if (who.ok()) {
            req.actor = std::move(who->first);
            req.csrf = std::move(who->second);
        }
    }
    if (route->min_role) {
        if (!req.actor) {
            if (!req.WantsJson()) return Response::Redirect("/login?next=" + UrlEncode(req.path));
            return Error::Unauthorized();
        }
        if (!req.actor->AtLeast(*route->min_role)) {
            // A role too low for a resource looks exactly like a missing resource.
            if (!req.params.empty()) return Error::NotFound();
            return Error::Forbidden("your role does not allow this");
        }
        // CSRF: cookie-authenticated state changes must echo the session's token.
        if (StateChanging(req.method) && !bearer) {
            std::string sent = req.Header("x-csrf-token");
            if (sent.empty() && req.Header("content-type").rfind("application/x-www-form-urlencoded", 0) == 0) {
                std::map<std::string, std::string> form;
                ParseUrlEncoded(req.body, form);
                sent = form["_csrf"];
            }
            if (!crypto::Equal(sent, req.csrf))
                return Error{ErrorCode::kForbidden, N_("Form expired; please try again"), "CSRF token mismatch", {}};
        }
    }
    return route->handler(*this, req);
}

namespace {
// Runs `f` and turns an exception into an internal error: a handler never takes the server down.
Result<Response> Guard(const std::function<Result<Response>()>& f) {
    try {
        return f();
    } catch (const std::exception& e) {
        return Error::Internal(e.what());
    }
}
}  // namespace

Response App::Handle(Request& req) {
    Result<Response> r = Guard([&] { return Dispatch(req); });
    if (r.ok() && r->work) return std::move(r).value();  // the server runs the work, then Resume
    return Finish(req, std::move(r));
}

Response App::Resume(Request& req, Response&& pending) {
    auto then = std::move(pending.then);
    return Finish(req, then ? Guard(then) : Result<Response>(Error::Internal("offloaded response without then")));
}

Response App::Finish(const Request& req, Result<Response>&& r) {
    Response resp = r.ok() ? std::move(r).value() : ErrorResponse(req, r.error());
    resp.headers.emplace_back("X-Content-Type-Options", "nosniff");
    resp.headers.emplace_back("Referrer-Policy", "same-origin");
    if (req.secure) resp.headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
    if (resp.content_type.rfind("text/html", 0) == 0) {
        // No external requests, ever: the policy enforces what the templates promise.
        resp.headers.emplace_back("Content-Security-Policy",
                                  "default-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; "
                                  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
        resp.headers.emplace_back("Cache-Control", "no-store");
    }
    return resp;
}

}  // namespace caunoi::http
