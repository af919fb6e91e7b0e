// Commune announcements' pages and API (docs/announcements.md): officers post and withdraw for
// their commune (the province admin for any), everyone reads, listens and prints.
#include "http/handlers/announcements.hpp"

#include <boost/json.hpp>
#include <optional>

#include "core/calendar.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "http/handlers/json_values.hpp"
#include "http/handlers/spoken_audio.hpp"
#include "http/handlers/web_common.hpp"
#include "http/qr_svg.hpp"

namespace caunoi::http {

CAUNOI_MODULE(announcements, AnnouncementsModule);

namespace {

using board::Announcement;

board::AnnouncementService& Service(App& app) { return app.Get<AnnouncementsModule>().service; }

// "xã Mường Xén", "phường Vinh Hưng" in the reader's language.
std::string CommuneLabel(App& app, const Request& r, const board::Commune& c) {
    std::string out = app.Tr(r, c.ward ? N_("ward {name}") : N_("commune {name}"));
    text::ReplaceAll(out, "{name}", c.name);
    return out;
}

// Whom it is for: the whole commune, or the villages it names.
std::string Audience(App& app, const Request& r, const Announcement& a) {
    if (a.villages.empty()) return app.Tr(r, N_("the whole commune"));
    std::string names;
    for (const auto& v : a.villages) names += (names.empty() ? "" : ", ") + v.name;
    return names;
}

std::string Day(int64_t epoch) { return FormatVietnamTime(epoch, "%d/%m/%Y"); }

Data AnnouncementData(App& app, const Request& r, const Announcement& a) {
    const int64_t now = app.clock.NowSeconds();
    Data d = Obj({{"id", a.id},
                  {"commune_id", a.commune.id},
                  {"title", a.title},
                  {"text", a.text},
                  {"commune", CommuneLabel(app, r, a.commune)},
                  {"commune_name", a.commune.name},
                  {"signature", Service(app).Signature(a.commune)},
                  {"audience", Audience(app, r, a)},
                  {"until", Day(a.valid_until)},
                  {"posted", web::FormatTime(a.posted_at)},
                  {"posted_day", Day(a.posted_at)},
                  {"sms_queued", std::to_string(a.sms_queued)}});
    d.set("in_force", a.InForceAt(now));
    d.set("withdrawn", a.withdrawn_at != 0);
    d.set("expired", a.withdrawn_at == 0 && a.valid_until <= now);
    d.set("sms", a.sms);
    d.set("sms_text", Str(a.sms_text));
    return d;
}

boost::json::object ToJson(const Announcement& a, int64_t now, bool staff) {
    boost::json::array villages;
    for (const auto& v : a.villages) villages.push_back({{"id", v.id}, {"name", v.name}});
    const std::string page = "/announcements/" + a.id;
    boost::json::object o{
        {"id", a.id},
        {"commune_id", a.commune.id},
        {"commune_name", a.commune.name},
        {"title", a.title},
        {"text", a.text},
        {"valid_until", a.valid_until},
        {"villages", std::move(villages)},
        {"posted_at", a.posted_at},
        {"withdrawn_at", a.withdrawn_at ? boost::json::value(a.withdrawn_at) : boost::json::value(nullptr)},
        {"in_force", a.InForceAt(now)},
        {"links",
         {{"page", page},
          {"print", page + "/print"},
          {"audio_mp3", page + "/audio.mp3"},
          {"audio_wav", page + "/audio.wav"}}}};
    if (staff) {
        o["sms"] = a.sms;
        o["sms_queued"] = a.sms_queued;
        o["sms_text"] = OptS(a.sms_text);
    }
    return o;
}

bool Staff(const Request& r, const Announcement& a) {
    return r.actor && r.actor->AtLeast(Role::kCommuneOfficer) && r.actor->scope.Contains(a.commune.path);
}

// The province admin has no commune of their own: which one first.
Result<Response> ChooseCommune(App& app, Request& r, const std::string& action) {
    CAUNOI_ASSIGN(auto communes, Service(app).CommunesFor(*r.actor));
    Data list = List();
    for (const auto& c : communes) list.push_back(Obj({{"id", c.id}, {"name", CommuneLabel(app, r, c)}}));
    Data d;
    d.set("choose", true);
    d.set("communes", list);
    d.set("action", action);
    return app.views->Page(app, r, "announcements", d, N_("Announcements"));
}

bool NeedsCommune(const Error& e) { return e.code == ErrorCode::kInvalid && e.field == "commune_id"; }

std::string Value(const Fields& f, const std::string& k) { return f.all().count(k) ? f.all().at(k) : ""; }

// The form as the service reads it: the villages ticked one by one become one list.
Fields PostedFields(const Fields& form) {
    Fields out;
    std::string villages;
    for (const auto& [k, v] : form.all()) {
        if (k.rfind("village_", 0) == 0) {
            if (!v.empty()) villages += (villages.empty() ? "" : ",") + k.substr(8);
        } else if (k == "commune_id" || k == "title" || k == "text" || k == "valid_until" || k == "sms") {
            out.Set(k, v);
        }
    }
    if (!villages.empty()) out.Set("villages", villages);
    return out;
}

Result<Response> ComposePage(App& app, Request& r, const std::string& commune, const Fields& sent,
                             const Error* refused) {
    auto choices = Service(app).ChoicesFor(*r.actor, commune);
    if (!choices.ok() && NeedsCommune(choices.error())) return ChooseCommune(app, r, "/announcements/new");
    if (!choices.ok()) return choices.error();
    const auto& c = *choices;
    Data d = Obj({{"commune_id", c.commune.id},
                  {"commune", CommuneLabel(app, r, c.commune)},
                  {"all", std::to_string(c.subscribers.all)},
                  {"commune_subscribers", std::to_string(c.subscribers.commune)}});
    Data villages = List();
    bool any = false;
    for (const auto& v : c.villages) {
        const auto n = c.subscribers.villages.count(v.id) ? c.subscribers.villages.at(v.id) : 0;
        Data o = Obj({{"id", v.id}, {"name", v.name}, {"subscribers", std::to_string(n)}});
        const bool ticked = !Value(sent, "village_" + v.id).empty();
        o.set("checked", ticked);
        any = any || ticked;
        villages.push_back(o);
    }
    d.set("villages", villages);
    d.set("some_villages", any || (refused && refused->field == "villages"));
    for (const char* k : {"title", "text", "valid_until"}) d.set(std::string("v_") + k, Str(Value(sent, k)));
    d.set("v_sms", !Value(sent, "sms").empty());
    const int64_t today = LocalDayOf(app.clock.NowSeconds());
    d.set("min_day", FormatDate(today));
    d.set("max_day", FormatDate(today + board::kMaxValidSeconds / 86400));
    if (refused) web::SetFormError(app, r, *refused, d);
    return app.views->Page(app, r, "announcement_new", d, N_("Post an announcement"), refused ? 422 : 200);
}

Result<Response> Compose(App& app, Request& r) {
    CAUNOI_ASSIGN(auto form, ReadFields(r));
    auto posted = Service(app).Post(*r.actor, PostedFields(form));
    if (!posted.ok()) {
        if (!web::IsFormError(posted.error())) return posted.error();
        return ComposePage(app, r, Value(form, "commune_id"), form, &posted.error());
    }
    log::Info("announcement " + posted->id + " posted by " + r.actor->user_id + ": " +
              (posted->sms ? std::to_string(posted->sms_queued) + " SMS queued" : "no SMS"));
    return Response::Redirect("/announcements?commune=" + posted->commune.id + "&posted=" + posted->id);
}

// One announcement of the commune named in the address (?posted=, ?withdrawn=), for the banner.
std::optional<Data> Named(App& app, const Request& r, const std::string& key, const board::Commune& c) {
    const std::string id = r.Query(key);
    if (id.empty()) return std::nullopt;
    auto a = Service(app).Get(id);
    if (!a.ok() || a->commune.id != c.id) return std::nullopt;  // a stale or foreign id: say nothing
    return AnnouncementData(app, r, *a);
}

Result<Response> ListPage(App& app, Request& r) {
    auto choices = Service(app).ChoicesFor(*r.actor, r.Query("commune"));
    if (!choices.ok() && NeedsCommune(choices.error())) return ChooseCommune(app, r, "/announcements");
    if (!choices.ok()) return choices.error();
    const auto& c = choices->commune;
    CAUNOI_ASSIGN(auto list, Service(app).ListForCommune(*r.actor, c.id));
    Data d = Obj({{"commune_id", c.id}, {"commune", CommuneLabel(app, r, c)}});
    Data items = List();
    for (const auto& a : list) items.push_back(AnnouncementData(app, r, a));
    d.set("items", items);
    d.set("none", list.empty());
    if (auto p = Named(app, r, "posted", c)) d.set("posted", *p);
    if (auto w = Named(app, r, "withdrawn", c)) {
        auto n = r.IntQuery("stopped", 0, 100000000, 0);
        w->set("stopped", std::to_string(n.ok() ? *n : 0));
        d.set("withdrawn_now", *w);
    }
    return app.views->Page(app, r, "announcements", d, N_("Announcements"));
}

Result<Response> Withdraw(App& app, Request& r) {
    CAUNOI_ASSIGN(auto w, Service(app).Withdraw(*r.actor, r.Param("id")));
    log::Info("announcement " + w.announcement.id + " withdrawn by " + r.actor->user_id + ": " +
              std::to_string(w.sms_stopped) + " SMS stopped");
    return Response::Redirect("/announcements?commune=" + w.announcement.commune.id +
                              "&withdrawn=" + w.announcement.id + "&stopped=" + std::to_string(w.sms_stopped));
}

Result<Response> PublicPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto a, Service(app).Get(r.Param("id")));
    Data d = AnnouncementData(app, r, a);
    d.set("staff", Staff(r, a));
    if (auto script = Service(app).Script(a); script.ok()) d.set("script", *script);
    return app.views->Page(app, r, "announcement", d, N_("Announcement"));
}

