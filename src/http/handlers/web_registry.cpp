// Pages of the household registry: home, area (villages, households, search), household,
// resident profile with the consent step.
#include "area/area.hpp"
#include "core/text.hpp"
#include "fieldwork/fieldwork.hpp"
#include "http/handlers/no_signal.hpp"
#include "http/handlers/translations.hpp"
#include "http/handlers/web_common.hpp"
#include "http/handlers/web_public.hpp"
#include "http/routes.hpp"
#include "procedures/services.hpp"
#include "registry/registry.hpp"

namespace caunoi::http {
namespace {

using web::AreaData;
using web::Options;

// "/" is public: residents get the front page; logged-in staff keep their home (their areas).
Result<Response> Home(App& app, Request& r) {
    if (!r.actor) return web::FrontPage(app, r);
    Data areas = List();
    for (const auto& p : r.actor->scope.paths) {
        auto a = app.areas.Get(*r.actor, p.substr(p.rfind('/') + 1));
        if (a.ok()) areas.push_back(AreaData(*a));
    }
    Data d;
    d.set("areas", areas);
    d.set("no_areas", r.actor->scope.paths.empty());
    return app.views->Page(app, r, "home", d, N_("Home"));
}

// An area's page; `refused`: its household or village form sent back with its values.
Result<Response> AreaPage(App& app, Request& r, const std::string& id,
                          std::optional<web::Refused> refused = std::nullopt) {
    CAUNOI_ASSIGN(auto a, app.areas.Get(*r.actor, id));
    CAUNOI_ASSIGN(auto children, app.areas.Children(*r.actor, a.id));
    Data d = AreaData(a);
    d.set("coverage", Str(web::CoverageLabel(app, r, a.coverage)));
    Data kids = List();
    for (const auto& c : children) kids.push_back(AreaData(c));
    d.set("children", kids);
    d.set("has_children", !children.empty());
    d.set("parent_id", Str(a.parent_id));
    d.set("can_add_village", (a.kind == "commune" || a.kind == "ward") && r.actor->AtLeast(Role::kCommuneOfficer) &&
                                 r.actor->scope.Contains(a.path));
    if (a.kind == "commune" || a.kind == "ward") {
        CAUNOI_ASSIGN(auto zones, app.Get<NoSignalModule>().service.DeadZones(*r.actor, a.path));
        Data zs = List();
        for (const auto& z : zones)
            zs.push_back(Obj({{"id", z.village_id},
                              {"name", z.village_name},
                              {"reports", std::to_string(z.reports)},
                              {"last", web::FormatTime(z.last_at)}}));
        d.set("dead_zones", zs);
        d.set("has_dead_zones", !zones.empty());
        // The commune dashboard: dossiers followed, and how many are past their due date.
        CAUNOI_ASSIGN(auto counts, app.dossiers.Counts(*r.actor, a.path));
        d.set("dossiers_open", std::to_string(counts.open));
        d.set("dossiers_overdue", std::to_string(counts.overdue));
        d.set("has_overdue", counts.overdue > 0);
        d.set("is_commune", true);
    }
    d.set("reported", r.Query("reported") == "1");
    if (a.kind == "village") {
        // A search lists the people who match (and who matched); no search, the households.
        CAUNOI_TRY(web::AddPeople(app, r, r.Query("q"), a.id, "", d));
        if (r.Query("q").empty()) {
            registry::HouseholdQuery q{a.id, "", r.Query("cursor"), 50};
            CAUNOI_ASSIGN(auto page, app.registry.ListHouseholds(*r.actor, q));
            Data hs = List();
            for (const auto& h : page.items)
                hs.push_back(Obj({{"id", h.id}, {"name", h.name}, {"count", std::to_string(h.resident_count)}}));
            d.set("households", hs);
            d.set("next", Str(page.next_cursor.empty() ? "" : "?cursor=" + page.next_cursor));
        }
        d.set("can_add_household", r.actor->scope.Contains(a.path));
        std::string bb;
        if (refused && refused->sent.all().count("broadband")) bb = refused->sent.all().at("broadband");
        d.set("broadband_options", web::Options(app, r,
                                                {{"", N_("Not asked yet")},
                                                 {"none", registry::kBroadband[0].msgid},
                                                 {"mobile", registry::kBroadband[1].msgid},
                                                 {"fibre", registry::kBroadband[2].msgid}},
                                                bb));
    }
    if (refused) web::SetRefused(app, r, refused->sent, refused->error, refused->form, d);
    return app.views->Page(app, r, "area", d, N_("Area"), refused ? 422 : 200);
}

Result<Response> CreateVillage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    auto v = app.areas.CreateVillage(*r.actor, r.Param("id"), f);
    if (!v.ok() && web::IsFormError(v.error()))
        return AreaPage(app, r, r.Param("id"), web::Refused{f, v.error(), "refused_village"});
    if (!v.ok()) return v.error();
    return Response::Redirect("/areas/" + v->id);
}

Result<Response> CreateHousehold(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    auto h = app.registry.CreateHousehold(*r.actor, f);
    if (!h.ok() && web::IsFormError(h.error()) && f.Has("village_id"))
        return AreaPage(app, r, f.all().at("village_id"), web::Refused{f, h.error(), "refused_household"});
    if (!h.ok()) return h.error();
    return Response::Redirect("/households/" + h->id);
}

Data SkillBadges(App& app, const Request& r, const registry::Resident& res) {
    Data list = List();
    for (size_t i = 0; i < 5; ++i) {
        Data s = Obj({{"key", std::string(registry::kSkills[i].key)},
                      {"name", app.Tr(r, registry::kSkills[i].msgid)},
                      {"level", app.Tr(r, registry::kSkillLevels[res.skills[i]].msgid)},
                      {"level_key", std::string(registry::kSkillLevels[res.skills[i]].key)},
                      {"icon", std::string(registry::kSkills[i].icon)}});
        Data opts = List();
        for (int l = 0; l < 3; ++l) {
            Data o = Obj({{"value", std::string(registry::kSkillLevels[l].key)},
                          {"label", app.Tr(r, registry::kSkillLevels[l].msgid)}});
            o.set("checked", res.skills[i] == l);
            opts.push_back(o);
        }
        s.set("options", opts);
        list.push_back(s);
    }
    return list;
}

// The household page; `refused`: one of its forms (a person, a task) sent back with its values.
Result<Response> RenderHousehold(App& app, Request& r, const std::string& id,
                                 std::optional<web::Refused> refused = std::nullopt) {
    CAUNOI_ASSIGN(auto h, app.registry.GetHousehold(*r.actor, id));
    CAUNOI_ASSIGN(auto residents, app.registry.ListResidents(*r.actor, h.id));
    Data d = Obj({{"id", h.id},
                  {"name", h.name},
                  {"address", h.address},
                  {"village_id", h.village_id},
                  {"consent_at", web::FormatTime(h.consent.at)}});
    d.set("broadband_options", web::Options(app, r,
                                            {{"", N_("Not asked yet")},
                                             {"none", registry::kBroadband[0].msgid},
                                             {"mobile", registry::kBroadband[1].msgid},
                                             {"fibre", registry::kBroadband[2].msgid}},
                                            h.broadband));
    Data rs = List();
    std::map<std::string, Data> gaps;  // by language, counted once for the page
    for (const auto& res : residents) {
        Data x = Obj({{"id", res.id},
                      {"full_name", res.full_name},
                      {"birth_year", res.birth_year ? std::to_string(*res.birth_year) : ""}});
        x.set("skills", SkillBadges(app, r, res));
        // What this person lacks in the language they read: the team's to-do for translators.
        CAUNOI_ASSIGN(Data gap, ContentGaps(app, r, res.language, res.phone_kind == "basic", gaps));
        if (gap.get("any_gap") && gap.get("any_gap")->is_true()) x.set("gap", gap);
        rs.push_back(x);
    }
    d.set("residents", rs);
    d.set("can_delete", r.actor->AtLeast(Role::kTeamLeader));
    d.set("recorded", Str(r.Query("recorded")));
    d.set("can_assign", r.actor->AtLeast(Role::kTeamLeader));
    CAUNOI_ASSIGN(auto tasks, app.fieldwork.HouseholdTasks(*r.actor, h.id));
    const int64_t now = app.clock.NowSeconds();
    Data ts = List();
    for (const auto& t : tasks) {
        if (t.status != fieldwork::TaskStatus::kOpen) continue;
        Data x = Obj({{"id", t.id},
                      {"household_id", h.id},
                      {"title", app.Tr(r, t.title)},
                      {"resident", t.resident_name},
                      {"due", web::FormatTime(t.due_at).substr(0, 10)}});
        x.set("overdue", t.due_at < now);
        ts.push_back(x);
    }
    d.set("has_tasks", !ts.is_empty_list());
    d.set("tasks", ts);
    CAUNOI_ASSIGN(auto sessions, app.fieldwork.Sessions(*r.actor, h.id));
    CAUNOI_ASSIGN(auto services, app.fieldwork.Services());
    Data ss = List();
    for (size_t i = 0; i < sessions.size() && i < 5; ++i) {
        Data names = List();  // each service with its icon
        for (const auto& l : sessions[i].lines)
            for (const auto& sv : services)
                if (sv.key == l.service)
                    names.push_back(
                        Obj({{"name", sv.In(r.lang)}, {"icon", std::string(fieldwork::ServiceIcon(sv.key))}}));
        Data x = Obj({{"at", web::FormatTime(sessions[i].at)},
                      {"channel", app.Tr(r, MsgidOf(fieldwork::kChannels, sessions[i].channel))}});
        x.set("services", names);
        ss.push_back(x);
    }
    d.set("has_sessions", !sessions.empty());
    d.set("sessions", ss);
    d.set("household_page", true);
    d.set("erase_action", "/households/" + h.id + "/delete");
    CAUNOI_TRY(web::AddUndo(app, r, d));
    if (refused) web::SetRefused(app, r, refused->sent, refused->error, refused->form, d);
    return app.views->Page(app, r, "household", d, N_("Household"), refused ? 422 : 200);
}

Result<Response> CreateResident(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    auto res = app.registry.CreateResident(*r.actor, f);
    if (!res.ok() && web::IsFormError(res.error()) && f.Has("household_id"))
        return RenderHousehold(app, r, f.all().at("household_id"), web::Refused{f, res.error(), "refused_person"});
    if (!res.ok()) return res.error();
    return Response::Redirect("/residents/" + res->id);
}

// Shows what was typed over the stored profile, so a rejected form loses nothing.
void OverlayTyped(registry::Resident& res, const Fields& typed) {
    auto choose = [&](std::string_view k, const auto& cs, auto apply) {
        auto c = typed.Choice(k, cs);
        if (c.ok() && c.value()) apply(*c.value());
    };
    static const char* kSex[] = {"f", "m", "x"};
    static const char* kKinds[] = {"none", "basic", "smart"};
    static const char* kLangs[] = {"vi", "tai", "hmn", "kjg", "other"};
    using Keys = std::initializer_list<std::string_view>;
    choose("sex", Keys{"f", "m", "x"}, [&](int i) { res.sex = kSex[i]; });
    choose("phone_kind", Keys{"none", "basic", "smart"}, [&](int i) { res.phone_kind = kKinds[i]; });
    choose("language", Keys{"vi", "tai", "hmn", "kjg", "other"}, [&](int i) { res.language = kLangs[i]; });
    choose("vneid_level", Keys{"none", "level1", "level2"}, [&](int i) { res.vneid_level = i; });
    for (size_t i = 0; i < registry::kSkills.size(); ++i)
        choose(registry::kSkills[i].key, Vocabulary(registry::kSkillLevels), [&](int l) { res.skills[i] = l; });
    auto flag = [&](const char* k) {
        auto b = typed.Bool(k);
        return b.ok() && b.value().value_or(false);
    };
    res.portal_account = flag("portal_account");
    res.payment_account = flag("payment_account");
}

// The consent part of a resident's page: its history in words, and the purposes to tick now
// (those agreed to ticked; keeping a record always).
Status AddConsent(App& app, const Request& r, const registry::Resident& res, Data& d) {
    CAUNOI_ASSIGN(auto history, app.registry.ConsentHistory(*r.actor, res.id));
    Data items = List();
    std::string before;  // the purposes agreed to before each step
    for (const auto& e : history) {
        // What this step added and removed, in words ("removed: Send them messages and warnings").
        std::string added, removed;
        auto has = [](const std::string& list, std::string_view p) {
            for (auto x : text::Split(list, ',')) if (x == p) return true;
            return false;
        };
        for (auto p : registry::kConsentPurposes) {
            const std::string key(p);
            if (has(e.purposes, p) && !has(before, p)) added += (added.empty() ? "" : ", ") + web::PurposesText(app, r, key);
            if (!has(e.purposes, p) && has(before, p)) removed += (removed.empty() ? "" : ", ") + web::PurposesText(app, r, key);
        }
        std::string what;
        if (e.change == "changed") {
            if (!added.empty()) what = app.Tr(r, N_("added")) + " " + added;
            if (!removed.empty()) what += (what.empty() ? "" : "; ") + app.Tr(r, N_("removed")) + " " + removed;
        }
        before = e.purposes;
        items.push_back(Obj({{"at", web::FormatTime(e.at)},
                             {"what", what},
                             {"change", app.Tr(r, web::ConsentChangeMsgid(e.change))},
                             {"purposes", web::PurposesText(app, r, e.purposes)},
                             {"by", e.by_name.empty() ? "—" : e.by_name}}));
    }
    d.set("consent_history", items);
    Data checks = List();
    for (auto p : registry::kConsentPurposes) {
        const std::string key(p);
        bool agreed = false;
        for (auto have : text::Split(res.consent.purposes, ',')) agreed = agreed || have == p;
        Data one = Obj({{"value", key}, {"label", web::PurposesText(app, r, key)}});
        one.set("checked", agreed || key == "registry");
        one.set("required", key == "registry");
        checks.push_back(one);
    }
    d.set("purpose_checks", checks);
    d.set("consent_saved", r.Query("consent") == "1");
    return {};
}

Result<Response> RenderResident(App& app, const Request& r, registry::Resident res, const Fields* typed,
                                const Error* error, const Error* consent_error = nullptr) {
    if (typed) OverlayTyped(res, *typed);
    Data d = Obj({{"id", res.id},
                  {"household_id", res.household_id},
                  {"full_name", res.full_name},
                  {"birth_year", res.birth_year ? std::to_string(*res.birth_year) : ""},
                  {"phone", res.phone},
                  {"ethnicity", res.ethnicity},
                  {"national_id_last4", res.national_id_last4},
                  {"consent_at", web::FormatTime(res.consent.at)},
                  {"consent_purposes", web::PurposesText(app, r, res.consent.purposes)}});
    d.set("saved", r.Query("saved") == "1");
    d.set("can_delete", r.actor->AtLeast(Role::kTeamLeader));
    d.set("erase_action", "/residents/" + res.id + "/delete");
    d.set("sees_sensitive", registry::SeesSensitive(*r.actor));
    CAUNOI_TRY(AddConsent(app, r, res, d));
    if (consent_error) {
        d.set("consent_error", Str(app.Tr(r, consent_error->title_id)));
        d.set("consent_open", true);
    }
    d.set("skills", SkillBadges(app, r, res));
    d.set("sex_options",
          Options(app, r, {{"", N_("(not given)")}, {"f", N_("female")}, {"m", N_("male")}, {"x", N_("other")}},
                  res.sex));
    d.set("phone_kind_options",
          Options(app, r, {{"none", N_("no phone")}, {"basic", N_("basic phone")}, {"smart", N_("smartphone")}},
                  res.phone_kind));
    d.set("language_options", Options(app, r,
                                      {{"vi", N_("Vietnamese")},
                                       {"tai", N_("Thai")},
                                       {"hmn", N_("Hmong")},
                                       {"kjg", N_("Khmu")},
                                       {"other", N_("other")}},
                                      res.language));
    static const char* kVneid[] = {"none", "level1", "level2"};
    d.set("vneid_options",
          Options(app, r, {{"none", N_("no VNeID")}, {"level1", N_("VNeID level 1")}, {"level2", N_("VNeID level 2")}},
                  kVneid[res.vneid_level]));
    d.set("portal_account", res.portal_account);
    d.set("payment_account", res.payment_account);
    if (typed) {
        for (const char* k : {"full_name", "birth_year", "phone", "ethnicity"})
            if (typed->Has(k)) d.set(k, typed->all().at(k));
    }
    if (error) {
        d.set("error", Str(app.Tr(r, error->title_id)));
        static const std::map<std::string, std::string> kLabels = {
            {"full_name", N_("Full name")},
            {"birth_year", N_("Year of birth")},
            {"phone", N_("Phone number")},
            {"ethnicity", N_("Ethnicity (sensitive, optional)")},
            {"national_id", N_("Citizen ID number (only the last 4 digits are shown)")}};
        auto label = kLabels.find(error->field);
        d.set("error_field", Str(label == kLabels.end() ? error->field : app.Tr(r, label->second)));
    }
    // Their digital profile over time: tips heard, skill changes (already audited as this view).
    CAUNOI_ASSIGN(auto history, app.fieldwork.History(*r.actor, res.id, false));
    CAUNOI_ASSIGN(auto tips, app.fieldwork.Tips());
    Data heard = List(), progress = List();
    for (const auto& [key, at] : history.tips_heard)
        for (const auto& t : tips)
            if (t.key == key) heard.push_back(Obj({{"at", web::FormatTime(at).substr(0, 10)}, {"text", t.In(r.lang)}}));
    for (auto it = history.skill_events.rbegin(); it != history.skill_events.rend(); ++it)
        progress.push_back(Obj({{"at", web::FormatTime(it->at).substr(0, 10)},
                                {"skill", app.Tr(r, registry::kSkills[it->skill].msgid)},
                                {"from", app.Tr(r, registry::kSkillLevels[it->from].msgid)},
                                {"to", app.Tr(r, registry::kSkillLevels[it->to].msgid)}}));
    d.set("tips_heard", heard);
    d.set("has_tips", !history.tips_heard.empty());
    d.set("progress", progress);
    d.set("has_progress", !history.skill_events.empty());
    // The tip to give next, in the resident's language where written, and to hear (their language's
    // approved recording, else the Vietnamese read by the computer).
    auto next = app.fieldwork.NextTipFor(*r.actor, res.id);
    if (next.ok()) {
        const std::string lang = res.language == "other" || res.language.empty() ? "vi" : res.language;
        Data tip = Obj({{"text", next->In(r.lang)}, {"wlang", lang}});
        CAUNOI_ASSIGN(auto written, app.Get<TranslationsModule>().service.InUse("tip." + next->key, lang, next->vi));
        tip.set("written", Str(written.value_or("")));
        CAUNOI_ASSIGN(Data listen, ListenData(app, r, "tip." + next->key, next->vi, lang));
        tip.set("listen", listen);
        d.set("next_tip", tip);
    }
    CAUNOI_TRY(web::AddDossierSection(app, r, res, d));
    return app.views->Page(app, r, "resident", d, N_("Resident profile"), error ? 422 : 200);
}

Result<Response> ResidentPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto res, app.registry.GetResident(*r.actor, r.Param("id")));
    return RenderResident(app, r, res, nullptr, nullptr);
}

