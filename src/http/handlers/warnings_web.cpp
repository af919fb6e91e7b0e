// The warnings' pages (docs/warnings.md): the public list of warnings in force, composing with a
// preview before anything is sent, the reach of one warning, the loudspeaker operator's page
// (no login: its address is in the operator's SMS) and a village's loudspeaker.
#include <algorithm>
#include <set>

#include "channel/encoding.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "http/handlers/spoken_audio.hpp"
#include "http/handlers/translations.hpp"
#include "http/handlers/warnings.hpp"
#include "http/handlers/web_common.hpp"
#include "translation/languages.hpp"
#include "warnings/warnings.hpp"

namespace caunoi::http {

namespace {

using warnings::kHazards;
using warnings::kRiskLevels;

const warnings::RiskLevel& LevelOf(int level) { return kRiskLevels[static_cast<size_t>(std::clamp(level, 1, 5) - 1)]; }
// Dark text on the light colours (levels 1 and 2), white on the others.
const char* InkOf(int level) { return level <= 2 ? "#1b1b1b" : "#fff"; }

// "2026-06-12T20:30" (an <input type=datetime-local>, Vietnam's time) as epoch seconds.
Result<int64_t> LocalTime(const std::string& s, const char* field) {
    auto t = warnings::ParseCapTime(s + (s.size() == 16 ? ":00+07:00" : "+07:00"), field);
    if (!t.ok()) return Error::Invalid(field, "a date and time", N_("Choose until when: a time in the next 7 days"));
    return t;
}
std::string LocalInput(int64_t epoch) { return FormatVietnamTime(epoch, "%Y-%m-%dT%H:%M"); }

// The officer's form as a draft; Invalid naming the field.
Result<warnings::Draft> DraftOf(const Fields& f) {
    warnings::Draft d;
    if (f.all().count("draft_id")) d.id = f.all().at("draft_id");
    CAUNOI_ASSIGN(auto hazard, f.Choice("hazard", kHazards.terms));
    if (!hazard) return Error::Invalid("hazard", "required", N_("Choose the danger"));
    d.hazard = static_cast<warnings::Hazard>(*hazard);
    CAUNOI_ASSIGN(auto level, f.Int("level", 1, 5));
    if (!level) return Error::Invalid("level", "required", N_("Choose a risk level from 1 to 5"));
    d.level = static_cast<int>(*level);
    for (const auto& [k, v] : f.all()) {
        if (v.empty()) continue;
        if (k.rfind("commune_", 0) == 0) d.communes.push_back(k.substr(8));
        if (k.rfind("village_", 0) == 0) d.villages.push_back(k.substr(8));
    }
    auto text = [&](const char* k) { return f.all().count(k) ? text::Trim(f.all().at(k)) : std::string(); };
    if (!text("polygon").empty()) {
        auto ring = warnings::ParseCapPolygon(text("polygon"), "polygon");
        if (!ring.ok())
            return Error::Invalid("polygon", ring.error().detail,
                                  N_("Give at least 4 corners as latitude,longitude, the first again at the end"));
        d.polygons.push_back(*ring);
    }
    if (!text("circle").empty()) {
        auto circle = warnings::ParseCapCircle(text("circle"), "circle");
        if (!circle.ok())
            return Error::Invalid("circle", circle.error().detail,
                                  N_("Give the centre as latitude,longitude then the radius in km"));
        d.circles.push_back(*circle);
    }
    CAUNOI_ASSIGN(auto where, f.Text("where", 90, false));
    d.where = where.value_or("");
    d.what_to_do = f.all().count("what_to_do") ? f.all().at("what_to_do") : "";
    if (!text::IsValidUtf8(d.what_to_do)) return Error::Invalid("what_to_do", "invalid UTF-8", N_("Invalid text"));
    if (text("until").empty())
        return Error::Invalid("until", "required", N_("Choose until when: a time in the next 7 days"));
    CAUNOI_ASSIGN(d.until, LocalTime(text("until"), "until"));
    d.exercise = !text("exercise").empty();
    return d;
}

// The compose form's choices, with what was sent kept (`sent`) and communes proposed from pasted text.
Status AddComposeChoices(App& app, const Request& r, const Fields& sent, Data& d) {
    auto has = [&](const std::string& k) { return sent.all().count(k) && !sent.all().at(k).empty(); };
    auto value = [&](const char* k) { return sent.all().count(k) ? sent.all().at(k) : std::string(); };
    Data hazards = List();
    for (size_t i = 0; i < std::size(warnings::kHazardTerms); ++i) {
        const auto& t = warnings::kHazardTerms[i];
        Data h = Obj({{"key", std::string(t.key)}, {"name", app.Tr(r, t.msgid)}});
        h.set("checked", value("hazard") == t.key);
        hazards.push_back(h);
    }
    d.set("hazards", hazards);
    Data levels = List();
    for (const auto& l : kRiskLevels) {
        Data o = Obj({{"n", std::to_string(l.level)},
                      {"name", app.Tr(r, l.msgid)},
                      {"colour_name", app.Tr(r, l.colour_msgid)},
                      {"colour", std::string(l.hex)},
                      {"ink", std::string(InkOf(l.level))}});
        o.set("checked", value("level") == std::to_string(l.level));
        levels.push_back(o);
    }
    d.set("levels", levels);
    CAUNOI_ASSIGN(auto places, app.alerts.PlacesFor(*r.actor));
    std::set<std::string> proposed;
    if (!value("pasted").empty()) {
        CAUNOI_ASSIGN(auto found, app.alerts.FindInText(*r.actor, value("pasted")));
        std::string outside, unknown;
        for (const auto& p : found.places) {
            const bool mine = std::any_of(places.commune_names.begin(), places.commune_names.end(),
                                          [&](const auto& c) { return c.code == p.id; });
            if (mine) proposed.insert(p.id);
            if (!mine) outside += (outside.empty() ? "" : ", ") + p.name;
        }
        for (const auto& u : found.unknown) unknown += (unknown.empty() ? "" : ", ") + u;
        d.set("found_count", std::to_string(proposed.size()));
        d.set("searched", true);
        d.set("outside", Str(outside));
        d.set("unknown", Str(unknown));
    }
    // Proposed communes first: the officer ticks them, nothing is ticked for them.
    Data communes = List();
    for (const bool first : {true, false})
        for (const auto& c : places.commune_names) {
            if ((proposed.count(c.code) > 0) != first) continue;
            Data o = Obj({{"code", c.code},
                          {"name", places.CommuneName(c.code, [&](const char* id) { return app.Tr(r, id); })}});
            o.set("checked", has("commune_" + c.code));
            o.set("proposed", first);
            communes.push_back(o);
        }
    d.set("communes", communes);
    d.set("many_communes", places.commune_names.size() > 3);
    Data villages = List();
    for (const auto& v : places.villages) {
        Data o = Obj({{"id", v.village.id}, {"name", v.name}, {"commune", v.commune_name}});
        o.set("checked", has("village_" + v.village.id));
        villages.push_back(o);
    }
    d.set("villages", villages);
    for (const char* k : {"pasted", "polygon", "circle", "where", "what_to_do", "until"})
        d.set(std::string("v_") + k, Str(value(k)));
    if (value("until").empty()) d.set("v_until", LocalInput(app.clock.NowSeconds() + 6 * 3600));
    d.set("v_exercise", has("exercise"));
    d.set("min_until", LocalInput(app.clock.NowSeconds()));
    return {};
}

Result<Response> ComposePage(App& app, Request& r, const Fields& sent, const Error* refused) {
    Data d;
    CAUNOI_TRY(AddComposeChoices(app, r, sent, d));
    if (refused) web::SetFormError(app, r, *refused, d);
    return app.views->Page(app, r, "alert_new", d, N_("Send a warning"), refused ? 422 : 200);
}

Result<Response> PreviewPage(App& app, Request& r, const Fields& sent, const warnings::Preview& p) {
    Data d;
    const auto& level = LevelOf(p.parts.level);
    d.set("hazard", app.Tr(r, kHazards.Msgid(p.parts.hazard)));
    d.set("level_name", app.Tr(r, level.msgid));
    d.set("colour", std::string(level.hex));
    d.set("ink", InkOf(p.parts.level));
    d.set("where", p.parts.where);
    d.set("until", web::FormatTime(p.parts.until));
    d.set("exercise", p.parts.exercise);
    d.set("numbers", std::to_string(p.counts.numbers));
    d.set("residents", std::to_string(p.counts.residents));
    d.set("subscribers", std::to_string(p.counts.subscribers));
    d.set("staff", std::to_string(p.counts.staff));
    d.set("operators", std::to_string(p.counts.operators));
    d.set("households", std::to_string(p.counts.households));
    d.set("village_count", std::to_string(p.villages.size()));
    d.set("sms", p.sms.text);
    d.set("parts", std::to_string(p.sms.size.parts));
    d.set("cut", p.sms.cut);
    d.set("script", p.script);
    Data villages = List();
    int checks = 0, speakers = 0;
    for (const auto& v : p.villages) {
        Data o = Obj({{"name", v.name}, {"commune", v.commune_name}});
        o.set("check", v.check);
        o.set("loudspeaker", v.loudspeaker);
        checks += v.check;
        speakers += v.loudspeaker;
        villages.push_back(o);
    }
    d.set("villages", villages);
    d.set("checks", checks ? Data(std::to_string(checks)) : Data(false));
    d.set("speakers", std::to_string(speakers));
    Data hidden = List();
    for (const auto& [k, v] : sent.all())
        if (k != "action" && k != "draft_id" && !v.empty()) hidden.push_back(Obj({{"k", k}, {"v", v}}));
    hidden.push_back(Obj({{"k", "draft_id"}, {"v", p.id}}));
    d.set("hidden", hidden);
    return app.views->Page(app, r, "alert_preview", d, N_("Check before sending"));
}

Result<Response> Compose(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    const std::string action = f.all().count("action") ? f.all().at("action") : "";
    if (action == "find" || action == "edit") return ComposePage(app, r, f, nullptr);
    auto draft = DraftOf(f);
    if (!draft.ok()) return web::IsFormError(draft.error()) ? ComposePage(app, r, f, &draft.error()) : draft.error();
    if (action == "send") {
        auto sent = app.alerts.Send(*r.actor, *draft);
        if (!sent.ok()) return web::IsFormError(sent.error()) ? ComposePage(app, r, f, &sent.error()) : sent.error();
        log::Info("warning " + std::to_string(sent->alert.number) + " sent by " + r.actor->user_id + ": " +
                  std::to_string(sent->messages) + " messages");
        return Response::Redirect("/alerts/" + sent->alert.id + "?sent=" + std::to_string(sent->messages));
    }
    auto p = app.alerts.PreviewDraft(*r.actor, *draft);
    if (!p.ok()) return web::IsFormError(p.error()) ? ComposePage(app, r, f, &p.error()) : p.error();
    return PreviewPage(app, r, f, *p);
}

Result<Response> ListPage(App& app, Request& r) {
    Data d;
    Data list = List();
    if (r.actor) {
        CAUNOI_ASSIGN(auto in_force, app.alerts.InForceFor(*r.actor, 20));
        for (const auto& a : in_force) list.push_back(WarningData(app, r, a));
        if (r.actor->AtLeast(Role::kTeamLeader)) {
            CAUNOI_ASSIGN(auto recent, app.alerts.Recent(*r.actor, 20));
            Data past = List();
            for (const auto& a : recent) past.push_back(WarningData(app, r, a));
            d.set("recent", past);
            d.set("has_recent", !recent.empty());
        }
    } else {
        CAUNOI_ASSIGN(auto in_force, app.alerts.InForce(20));
        for (const auto& a : in_force)
            if (a.status == "Actual") list.push_back(WarningData(app, r, a));
    }
    d.set("alerts", list);
    d.set("staff", r.actor && r.actor->AtLeast(Role::kTeamLeader));
    return app.views->Page(app, r, "alerts", d, N_("Warnings"));
}

Result<Response> ReachPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto found, app.alerts.ReachOf(*r.actor, r.Param("id")));
    const auto& [alert, reach] = found;
    Data d = WarningData(app, r, alert);
    if (auto n = r.IntQuery("sent", 0, 100000000, -1); n.ok() && *n >= 0) d.set("sent", std::to_string(*n));
    d.set("cancelled_now", !r.Query("cancelled").empty());
    for (const auto& [k, n] : {std::pair{"queued", reach.queued},
                               {"sent_count", reach.sent},
                               {"delivered", reach.delivered},
                               {"failed", reach.failed},
                               {"stopped", reach.stopped}})
        d.set(k, std::to_string(n));
    Data villages = List();
    int to_visit = 0, acked = 0, speakers = 0;
    for (const auto& v : reach.villages) {
        Data o = Obj({{"name", v.place.name},
                      {"commune", v.place.commune_name},
                      {"numbers", std::to_string(v.numbers)},
                      {"operator", v.place.operator_name},
                      {"ack", v.acknowledged_at ? FormatVietnamTime(v.acknowledged_at, "%H:%M %d/%m") : ""}});
        o.set("check", v.place.check);
        o.set("loudspeaker", v.place.loudspeaker);
        o.set("to_visit", v.ToVisit());
        to_visit += v.ToVisit();
        acked += v.acknowledged_at != 0;
        speakers += v.place.loudspeaker;
        villages.push_back(o);
    }
    d.set("villages", villages);
    d.set("to_visit", std::to_string(to_visit));
    d.set("acked", std::to_string(acked));
    d.set("speakers", std::to_string(speakers));
    d.set("can_cancel", r.actor->AtLeast(Role::kCommuneOfficer) && alert.superseded_by.empty() &&
                            alert.msg_type != "Cancel" && (alert.status == "Actual" || alert.status == "Exercise"));
    d.set("refresh", "20");
    return app.views->Page(app, r, "alert", d, N_("Who was reached"));
}

