// Pages for field work: record a visit, the member's Today page, closing tasks.
#include "core/text.hpp"
#include "http/handlers/web_common.hpp"

namespace caunoi::http {
namespace {

Result<Response> VisitForm(App& app, Request& r) {
    CAUNOI_ASSIGN(auto h, app.registry.GetHousehold(*r.actor, r.Param("id")));
    CAUNOI_ASSIGN(auto residents, app.registry.ListResidents(*r.actor, h.id));
    CAUNOI_ASSIGN(auto services, app.fieldwork.Services());
    CAUNOI_ASSIGN(auto tips, app.fieldwork.Tips());
    Data d = Obj({{"id", h.id}, {"name", h.name}, {"ticket", r.Query("ticket")}});
    d.set("has_ticket", !r.Query("ticket").empty());
    Data channels = List();
    for (auto c : fieldwork::kChannels) {
        Data x = Obj({{"value", std::string(c)}, {"label", app.Tr(r, web::ChannelMsgid(c))}});
        x.set("checked", c == "home_visit");
        channels.push_back(x);
    }
    d.set("channels", channels);
    Data people = List();
    for (const auto& res : residents) {
        Data p = Obj({{"id", res.id}, {"name", res.full_name}});
        Data skills = List();
        for (size_t i = 0; i < registry::kSkills.size(); ++i)
            skills.push_back(Obj({{"field", "skill." + res.id + "." + std::string(registry::kSkills[i])},
                                  {"name", app.Tr(r, web::kSkillMsgids[i])},
                                  {"current", app.Tr(r, web::kLevelMsgids[res.skills[i]])}}));
        p.set("skills", skills);
        people.push_back(p);
    }
    d.set("people", people);
    CAUNOI_ASSIGN(auto colleagues, app.fieldwork.Colleagues(*r.actor));
    Data helpers = List();
    for (const auto& [id, name] : colleagues) helpers.push_back(Obj({{"id", id}, {"name", name}}));
    d.set("helpers", helpers);
    d.set("has_helpers", !colleagues.empty());
    Data service_opts = List();
    for (const auto& s : services)
        if (s.active) service_opts.push_back(Obj({{"value", s.key}, {"label", s.In(r.lang)}}));
    Data outcome_opts = List(), reason_opts = List(), level_opts = List();
    for (auto o : fieldwork::kOutcomes)
        outcome_opts.push_back(Obj({{"value", std::string(o)}, {"label", app.Tr(r, web::OutcomeMsgid(o))}}));
    for (auto o : fieldwork::kReasons)
        reason_opts.push_back(Obj({{"value", std::string(o)}, {"label", app.Tr(r, web::ReasonMsgid(o))}}));
    for (int l = 0; l < 3; ++l)
        level_opts.push_back(
            Obj({{"value", std::string(registry::kSkillLevels[l])}, {"label", app.Tr(r, web::kLevelMsgids[l])}}));
    Data lines = List();
    for (int n = 1; n <= 3; ++n) {
        Data l = Obj({{"n", std::to_string(n)}});
        l.set("first", n == 1);
        lines.push_back(l);
    }
    d.set("lines", lines);
    d.set("service_options", service_opts);
    d.set("outcome_options", outcome_opts);
    d.set("reason_options", reason_opts);
    d.set("level_options", level_opts);
    // Propose the tip the first person has not heard yet; the member ticks the one they gave.
    std::string proposed;
    if (!residents.empty()) {
        auto next = app.fieldwork.NextTipFor(*r.actor, residents.front().id);
        if (next.ok()) proposed = next->key;
    }
    Data tip_list = List();
    for (int pass = 0; pass < 2; ++pass) {  // the proposed tip first
        for (const auto& t : tips) {
            if (!t.active || (t.key == proposed) != (pass == 0)) continue;
            Data x = Obj({{"key", t.key}, {"text", t.In(r.lang)}});
            x.set("proposed", pass == 0);
            tip_list.push_back(x);
        }
    }
    d.set("tips", tip_list);
    return app.views->Page(app, r, "visit", d, N_("Record a visit"));
}

Result<Response> RecordVisit(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    CAUNOI_ASSIGN(auto recorded, web::RecordSession(app, r, f));
    return Response::Redirect("/households/" + recorded.first.household_id +
                              "?recorded=" + std::to_string(recorded.second.size()));
}

Result<Response> Today(App& app, Request& r) {
    CAUNOI_ASSIGN(auto tasks, app.fieldwork.OpenTasks(*r.actor));
    const int64_t now = app.clock.NowSeconds();
    // A phone page stays small: the first kShown tasks (overdue ones sort first within a
    // household by due date); the count says how many there are in all.
    constexpr size_t kShown = 60;
    const size_t total = tasks.size();
    if (tasks.size() > kShown) tasks.resize(kShown);
    Data villages = List();
    std::string village;
    Data current, items;
    auto flush = [&] {
        if (!village.empty()) {
            current.set("tasks", items);
            villages.push_back(current);
        }
    };
    for (const auto& t : tasks) {
        if (t.village_id != village) {
            flush();
            village = t.village_id;
            auto v = app.areas.Get(*r.actor, village);
            current = Obj({{"name", v.ok() ? v->name : village}});
            items = List();
        }
        Data x = Obj({{"id", t.id},
                      {"title", app.Tr(r, t.title)},
                      {"household_id", t.household_id},
                      {"household", t.household_name},
                      {"resident", t.resident_name},
                      {"due", web::FormatTime(t.due_at).substr(0, 10)}});
        x.set("overdue", t.due_at < now);
        items.push_back(x);
    }
    flush();
    Data d;
    d.set("villages", villages);
    d.set("none", tasks.empty());
    d.set("count", std::to_string(total));
    d.set("more", Str(total > kShown ? std::to_string(total - kShown) : ""));
    // Dossiers past their due date while the office holds them: someone should ask why.
    procedures::DossierQuery late;
    late.overdue = true;
    late.limit = 10;
    CAUNOI_ASSIGN(auto overdue, app.dossiers.List(*r.actor, late));
    Data dossiers = List();
    for (const auto& x : overdue) {
        auto proc = app.procedures.Find(x.procedure);
        dossiers.push_back(Obj({{"id", x.id},
                                {"procedure", proc.ok() ? (*proc)->Title(r.lang) : x.procedure},
                                {"resident", x.resident_name},
                                {"code", x.portal_code},
                                {"due", FormatDateVn(x.due_day)}}));
    }
    d.set("overdue_dossiers", dossiers);
    d.set("has_overdue_dossiers", !overdue.empty());
    return app.views->Page(app, r, "today", d, N_("Today"));
}

std::string BackTo(const Request& r) {
    std::map<std::string, std::string> form;
    ParseUrlEncoded(r.body, form);
    const std::string& next = form["next"];
    if (next.rfind("/households/", 0) == 0 && next.find("//") == std::string::npos) return next;
    return "/today";
}

Result<Response> Timeline(App& app, Request& r) {
    CAUNOI_ASSIGN(auto h, app.registry.GetHousehold(*r.actor, r.Param("id")));
    CAUNOI_ASSIGN(auto sessions, app.fieldwork.Sessions(*r.actor, h.id));
    CAUNOI_ASSIGN(auto tasks, app.fieldwork.HouseholdTasks(*r.actor, h.id));
    CAUNOI_ASSIGN(auto services, app.fieldwork.Services());
    CAUNOI_ASSIGN(auto tips, app.fieldwork.Tips());
    CAUNOI_ASSIGN(auto residents, app.registry.ListResidents(*r.actor, h.id));
    auto name_of = [&](const std::string& id) {
        for (const auto& x : residents)
            if (x.id == id) return x.full_name;
        return std::string();
    };
    Data events = List();
    for (const auto& e : fieldwork::BuildTimeline(sessions, tasks)) {
        Data x = Obj({{"at", web::FormatTime(e.at)}});
        if (e.session) {
            const auto& s = *e.session;
            std::string what;
            for (const auto& l : s.lines) {
                std::string name = l.service;
                for (const auto& sv : services)
                    if (sv.key == l.service) name = sv.In(r.lang);
                what += (what.empty() ? "" : "; ") + name + " (" + app.Tr(r, web::OutcomeMsgid(l.outcome)) +
                        (l.reason.empty() ? "" : ": " + app.Tr(r, web::ReasonMsgid(l.reason))) + ")";
            }
            std::string who;
            for (const auto& id : s.residents) who += (who.empty() ? "" : ", ") + name_of(id);
            std::string skills;
            for (const auto& c : s.skill_changes)
                skills += (skills.empty() ? "" : "; ") + name_of(c.resident_id) + ": " +
                          app.Tr(r, web::kSkillMsgids[c.skill]) + " " + app.Tr(r, web::kLevelMsgids[c.from]) + " → " +
                          app.Tr(r, web::kLevelMsgids[c.to]);
            std::string tip;
            for (const auto& t : tips)
                if (t.key == s.tip_key) tip = t.In(r.lang);
            x.set("title", Str(app.Tr(r, web::ChannelMsgid(s.channel)) + " · " + std::to_string(s.minutes) + "'"));
            x.set("who", Str(who));
            x.set("what", Str(what));
            x.set("skills", Str(skills));
            x.set("tip", Str(tip));
            x.set("correction", !s.corrects_id.empty());
        } else {
            const auto& t = *e.task;
            const char* kind = e.kind == "task_created" ? N_("Follow-up created")
                               : e.kind == "task_done"  ? N_("Follow-up done")
                                                        : N_("Follow-up skipped");
            x.set("title", Str(app.Tr(r, kind) + ": " + app.Tr(r, t.title)));
            x.set("who", Str(t.resident_name));
            x.set("what", Str(e.kind == "task_skipped" ? t.skip_reason : ""));
        }
        events.push_back(x);
    }
    Data d = Obj({{"id", h.id}, {"name", h.name}});
    d.set("events", events);
    d.set("none", sessions.empty() && tasks.empty());
    return app.views->Page(app, r, "timeline", d, N_("Timeline"));
}

// The province admin's page for the service and safety-tip catalogs.
Result<Response> CatalogPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto services, app.fieldwork.Services());
    CAUNOI_ASSIGN(auto tips, app.fieldwork.Tips());
    Data ss = List(), ts = List();
    for (const auto& s : services) {
        Data x = Obj({{"key", s.key}, {"vi", s.vi}, {"en", s.en}});
        x.set("active", s.active);
        ss.push_back(x);
    }
    for (const auto& t : tips) {
        Data x = Obj({{"key", t.key}, {"vi", t.vi}, {"en", t.en}});
        x.set("active", t.active);
        ts.push_back(x);
    }
    Data d;
    d.set("services", ss);
    d.set("tips", ts);
    return app.views->Page(app, r, "catalog", d, N_("Services and safety advice"));
}

