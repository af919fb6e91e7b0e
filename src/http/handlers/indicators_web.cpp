// The indicator dashboards (docs/indicators.md): province -> commune -> village, each month's
// figures against the national targets with a year's trend, the children ranked with the widest
// divide first, a map coloured by a chosen indicator, and the named list of residents not reached.
#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "http/handlers/indicators.hpp"
#include "http/handlers/json_values.hpp"
#include "http/handlers/web_common.hpp"
#include "indicators/charts.hpp"
#include "registry/registry.hpp"
#include "translation/languages.hpp"

namespace caunoi::http {
namespace {

using indicators::Figure;
using indicators::FigureIndex;
using indicators::Month;

IndicatorsModule& M(App& app) { return app.Get<IndicatorsModule>(); }

// The keys a definition shows for an area, in order: itself, or its family's members found.
std::vector<std::string> KeysOf(const indicators::Definition& def, const indicators::Figures& f,
                                const std::string& area_id) {
    if (!def.family) return {def.key};
    if (def.key == "skill.") {  // in the order people learn them, assisted before independent
        std::vector<std::string> keys;
        for (const auto& skill : registry::kSkills)
            for (const char* level : {".assisted", ".independent"})
                keys.push_back("skill." + std::string(skill.key) + level);
        return keys;
    }
    std::set<std::string> found;
    for (const auto& x : f)
        if (x.area_id == area_id && x.key.starts_with(def.key)) found.insert(x.key);
    return {found.begin(), found.end()};
}

// The month a cohort figure is read at: the latest cohort whose window has closed by `month`.
Month CohortMonth(const std::string& key, Month month, Month current) {
    const int window = key == "cohort3" ? 3 : 6;
    return std::min(month, indicators::AddMonths(current, -window - 1));
}

bool Opens(const Actor& a, const std::string& path) {
    return a.scope.Contains(path) || a.scope.IsAncestorOfScope(path);
}

}  // namespace

Data IndicatorGroups(App& app, const Request& r, const area::Area& area, const FigureIndex& index, Month month,
                     Month current, bool trends) {
    Data groups = List();
    Data rows = List();
    std::string group;
    auto flush = [&] {
        if (!group.empty() && !rows.is_empty_list()) {
            Data g = Obj({{"name", app.Tr(r, group)}});
            g.set("rows", rows);
            groups.push_back(g);
        }
        rows = List();
    };
    for (const auto& def : indicators::Definitions()) {
        if (def.commune_only && area.kind == "village") continue;
        if (def.group != group) flush(), group = def.group;
        for (const auto& key : KeysOf(def, index.all(), area.id)) {
            const bool cohort = key == "cohort3" || key == "cohort6";
            const Month at = cohort ? CohortMonth(key, month, current) : month;
            const Figure x = index.Get(area.id, at, key);
            Data row = Obj({{"key", key}, {"label", IndicatorLabel(app, r, key)}, {"value", FigureText(app, r, x)}});
            if (def.unit == indicators::Unit::kShare) {
                row.set("detail", Str(x.den > 0 ? std::to_string(x.num) + "/" + std::to_string(x.den) : ""));
                row.set("bar", indicators::TargetBar(ShareOf(x), def.target));
            }
            if (cohort) row.set("cohort", indicators::FormatMonth(at));
            if (def.target >= 0) row.set("target", std::to_string(def.target));
            if (def.headline && trends) {
                std::vector<std::optional<double>> trend;
                for (int i = 11; i >= 0; --i)
                    trend.push_back(ShareOf(index.Get(area.id, indicators::AddMonths(month, -i), key)));
                row.set("spark", indicators::Sparkline(trend, app.Tr(r, N_("The last 12 months"))));
            }
            rows.push_back(row);
        }
    }
    flush();
    return groups;
}

namespace {

// The figure to compare the children by when none was chosen: the headline figure in which they
// differ most, so that the ranking says where the divide is widest (one all at 0% ranks nothing).
std::string WidestDivide(const FigureIndex& index, const std::vector<indicators::Place>& children, Month month) {
    std::string best = "hh_skilled";
    double widest = -1;
    for (const auto& def : indicators::Definitions()) {
        if (!def.headline) continue;
        double lo = 100, hi = 0;
        for (const auto& c : children)
            if (auto s = ShareOf(index.Get(c.id, month, def.key))) lo = std::min(lo, *s), hi = std::max(hi, *s);
        if (hi - lo > widest) widest = hi - lo, best = def.key;
    }
    return best;
}

// The children ranked by the chosen indicator (lowest first: where the divide is widest), and
// the map of them; their links keep the month and figure chosen (`keep`: "" or "?m=…&map=…").
void AddChildren(App& app, const Request& r, const std::vector<indicators::Place>& children, const FigureIndex& index,
                 Month month, const std::string& key, const std::string& keep, Data& d, const area::Area& area) {
    if (children.empty()) return;
    struct Ranked {
        indicators::Place place;
        Figure figure;
    };
    std::vector<Ranked> ranked;
    for (auto& c : children) ranked.push_back({c, index.Get(c.id, month, key)});
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
        auto x = ShareOf(a.figure), y = ShareOf(b.figure);
        if (x.has_value() != y.has_value()) return x.has_value();
        return x && *x < *y;
    });
    // The widest divide first; the rest behind "all".
    constexpr size_t kFirst = 8;
    Data list = List(), rest = List();
    std::vector<indicators::MapPlace> places;
    for (const auto& c : ranked) {
        const std::string href = Opens(*r.actor, c.place.path) ? "/indicators/" + c.place.id + keep : "";
        Data row = Obj({{"name", c.place.name}, {"value", FigureText(app, r, c.figure)}});
        row.set("href", Str(href));
        row.set("bar", indicators::TargetBar(ShareOf(c.figure), -1));
        (list.list_value().size() < kFirst ? list : rest).push_back(row);
        if (c.place.lat && c.place.lon)
            places.push_back({c.place.name, href, *c.place.lat, *c.place.lon, ShareOf(c.figure)});
    }
    d.set("children", list);
    if (!rest.is_empty_list()) {
        d.set("more_children", rest);
        d.set("children_count", std::to_string(ranked.size()));
    }
    d.set("children_heading", app.Tr(r, area.kind == "province" ? N_("Communes and wards") : N_("Villages")));
    // A map of one or two dots says nothing: drawn from three places with coordinates.
    if (places.size() >= 3) d.set("map_svg", indicators::PlaceMap(places, IndicatorLabel(app, r, key)));
}

