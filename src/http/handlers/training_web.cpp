// Training pages (docs/training.md): sessions for members and leaders, the planning form with the
// crop calendar's advice, a session's invitations, attendance and checks, progress, the public
// lesson cards with their audio, and the province admin's curriculum editor.
#include <algorithm>

#include "core/calendar.hpp"
#include "core/text.hpp"
#include "http/handlers/board.hpp"
#include "http/handlers/spoken_audio.hpp"
#include "http/handlers/training.hpp"
#include "http/handlers/training_views.hpp"
#include "http/handlers/translations.hpp"
#include "http/handlers/web_common.hpp"
#include "registry/registry.hpp"

namespace caunoi::http {
namespace {

using training::Session;

TrainingModule& M(App& app) { return app.Get<TrainingModule>(); }
training::TrainingService& Service(App& app) { return M(app).service; }

std::string Value(const Fields& f, const std::string& k) { return f.all().count(k) ? f.all().at(k) : ""; }

// The form as the service reads it: modules and trainers ticked one by one become lists; a
// suggested time picked ("YYYY-MM-DD HH:MM") replaces the date and time.
Fields PlanFields(const Fields& form) {
    Fields out;
    std::string modules, trainers;
    for (const auto& [k, v] : form.all()) {
        if (k.rfind("module_", 0) == 0 && !v.empty())
            modules += (modules.empty() ? "" : ",") + k.substr(7);
        else if (k.rfind("trainer_", 0) == 0 && !v.empty())
            trainers += (trainers.empty() ? "" : ",") + k.substr(8);
        else if (k == "where") {
            if (v == "commune")
                out.Set("commune_id", Value(form, "commune_id"));
            else if (!v.empty())
                out.Set("village_id", v);
        } else if (k == "place" || k == "date" || k == "time" || k == "capacity" || k == "accept")
            out.Set(k, v);
    }
    if (!modules.empty()) out.Set("modules", modules);
    if (!trainers.empty()) out.Set("trainers", trainers);
    const std::string pick = Value(form, "pick");
    if (pick.size() == 16 && pick[10] == ' ') {
        out.Set("date", pick.substr(0, 10));
        out.Set("time", pick.substr(11));
    }
    return out;
}

Result<Response> PlanPage(App& app, Request& r, const Fields& sent, const training::PlanOutcome* advice,
                          const Error* refused) {
    auto& m = M(app);
    CAUNOI_ASSIGN(auto villages, m.store.VillagesIn(r.actor->scope));
    const std::string commune_path = CommunePathOf(r.actor->area_path);
    const std::string commune_id = CommuneIdOf(r.actor->area_path);
    Data d;
    d.set("commune_id", commune_id);
    const std::string where = Value(sent, "where");
    Data vs = List();
    for (const auto& v : villages) {
        Data o = Obj({{"id", v.id}, {"name", v.name}});
        o.set("selected", where == v.id || (where.empty() && villages.size() == 1));
        vs.push_back(o);
    }
    d.set("villages", vs);
    // The whole commune: officers (whose scope is the commune).
    d.set("commune_wide", !commune_id.empty() && r.actor->scope.Contains(commune_path));
    d.set("commune_selected", where == "commune");
    const auto cur = m.Current();
    Data mods = List();
    for (const auto& mod : cur.modules) {
        Data o = Obj({{"key", mod.key},
                      {"title", r.lang == "vi" ? mod.title_vi : mod.title_en},
                      {"minutes", std::to_string(mod.minutes)}});
        o.set("checked", !Value(sent, "module_" + mod.key).empty());
        mods.push_back(o);
    }
    d.set("modules", mods);
    Data trainers = List();
    if (!commune_path.empty()) {
        CAUNOI_ASSIGN(auto users, m.store.UsersOf(commune_path));
        for (const auto& u : users) {
            Data o = Obj({{"id", u.id}, {"name", u.name}});
            o.set("checked",
                  !Value(sent, "trainer_" + u.id).empty() || (sent.all().empty() && u.id == r.actor->user_id));
            trainers.push_back(o);
        }
    }
    d.set("trainers", trainers);
    for (const char* k : {"place", "date", "time", "capacity"}) d.set(std::string("v_") + k, Str(Value(sent, k)));
    if (Value(sent, "capacity").empty()) d.set("v_capacity", "25");
    const int64_t today = LocalDayOf(app.clock.NowSeconds());
    d.set("min_day", FormatDate(today));
    d.set("max_day", FormatDate(today + 365));
    if (advice && !advice->concerns.empty()) {
        Data cs = List();
        for (const auto& c : advice->concerns) cs.push_back(Obj({{"text", ConcernText(app, r, c)}}));
        d.set("concerns", cs);
        Data sug = List();
        for (const auto& s : advice->suggestions)
            sug.push_back(Obj({{"value", FormatDate(s.day) + " " + ClockText(s.minute)},
                               {"label", DayLabel(app, r, s.day) + " " + ClockText(s.minute)}}));
        d.set("suggestions", sug);
        d.set("has_concerns", true);
        d.set("any_suggestion", !advice->suggestions.empty());
    }
    if (refused) web::SetFormError(app, r, *refused, d);
    const int status = refused ? 422 : 200;
    return app.views->Page(app, r, "training_new", d, N_("Plan a training session"), status);
}

Result<Response> Plan(App& app, Request& r) {
    CAUNOI_ASSIGN(auto form, ReadFields(r));
    auto planned = Service(app).Plan(*r.actor, PlanFields(form));
    if (!planned.ok()) {
        if (!web::IsFormError(planned.error())) return planned.error();
        return PlanPage(app, r, form, nullptr, &planned.error());
    }
    if (!planned->session) return PlanPage(app, r, form, &*planned, nullptr);
    return Response::Redirect("/training/" + planned->session->id + "?planned=1");
}

Result<Response> ListPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto upcoming, Service(app).Upcoming(*r.actor));
    CAUNOI_ASSIGN(auto past, Service(app).Past(*r.actor, 20));
    const auto cur = M(app).Current();
    Data d;
    Data up = List(), before = List();
    for (const auto& s : upcoming) up.push_back(SessionData(app, r, s, cur));
    for (const auto& s : past) before.push_back(SessionData(app, r, s, cur));
    d.set("upcoming", up);
    d.set("none_upcoming", upcoming.empty());
    d.set("past", before);
    d.set("any_past", !past.empty());
    d.set("may_plan", r.actor->AtLeast(Role::kTeamLeader));
    d.set("progress_area", Str(HomeArea(*r.actor)));
    return app.views->Page(app, r, "training", d, N_("Training"));
}