Result<Response> CancelWarning(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    CAUNOI_TRY(app.alerts.ReachOf(*r.actor, r.Param("id")));  // NotFound outside the actor's area
    if (!f.Has("confirm")) return Response::Redirect("/alerts/" + r.Param("id"));
    CAUNOI_ASSIGN(auto c, app.alerts.Cancel(*r.actor, r.Param("id")));
    log::Info("warning cancelled by " + r.actor->user_id + ": " + std::to_string(c.messages) + " corrections");
    return Response::Redirect("/alerts/" + r.Param("id") + "?cancelled=1");
}

// The approved recordings (MP3) of a warning's danger and risk level in `lang`: both, or fewer
// when one is missing.
Result<std::vector<std::string>> LeadIn(App& app, const warnings::StoredAlert& a, const std::string& lang) {
    std::vector<std::string> out;
    for (const char* msgid : {kHazards.Msgid(a.hazard), LevelOf(a.level).msgid}) {
        CAUNOI_ASSIGN(auto mp3, TemplateRecording(app, "warnings", msgid, lang));
        if (mp3) out.push_back(std::move(*mp3));
    }
    return out;
}

Result<Response> OperatorPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto page, app.alerts.OperatorPage(r.Param("token")));
    Data d = WarningData(app, r, page.alert);
    d.set("token", r.Param("token"));
    d.set("village", page.village.place.name);
    d.set("commune", page.village.place.commune_name);
    d.set("script", page.script);
    d.set("audio", true);
    // The village's other main languages: the audio begins with the danger and its level in the
    // language, where both are recorded and approved; otherwise the Vietnamese alone, said so.
    CAUNOI_ASSIGN(auto langs, app.Get<TranslationsModule>().service.VillageLanguages(page.village.place.village_id));
    Data voices = List();
    for (const auto& lang : langs) {
        CAUNOI_ASSIGN(auto lead, LeadIn(app, page.alert, lang));
        Data o = Obj({{"code", lang}, {"name", app.Tr(r, MsgidOf(translation::kLanguages, lang))}});
        o.set("recorded", lead.size() == 2);
        voices.push_back(o);
    }
    d.set("voices", voices);
    if (page.village.acknowledged_at) d.set("ack", FormatVietnamTime(page.village.acknowledged_at, "%H:%M %d/%m"));
    d.set("bare", true);
    return app.views->Page(app, r, "loa", d, N_("Read on the loudspeaker"));
}