// A change of consent from the resident's page: only the consent fields; refused, the page again
// with the message at the consent form, opened.
Result<Response> ChangeConsent(App& app, Request& r) {
    CAUNOI_ASSIGN(auto sent, ReadFields(r));
    Fields f;
    for (const char* k : {"consent", "consent_purposes"})
        if (sent.Has(k)) f.Set(k, sent.all().at(k));
    if (!f.Has("consent")) f.Set("consent", "0");
    auto res = app.registry.UpdateResident(*r.actor, r.Param("id"), f);
    if (res.ok()) return Response::Redirect("/residents/" + res->id + "?consent=1");
    if (res.error().code != ErrorCode::kInvalid) return res.error();
    CAUNOI_ASSIGN(auto stored, app.registry.GetResident(*r.actor, r.Param("id")));
    return RenderResident(app, r, stored, nullptr, nullptr, &res.error());
}

Result<Response> UpdateResident(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    // Unchecked checkboxes are absent from a form post: absent means "no".
    for (const char* k : {"portal_account", "payment_account"})
        if (!f.Has(k)) f.Set(k, "0");
    auto res = app.registry.UpdateResident(*r.actor, r.Param("id"), f);
    if (res.ok()) return Response::Redirect("/residents/" + res->id + "?saved=1");
    if (res.error().code != ErrorCode::kInvalid) return res.error();
    // A validation error: the same form again, with the message and everything typed.
    CAUNOI_ASSIGN(auto stored, app.registry.GetResident(*r.actor, r.Param("id")));
    return RenderResident(app, r, stored, &f, &res.error());
}

