// Procedure guides: the public front page, the public catalog with search, one page per
// procedure, the A6 pocket card, its QR code and short link, the province admin's editor, and the
// JSON API.
#include <algorithm>
#include <boost/json.hpp>

#include "core/text.hpp"
#include "http/handlers/spoken_audio.hpp"
#include "http/handlers/translations.hpp"
#include "http/handlers/web_common.hpp"
#include "http/handlers/web_public.hpp"
#include "http/qr_svg.hpp"
#include "http/routes.hpp"
#include "procedures/search.hpp"
#include "procedures/services.hpp"

namespace caunoi::http {
namespace {

namespace json = boost::json;
using procedures::Procedure;

const char* LevelMsgid(std::string_view level) {
    if (level == "full_online") return N_("Fully online");
    if (level == "partly_online") return N_("Partly online");
    return N_("Not online: in person");
}

std::string DocIcon(std::string_view kind) {
    const auto* at = std::find(std::begin(procedures::kDocKinds), std::end(procedures::kDocKinds), kind);
    if (at == std::end(procedures::kDocKinds)) return "doc";
    return std::string(procedures::kDocKindIcons[at - std::begin(procedures::kDocKinds)]);
}

const char* KindMsgid(std::string_view kind) {
    if (kind == "original") return N_("original");
    if (kind == "copy") return N_("copy");
    if (kind == "certified_copy") return N_("certified copy");
    return N_("show the original");
}

std::string DaysText(App& app, const Request& r, int days) {
    if (days == 0) return app.Tr(r, N_("the same day"));
    return std::to_string(days) + " " + app.Tr(r, N_("working days"));
}

Data ProcedureData(App& app, const Request& r, const Procedure& p) {
    const std::string& lang = r.lang;
    Data d = Obj({{"code", p.code},
                  {"title", p.Title(lang)},
                  {"level", app.Tr(r, LevelMsgid(p.level))},
                  {"days", DaysText(app, r, p.days)},
                  {"fee", p.Fee(lang)},
                  {"where", p.Where(lang)},
                  {"legal", p.Legal(lang)},
                  {"reviewed", FormatDateVn(*ParseDate(p.reviewed))},
                  {"sms", procedures::SmsChecklist(p)},
                  {"short_link", web::BaseUrl(app, r) + "/p/" + p.code}});
    d.set("online", p.level != "not_online");
    d.set("sms_parts", std::to_string(p.sms_parts));  // the parser checked it against the text
    // A quiet mark at each fact we could not check, explained once in a footnote.
    for (const char* f : {"title", "level", "days", "fee", "where", "doc", "step", "legal"})
        d.set(std::string("unverified_") + f, p.Unverified(f));
    d.set("any_unverified", !p.unverified.empty());
    Data docs = List();
    for (const auto& doc : p.docs) {
        Data x = Obj({{"text", doc.In(lang)}, {"kind", app.Tr(r, KindMsgid(doc.kind))}, {"icon", DocIcon(doc.kind)}});
        x.set("count", Str(doc.count > 1 ? std::to_string(doc.count) : ""));
        docs.push_back(x);
    }
    d.set("docs", docs);
    Data steps = List();
    for (const auto& s : p.Steps(lang)) steps.push_back(Obj({{"text", s}}));
    d.set("steps", steps);
    return d;
}

Data CatalogItems(App& app, const Request& r, const std::vector<const Procedure*>& ps) {
    Data items = List();
    for (const auto* p : ps)
        items.push_back(Obj({{"code", p->code},
                             {"title", p->Title(r.lang)},
                             {"level", app.Tr(r, LevelMsgid(p->level))},
                             {"days", DaysText(app, r, p->days)}}));
    return items;
}

// The catalog with its search. A search shows what it found and a link to the whole list; when it
// finds nothing, the closest procedures and the whole list, so nobody leaves empty-handed.
Result<Response> Catalog(App& app, Request& r) {
    CAUNOI_ASSIGN(auto all, app.procedures.All());
    std::string q = r.Query("q");
    if (!text::IsValidUtf8(q, false) || q.size() > 100) q.clear();
    auto found = procedures::SearchCatalog(*all, q);
    const bool searched = !text::Tokens(text::Fold(q)).empty();
    Data d = Obj({{"q", q}, {"count", std::to_string(all->size())}});
    d.set("items", CatalogItems(app, r, found.matches));
    d.set("searched", searched && !found.matches.empty());
    d.set("none_found", found.matches.empty());
    d.set("suggestions", CatalogItems(app, r, found.suggestions));
    d.set("close", found.close);
    if (found.matches.empty()) {
        std::vector<const Procedure*> every;
        for (const auto& p : *all) every.push_back(&p);
        d.set("all", CatalogItems(app, r, every));
    }
    d.set("can_edit", r.actor && r.actor->AtLeast(Role::kProvinceAdmin));
    return app.views->Page(app, r, "procedures", d, N_("Procedures: what to bring"));
}

// The procedure's title, papers and steps in the language a visitor chose (`?voice=`): written
// where a translation is approved (else the Vietnamese, marked), each with a link to hear it.
Status AddContentIn(App& app, const Procedure& p, const std::string& lang, Data& d) {
    const std::string k = "proc." + p.code + ".";
    CAUNOI_ASSIGN(Data title, ContentIn(app, k + "title", p.title_vi, lang));
    d.set("voice_title", title);
    Data docs = List(), steps = List();
    for (size_t i = 0; i < p.docs.size(); ++i) {
        CAUNOI_ASSIGN(Data x, ContentIn(app, k + "doc." + std::to_string(i + 1), p.docs[i].vi, lang));
        docs.push_back(x);
    }
    for (size_t i = 0; i < p.steps_vi.size(); ++i) {
        CAUNOI_ASSIGN(Data x, ContentIn(app, k + "step." + std::to_string(i + 1), p.steps_vi[i], lang));
        steps.push_back(x);
    }
    d.set("voice_docs", docs);
    d.set("voice_steps", steps);
    d.set("voice_lang", lang);
    return {};
}

Result<Response> ProcedurePage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto p, app.procedures.Find(r.Param("code")));
    Data d = ProcedureData(app, r, *p);
    const std::string voice = r.Query("voice");
    d.set("voices", VoiceChoices(app, r, "/procedures/" + p->code, voice));
    if (voice == "vi" || voice == "tai" || voice == "hmn" || voice == "kjg")
        CAUNOI_TRY(AddContentIn(app, *p, voice, d));
    d.set("can_edit", r.actor && r.actor->AtLeast(Role::kProvinceAdmin));
    d.set("saved", r.Query("saved") == "1");
    return app.views->Page(app, r, "procedure", d, N_("Procedure"));
}