Result<Response> PrintPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto a, Service(app).Get(r.Param("id")));
    Data d = AnnouncementData(app, r, a);
    const std::string address = web::BaseUrl(app, r) + "/announcements/" + a.id;
    CAUNOI_ASSIGN(auto qr, QrSvg(address));
    d.set("qr", qr);
    d.set("address", address);
    return app.views->Standalone(app, r, "announcement_print", d, N_("Announcement"));
}

Result<Response> Audio(App& app, Request& r, bool mp3) {
    CAUNOI_ASSIGN(auto a, Service(app).Get(r.Param("id")));
    if (a.withdrawn_at) return Error::NotFound("announcement withdrawn");
    CAUNOI_ASSIGN(auto script, Service(app).Script(a));
    return SpokenAudio(script, mp3, std::string("thong-bao") + (mp3 ? ".mp3" : ".wav"));
}

Result<Response> ApiList(App& app, Request& r) {
    const std::string commune = r.Query("commune");
    if (commune.empty()) return Error::Invalid("commune", "the commune's code is required", N_("Choose the commune"));
    const int64_t now = app.clock.NowSeconds();
    CAUNOI_ASSIGN(auto list, Service(app).InForce(commune, r.Query("village"), now));
    return JsonResponse(List(
        list, [&](const Announcement& a) { return ToJson(a, now, Staff(r, a)); }, ""));
}

