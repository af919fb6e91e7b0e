#include "http/handlers/training_views.hpp"

#include <cstdio>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/text.hpp"
#include "http/handlers/board.hpp"
#include "registry/registry.hpp"

namespace caunoi::http {
namespace {

std::string CropName(App& app, const Request& r, const std::string& key) {
    const board::Crop* c = app.Get<BoardModule>().crops.Find(key);
    if (!c) return key;
    return r.lang == "vi" ? c->name_vi : c->name_en;
}

std::string Pct(int64_t part, int64_t whole) {
    if (whole <= 0) return "0";
    return std::to_string((part * 100 + whole / 2) / whole);
}

}  // namespace

// Where the progress page opens: the actor's commune when it is in their scope (officers), else
// their first village (team leaders and members).
std::string HomeArea(const Actor& a) {
    const std::string commune = CommuneIdOf(a.area_path);
    if (!commune.empty() && a.scope.Contains(CommunePathOf(a.area_path))) return commune;
    if (a.scope.paths.empty()) return "";
    const std::string& p = a.scope.paths.front();
    return p.substr(p.rfind('/') + 1);
}

std::string ClockText(int minute) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60 % 24, minute % 60);
    return buf;
}

std::string DayLabel(App& app, const Request& r, int64_t day) {
    return app.Tr(r, WeekdayMsgid(Weekday(day))) + " " + FormatDateVn(day);
}

std::string ConcernText(App& app, const Request& r, const training::Concern& c) {
    using K = training::Concern::Kind;
    std::string out;
    if (c.kind == K::kPeak) {
        std::string planting, harvest;
        for (const auto& [crop, stage] : c.crops) {
            std::string& list = stage == board::Stage::kPlant ? planting : harvest;
            list += (list.empty() ? "" : ", ") + CropName(app, r, crop);
        }
        std::string work;
        if (!planting.empty()) work = app.Tr(r, N_("planting")) + " " + planting;
        if (!harvest.empty()) work += (work.empty() ? "" : "; ") + app.Tr(r, N_("harvest")) + " " + harvest;
        out = app.Tr(r, N_("Busy farming month ({work}): many people are in the fields."));
        text::ReplaceAll(out, "{work}", work);
    } else if (c.kind == K::kMarket) {
        out = app.Tr(r, N_("Market day: {market}. Many people go to the market."));
        text::ReplaceAll(out, "{market}", c.name);
    } else if (c.kind == K::kEvening) {
        out = app.Tr(r, N_("Evening rush (16:30 to 19:30): people are back from the fields and cooking."));
    } else {
        out = app.Tr(r, N_("Public holiday: {name}."));
        text::ReplaceAll(out, "{name}", c.name);
    }
    return out;
}

std::string ModuleTitle(const Request& r, const training::Curriculum& cur, const std::string& key) {
    const training::Module* m = cur.Find(key);
    if (!m) return key;
    return r.lang == "vi" ? m->title_vi : m->title_en;
}

Data SessionData(App& app, const Request& r, const training::Session& s, const training::Curriculum& cur) {
    const int64_t day = LocalDayOf(s.starts_at);
    Data d = Obj({{"id", s.id},
                  {"place", s.place},
                  {"where", s.village_id.empty() ? app.Tr(r, N_("the whole commune")) : s.village_name},
                  {"commune", s.commune_name},
                  {"day", DayLabel(app, r, day)},
                  {"start", FormatVietnamTime(s.starts_at, "%H:%M")},
                  {"end", FormatVietnamTime(s.ends_at, "%H:%M")},
                  {"capacity", std::to_string(s.capacity)},
                  {"invited", std::to_string(s.invited)},
                  {"present", std::to_string(s.present)}});
    Data mods = List();
    for (const auto& k : s.modules) mods.push_back(Obj({{"key", k}, {"title", ModuleTitle(r, cur, k)}}));
    d.set("modules", mods);
    std::string trainers;
    for (const auto& t : s.trainers) trainers += (trainers.empty() ? "" : ", ") + t.name;
    d.set("trainers", trainers);
    d.set("cancelled", s.cancelled);
    d.set("accepted", !s.accepted.empty());
    return d;
}