Result<Response> OperatorAudio(App& app, Request& r) {
    const std::string file = r.Param("file");
    CAUNOI_ASSIGN(auto page, app.alerts.OperatorPage(r.Param("token")));
    // "audio-hmn.mp3": the lead-in in one of the village's languages, then the Vietnamese.
    if (file.size() > 10 && file.rfind("audio-", 0) == 0 && file.ends_with(".mp3")) {
        const std::string lang = file.substr(6, file.size() - 10);
        CAUNOI_ASSIGN(auto langs,
                      app.Get<TranslationsModule>().service.VillageLanguages(page.village.place.village_id));
        if (std::find(langs.begin(), langs.end(), lang) == langs.end()) return Error::NotFound("not a language here");
        CAUNOI_ASSIGN(auto lead, LeadIn(app, page.alert, lang));
        if (lead.size() != 2) return Error::NotFound("no approved recording of the danger and its level");
        return SpokenAudioAfter(std::move(lead), page.script,
                                "canh-bao-" + std::to_string(page.alert.number) + "-" + lang + ".mp3");
    }
    if (file != "audio.mp3" && file != "audio.wav") return Error::NotFound();
    const bool mp3 = file == "audio.mp3";
    return SpokenAudio(page.script, mp3, "canh-bao-" + std::to_string(page.alert.number) + (mp3 ? ".mp3" : ".wav"));
}