Result<Response> SessionPage(App& app, Request& r) {
    const std::string id = r.Param("id");
    CAUNOI_ASSIGN(auto s, Service(app).Get(*r.actor, id));
    const auto cur = M(app).Current();
    Data d = SessionData(app, r, s, cur);
    d.set("session_id", s.id);
    const bool leader = r.actor->AtLeast(Role::kTeamLeader);
    const int64_t now = app.clock.NowSeconds();
    d.set("planned_now", r.Query("planned") == "1");
    d.set("may_invite", leader && !s.cancelled && s.starts_at > now);
    d.set("may_cancel", leader && !s.cancelled && s.starts_at > now);
    d.set("attendance_open", !s.cancelled && now >= s.starts_at - training::kAttendanceOpensBefore);
    if (leader && !s.cancelled && s.starts_at > now) {
        CAUNOI_ASSIGN(auto cands, Service(app).Candidates(*r.actor, id));
        int64_t without = 0, phones = 0;
        Data list = List();
        for (const auto& c : cands) {
            if (!c.has_skill && !c.invited) {
                ++without;
                phones += c.phone.empty() ? 0 : 1;
            }
            Data o = Obj({{"id", c.household_id}, {"name", c.household_name}});
            o.set("has_skill", c.has_skill);
            o.set("invited", c.invited);
            o.set("by_visit", c.invited && c.channel == "visit");
            o.set("no_phone", c.phone.empty());
            list.push_back(o);
        }
        d.set("candidates", list);
        d.set("without", std::to_string(without));
        d.set("without_sms", std::to_string(phones));
        d.set("without_visit", std::to_string(without - phones));
        d.set("any_without", without > 0);
    }
    if (r.Query("invited") == "1") {
        d.set("invited_now",
              Obj({{"sms", r.Query("sms")}, {"visit", r.Query("visit")}, {"already", r.Query("already")}}));
    }
    // After a practical check: what it did to the person's skill.
    if (const std::string key = r.Query("checked"); !key.empty() && cur.Find(key)) {
        auto level = [&](const std::string& q) {
            auto n = r.IntQuery(q, 0, 2, 0);
            return app.Tr(r, registry::kSkillLevels[static_cast<size_t>(n.ok() ? *n : 0)].msgid);
        };
        d.set("checked_now", Obj({{"module", ModuleTitle(r, cur, key)}, {"from", level("from")}, {"to", level("to")}}));
    }
    d.set("cancelled_now", r.Query("cancelled") == "1");
    d.set("stopped", Str(r.Query("stopped")));
    if (!s.cancelled && now >= s.starts_at - training::kAttendanceOpensBefore) {
        CAUNOI_ASSIGN(auto people, Service(app).Attendance(*r.actor, id));
        Data list = List();
        for (const auto& p : people) list.push_back(AttendeeData(app, r, s, p, cur));
        d.set("people", list);
        d.set("nobody", people.empty());
        CAUNOI_ASSIGN(auto others, M(app).store.OthersIn(s));
        Data o = List();
        for (const auto& p : others)
            o.push_back(Obj({{"id", p.resident_id}, {"name", p.full_name + " · " + p.household_name}}));
        d.set("others", o);
        d.set("any_others", !others.empty());
    }
    return app.views->Page(app, r, "training_session", d, N_("Training session"));
}

