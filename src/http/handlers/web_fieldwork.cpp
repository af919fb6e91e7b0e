// Pages for field work: record a visit, the member's Today page, closing tasks.
#include "area/area.hpp"
#include "core/text.hpp"
#include "desk/desk.hpp"
#include "fieldwork/fieldwork.hpp"
#include "http/handlers/listings.hpp"
#include "http/handlers/web_common.hpp"
#include "http/routes.hpp"
#include "procedures/services.hpp"
#include "registry/registry.hpp"

namespace caunoi::http {
namespace {

// The visit form for household `household_id`: blank, or (`sent`, `refused`) as the member sent
// it, every value kept and the refusal's message next to its field.
Result<Response> VisitPage(App& app, Request& r, const std::string& household_id, const std::string& ticket,
                           const Fields* sent = nullptr, const Error* refused = nullptr) {
    CAUNOI_ASSIGN(auto h, app.registry.GetHousehold(*r.actor, household_id));
    CAUNOI_ASSIGN(auto residents, app.registry.ListResidents(*r.actor, h.id));
    CAUNOI_ASSIGN(auto services, app.fieldwork.Services());
    CAUNOI_ASSIGN(auto tips, app.fieldwork.Tips());
    auto value = [&](const std::string& k) -> std::string {
        if (!sent || !sent->Has(k)) return "";
        return sent->all().at(k);
    };
    auto listed = [&](const std::string& k, const std::string& v) {
        const std::string all = value(k);
        for (auto x : text::Split(all, ','))
            if (x == v) return true;
        return false;
    };
    Data d = Obj({{"id", h.id}, {"name", h.name}, {"ticket", ticket}, {"notes", value("notes")}});
    d.set("minutes", sent ? value("minutes") : "15");
    d.set("has_ticket", !ticket.empty());
    if (refused) web::SetFormError(app, r, *refused, d);
    // At the desk the help was given at the desk; elsewhere most help is a home visit.
    const std::string channel = sent ? value("channel") : ticket.empty() ? "home_visit" : "commune_desk";
    Data channels = List();
    for (const auto& c : fieldwork::kChannels) {
        Data x = Obj({{"value", std::string(c.key)}, {"label", app.Tr(r, c.msgid)}});
        x.set("checked", c.key == channel);
        channels.push_back(x);
    }
    d.set("channels", channels);
    Data people = List();
    for (const auto& res : residents) {
        Data p = Obj({{"id", res.id}, {"name", res.full_name}});
        p.set("ticked", listed("residents", res.id));
        Data skills = List();
        for (size_t i = 0; i < registry::kSkills.size(); ++i) {
            const std::string field = "skill." + res.id + "." + std::string(registry::kSkills[i].key);
            Data levels = List();
            for (int l = 0; l < 3; ++l) {
                Data o = Obj({{"value", std::string(registry::kSkillLevels[l].key)},
                              {"label", app.Tr(r, registry::kSkillLevels[l].msgid)}});
                o.set("selected", value(field) == registry::kSkillLevels[l].key);
                levels.push_back(o);
            }
            Data x = Obj({{"field", field},
                          {"name", app.Tr(r, registry::kSkills[i].msgid)},
                          {"current", app.Tr(r, registry::kSkillLevels[res.skills[i]].msgid)}});
            x.set("level_options", levels);
            skills.push_back(x);
        }
        p.set("skills", skills);
        people.push_back(p);
    }
    d.set("people", people);
    CAUNOI_ASSIGN(auto colleagues, app.fieldwork.Colleagues(*r.actor));
    Data helpers = List();
    for (const auto& [id, name] : colleagues) {
        Data x = Obj({{"id", id}, {"name", name}});
        x.set("ticked", listed("helpers", id));
        helpers.push_back(x);
    }
    d.set("helpers", helpers);
    d.set("has_helpers", !colleagues.empty());
    // Up to three services; the second and third behind "add a service", open when used.
    Data lines = List();
    for (int n = 1; n <= 3; ++n) {
        const std::string sn = std::to_string(n);
        const std::string service = value("service_" + sn), outcome = value("outcome_" + sn);
        Data l = Obj({{"n", sn}});
        l.set("first", n == 1);
        Data service_opts = List(), outcome_opts = List(), reason_opts = List();
        for (const auto& s : services) {
            if (!s.active) continue;
            Data o = Obj({{"value", s.key}, {"label", s.In(r.lang)}});
            o.set("selected", s.key == service);
            service_opts.push_back(o);
        }
        for (const auto& o : fieldwork::kOutcomes) {
            if (o.key == "not_done") continue;  // "not done" is always said with its reason
            Data x = Obj({{"value", std::string(o.key)}, {"label", app.Tr(r, o.msgid)}});
            x.set("selected", outcome == o.key);
            outcome_opts.push_back(x);
        }
        for (const auto& o : fieldwork::kReasons) {
            Data x = Obj({{"value", "not_done:" + std::string(o.key)}, {"label", app.Tr(r, o.msgid)}});
            x.set("selected", outcome == "not_done:" + std::string(o.key));
            reason_opts.push_back(x);
        }
        l.set("service_options", service_opts);
        l.set("outcome_options", outcome_opts);
        l.set("reason_options", reason_opts);
        if (refused && (refused->field == "service_" + sn || refused->field == "outcome_" + sn ||
                        refused->field == "reason_" + sn)) {
            const bool on_service = refused->field == "service_" + sn;
            l.set(on_service ? "err_service" : "err_outcome", app.Tr(r, refused->title_id));
            // The message at the top names the control: "Service 2, Outcome: …".
            d.set("error", app.Tr(r, N_("Service")) + " " + sn +
                               (on_service ? std::string() : ", " + app.Tr(r, N_("Outcome"))) + ": " +
                               app.Tr(r, refused->title_id));
            l.set("open", true);
        }
        if (!service.empty() || !outcome.empty()) l.set("open", true);
        lines.push_back(l);
    }
    d.set("lines", lines);
    // Propose the tip the first person has not heard yet; the member ticks the one they gave.
    std::string proposed;
    if (!residents.empty()) {
        auto next = app.fieldwork.NextTipFor(*r.actor, residents.front().id);
        if (next.ok()) proposed = next->key;
    }
    const std::string chosen = sent ? value("tip") : proposed;
    Data tip_list = List();
    for (int pass = 0; pass < 2; ++pass) {  // the proposed tip first
        for (const auto& t : tips) {
            if (!t.active || (t.key == proposed) != (pass == 0)) continue;
            Data x = Obj({{"key", t.key}, {"text", t.In(r.lang)}});
            x.set("proposed", pass == 0);
            x.set("checked", t.key == chosen);
            tip_list.push_back(x);
        }
    }
    d.set("tips", tip_list);
    return app.views->Page(app, r, "visit", d, N_("Record a visit"), refused ? 422 : 200);
}

Result<Response> VisitForm(App& app, Request& r) { return VisitPage(app, r, r.Param("id"), r.Query("ticket")); }

Result<Response> RecordVisit(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    // The form says "not done" with its reason in one choice ("not_done:no_signal").
    Fields g;
    for (const auto& [k, v] : f.all()) {
        auto colon = v.find(':');
        if (k.rfind("outcome_", 0) == 0 && colon != std::string::npos) {
            g.Set(k, v.substr(0, colon));
            g.Set("reason_" + k.substr(8), v.substr(colon + 1));
        } else {
            g.Set(k, v);
        }
    }
    auto recorded = app.desk.RecordSession(*r.actor, g);
    if (!recorded.ok()) {
        if (!web::IsFormError(recorded.error())) return recorded.error();
        const std::string ticket = f.Has("ticket") ? f.all().at("ticket") : "";
        return VisitPage(app, r, f.Has("household_id") ? f.all().at("household_id") : "", ticket, &f,
                         &recorded.error());
    }
    // From the desk, back to the desk with the ticket ready to close.
    if (f.Has("ticket")) return Response::Redirect("/desk?recorded=" + UrlEncode(f.all().at("ticket")));
    return Response::Redirect("/households/" + recorded->first.household_id +
                              "?recorded=" + std::to_string(recorded->second.size()));
}

Result<Response> Today(App& app, Request& r) {
    CAUNOI_ASSIGN(auto tasks, app.fieldwork.OpenTasks(*r.actor));
    const int64_t now = app.clock.NowSeconds();
    // What is due by tonight (Asia/Ho_Chi_Minh) comes first, oldest first, whatever the village;
    // the rest by village. A phone page stays small: the first kShown tasks; the count says how
    // many there are in all.
    constexpr int64_t kVietnam = 7 * 3600, kDay = 86400;
    const int64_t tonight = (now + kVietnam) / kDay * kDay + kDay - kVietnam;
    std::stable_sort(tasks.begin(), tasks.end(), [&](const fieldwork::Task& a, const fieldwork::Task& b) {
        const bool due_a = a.due_at < tonight, due_b = b.due_at < tonight;
        if (due_a != due_b) return due_a;
        return due_a && a.due_at < b.due_at;
    });
    constexpr size_t kShown = 60;
    const size_t total = tasks.size();
    if (tasks.size() > kShown) tasks.resize(kShown);
    std::map<std::string, std::string> village_names;
    auto village_name = [&](const std::string& id) {
        if (!village_names.count(id)) {
            auto v = app.areas.Get(*r.actor, id);
            village_names[id] = v.ok() ? v->name : "";
        }
        return village_names[id];
    };
    auto item = [&](const fieldwork::Task& t, bool with_village) {
        Data x = Obj({{"id", t.id},
                      {"title", app.Tr(r, t.title)},
                      {"household_id", t.household_id},
                      {"household", t.household_name},
                      {"resident", t.resident_name},
                      {"village", with_village ? village_name(t.village_id) : ""},
                      {"due", web::FormatTime(t.due_at).substr(0, 10)}});
        x.set("overdue", t.due_at < now);
        return x;
    };
    Data due = List(), villages = List();
    std::string village;
    Data current, items;
    auto flush = [&] {
        if (!village.empty()) {
            current.set("tasks", items);
            villages.push_back(current);
        }
    };
    for (const auto& t : tasks) {
        if (t.due_at < tonight) {
            due.push_back(item(t, true));
            continue;
        }
        if (t.village_id != village) {
            flush();
            village = t.village_id;
            current = Obj({{"name", village_name(village)}});
            items = List();
        }
        items.push_back(item(t, false));
    }
    flush();
    Data d;
    d.set("due", due);
    d.set("has_due", !due.is_empty_list());
    d.set("villages", villages);
    d.set("none", tasks.empty());
    d.set("count", std::to_string(total));
    d.set("more", Str(total > kShown ? std::to_string(total - kShown) : ""));
    CAUNOI_TRY(web::AddUndo(app, r, d));
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
    // Listings someone waits on: a leader's to approve, a member's sent back to fix.
    auto& listings = app.Get<ListingsModule>().store;
    const bool leader = r.actor->AtLeast(Role::kTeamLeader);
    CAUNOI_ASSIGN(auto waiting, leader
                                    ? listings.CountIn(r.actor->scope, listings::State::kPending, "")
                                    : listings.CountIn(r.actor->scope, listings::State::kRejected, r.actor->user_id));
    d.set("listings_waiting", Str(waiting ? std::to_string(waiting) : ""));
    d.set("listings_to_approve", leader);
    return app.views->Page(app, r, "today", d, N_("Today"));
}

std::string BackTo(const Request& r) {
    std::map<std::string, std::string> form;
    ParseUrlEncoded(r.body, form);
    const std::string& next = form["next"];
    // Only a household page of ours: letters, digits and slashes, nothing a header could carry.
    bool plain = next.rfind("/households/", 0) == 0 && next.find("//") == std::string::npos;
    for (char c : next) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '/');
    return plain ? next : "/today";
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
                what += (what.empty() ? "" : "; ") + name + " (" + app.Tr(r, MsgidOf(fieldwork::kOutcomes, l.outcome)) +
                        (l.reason.empty() ? "" : ": " + app.Tr(r, MsgidOf(fieldwork::kReasons, l.reason))) + ")";
            }
            std::string who;
            for (const auto& id : s.residents) who += (who.empty() ? "" : ", ") + name_of(id);
            std::string skills;
            for (const auto& c : s.skill_changes)
                skills += (skills.empty() ? "" : "; ") + name_of(c.resident_id) + ": " +
                          app.Tr(r, registry::kSkills[c.skill].msgid) + " " +
                          app.Tr(r, registry::kSkillLevels[c.from].msgid) + " → " +
                          app.Tr(r, registry::kSkillLevels[c.to].msgid);
            std::string tip;
            for (const auto& t : tips)
                if (t.key == s.tip_key) tip = t.In(r.lang);
            x.set("title",
                  Str(app.Tr(r, MsgidOf(fieldwork::kChannels, s.channel)) + " · " + std::to_string(s.minutes) + "'"));
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
                      auto t = app.fieldwork.AddTask(*r.actor, g);
                      if (!t.ok() && web::IsFormError(t.error()) && f.Has("household_id"))
                          return web::HouseholdPage(app, r, f.all().at("household_id"),
                                                    web::Refused{f, t.error(), "refused_task"});
                      if (!t.ok()) return t.error();
                      return Response::Redirect("/households/" + t->household_id);
                  }});
    rt.push_back({"GET", "/households/{id}/timeline", M, Timeline});
    // Done says so on the page it came from, with an undo for a few minutes.
    rt.push_back({"POST", "/tasks/{id}/done", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto t, app.fieldwork.CompleteTask(*r.actor, r.Param("id")));
                      return Response::Redirect(BackTo(r) + "?done=" + t.id);
                  }});
    rt.push_back({"POST", "/tasks/{id}/reopen", M, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto t, app.fieldwork.ReopenTask(*r.actor, r.Param("id")));
                      return Response::Redirect(BackTo(r) + "?reopened=" + t.id);
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