Result<Response> OperatorAck(App& app, Request& r) {
    CAUNOI_TRY(app.alerts.AcknowledgeOnPage(r.Param("token")));
    return Response::Redirect("/loa/" + r.Param("token"));
}

Result<Response> LoudspeakerPage(App& app, Request& r, const Fields* sent, const Error* refused) {
    CAUNOI_ASSIGN(auto places, app.alerts.PlacesFor(*r.actor));
    for (const auto& v : places.villages) {
        if (v.village.id != r.Param("id")) continue;
        Data d = Obj({{"id", v.village.id}, {"name", v.name}, {"commune", v.commune_name}});
        d.set("v_operator_name", v.operator_name);
        d.set("v_operator_phone", v.operator_phone);
        d.set("v_working", v.loudspeaker);
        if (sent) {
            auto value = [&](const char* k) { return sent->all().count(k) ? sent->all().at(k) : std::string(); };
            d.set("v_operator_name", value("operator_name"));
            d.set("v_operator_phone", value("operator_phone"));
            d.set("v_working", !value("working").empty());
        }
        if (refused) web::SetFormError(app, r, *refused, d);
        d.set("saved", !r.Query("saved").empty());
        return app.views->Page(app, r, "loudspeaker", d, N_("Village loudspeaker"), refused ? 422 : 200);
    }
    return Error::NotFound();
}

