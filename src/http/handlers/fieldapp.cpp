// The installable field app (docs/sync.md): its page, translated on the server, and its own
// files (script, service worker, manifest, icon), compiled into the binary. Public: the app
// logs in by itself and works offline from then on. A member already logged in on the web gets
// the app's token from that session (POST /app/token) instead of typing the password again.
#include <boost/json.hpp>

#include "auth/auth.hpp"
#include "core/embedded.hpp"
#include "fieldwork/fieldwork.hpp"
#include "http/handlers/json_values.hpp"
#include "http/handlers/users_json.hpp"
#include "http/handlers/web_common.hpp"
#include "http/routes.hpp"
#include "listings/description.hpp"
#include "listings/listing.hpp"
#include "registry/registry.hpp"

namespace caunoi::http {
namespace {

namespace json = boost::json;

// "a|b|c" of the translations of a vocabulary's names, for the page's data attributes.
std::string Joined(App& app, const Request& r, Vocabulary terms) {
    std::string out;
    for (const auto& t : terms) out += (out.empty() ? "" : "|") + app.Tr(r, t.msgid);
    return out;
}

// The script without its comment lines (those whose first characters are "//") and without the
// indentation of the others: they are for whoever reads the source, and the app's scripts have a
// budget of 10 KB compressed (DESIGN.md). Lines stay lines (no statement is joined to another);
// the scripts' multi-line template literals hold HTML, where leading spaces mean nothing.
std::string WithoutCommentLines(const std::string& js) {
    std::string out;
    out.reserve(js.size());
    size_t pos = 0;
    while (pos < js.size()) {
        size_t end = js.find('\n', pos);
        end = end == std::string::npos ? js.size() : end + 1;
        size_t first = js.find_first_not_of(" \t", pos);
        if (first > end) first = end;
        if (js.compare(first, 2, "//") != 0) out.append(js, first, end - first);
        pos = end;
    }
    return out;
}

Handler File(const char* path, const char* type) {
    const std::string body =
        std::string_view(path).ends_with(".js") ? WithoutCommentLines(EmbeddedFile(path)) : EmbeddedFile(path);
    return [path, type, body](App&, Request&) -> Result<Response> {
        Response resp;
        resp.content_type = type;
        resp.body = body;
        resp.headers.emplace_back("Cache-Control", "no-cache");
        // The worker at /app/sw.js serves the page /app too (a scope one level above its folder).
        if (std::string_view(path).ends_with("sw.js")) resp.headers.emplace_back("Service-Worker-Allowed", "/app");
        return resp;
    };
}

// The app's own bearer token for the user of the browser's web session. Only a cookie session
// with its CSRF token (checked by the dispatcher for every cookie-authenticated POST) may ask:
// another site can make the browser send the cookie, never the token, and cannot read the
// answer. A bearer token cannot be traded for another one here.
Result<Response> TokenFromWebSession(App& app, Request& r) {
    if (!r.Header("authorization").empty() || !r.cookies.count("sid") || r.cookies["sid"] != r.session_token)
        return Error::Forbidden("only a web session gets a field app token");
    CAUNOI_ASSIGN(auto s, app.auth.IssueToken(*r.actor, r.remote_addr));
    Response resp = Response::Json(
        200, json::serialize(json::object{
                 {"token", s.token}, {"csrf", s.csrf}, {"expires_at", s.expires_at}, {"user", ToJson(s.actor)}}));
    resp.headers.emplace_back("Cache-Control", "no-store");
    return resp;
}

}  // namespace

void AddFieldAppRoutes(std::vector<Route>& rt) {
    rt.push_back({"GET", "/app", std::nullopt, [](App& app, Request& r) -> Result<Response> {
                      Data d;
                      // Names in table order: the app stores keys and shows these by position.
                      d.set("skill_names", Joined(app, r, registry::kSkills));
                      d.set("level_names", Joined(app, r, registry::kSkillLevels));
                      d.set("outcome_names", Joined(app, r, fieldwork::kOutcomes));
                      static constexpr Term kVneid[] = {
                          {"none", N_("no VNeID")}, {"level1", N_("VNeID level 1")}, {"level2", N_("VNeID level 2")}};
                      d.set("vneid_names", Joined(app, r, kVneid));
                      d.set("channel_names", Joined(app, r, fieldwork::kChannels));
                      d.set("reason_names", Joined(app, r, fieldwork::kReasons));
                      // The listing form, offline (web/app/app.js listingView).
                      Data cats = List(), questions = List();
                      for (const auto& c : listings::kCategories)
                          cats.push_back(Obj({{"key", std::string(c.key)}, {"label", app.Tr(r, c.msgid)}}));
                      for (const auto& q : listings::kHelperQuestions)
                          questions.push_back(Obj({{"key", q.key},
                                                   {"label", app.Tr(r, q.question_msgid)},
                                                   {"lead", *q.lead_msgid ? app.Tr(r, q.lead_msgid) : ""}}));
                      d.set("listing_categories", cats);
                      d.set("helper", questions);
                      Data months = List();
                      for (int m = 1; m <= 12; ++m) months.push_back(std::to_string(m));
                      d.set("months", months);
                      return app.views->Standalone(app, r, "fieldapp", d, N_("Field app"));
                  }});
    rt.push_back({"POST", "/app/token", Role::kMember, TokenFromWebSession});
    rt.push_back({"GET", "/app/app.js", std::nullopt, File("web/app/app.js", "text/javascript; charset=utf-8")});
    rt.push_back({"GET", "/app/sw.js", std::nullopt, File("web/app/sw.js", "text/javascript; charset=utf-8")});
    // Photos of listings, in pieces (docs/listings.md): the field app's and the listing page's.
    rt.push_back({"GET", "/app/upload.js", std::nullopt, File("web/app/upload.js", "text/javascript; charset=utf-8")});
    rt.push_back(
        {"GET", "/app/photo_form.js", std::nullopt, File("web/app/photo_form.js", "text/javascript; charset=utf-8")});
    // The .po import form's file reader and the voice recorder (docs/translations.md).
    rt.push_back(
        {"GET", "/app/po_file.js", std::nullopt, File("web/app/po_file.js", "text/javascript; charset=utf-8")});
    rt.push_back({"GET", "/app/record.js", std::nullopt, File("web/app/record.js", "text/javascript; charset=utf-8")});
    rt.push_back({"GET", "/app/manifest.webmanifest", std::nullopt,
                  File("web/app/manifest.webmanifest", "application/manifest+json")});
    rt.push_back({"GET", "/app/icon.svg", std::nullopt, File("web/app/icon.svg", "image/svg+xml")});
}

}  // namespace caunoi::http