// POST /catalog/services/{key}, /catalog/tips/{key}, and /catalog/tips (key in the form):
// the forms post every field.
Handler PutCatalog(bool tip) {
    return [tip](App& app, Request& r) -> Result<Response> {
        CAUNOI_ASSIGN(auto f, ReadFields(r));
        std::string key = r.params.count("key") ? r.Param("key") : "";
        Fields g;
        for (const auto& [k, v] : f.all()) {
            if (k == "key")
                key = v;
            else
                g.Set(k, v);
        }
        if (!g.Has("active")) g.Set("active", "0");  // an unticked box is absent
        CAUNOI_TRY(
            app.fieldwork.PutEntry(*r.actor, tip ? fieldwork::Catalog::kTips : fieldwork::Catalog::kServices, key, g));
        return Response::Redirect("/catalog");
    };
}

}  // namespace

void AddFieldworkWebRoutes(std::vector<Route>& rt) {
    const auto M = Role::kMember;
    rt.push_back({"GET", "/households/{id}/visit", M, VisitForm});
    rt.push_back({"POST", "/sessions", M, RecordVisit});
    rt.push_back({"GET", "/today", M, Today});
    rt.push_back({"GET", "/catalog", Role::kProvinceAdmin, CatalogPage});
    rt.push_back({"POST", "/catalog/services/{key}", Role::kProvinceAdmin, PutCatalog(false)});
    rt.push_back({"POST", "/catalog/tips/{key}", Role::kProvinceAdmin, PutCatalog(true)});
    rt.push_back({"POST", "/catalog/tips", Role::kProvinceAdmin, PutCatalog(true)});
    rt.push_back({"POST", "/tasks", Role::kTeamLeader, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      Fields g;  // an empty "for whom" means the whole household
                      for (const auto& [k, v] : f.all())
                          if (!v.empty()) g.Set(k, v);
                      CAUNOI_ASSIGN(auto t, app.fieldwork.AddTask(*r.actor, g));
                      return Response::Redirect("/households/" + t.household_id);
                  }});
    rt.push_back({"GET", "/households/{id}/timeline", M, Timeline});
    rt.push_back({"POST", "/tasks/{id}/done", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_TRY(app.fieldwork.CompleteTask(*r.actor, r.Param("id")));
                      return Response::Redirect(BackTo(r));
                  }});
    rt.push_back({"POST", "/tasks/{id}/skip", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      Fields g;
                      if (f.Has("reason")) g.Set("reason", f.all().at("reason"));
                      CAUNOI_TRY(app.fieldwork.SkipTask(*r.actor, r.Param("id"), g));
                      return Response::Redirect(BackTo(r));
                  }});
}

}  // namespace caunoi::http