Result<Response> SaveLoudspeaker(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    auto value = [&](const char* k) { return f.all().count(k) ? text::Trim(f.all().at(k)) : std::string(); };
    auto st = app.alerts.SetLoudspeaker(*r.actor, r.Param("id"), !value("working").empty(), value("operator_name"),
                                        value("operator_phone"));
    if (!st.ok()) return web::IsFormError(st.error()) ? LoudspeakerPage(app, r, &f, &st.error()) : st.error();
    return Response::Redirect("/areas/" + r.Param("id") + "/loudspeaker?saved=1");
}

}  // namespace

Data WarningData(App& app, const Request& r, const warnings::StoredAlert& a) {
    const auto& level = LevelOf(a.level);
    Data d = Obj({{"id", a.id},
                  {"number", std::to_string(a.number)},
                  {"hazard", app.Tr(r, kHazards.Msgid(a.hazard))},
                  {"hazard_icon", std::string(warnings::kHazardTerms[static_cast<size_t>(a.hazard)].icon)},
                  {"level_icon", "lv" + std::to_string(a.level ? a.level : 1)},
                  {"level_name", a.level ? app.Tr(r, level.msgid) : ""},
                  {"colour", a.level ? std::string(level.hex) : "#c9cfc4"},
                  {"ink", std::string(InkOf(a.level ? a.level : 1))},
                  {"where", a.where},
                  {"from", a.from},
                  {"instruction", a.instruction},
                  {"until", a.expires ? web::FormatTime(a.expires) : ""},
                  {"sent_at", web::FormatTime(a.sent)}});
    d.set("exercise", a.status == "Exercise");
    d.set("cancel", a.msg_type == "Cancel");
    d.set("ended", !a.superseded_by.empty());
    return d;
}