Result<Response> Invite(App& app, Request& r) {
    CAUNOI_ASSIGN(auto form, ReadFields(r));
    Fields f;
    std::string households;
    for (const auto& [k, v] : form.all())
        if (k.rfind("household_", 0) == 0 && !v.empty()) households += (households.empty() ? "" : ",") + k.substr(10);
    if (Value(form, "choice") == "chosen") f.Set("households", households);
    CAUNOI_ASSIGN(auto out, Service(app).Invite(*r.actor, r.Param("id"), f));
    return Response::Redirect("/training/" + r.Param("id") + "?invited=1&sms=" + std::to_string(out.sms) + "&visit=" +
                              std::to_string(out.visit) + "&already=" + std::to_string(out.already) + "#invite");
}

Result<Response> Cancel(App& app, Request& r) {
    CAUNOI_ASSIGN(auto stopped, Service(app).Cancel(*r.actor, r.Param("id")));
    return Response::Redirect("/training/" + r.Param("id") + "?cancelled=1&stopped=" + std::to_string(stopped));
}

Result<Response> Attend(App& app, Request& r) {
    CAUNOI_ASSIGN(auto form, ReadFields(r));
    CAUNOI_TRY(Service(app).MarkPresent(*r.actor, r.Param("id"), form, app.clock.NowSeconds()));
    return Response::Redirect("/training/" + r.Param("id") + "#people");
}

Result<Response> CheckPage(App& app, Request& r, const Fields* sent, const Error* refused) {
    const std::string id = r.Param("id");
    CAUNOI_ASSIGN(auto s, Service(app).Get(*r.actor, id));
    const std::string resident = sent ? Value(*sent, "resident_id") : r.Query("resident");
    const std::string key = sent ? Value(*sent, "module") : r.Query("module");
    const auto cur = M(app).Current();
    const training::Module* m = cur.Find(key);
    if (!m || std::find(s.modules.begin(), s.modules.end(), key) == s.modules.end())
        return Error::Invalid("module", "module not taught in this session",
                              N_("This module is not taught in this session"));
    auto who = M(app).store.ResidentIn(s, resident);
    if (!who.ok() && who.error().code == ErrorCode::kNotFound)
        return Error::Invalid("resident_id", "not a resident of the session's area",
                              N_("This person does not live in the session's villages"));
    if (!who.ok()) return who.error();
    Data d = Obj({{"session_id", s.id},
                  {"resident_id", who->resident_id},
                  {"name", who->full_name},
                  {"module", m->key},
                  {"module_title", r.lang == "vi" ? m->title_vi : m->title_en}});
    Data items = List();
    for (size_t i = 0; i < m->checks.size(); ++i) {
        const std::string n = "item_" + std::to_string(i + 1);
        const std::string v = sent ? Value(*sent, n) : "";
        Data o = Obj({{"name", n}, {"text", r.lang == "vi" ? m->checks[i].vi : m->checks[i].en}});
        o.set("v0", v == "0");
        o.set("v1", v == "1");
        o.set("v2", v == "2");
        items.push_back(o);
    }
    d.set("items", items);
    if (refused) web::SetFormError(app, r, *refused, d);
    return app.views->Page(app, r, "training_check", d, N_("Practical check"), refused ? 422 : 200);
}

