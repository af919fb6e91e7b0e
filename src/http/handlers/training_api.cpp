// /api/v1/training/ (docs/api.md): the curriculum, sessions with their attendance lists (what the
// field app keeps for taking attendance offline), planning, invitations, attendance, checks and
// progress. Offline attendance and checks go through /api/v1/sync/push (training_attendance,
// training_check; docs/sync.md).
#include <boost/json.hpp>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "http/handlers/json_values.hpp"
#include "http/json.hpp"
#include "http/handlers/training.hpp"
#include "http/handlers/training_views.hpp"
#include "registry/registry.hpp"

namespace caunoi::http {
namespace {

namespace json = boost::json;
using training::Session;

TrainingModule& M(App& app) { return app.Get<TrainingModule>(); }
training::TrainingService& Service(App& app) { return M(app).service; }

json::object ModuleJson(const training::Module& m) {
    json::array cards, checks;
    for (const auto& c : m.cards) {
        json::array steps;
        for (const auto& s : c.steps) steps.push_back({{"icon", s.icon}, {"vi", s.vi}, {"en", s.en}});
        cards.push_back({{"title_vi", c.title_vi}, {"title_en", c.title_en}, {"steps", std::move(steps)}});
    }
    for (const auto& c : m.checks) checks.push_back({{"vi", c.vi}, {"en", c.en}});
    return {{"key", m.key},
            {"title_vi", m.title_vi},
            {"title_en", m.title_en},
            {"skill", std::string(registry::kSkills[static_cast<size_t>(m.skill)].key)},
            {"practical", m.practical},
            {"minutes", m.minutes},
            {"cards", std::move(cards)},
            {"checks", std::move(checks)}};
}

json::object SessionJson(const Session& s, const training::Curriculum& cur) {
    json::array modules, trainers;
    for (const auto& k : s.modules) {
        const training::Module* m = cur.Find(k);
        json::array checks;
        if (m)
            for (const auto& c : m->checks) checks.push_back({{"vi", c.vi}, {"en", c.en}});
        modules.push_back({{"key", k},
                           {"title_vi", m ? m->title_vi : k},
                           {"title_en", m ? m->title_en : k},
                           {"skill", m ? std::string(registry::kSkills[static_cast<size_t>(m->skill)].key) : ""},
                           {"checks", std::move(checks)}});
    }
    for (const auto& t : s.trainers) trainers.push_back({{"id", t.user_id}, {"name", t.name}});
    return {{"id", s.id},
            {"commune_id", s.commune_id},
            {"commune_name", s.commune_name},
            {"village_id", OptS(s.village_id)},
            {"village_name", OptS(s.village_name)},
            {"place", s.place},
            {"starts_at", s.starts_at},
            {"ends_at", s.ends_at},
            {"capacity", s.capacity},
            {"cancelled", s.cancelled},
            {"accepted_concerns", s.accepted},
            {"modules", std::move(modules)},
            {"trainers", std::move(trainers)},
            {"invited_households", s.invited},
            {"present", s.present}};
}

json::array AttendanceJson(const std::vector<training::Attendee>& people) {
    json::array out;
    for (const auto& a : people) {
        json::object checks;
        for (const auto& [k, items] : a.checks) {
            json::array v;
            for (int i : items) v.push_back(i);
            checks[k] = std::move(v);
        }
        json::array skills;
        for (int l : a.skills) skills.push_back(l);
        out.push_back({{"resident_id", a.resident_id},
                       {"full_name", a.full_name},
                       {"household_id", a.household_id},
                       {"household_name", a.household_name},
                       {"invited", a.invited},
                       {"present", a.present},
                       {"walk_in", a.walk_in},
                       {"skills", std::move(skills)},
                       {"checks", std::move(checks)}});
    }
    return out;
}

json::array ConcernsJson(App& app, const Request& r, const std::vector<training::Concern>& cs) {
    static const char* kKeys[] = {"peak", "market", "evening", "holiday"};
    json::array out;
    for (const auto& c : cs) out.push_back({{"kind", kKeys[static_cast<int>(c.kind)]}, {"text", ConcernText(app, r, c)}});
    return out;
}

Result<Response> Modules(App& app, Request&) {
    json::array out;
    for (const auto& m : M(app).Current().modules) out.push_back(ModuleJson(m));
    return JsonResponse(json::object{{"items", std::move(out)}});
}

// The sessions of today and after that the member may take attendance in, each with its list:
// the field app keeps them for no signal.
Result<Response> Sessions(App& app, Request& r) {
    const auto cur = M(app).Current();
    CAUNOI_ASSIGN(auto list, r.Query("past") == "1" ? Service(app).Past(*r.actor) : Service(app).Upcoming(*r.actor));
    json::array out;
    const int64_t horizon = app.clock.NowSeconds() + 2 * 86400;
    for (const auto& s : list) {
        auto o = SessionJson(s, cur);
        // Attendance lists only for the sessions of the next two days (what a phone takes out).
        if (!s.cancelled && s.starts_at <= horizon && r.Query("past") != "1") {
            CAUNOI_ASSIGN(auto people, Service(app).Attendance(*r.actor, s.id));
            o["attendance"] = AttendanceJson(people);
        }
        out.push_back(std::move(o));
    }
    return JsonResponse(json::object{{"items", std::move(out)}});
}

Result<Response> Get(App& app, Request& r) {
    CAUNOI_ASSIGN(auto s, Service(app).Get(*r.actor, r.Param("id")));
    return JsonResponse(SessionJson(s, M(app).Current()));
}

Result<Response> Plan(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    CAUNOI_ASSIGN(auto out, Service(app).Plan(*r.actor, f));
    if (out.session) {
        auto o = SessionJson(*out.session, M(app).Current());
        o["planned"] = true;
        o["concerns_accepted"] = ConcernsJson(app, r, out.concerns);
        return JsonResponse(o, 201);
    }
    json::array suggestions;
    for (const auto& s : out.suggestions)
        suggestions.push_back({{"date", FormatDate(s.day)}, {"time", ClockText(s.minute)}, {"minutes", s.minutes}});
    return JsonResponse(json::object{{"planned", false},
                                     {"concerns", ConcernsJson(app, r, out.concerns)},
                                     {"suggestions", std::move(suggestions)}});
}

Result<Response> Cancel(App& app, Request& r) {
    CAUNOI_ASSIGN(auto stopped, Service(app).Cancel(*r.actor, r.Param("id")));
    return JsonResponse(json::object{{"cancelled", true}, {"sms_stopped", stopped}});
}

Result<Response> Candidates(App& app, Request& r) {
    CAUNOI_ASSIGN(auto list, Service(app).Candidates(*r.actor, r.Param("id")));
    json::array out;
    for (const auto& c : list)
        out.push_back({{"household_id", c.household_id},
                       {"household_name", c.household_name},
                       {"village_id", c.village_id},
                       {"has_skill", c.has_skill},
                       {"reachable_by_sms", !c.phone.empty()},
                       {"invited", c.invited},
                       {"channel", OptS(c.channel)}});
    return JsonResponse(json::object{{"items", std::move(out)}});
}

Result<Response> Invite(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    CAUNOI_ASSIGN(auto out, Service(app).Invite(*r.actor, r.Param("id"), f));
    json::array visit;
    for (const auto& c : out.to_visit) visit.push_back({{"household_id", c.household_id}, {"name", c.household_name}});
    return JsonResponse(
        json::object{{"sms", out.sms}, {"visit", out.visit}, {"already", out.already}, {"to_visit", std::move(visit)}});
}

Result<Response> Attendance(App& app, Request& r) {
    CAUNOI_ASSIGN(auto people, Service(app).Attendance(*r.actor, r.Param("id")));
    return JsonResponse(json::object{{"items", AttendanceJson(people)}});
}

Result<Response> Attend(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    CAUNOI_TRY(Service(app).MarkPresent(*r.actor, r.Param("id"), f, app.clock.NowSeconds()));
    return Attendance(app, r);
}

Result<Response> Check(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    CAUNOI_ASSIGN(auto c, Service(app).Check(*r.actor, r.Param("id"), f, app.clock.NowSeconds()));
    return JsonResponse(json::object{{"module", c.module},
                                     {"skill", std::string(registry::kSkills[static_cast<size_t>(c.skill)].key)},
                                     {"from", c.from},
                                     {"to", c.to}});
}

Result<Response> ProgressJson(App& app, Request& r) {
    std::string area = r.Query("area");
    if (area.empty()) area = HomeArea(*r.actor);
    CAUNOI_ASSIGN(auto a, app.areas.Get(*r.actor, area));
    if (a.kind == "province") return Error::Invalid("area", "a commune or a village", N_("Choose a commune or a village"));
    CAUNOI_ASSIGN(auto p, Service(app).ProgressOf(*r.actor, a.path));
    json::array skills, unreached;
    for (size_t k = 0; k < registry::kSkills.size(); ++k)
        skills.push_back({{"skill", std::string(registry::kSkills[k].key)},
                          {"none", p.levels[k][0]},
                          {"assisted", p.levels[k][1]},
                          {"independent", p.levels[k][2]}});
    for (const auto& u : p.unreached)
        unreached.push_back({{"household_id", u.household_id}, {"name", u.household_name}, {"village_id", u.village_id}});
    return JsonResponse(json::object{{"area_id", a.id},
                                     {"households", p.households},
                                     {"households_all_five", p.households_all_five},
                                     {"residents", p.residents},
                                     {"skills", std::move(skills)},
                                     {"sessions_held", p.sessions_held},
                                     {"attendance", p.attendance},
                                     {"checks", p.checks},
                                     {"unreached", std::move(unreached)}});
}

}  // namespace

void AddTrainingApi(std::vector<Route>& rt) {
    const auto Mb = Role::kMember, L = Role::kTeamLeader;
    rt.push_back({"GET", "/api/v1/training/modules", std::nullopt, Modules});
    rt.push_back({"GET", "/api/v1/training/progress", Mb, ProgressJson});
    rt.push_back({"GET", "/api/v1/training/sessions", Mb, Sessions});
    rt.push_back({"POST", "/api/v1/training/sessions", L, Plan});
    rt.push_back({"GET", "/api/v1/training/sessions/{id}", Mb, Get});
    rt.push_back({"POST", "/api/v1/training/sessions/{id}/cancel", L, Cancel});
    rt.push_back({"GET", "/api/v1/training/sessions/{id}/candidates", L, Candidates});
    rt.push_back({"POST", "/api/v1/training/sessions/{id}/invite", L, Invite});
    rt.push_back({"GET", "/api/v1/training/sessions/{id}/attendance", Mb, Attendance});
    rt.push_back({"POST", "/api/v1/training/sessions/{id}/attendance", Mb, Attend});
    rt.push_back({"POST", "/api/v1/training/sessions/{id}/checks", Mb, Check});
}

}  // namespace caunoi::http