void AddWarningBanner(App& app, const Request& r, Data& d) {
    auto in_force = r.actor ? app.alerts.InForceFor(*r.actor, 3) : app.alerts.InForce(3);
    if (!in_force.ok()) return;  // a page without its banner rather than no page
    Data list = List();
    bool any = false;
    for (const auto& a : *in_force) {
        if (!r.actor && a.status != "Actual") continue;
        Data w = WarningData(app, r, a);
        w.set("link", r.actor && r.actor->AtLeast(Role::kTeamLeader) ? "/alerts/" + a.id
                                                                     : "/alerts#a" + std::to_string(a.number));
        list.push_back(w);
        any = true;
    }
    if (any) d.set("banner", list);
}

void AddWarningPages(std::vector<Route>& rt) {
    const auto L = Role::kTeamLeader, O = Role::kCommuneOfficer;
    rt.push_back({"GET", "/alerts", std::nullopt, ListPage});
    // A suggestion (the village board's heavy rain) opens the form with its danger and commune
    // chosen: only those two, and nothing is sent before the preview.
    rt.push_back({"GET", "/alerts/new", O, [](App& app, Request& r) {
                      Fields from;
                      for (const auto& [k, v] : r.query)
                          if (k == "hazard" || (k.rfind("commune_", 0) == 0 && k.size() < 20)) from.Set(k, v);
                      return ComposePage(app, r, from, nullptr);
                  }});
    rt.push_back({"POST", "/alerts/new", O, Compose});
    rt.push_back({"GET", "/alerts/{id}", L, ReachPage});
    rt.push_back({"POST", "/alerts/{id}/cancel", O, CancelWarning});
    rt.push_back({"GET", "/loa/{token}", std::nullopt, OperatorPage});
    rt.push_back({"POST", "/loa/{token}", std::nullopt, OperatorAck});
    rt.push_back({"GET", "/loa/{token}/{file}", std::nullopt, OperatorAudio});
    // A warning in force read aloud (Vietnamese, espeak-ng), for anyone: fetched only when played.
    rt.push_back({"GET", "/alerts/{id}/audio.mp3", std::nullopt, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto script, app.alerts.PublicScript(r.Param("id")));
                      return SpokenAudio(script, true, "canh-bao.mp3");
                  }});
    rt.push_back({"GET", "/areas/{id}/loudspeaker", O,
                  [](App& app, Request& r) { return LoudspeakerPage(app, r, nullptr, nullptr); }});
    rt.push_back({"POST", "/areas/{id}/loudspeaker", O, SaveLoudspeaker});
}

}  // namespace caunoi::http
