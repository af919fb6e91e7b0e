// Login, logout, language switch and password change pages.
#include "auth/auth.hpp"
#include "core/crypto.hpp"
#include "http/handlers/auth_steps.hpp"
#include "http/handlers/web_common.hpp"
#include "http/routes.hpp"

namespace caunoi::http {
namespace {

Response LoginPage(App& app, Request& r, const std::string& error, int status) {
    // Login CSRF: a double-submit token in a cookie, since there is no session yet.
    std::string token = crypto::RandomToken(18);
    Data d = Obj({{"next", SafeNext(r.Query("next"))}, {"login_csrf", token}, {"error", error}});
    Response resp = app.views->Page(app, r, "login", d, N_("Log in"), status);
    resp.SetCookie("lcsrf", token, r.secure, 3600);
    return resp;
}

Result<Response> LoginSubmit(App& app, Request& r) {
    std::map<std::string, std::string> form;
    ParseUrlEncoded(r.body, form);
    if (form["_lcsrf"].empty() || !crypto::Equal(form["_lcsrf"], r.cookies["lcsrf"]))
        return LoginPage(app, r, app.Tr(r, "Form expired; please try again"), 403);
    std::string next = SafeNext(form["next"]);
    return OffloadedLogin(app, form["login"], form["password"], r.remote_addr,
                          [&app, &r, next](Result<auth::LoginResult> s) -> Result<Response> {
                              if (!s.ok())
                                  return LoginPage(app, r, app.Tr(r, s.error().title_id),
                                                   s.error().code == ErrorCode::kTooManyRequests ? 429 : 401);
                              // A session this browser held before is ended, not left beside the new one
                              // (ASVS 7.2.4: a new token on every authentication, the current one terminated).
                              if (r.actor) CAUNOI_TRY(app.auth.Logout(*r.actor, r.session_token));
                              Response resp = Response::Redirect(next);
                              resp.SetCookie("sid", s->token, r.secure, auth::AuthService::kSessionSeconds);
                              resp.SetCookie("lcsrf", "", r.secure, 0);
                              return resp;
                          });
}

Result<Response> PasswordSubmit(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    auto field = [&](const char* k) { return f.all().count(k) ? f.all().at(k) : std::string(); };
    return OffloadedPasswordChange(
        app, r, field("current_password"), field("new_password"), [&app, &r](Result<auth::LoginResult> s) {
            if (!s.ok()) {
                Data d = Obj({{"error", app.Tr(r, s.error().title_id)}});
                return app.views->Page(app, r, "password", d, N_("Change password"), 422);
            }
            // This browser goes on with a fresh session; every other one of this user has ended.
            r.session_token = s->token;
            r.csrf = s->csrf;
            Response resp = app.views->Page(app, r, "password", Obj({{"saved", "1"}}), N_("Change password"));
            resp.SetCookie("sid", s->token, r.secure, auth::AuthService::kSessionSeconds);
            return resp;
        });
}

}  // namespace

void AddAuthWebRoutes(std::vector<Route>& rt) {
    const auto M = Role::kMember;
    rt.push_back({"GET", "/login", std::nullopt,
                  [](App& app, Request& r) -> Result<Response> { return LoginPage(app, r, "", 200); }});
    rt.push_back({"POST", "/login", std::nullopt, LoginSubmit});
    rt.push_back({"POST", "/logout", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_TRY(app.auth.Logout(*r.actor, r.session_token));
                      Response resp = Response::Redirect("/login");
                      resp.SetCookie("sid", "", r.secure, 0);
                      return resp;
                  }});
    rt.push_back({"GET", "/lang/{code}", std::nullopt, [](App& app, Request& r) -> Result<Response> {
                      if (!app.catalogs_.Has(r.Param("code"))) return Error::NotFound();
                      Response resp = Response::Redirect(SafeNext(r.Query("next")));
                      resp.SetCookie("lang", r.Param("code"), r.secure, 365 * 24 * 3600);
                      return resp;
                  }});
    rt.push_back({"GET", "/password", M, [](App& app, Request& r) -> Result<Response> {
                      return app.views->Page(app, r, "password", Data(), N_("Change password"));
                  }});
    rt.push_back({"POST", "/password", M, PasswordSubmit});
}

}  // namespace caunoi::http