Data Crumbs(App& app, const Request& r, const area::Area& area, const std::string& keep) {
    std::vector<area::Area> chain;
    std::string parent = area.parent_id;
    while (!parent.empty()) {
        auto p = app.areas.Get(*r.actor, parent);
        if (!p.ok()) break;
        parent = p->parent_id;
        chain.insert(chain.begin(), *p);
    }
    Data out = List();
    for (const auto& a : chain) out.push_back(Obj({{"href", "/indicators/" + a.id + keep}, {"name", a.name}}));
    return out;
}

}  // namespace

Result<Response> IndicatorDashboard(App& app, Request& r, const Error* refused) {
    CAUNOI_ASSIGN(auto area, app.areas.Get(*r.actor, r.Param("id")));
    auto& m = M(app);
    const Month current = m.service.CurrentMonth();
    Data d;
    Month month = current;
    int status = 200;
    const std::string month_text = r.Query("m");
    d.set("v_m", Str(month_text.empty() ? indicators::MonthParam(current) : month_text));
    if (!month_text.empty()) {
        auto p = indicators::MakePeriod(month_text, month_text, app.clock.NowSeconds());
        if (p.ok())
            month = p->to;
        else {
            d.set("err_m", app.Tr(r, p.error().title_id));
            status = 422;
        }
    }
    CAUNOI_ASSIGN(auto figures, m.service.ForArea(*r.actor, area,
                                                  {indicators::AddMonths(month, -11), month, indicators::TrendKeys()}));
    std::vector<indicators::Place> children;
    if (area.kind != "village")
        if (auto c = m.service.Children(*r.actor, area); c.ok()) children = std::move(*c);
    const FigureIndex index(std::move(figures));
    std::string key = r.Query("map");
    const auto* chosen = indicators::Find(key);
    if (!chosen || !chosen->headline) key = WidestDivide(index, children, month);
    // A month or figure the reader chose goes with them up and down the areas.
    std::string keep;
    if ((!month_text.empty() && status == 200) || chosen) keep = "?m=" + indicators::MonthParam(month) + "&map=" + key;
    d.set("id", area.id);
    d.set("name", area.name);
    d.set("map_key", key);
    d.set("crumbs", Crumbs(app, r, area, keep));
    d.set("month", indicators::FormatMonth(month));
    d.set("max_month", indicators::MonthParam(current));
    // The national targets first, then the children compared, then the rest.
    Data groups = IndicatorGroups(app, r, area, index, month, current, true), first = List(), others = List();
    for (const auto& g : groups.list_value()) (first.is_empty_list() ? first : others).push_back(g);
    d.set("targets", first);
    d.set("groups", others);
    Data options = List();
    for (const auto& def : indicators::Definitions()) {
        if (!def.headline) continue;
        Data o = Obj({{"key", def.key}, {"label", app.Tr(r, def.msgid)}});
        o.set("selected", def.key == key);
        options.push_back(o);
    }
    d.set("map_options", options);
    AddChildren(app, r, children, index, month, key, keep, d, area);
    if (area.kind == "village" && r.actor->scope.Contains(area.path)) {
        const Figure reach = index.Get(area.id, current, "reach");
        d.set("unreached", std::to_string(reach.den - reach.num));
    }
    if (area.kind != "village") d.set("report", area.kind != "province");
    d.set("can_export", r.actor->scope.Contains(area.path));
    d.set("can_records", r.actor->AtLeast(Role::kProvinceAdmin) && area.kind != "province" && area.kind != "village");
    d.set("v_from", indicators::MonthParam(indicators::AddMonths(month, -11)));
    d.set("v_to", indicators::MonthParam(month));
    if (refused) {
        d.set("v_from", Str(r.Query("from")));
        d.set("v_to", Str(r.Query("to")));
        web::SetFormError(app, r, *refused, d);
        d.set("export_open", true);
        status = 422;
    }
    if (auto at = m.service.LastRecount(); at.ok() && *at > 0) d.set("updated", web::FormatTime(*at));
    return app.views->Page(app, r, "indicators", d, N_("Indicators"), status);
}