Result<Response> ApiGet(App& app, Request& r) {
    CAUNOI_ASSIGN(auto a, Service(app).Get(r.Param("id")));
    return JsonResponse(ToJson(a, app.clock.NowSeconds(), Staff(r, a)));
}

Result<Response> ApiPost(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    CAUNOI_ASSIGN(auto a, Service(app).Post(*r.actor, f));
    return JsonResponse(ToJson(a, app.clock.NowSeconds(), true), 201);
}

Result<Response> ApiWithdraw(App& app, Request& r) {
    CAUNOI_ASSIGN(auto w, Service(app).Withdraw(*r.actor, r.Param("id")));
    auto o = ToJson(w.announcement, app.clock.NowSeconds(), true);
    o["sms_stopped"] = w.sms_stopped;
    return JsonResponse(o);
}

}  // namespace

void AnnouncementsModule::AddRoutes(std::vector<Route>& rt) {
    const auto O = Role::kCommuneOfficer;
    rt.push_back({"GET", "/announcements", O, ListPage});
    rt.push_back({"GET", "/announcements/new", O,
                  [](App& app, Request& r) { return ComposePage(app, r, r.Query("commune"), Fields(), nullptr); }});
    rt.push_back({"POST", "/announcements/new", O, Compose});
    rt.push_back({"GET", "/announcements/{id}", std::nullopt, PublicPage});
    rt.push_back({"GET", "/announcements/{id}/print", std::nullopt, PrintPage});
    rt.push_back({"GET", "/announcements/{id}/audio.mp3", std::nullopt,
                  [](App& app, Request& r) { return Audio(app, r, true); }});
    rt.push_back({"GET", "/announcements/{id}/audio.wav", std::nullopt,
                  [](App& app, Request& r) { return Audio(app, r, false); }});
    rt.push_back({"POST", "/announcements/{id}/withdraw", O, Withdraw});
    rt.push_back({"GET", "/api/v1/announcements", std::nullopt, ApiList});
    rt.push_back({"POST", "/api/v1/announcements", O, ApiPost});
    rt.push_back({"GET", "/api/v1/announcements/{id}", std::nullopt, ApiGet});
    rt.push_back({"POST", "/api/v1/announcements/{id}/withdraw", O, ApiWithdraw});
}

}  // namespace caunoi::http