Result<Response> Check(App& app, Request& r) {
    CAUNOI_ASSIGN(auto form, ReadFields(r));
    auto done = Service(app).Check(*r.actor, r.Param("id"), form, app.clock.NowSeconds());
    if (!done.ok()) {
        if (!web::IsFormError(done.error())) return done.error();
        return CheckPage(app, r, &form, &done.error());
    }
    return Response::Redirect("/training/" + r.Param("id") + "?checked=" + done->module +
                              "&from=" + std::to_string(done->from) + "&to=" + std::to_string(done->to) + "#people");
}

Result<Response> ProgressPage(App& app, Request& r) {
    std::string area = r.Query("area");
    if (area.empty()) area = HomeArea(*r.actor);
    CAUNOI_ASSIGN(auto a, app.areas.Get(*r.actor, area));
    if (a.kind == "province") {
        // The province's own figures are the indicators' (issue 22): here, a commune to open.
        CAUNOI_ASSIGN(auto communes, app.areas.Children(*r.actor, a.id));
        Data d;
        Data cs = List();
        for (const auto& c : communes) cs.push_back(Obj({{"id", c.id}, {"name", c.name}}));
        d.set("choose", true);
        d.set("villages", cs);
        d.set("any_villages", !communes.empty());
        d.set("area", a.name);
        return app.views->Page(app, r, "training_progress", d, N_("Training progress"));
    }
    CAUNOI_ASSIGN(auto p, Service(app).ProgressOf(*r.actor, a.path));
    Data d = ProgressData(app, r, p);
    d.set("area", a.name);
    d.set("area_id", a.id);
    // The commune's villages, or the other villages the actor works in.
    CAUNOI_ASSIGN(auto villages, M(app).store.VillagesIn(a.kind == "village" ? r.actor->scope : Scope{{a.path}}));
    Data vs = List();
    bool any = false;
    for (const auto& v : villages)
        if (v.id != a.id) {
            vs.push_back(Obj({{"id", v.id}, {"name", v.name}}));
            any = true;
        }
    d.set("villages", vs);
    d.set("any_villages", any);
    if (a.kind == "village" && r.actor->scope.Contains(CommunePathOf(a.path))) d.set("parent_id", a.parent_id);
    return app.views->Page(app, r, "training_progress", d, N_("Training progress"));
}

Result<Response> ModulesPage(App& app, Request& r) {
    const auto cur = M(app).Current();
    Data list = List();
    for (const auto& m : cur.modules) list.push_back(ModuleData(app, r, m, false));
    Data d;
    d.set("modules", list);
    return app.views->Page(app, r, "training_modules", d, N_("Lessons"));
}