// The pocket card: a document of its own, laid out for one A6 page.
Result<Response> PrintCard(App& app, Request& r) {
    CAUNOI_ASSIGN(auto p, app.procedures.Find(r.Param("code")));
    return app.views->Standalone(app, r, "procedure_card", ProcedureData(app, r, *p), N_("Procedure"));
}

// The checklist read aloud in Vietnamese, for someone who does not read (the pocket card's second
// QR code): the procedure, the papers to bring, where to go.
Result<Response> Audio(App& app, Request& r) {
    CAUNOI_ASSIGN(auto p, app.procedures.Find(r.Param("code")));
    std::string script = p->title_vi + ". " + app.catalogs_.Translate("vi", N_("Bring")) + ": ";
    for (size_t i = 0; i < p->docs.size(); ++i) script += (i ? "; " : "") + p->docs[i].vi;
    script += ". " + app.catalogs_.Translate("vi", N_("Where")) + ": " + p->where_vi;
    return SpokenAudio(script, true, "thu-tuc-" + p->code + ".mp3");
}

Result<Response> Qr(App& app, Request& r) {
    CAUNOI_ASSIGN(auto p, app.procedures.Find(r.Param("code")));
    // qr.svg: the page's short link; audio-qr.svg: the checklist read aloud.
    const bool audio = r.path.ends_with("/audio-qr.svg");
    CAUNOI_ASSIGN(auto svg,
                  QrSvg(web::BaseUrl(app, r) + (audio ? "/procedures/" + p->code + "/audio.mp3" : "/p/" + p->code)));
    Response resp;
    resp.content_type = "image/svg+xml";
    resp.body = std::move(svg);
    // Cacheable only when the address comes from the configuration, not from a Host header.
    resp.headers.emplace_back("Cache-Control", app.config().public_url.empty() ? "no-cache" : "public, max-age=86400");
    return resp;
}

Response Editor(App& app, const Request& r, const std::string& code, const std::string& source, const Error* err) {
    Data d = Obj({{"code", code}, {"source", source}});
    if (err) {
        d.set("error", app.Tr(r, err->title_id));
        d.set("error_detail", Str(err->detail));
    }
    return app.views->Page(app, r, "procedure_edit", d, N_("Edit procedure"), err ? 422 : 200);
}

Result<Response> Save(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    std::string source = f.Has("source") ? f.all().at("source") : "";
    auto saved = app.procedures.Put(*r.actor, source);
    if (saved.ok()) return Response::Redirect("/procedures/" + saved->code + "?saved=1");
    if (saved.error().code != ErrorCode::kInvalid) return saved.error();
    // The text comes back with the error: an admin's typing is never lost.
    return Editor(app, r, "", source, &saved.error());
}

// The procedures most asked for, with the short names a resident uses; shown on the front page
// when the catalog has them (the admin may have replaced them).
constexpr std::pair<const char*, const char*> kPopular[] = {{"birth_linked", N_("Birth registration")},
                                                            {"id_card", N_("ID card")},
                                                            {"permanent_residence", N_("Permanent residence")},
                                                            {"vneid_level2", N_("VNeID level 2")}};

// Hands the print card's button its action: the pages' policy runs scripts from this server only,
// and the button stays hidden where this does not run.
constexpr char kPrintScript[] =
    "var b=document.getElementById('print');if(b){b.hidden=false;b.onclick=function(){window.print()}}";