// Erasure forms carry a ticked confirmation; browsers enforce it, this checks it.
Status RequireConfirm(const Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    CAUNOI_ASSIGN(auto confirm, f.Bool("confirm"));
    if (!confirm || !*confirm) return Error::Invalid("confirm", "confirmation required", N_("This field is required"));
    return {};
}

}  // namespace

namespace web {
Result<Response> HouseholdPage(App& app, Request& r, const std::string& id, std::optional<Refused> refused) {
    return RenderHousehold(app, r, id, refused);
}
}  // namespace web

void AddRegistryWebRoutes(std::vector<Route>& rt) {
    const auto M = Role::kMember;
    const auto O = Role::kCommuneOfficer;
    rt.push_back({"GET", "/", std::nullopt, Home});
    rt.push_back({"GET", "/areas/{id}", M, [](App& app, Request& r) { return AreaPage(app, r, r.Param("id")); }});
    rt.push_back({"POST", "/areas/{id}/villages", O, CreateVillage});
    rt.push_back({"POST", "/households", M, CreateHousehold});
    rt.push_back(
        {"GET", "/households/{id}", M, [](App& app, Request& r) { return RenderHousehold(app, r, r.Param("id")); }});
    rt.push_back({"POST", "/residents", M, CreateResident});
    rt.push_back({"GET", "/residents/{id}", M, ResidentPage});
    rt.push_back({"POST", "/residents/{id}", M, UpdateResident});
    rt.push_back({"POST", "/residents/{id}/consent", M, ChangeConsent});
    rt.push_back({"POST", "/residents/{id}/delete", Role::kTeamLeader, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_TRY(RequireConfirm(r));
                      CAUNOI_ASSIGN(auto res, app.registry.GetResident(*r.actor, r.Param("id")));
                      CAUNOI_TRY(app.registry.DeleteResident(*r.actor, res.id));
                      return Response::Redirect("/households/" + res.household_id);
                  }});
    rt.push_back(
        {"POST", "/households/{id}/broadband", M, [](App& app, Request& r) -> Result<Response> {
             CAUNOI_ASSIGN(auto f, ReadFields(r));
             Fields only(f.all().count("broadband")
                             ? std::map<std::string, std::string>{{"broadband", f.all().at("broadband")}}
                             : std::map<std::string, std::string>{});
             auto h = app.registry.UpdateHousehold(*r.actor, r.Param("id"), only);
             if (!h.ok() && web::IsFormError(h.error()))
                 return RenderHousehold(app, r, r.Param("id"), web::Refused{f, h.error(), "refused_broadband"});
             if (!h.ok()) return h.error();
             return Response::Redirect("/households/" + h->id + "?broadband=1");
         }});
    rt.push_back({"POST", "/households/{id}/delete", Role::kTeamLeader, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_TRY(RequireConfirm(r));
                      CAUNOI_ASSIGN(auto h, app.registry.GetHousehold(*r.actor, r.Param("id")));
                      CAUNOI_TRY(app.registry.DeleteHousehold(*r.actor, h.id));
                      return Response::Redirect("/areas/" + h.village_id);
                  }});
}

}  // namespace caunoi::http