Data AttendeeData(App& app, const Request& r, const training::Session& s, const training::Attendee& a,
                  const training::Curriculum& cur) {
    Data d = Obj({{"id", a.resident_id}, {"name", a.full_name}, {"household", a.household_name}});
    d.set("present", a.present);
    d.set("walk_in", a.walk_in);
    Data checks = List();
    for (const auto& k : s.modules) {
        const training::Module* m = cur.Find(k);
        if (!m) continue;
        const int level = a.skills[static_cast<size_t>(m->skill)];
        Data c = Obj({{"module", k},
                      {"title", ModuleTitle(r, cur, k)},
                      {"level", app.Tr(r, registry::kSkillLevels[static_cast<size_t>(level)].msgid)}});
        c.set("done", a.checks.count(k) > 0);
        checks.push_back(c);
    }
    d.set("checks", checks);
    return d;
}

Data ProgressData(App& app, const Request& r, const training::Progress& p) {
    Data d = Obj({{"households", std::to_string(p.households)},
                  {"all_five", std::to_string(p.households_all_five)},
                  {"all_five_pct", Pct(p.households_all_five, p.households)},
                  {"residents", std::to_string(p.residents)},
                  {"sessions", std::to_string(p.sessions_held)},
                  {"attendance", std::to_string(p.attendance)},
                  {"checks", std::to_string(p.checks)},
                  {"unreached_count", std::to_string(p.unreached.size())}});
    Data skills = List();
    for (size_t k = 0; k < registry::kSkills.size(); ++k) {
        const auto& l = p.levels[k];
        skills.push_back(Obj({{"name", app.Tr(r, registry::kSkills[k].msgid)},
                              {"none", std::to_string(l[0])},
                              {"assisted", std::to_string(l[1])},
                              {"independent", std::to_string(l[2])},
                              {"assisted_pct", Pct(l[1], p.residents)},
                              {"independent_pct", Pct(l[2], p.residents)}}));
    }
    d.set("skills", skills);
    Data un = List();
    for (const auto& u : p.unreached)
        un.push_back(Obj({{"id", u.household_id}, {"name", u.household_name}, {"village", u.village_name}}));
    d.set("unreached", un);
    d.set("any_unreached", !p.unreached.empty());
    d.set("full_list", p.unreached.size() >= 500);
    return d;
}

Data ModuleData(App& app, const Request& r, const training::Module& m, bool whole) {
    const bool vi = r.lang == "vi";
    Data d = Obj({{"key", m.key},
                  {"title", vi ? m.title_vi : m.title_en},
                  {"skill", app.Tr(r, registry::kSkills[static_cast<size_t>(m.skill)].msgid)},
                  {"practical", app.Tr(r, MsgidOf(training::kPracticals, m.practical))},
                  {"minutes", std::to_string(m.minutes)}});
    if (!whole) return d;
    Data cards = List();
    for (size_t i = 0; i < m.cards.size(); ++i) {
        const auto& c = m.cards[i];
        Data steps = List();
        for (const auto& s : c.steps) steps.push_back(Obj({{"icon", s.icon}, {"text", vi ? s.vi : s.en}}));
        Data o = Obj({{"n", std::to_string(i + 1)}, {"title", vi ? c.title_vi : c.title_en}});
        o.set("steps", steps);
        cards.push_back(o);
    }
    d.set("cards", cards);
    Data checks = List();
    for (const auto& c : m.checks) checks.push_back(Obj({{"text", vi ? c.vi : c.en}}));
    d.set("checks", checks);
    return d;
}

Result<size_t> ParseIndex(const std::string& one_based, size_t count) {
    if (one_based.empty() || one_based.size() > 2) return Error::NotFound("no such card");
    for (char c : one_based)
        if (c < '0' || c > '9') return Error::NotFound("no such card");
    const size_t n = static_cast<size_t>(std::stoi(one_based));
    if (n < 1 || n > count) return Error::NotFound("no such card");
    return n - 1;
}

}  // namespace caunoi::http