namespace {

Result<Response> UnreachedPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto area, app.areas.Get(*r.actor, r.Param("id")));
    CAUNOI_ASSIGN(auto list, M(app).service.Unreached(*r.actor, area));
    Data people = List();
    for (const auto& p : list) {
        Data o = Obj({{"id", p.resident_id},
                      {"name", p.full_name},
                      {"household_id", p.household_id},
                      {"household", p.household_name},
                      {"phone", app.Tr(r, p.phone_kind == "none"    ? N_("no phone")
                                          : p.phone_kind == "basic" ? N_("basic phone")
                                                                    : N_("smartphone"))}});
        o.set("born", Str(p.birth_year ? std::to_string(*p.birth_year) : ""));
        // Why the phone does not count: SMS and the app are in Vietnamese; the language they read.
        o.set("lang", app.Tr(r, MsgidOf(translation::kLanguages, p.language, N_("another language"))));
        people.push_back(o);
    }
    Data d = Obj({{"id", area.id}, {"name", area.name}, {"count", std::to_string(list.size())}});
    d.set("people", people);
    d.set("none", list.empty());
    return app.views->Page(app, r, "indicators_unreached", d, N_("Residents not reached"));
}

}  // namespace

void AddIndicatorPageRoutes(std::vector<Route>& rt) {
    const auto M_ = Role::kMember;
    rt.push_back({"GET", "/indicators", M_, [](App&, Request& r) -> Result<Response> {
                      // Province staff start at the province; everyone else at their commune.
                      const std::string commune = CommuneIdOf(r.actor->area_path);
                      return Response::Redirect("/indicators/" + (commune.empty() ? r.actor->area_path : commune));
                  }});
    rt.push_back({"GET", "/indicators/{id}", M_,
                  [](App& app, Request& r) -> Result<Response> { return IndicatorDashboard(app, r, nullptr); }});
    rt.push_back({"GET", "/indicators/{id}/unreached", M_, UnreachedPage});
    rt.push_back({"GET", "/api/v1/indicators/{id}", M_, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto area, app.areas.Get(*r.actor, r.Param("id")));
                      CAUNOI_ASSIGN(auto p,
                                    indicators::MakePeriod(r.Query("from"), r.Query("to"), app.clock.NowSeconds()));
                      CAUNOI_ASSIGN(auto figures, M(app).service.ForArea(*r.actor, area, p));
                      boost::json::array items;
                      for (const auto& f : figures)
                          items.push_back({{"area_id", f.area_id},
                                           {"month", indicators::MonthParam(f.month)},
                                           {"indicator", f.key},
                                           {"num", f.num},
                                           {"den", f.den}});
                      return JsonResponse(boost::json::object{{"area_id", area.id},
                                                              {"from", indicators::MonthParam(p.from)},
                                                              {"to", indicators::MonthParam(p.to)},
                                                              {"figures", items}});
                  }});
}

}  // namespace caunoi::http