json::object ProcedureJson(const Procedure& p, bool full) {
    json::object o{
        {"code", p.code}, {"title", {{"vi", p.title_vi}, {"en", p.title_en}}}, {"level", p.level}, {"days", p.days}};
    if (!full) return o;
    json::array docs, steps;
    for (const auto& d : p.docs) docs.push_back({{"kind", d.kind}, {"count", d.count}, {"vi", d.vi}, {"en", d.en}});
    for (size_t i = 0; i < p.steps_vi.size(); ++i) steps.push_back({{"vi", p.steps_vi[i]}, {"en", p.steps_en[i]}});
    json::array unverified;
    for (const auto& u : p.unverified) unverified.push_back(json::value(u));
    o["fee"] = {{"vi", p.fee_vi}, {"en", p.fee_en}};
    o["where"] = {{"vi", p.where_vi}, {"en", p.where_en}};
    o["legal"] = {{"vi", p.legal_vi}, {"en", p.legal_en}};
    o["documents"] = docs;
    o["steps"] = steps;
    o["reviewed"] = p.reviewed;
    o["unverified"] = unverified;
    o["sms"] = {{"text", procedures::SmsChecklist(p)}, {"parts", p.sms_parts}};
    o["source"] = p.source;
    return o;
}

}  // namespace

namespace web {
Result<Response> FrontPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto all, app.procedures.All());
    Data popular = List();
    for (const auto& [code, msgid] : kPopular)
        for (const auto& p : *all)
            if (p.code == code) popular.push_back(Obj({{"code", code}, {"label", app.Tr(r, msgid)}}));
    Data d = Obj({{"count", std::to_string(all->size())}});
    d.set("popular", popular);
    return app.views->Page(app, r, "front", d, N_("Public services, made simple"));
}
}  // namespace web

void AddProcedureRoutes(std::vector<Route>& rt) {
    const auto A = Role::kProvinceAdmin;
    rt.push_back({"GET", "/procedures", std::nullopt, Catalog});
    rt.push_back({"POST", "/procedures", A, Save});
    rt.push_back({"GET", "/procedures/{code}", std::nullopt, ProcedurePage});
    rt.push_back({"GET", "/procedures/{code}/print", std::nullopt, PrintCard});
    rt.push_back({"GET", "/procedures/{code}/qr.svg", std::nullopt, Qr});
    rt.push_back({"GET", "/procedures/{code}/audio-qr.svg", std::nullopt, Qr});
    rt.push_back({"GET", "/procedures/{code}/audio.mp3", std::nullopt, Audio});
    rt.push_back({"GET", "/print.js", std::nullopt, [](App&, Request&) -> Result<Response> {
                      Response resp;
                      resp.content_type = "text/javascript; charset=utf-8";
                      resp.body = kPrintScript;
                      resp.headers.emplace_back("Cache-Control", "public, max-age=86400");
                      return resp;
                  }});
    rt.push_back({"GET", "/procedures/{code}/edit", A, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto p, app.procedures.Find(r.Param("code")));
                      return Editor(app, r, p->code, p->source, nullptr);
                  }});
    // The short link printed on cards and shared by SMS or Zalo.
    rt.push_back({"GET", "/p/{code}", std::nullopt, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto p, app.procedures.Find(r.Param("code")));
                      return Response::Redirect("/procedures/" + p->code);
                  }});

    rt.push_back(
        {"GET", "/api/v1/procedures", std::nullopt, [](App& app, Request& r) -> Result<Response> {
             CAUNOI_ASSIGN(auto all, app.procedures.All());
             json::array items;
             // ?full=1: every procedure whole (the field app keeps them for offline use), without its source text.
             const bool full = r.Query("full") == "1";
             for (const auto* p : procedures::Search(*all, r.Query("q"))) {
                 auto o = ProcedureJson(*p, full);
                 o.erase("source");
                 items.push_back(o);
             }
             return Response::Json(200, json::serialize(json::object{{"items", items}, {"next_cursor", nullptr}}));
         }});
    rt.push_back({"GET", "/api/v1/procedures/{code}", std::nullopt, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto p, app.procedures.Find(r.Param("code")));
                      return Response::Json(200, json::serialize(ProcedureJson(*p, true)));
                  }});
    rt.push_back({"PUT", "/api/v1/procedures/{code}", A, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_TRY(f.OnlyKnown({"source"}));
                      std::string source = f.Has("source") ? f.all().at("source") : "";
                      auto parsed = procedures::Parse(source);
                      if (parsed.ok() && (parsed->size() != 1 || parsed->front().code != r.Param("code")))
                          return Error::Invalid("source", "the text must hold exactly this one procedure",
                                                N_("The procedure text has an error"));
                      CAUNOI_ASSIGN(auto p, app.procedures.Put(*r.actor, source));
                      return Response::Json(200, json::serialize(ProcedureJson(p, true)));
                  }});
}

}  // namespace caunoi::http