Result<Response> ModulePage(App& app, Request& r) {
    const auto cur = M(app).Current();
    const training::Module* m = cur.Find(r.Param("key"));
    if (!m) return Error::NotFound("no such module");
    Data d = ModuleData(app, r, *m, true);
    // The cards in the language a visitor chose (docs/translations.md "Read aloud"): each line
    // written in it where approved (else the Vietnamese, marked), each with a link to hear it,
    // the recording of a person of the village where one is approved.
    const std::string voice = r.Query("voice");
    d.set("voices", VoiceChoices(app, r, "/training/modules/" + m->key, voice));
    if (voice == "vi" || voice == "tai" || voice == "hmn" || voice == "kjg") {
        Data cards = List();
        for (size_t c = 0; c < m->cards.size(); ++c) {
            const std::string k = "card." + m->key + "." + std::to_string(c + 1);
            CAUNOI_ASSIGN(Data card, ContentIn(app, k + ".title", m->cards[c].title_vi, voice));
            Data steps = List();
            for (size_t i = 0; i < m->cards[c].steps.size(); ++i) {
                CAUNOI_ASSIGN(Data step,
                              ContentIn(app, k + ".step." + std::to_string(i + 1), m->cards[c].steps[i].vi, voice));
                step.set("icon", m->cards[c].steps[i].icon);
                steps.push_back(step);
            }
            card.set("steps", steps);
            cards.push_back(card);
        }
        d.set("voice_cards", cards);
        d.set("voice_lang", voice);
    }
    return app.views->Page(app, r, "training_module", d, N_("Lesson"));
}

Result<Response> CardAudio(App& app, Request& r) {
    const auto cur = M(app).Current();
    const training::Module* m = cur.Find(r.Param("key"));
    if (!m) return Error::NotFound("no such module");
    CAUNOI_ASSIGN(auto n, ParseIndex(r.Param("n"), m->cards.size()));
    const auto& c = m->cards[n];
    std::string script = c.title_vi + ".";
    for (size_t i = 0; i < c.steps.size(); ++i) script += " " + std::to_string(i + 1) + ". " + c.steps[i].vi;
    return SpokenAudio(script, true, m->key + "-" + std::to_string(n + 1) + ".mp3");
}

Result<Response> CurriculumPage(App& app, Request& r, const std::string* sent, const Error* refused) {
    Data d;
    d.set("source", sent ? *sent : M(app).CurrentSource());
    d.set("saved", r.Query("saved") == "1");
    if (refused) {
        web::SetFormError(app, r, *refused, d);
        d.set("detail", refused->detail);  // which module and line: the editor needs it to find the mistake
    }
    return app.views->Page(app, r, "training_curriculum", d, N_("Training curriculum"), refused ? 422 : 200);
}

Result<Response> SaveCurriculum(App& app, Request& r) {
    CAUNOI_ASSIGN(auto form, ReadFields(r));
    const std::string source = Value(form, "source");
    auto saved = M(app).SaveCurriculum(*r.actor, source);
    if (!saved.ok()) {
        if (saved.error().code != ErrorCode::kInvalid) return saved.error();
        return CurriculumPage(app, r, &source, &saved.error());
    }
    return Response::Redirect("/training/curriculum?saved=1");
}

}  // namespace

void AddTrainingPages(std::vector<Route>& rt) {
    const auto Mb = Role::kMember, L = Role::kTeamLeader, A = Role::kProvinceAdmin;
    rt.push_back({"GET", "/training", Mb, ListPage});
    rt.push_back(
        {"GET", "/training/new", L, [](App& app, Request& r) { return PlanPage(app, r, Fields(), nullptr, nullptr); }});
    rt.push_back({"POST", "/training/new", L, Plan});
    rt.push_back({"GET", "/training/progress", Mb, ProgressPage});
    rt.push_back({"GET", "/training/modules", std::nullopt, ModulesPage});
    rt.push_back({"GET", "/training/modules/{key}", std::nullopt, ModulePage});
    rt.push_back({"GET", "/training/modules/{key}/audio/{n}", std::nullopt, CardAudio});
    rt.push_back({"GET", "/training/curriculum", A,
                  [](App& app, Request& r) { return CurriculumPage(app, r, nullptr, nullptr); }});
    rt.push_back({"POST", "/training/curriculum", A, SaveCurriculum});
    rt.push_back({"GET", "/training/{id}", Mb, SessionPage});
    rt.push_back({"POST", "/training/{id}/invite", L, Invite});
    rt.push_back({"POST", "/training/{id}/cancel", L, Cancel});
    rt.push_back({"POST", "/training/{id}/attendance", Mb, Attend});
    rt.push_back(
        {"GET", "/training/{id}/check", Mb, [](App& app, Request& r) { return CheckPage(app, r, nullptr, nullptr); }});
    rt.push_back({"POST", "/training/{id}/check", Mb, Check});
}

}  // namespace caunoi::http
