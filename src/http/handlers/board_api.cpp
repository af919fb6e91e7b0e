// The village board's JSON API (docs/api.md, "Village board"): reads are public as the pages are;
// writes by role (prices: members of the commune; weather and the crop calendar: its officers;
// review of held prices: team leaders and officers).
#include <boost/json.hpp>

#include "core/calendar.hpp"
#include "http/handlers/announcements.hpp"
#include "http/handlers/board.hpp"
#include "http/handlers/json_values.hpp"
#include "http/json.hpp"
#include "warnings/alerts.hpp"

namespace caunoi::http {

namespace {

namespace json = boost::json;

BoardModule& M(App& app) { return app.Get<BoardModule>(); }

json::object WeatherJson(const board::CommuneWeather& w, const std::string& today) {
    json::array days;
    for (const auto& d : board::DaysFrom(w, today))
        days.push_back({{"date", d.date},
                        {"t_min", d.t_min},
                        {"t_max", d.t_max},
                        {"rain_mm", d.rain_mm},
                        {"rain_class", board::RainKey(board::RainOf(d.rain_mm))},
                        {"rain_max_hour", d.rain_max_hour},
                        {"wind_kmh", d.wind_kmh},
                        {"code", d.code}});
    const board::DayWeather* wet = nullptr;
    auto list = board::DaysFrom(w, today);
    wet = board::WarningDay(list);
    return {{"as_of", w.as_of},
            {"source", w.source},
            {"entered_by", w.entered_by},
            {"days", days},
            {"warning_day", wet ? json::value(wet->date) : json::value(nullptr)}};
}

json::object PriceJson(const board::PriceReport& p) {
    return {{"id", p.id},
            {"commune_id", p.commune_id},
            {"crop", p.crop},
            {"unit", p.unit},
            {"price", p.price},
            {"market", p.market},
            {"observed_on", p.observed_on},
            {"status", p.status},
            {"median", p.median}};
}

json::object CalendarJson(const board::CropCalendar& c) {
    json::array rows, markets;
    for (const auto& r : c.rows) {
        json::array months;
        for (auto s : r.months) months.push_back(json::string(board::kStageKeys[static_cast<size_t>(s)]));
        rows.push_back({{"crop", r.crop}, {"months", months}});
    }
    for (const auto& m : c.markets) markets.push_back({{"name", m.name}, {"weekday", m.weekday}});
    return {{"own", c.own}, {"rows", rows}, {"markets", markets}};
}

std::string Today(App& app) { return FormatDate(LocalDayOf(app.clock.NowSeconds())); }

Result<json::value> WeatherOf(App& app, const std::string& commune_id) {
    CAUNOI_ASSIGN(auto w, M(app).weather.Of(commune_id));
    if (!w) return json::value(nullptr);
    return json::value(WeatherJson(*w, Today(app)));
}

Result<json::array> PricesOf(App& app, const std::string& commune_id) {
    CAUNOI_ASSIGN(auto latest, M(app).prices.Latest(commune_id));
    json::array out;
    for (const auto& p : latest) {
        json::object o = PriceJson(p);
        CAUNOI_ASSIGN(auto trend, M(app).prices.Trend(commune_id, p.crop, p.unit));
        json::array t;
        for (const auto& x : trend) t.push_back({{"day", x.day}, {"price", x.price}});
        o["trend"] = t;
        out.push_back(o);
    }
    return out;
}

Result<Response> Board(App& app, Request& r) {
    CAUNOI_ASSIGN(auto c, CommuneById(app, r.Param("commune")));
    CAUNOI_ASSIGN(auto alerts, app.alerts.InForceFor(Reader(c.path), 5));
    json::array warnings;
    for (const auto& a : alerts)
        if (a.status == "Actual")
            warnings.push_back(json::object{{"number", a.number},
                                            {"hazard", std::string(warnings::kHazards.Name(a.hazard))},
                                            {"level", a.level},
                                            {"where", a.where},
                                            {"expires", a.expires}});
    CAUNOI_ASSIGN(auto weather, WeatherOf(app, c.id));
    CAUNOI_ASSIGN(auto prices, PricesOf(app, c.id));
    CAUNOI_ASSIGN(auto cal, M(app).calendar.Of(c.id));
    CAUNOI_ASSIGN(auto notes, app.Get<AnnouncementsModule>().service.InForce(c.id, "", app.clock.NowSeconds()));
    json::array announcements;
    for (const auto& n : notes)
        announcements.push_back(json::object{{"id", n.id},
                                             {"title", n.title},
                                             {"text", n.text},
                                             {"valid_until", n.valid_until},
                                             {"audio", "/announcements/" + n.id + "/audio.mp3"}});
    return JsonResponse(json::object{{"commune", {{"id", c.id}, {"name", c.name}}},
                                     {"warnings", warnings},
                                     {"announcements", announcements},
                                     {"weather", weather},
                                     {"prices", prices},
                                     {"calendar", CalendarJson(cal)}});
}

}  // namespace

void AddBoardApi(std::vector<Route>& rt) {
    const auto Mb = Role::kMember, L = Role::kTeamLeader, O = Role::kCommuneOfficer;
    rt.push_back({"GET", "/api/v1/board/{commune}", std::nullopt, Board});
    rt.push_back({"GET", "/api/v1/communes/{id}/weather", std::nullopt, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto c, CommuneById(app, r.Param("id")));
                      CAUNOI_ASSIGN(auto w, WeatherOf(app, c.id));
                      return JsonResponse(json::object{{"commune_id", c.id}, {"weather", w}});
                  }});
    rt.push_back({"POST", "/api/v1/communes/{id}/weather", O, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto c, CommuneById(app, r.Param("id")));
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_TRY(M(app).weather.EnterManual(*r.actor, c.id, c.path, f));
                      M(app).pages.Clear();
                      CAUNOI_ASSIGN(auto w, WeatherOf(app, c.id));
                      return JsonResponse(json::object{{"commune_id", c.id}, {"weather", w}}, 201);
                  }});
    rt.push_back({"GET", "/api/v1/communes/{id}/prices", std::nullopt, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto c, CommuneById(app, r.Param("id")));
                      CAUNOI_ASSIGN(auto prices, PricesOf(app, c.id));
                      return JsonResponse(json::object{{"items", prices}, {"next_cursor", nullptr}});
                  }});
    rt.push_back({"POST", "/api/v1/communes/{id}/prices", Mb, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto c, CommuneById(app, r.Param("id")));
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_ASSIGN(auto p, M(app).prices.Report(*r.actor, c.id, c.path, f));
                      M(app).pages.Clear();
                      return JsonResponse(PriceJson(p), 201);
                  }});
    rt.push_back({"GET", "/api/v1/prices/held", L, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto held, M(app).prices.Held(*r.actor));
                      json::array items;
                      for (const auto& p : held) items.push_back(PriceJson(p));
                      return JsonResponse(json::object{{"items", items}, {"next_cursor", nullptr}});
                  }});
    for (const bool confirm : {true, false})
        rt.push_back(
            {"POST", confirm ? "/api/v1/prices/{id}/confirm" : "/api/v1/prices/{id}/reject", L,
             [confirm](App& app, Request& r) -> Result<Response> {
                 CAUNOI_TRY(M(app).prices.Review(*r.actor, r.Param("id"), confirm));
                 M(app).pages.Clear();
                 return JsonResponse(json::object{{"id", r.Param("id")}, {"status", confirm ? "counted" : "rejected"}});
             }});
    rt.push_back({"GET", "/api/v1/communes/{id}/calendar", std::nullopt, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto c, CommuneById(app, r.Param("id")));
                      CAUNOI_ASSIGN(auto cal, M(app).calendar.Of(c.id));
                      return JsonResponse(CalendarJson(cal));
                  }});
    rt.push_back({"PUT", "/api/v1/communes/{id}/calendar", O, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto c, CommuneById(app, r.Param("id")));
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      CAUNOI_TRY(M(app).calendar.Save(*r.actor, c.id, c.path, f));
                      M(app).pages.Clear();
                      CAUNOI_ASSIGN(auto cal, M(app).calendar.Of(c.id));
                      return JsonResponse(CalendarJson(cal));
                  }});
}

}  // namespace caunoi::http
