// The village board's pages (docs/board.md): the public board of a commune and of a village, the
// commune index, a village's poster with its QR code, the officers' weather entry and crop
// calendar, and price reports with their review.
#include <algorithm>
#include <cstdio>
#include <tuple>

#include "area/area.hpp"
#include "core/calendar.hpp"
#include "core/text.hpp"
#include "http/gzip.hpp"
#include "http/handlers/announcements.hpp"
#include "http/handlers/board.hpp"
#include "http/handlers/translations.hpp"
#include "http/handlers/warnings.hpp"
#include "http/handlers/web_common.hpp"
#include "http/qr_svg.hpp"
#include "translation/languages.hpp"
#include "warnings/alerts.hpp"

namespace caunoi::http {

constexpr const char* kWeekdays[7] = {N_("Sunday"),   N_("Monday"), N_("Tuesday"), N_("Wednesday"),
                                      N_("Thursday"), N_("Friday"), N_("Saturday")};
const char* WeekdayMsgid(int w) { return kWeekdays[w % 7]; }

namespace {

BoardModule& M(App& app) { return app.Get<BoardModule>(); }

constexpr const char* kMonths[] = {N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
                                   N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")};

std::string Fixed(double v, int digits = 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    std::string s = buf;
    if (s == "-0") s = "0";
    return s;
}

int64_t Today(App& app) { return LocalDayOf(app.clock.NowSeconds()); }

// The icon of a day: storm, rain, sun or cloud (WMO codes when the source gave one, else the rain).
const char* WeatherIcon(const board::DayWeather& d) {
    if (d.code >= 95) return "w-storm";
    if (board::RainOf(d.rain_mm) >= board::Rain::kLight || (d.code >= 51 && d.code <= 82)) return "w-rain";
    if (d.code == 0 || d.code == 1) return "w-sun";
    return "w-cloud";
}

std::string DayLabel(App& app, const Request& r, const std::string& date, int64_t today) {
    const auto day = ParseDate(date);
    if (!day) return date;
    if (*day == today) return app.Tr(r, N_("Today"));
    if (*day == today + 1) return app.Tr(r, N_("Tomorrow"));
    return app.Tr(r, kWeekdays[Weekday(*day)]) + " " + date.substr(8, 2) + "/" + date.substr(5, 2);
}

// The weather part of a board (or of the officers' page): `weather` with the days, "as of", the
// source; `no_weather` when nothing is known.
Status AddWeather(App& app, const Request& r, const BoardCommune& c, Data& d) {
    CAUNOI_ASSIGN(auto w, M(app).weather.Of(c.id));
    const int64_t today = Today(app);
    const auto days = w ? board::DaysFrom(*w, FormatDate(today)) : std::vector<board::DayWeather>{};
    if (days.empty()) {
        d.set("no_weather", true);
        return {};
    }
    Data list = List();
    for (const auto& day : days) {
        const board::Rain rain = board::RainOf(day.rain_mm);
        Data o = Obj({{"label", DayLabel(app, r, day.date, today)},
                      {"icon", WeatherIcon(day)},
                      {"t_min", Fixed(day.t_min)},
                      {"t_max", Fixed(day.t_max)},
                      {"rain", Fixed(std::max(day.rain_mm, 1.0))},
                      {"rain_class", board::RainKey(rain)},
                      {"rain_name", app.Tr(r, board::RainName(rain))}});
        o.set("wet", rain != board::Rain::kDry);
        if (day.wind_kmh >= 40) o.set("wind", Fixed(day.wind_kmh));
        list.push_back(o);
    }
    d.set("days", list);
    d.set("as_of", web::FormatTime(w->as_of));
    d.set("manual", w->source == "manual");
    d.set("entered_by", Str(w->entered_by));
    d.set("stale", app.clock.NowSeconds() - w->as_of > 6 * 3600);
    // The officers of the commune are offered a warning: never sent from here.
    const board::DayWeather* wet = board::WarningDay(days);
    if (wet && r.actor && r.actor->AtLeast(Role::kCommuneOfficer) && r.actor->scope.Contains(c.path)) {
        std::string s = app.Tr(r, N_("The forecast gives {mm} mm of rain for {day}: risk of flash floods and "
                                     "landslides. Consider issuing a warning."));
        text::ReplaceAll(s, "{mm}", Fixed(wet->rain_mm));
        std::string day = DayLabel(app, r, wet->date, today);
        if (!day.empty() && day[0] >= 'A' && day[0] <= 'Z')
            day[0] = static_cast<char>(day[0] - 'A' + 'a');  // mid-sentence
        text::ReplaceAll(s, "{day}", day);
        d.set("suggest", s);
        d.set("suggest_link", "/alerts/new?hazard=heavy_rain&commune_" + c.id + "=1");
    }
    return {};
}

// A 90-day trend as the points of a 120 × 32 polyline; "" with fewer than two points.
std::string TrendPoints(const std::vector<board::TrendPoint>& t, int64_t today) {
    if (t.size() < 2) return "";
    int64_t lo = t[0].price, hi = t[0].price;
    for (const auto& p : t) lo = std::min(lo, p.price), hi = std::max(hi, p.price);
    std::string pts;
    for (const auto& p : t) {
        const double x =
            120.0 * static_cast<double>(board::kTrendDays - (today - *ParseDate(p.day))) / board::kTrendDays;
        const double y = hi == lo ? 16 : 30 - 28.0 * static_cast<double>(p.price - lo) / static_cast<double>(hi - lo);
        pts += (pts.empty() ? "" : " ") + Fixed(std::clamp(x, 0.0, 120.0), 1) + "," + Fixed(y, 1);
    }
    return pts;
}

Status AddPrices(App& app, const Request& r, const BoardCommune& c, Data& d) {
    CAUNOI_ASSIGN(auto latest, M(app).prices.Latest(c.id));
    const int64_t today = Today(app);
    Data list = List();
    // One line per crop by weight (the newest of its kg and quintal prices: two lines for one crop
    // read as two prices), and one by the head for livestock.
    auto by_weight = [](const std::string& unit) { return unit == "kg" || unit == "quintal"; };
    auto newer = [](const board::PriceReport& x, const board::PriceReport& y) {
        return std::tie(x.observed_on, x.created_at) > std::tie(y.observed_on, y.created_at);
    };
    for (const auto& p : latest) {
        const bool shadowed = by_weight(p.unit) && std::any_of(latest.begin(), latest.end(), [&](const auto& q) {
                                  return &q != &p && q.crop == p.crop && by_weight(q.unit) && newer(q, p);
                              });
        if (shadowed) continue;
        const board::Crop* crop = M(app).crops.Find(p.crop);
        CAUNOI_ASSIGN(auto trend, M(app).prices.Trend(c.id, p.crop, p.unit));
        Data o = Obj({{"crop", crop ? (r.lang == "en" ? crop->name_en : crop->name_vi) : p.crop},
                      {"price", board::FormatDong(p.price)},
                      {"unit", app.Tr(r, board::UnitShort(p.unit))},
                      {"date", p.observed_on.substr(8, 2) + "/" + p.observed_on.substr(5, 2)},
                      {"market", p.market}});
        o.set("trend", Str(TrendPoints(trend, today)));
        list.push_back(o);
    }
    if (!latest.empty()) d.set("prices", list);
    return {};
}

// The crop calendar as a year strip (`strip`: crops × 12 months, the current month marked), the
// stages of this month (`this_month`) and the market days.
Status AddCalendar(App& app, const Request& r, const BoardCommune& c, Data& d) {
    CAUNOI_ASSIGN(auto cal, M(app).calendar.Of(c.id));
    const int now = [&] {
        const auto date = FormatDate(Today(app));
        return std::stoi(date.substr(5, 2));
    }();
    Data months = List();
    for (int m = 1; m <= 12; ++m) {
        Data o = Obj({{"name", std::to_string(m)}, {"full", app.Tr(r, kMonths[m - 1])}});
        o.set("now", m == now);
        months.push_back(o);
    }
    d.set("months", months);
    Data strip = List(), this_month = List();
    for (const auto& row : cal.rows) {
        const board::Crop* crop = M(app).crops.Find(row.crop);
        const std::string name = crop ? (r.lang == "en" ? crop->name_en : crop->name_vi) : row.crop;
        Data cells = List();
        for (int m = 1; m <= 12; ++m) {
            const board::Stage s = row.months[static_cast<size_t>(m - 1)];
            Data cell = Obj({{"stage", std::string(board::kStageKeys[static_cast<size_t>(s)])},
                             {"title", s == board::Stage::kNone ? "" : app.Tr(r, board::StageName(s))}});
            cell.set("now", m == now);
            cells.push_back(cell);
        }
        Data line = Obj({{"crop", name}});
        line.set("cells", cells);
        strip.push_back(line);
        const board::Stage s = row.months[static_cast<size_t>(now - 1)];
        if (s != board::Stage::kNone)
            this_month.push_back(Obj({{"crop", name},
                                      {"stage", app.Tr(r, board::StageName(s))},
                                      {"key", std::string(board::kStageKeys[static_cast<size_t>(s)])}}));
    }
    d.set("strip", strip);
    d.set("this_month", this_month);
    std::string month = app.Tr(r, N_("month {n}"));
    text::ReplaceAll(month, "{n}", std::to_string(now));
    d.set("month_name", month);
    Data markets = List();
    for (const auto& mk : cal.markets)
        markets.push_back(Obj({{"name", mk.name}, {"day", app.Tr(r, kWeekdays[mk.weekday])}}));
    if (!cal.markets.empty()) d.set("markets", markets);
    d.set("calendar_default", !cal.own);
    return {};
}

Result<Response> RenderBoard(App& app, Request& r) {
    CAUNOI_ASSIGN(auto c, CommuneById(app, r.Param("commune")));
    Data d = Obj({{"commune_id", c.id}, {"commune", c.name}});
    std::string title = c.name;
    if (r.params.count("village")) {
        CAUNOI_ASSIGN(auto v, app.areas.Get(Reader(c.path), r.Param("village")));
        if (v.kind != "village" || v.parent_id != c.id) return Error::NotFound("no such village in this commune");
        d.set("village", v.name);
        d.set("village_id", v.id);
        // Inside the field app (kept for no signal): a way back to the app, not to pages it lacks.
        const bool in_app = r.path.rfind("/app/", 0) == 0;
        d.set("app", in_app);
        d.set("bare", in_app);  // no header or tabs: their pages are not kept for no signal
        title = v.name + " · " + c.name;
    }
    // Warnings in force for the commune first (Actual only on a public page).
    CAUNOI_ASSIGN(auto alerts, app.alerts.InForceFor(Reader(c.path), 5));
    Data warn = List();
    for (const auto& a : alerts)
        if (a.status == "Actual" || (r.actor && r.actor->scope.Contains(c.path)))
            warn.push_back(WarningData(app, r, a));
    if (!alerts.empty()) d.set("warnings", warn);
    CAUNOI_TRY(AddWeather(app, r, c, d));
    CAUNOI_TRY(AddPrices(app, r, c, d));
    CAUNOI_TRY(AddCalendar(app, r, c, d));
    // The commune's announcements in force (for the village: the commune's and the village's own).
    CAUNOI_ASSIGN(auto notes, app.Get<AnnouncementsModule>().service.InForce(
                                  c.id, r.params.count("village") ? r.Param("village") : "", app.clock.NowSeconds()));
    Data list = List();
    for (const auto& n : notes) {
        std::string villages;  // those it is for, when not the whole commune
        for (const auto& v : n.villages) villages += (villages.empty() ? "" : ", ") + v.name;
        Data o = Obj({{"id", n.id},
                      {"title", n.title},
                      {"text", n.text},
                      {"until", FormatDateVn(LocalDayOf(n.valid_until - 1))}});
        o.set("for_villages", Str(villages));
        list.push_back(o);
    }
    if (!notes.empty()) d.set("announcements", list);
    CAUNOI_TRY(AddTipOfTheDay(app, r, d));
    if (!r.params.count("village")) {
        CAUNOI_ASSIGN(auto villages, app.areas.Children(Reader(c.path), c.id));
        Data vs = List();
        for (const auto& v : villages)
            if (v.kind == "village") vs.push_back(Obj({{"id", v.id}, {"name", v.name}, {"commune_id", c.id}}));
        d.set("villages", vs);
        d.set("any_village", !villages.empty());
    }
    if (r.actor && board::WorksIn(*r.actor, c.path)) {
        d.set("member", true);
        d.set("officer", r.actor->AtLeast(Role::kCommuneOfficer));
    }
    d.set("saved", Str(r.Query("saved")));
    d.set("page_name", title);
    return app.views->Page(app, r, "board", d, N_("Village board"));
}

// The board, from the cache for people not logged in (no query: "saved" is for the one who wrote).
Result<Response> BoardPage(App& app, Request& r) {
    if (r.actor || !r.query.empty()) return RenderBoard(app, r);
    const std::string key = r.path + "|" + r.lang;
    if (const Response* hit = M(app).pages.Find(key)) return *hit;
    const int64_t at = M(app).pages.Now();
    CAUNOI_ASSIGN(auto page, RenderBoard(app, r));
    if (page.status != 200) return page;
    if (auto gz = Gzip(page.body)) page.gzip_body = std::make_shared<const std::string>(std::move(*gz));
    page.shared_body = std::make_shared<const std::string>(std::move(page.body));
    page.body.clear();
    M(app).pages.Put(key, page, at);
    return page;
}

Result<Response> BoardIndex(App& app, Request& r) {
    CAUNOI_ASSIGN(auto communes, app.areas.Children(Reader(), "40"));
    std::sort(communes.begin(), communes.end(), [](const area::Area& a, const area::Area& b) {
        return std::make_pair(text::Fold(a.former_district), text::Fold(a.name)) <
               std::make_pair(text::Fold(b.former_district), text::Fold(b.name));
    });
    // The highland communes first, by their former district (where the teams work); the others
    // after, folded.
    Data groups = List(), others = List();
    Data group;
    std::string current;
    Data members = List();
    auto close = [&] {
        if (current.empty()) return;
        group.set("communes", members);
        groups.push_back(group);
    };
    for (const auto& c : communes) {
        const Data item = Obj({{"id", c.id}, {"name", c.name}});
        if (c.former_district.empty()) {
            others.push_back(item);
            continue;
        }
        if (c.former_district != current) {
            close();
            current = c.former_district;
            group = Obj({{"district", c.former_district}});
            members = List();
        }
        members.push_back(item);
    }
    close();
    Data d;
    d.set("groups", groups);
    d.set("others", others);
    return app.views->Page(app, r, "board_index", d, N_("Village boards"));
}

// A village's poster: its board's short address and QR code, to print and pin up.
Result<Response> PosterPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto c, CommuneById(app, r.Param("commune")));
    CAUNOI_ASSIGN(auto v, app.areas.Get(Reader(c.path), r.Param("village")));
    if (v.kind != "village" || v.parent_id != c.id) return Error::NotFound("no such village in this commune");
    CAUNOI_ASSIGN(auto code, M(app).ShortCode(v.id));
    const std::string link = web::BaseUrl(app, r) + "/b/" + code;
    CAUNOI_ASSIGN(auto qr, QrSvg(link));
    Data d = Obj({{"village", v.name},
                  {"commune", c.name},
                  {"link", link},
                  {"qr", qr},
                  {"commune_id", c.id},
                  {"village_id", v.id}});
    return app.views->Standalone(app, r, "board_poster", d, N_("Village board"));
}

// ---- the officers' weather entry

Result<Response> WeatherPage(App& app, Request& r, const Fields* sent, const Error* refused) {
    CAUNOI_ASSIGN(auto c, CommuneById(app, r.Param("commune")));
    if (!r.actor->AtLeast(Role::kCommuneOfficer) || !r.actor->scope.Contains(c.path)) return Error::NotFound();
    Data d = Obj({{"commune_id", c.id}, {"commune", c.name}});
    CAUNOI_TRY(AddWeather(app, r, c, d));
    CAUNOI_ASSIGN(auto w, M(app).weather.Of(c.id));
    if (w && w->failures > 0) {
        d.set("failing", true);
        d.set("failures", std::to_string(w->failures));
        d.set("next_at", web::FormatTime(w->next_attempt_at));
    }
    if (w && w->last_attempt_at) d.set("last_attempt", web::FormatTime(w->last_attempt_at));
    // The form: what was sent, else what is known for those days.
    const int64_t today = Today(app);
    const auto days = w ? board::DaysFrom(*w, FormatDate(today)) : std::vector<board::DayWeather>{};
    Data rows = List();
    for (int i = 0; i < board::kForecastDays; ++i) {
        const std::string p = "day" + std::to_string(i) + "_";
        auto value = [&](const char* k, double known, bool has) {
            const std::string key = p + k;
            if (sent) return sent->all().count(key) ? sent->all().at(key) : std::string();
            if (!has) return std::string();
            std::string v = Fixed(known, 1);
            return v.size() > 2 && v.substr(v.size() - 2) == ".0" ? v.substr(0, v.size() - 2) : v;
        };
        const bool has =
            static_cast<size_t>(i) < days.size() && days[static_cast<size_t>(i)].date == FormatDate(today + i);
        const board::DayWeather known = has ? days[static_cast<size_t>(i)] : board::DayWeather{};
        Data o = Obj({{"i", std::to_string(i)},
                      {"label", DayLabel(app, r, FormatDate(today + i), today)},
                      {"min", value("min", known.t_min, has)},
                      {"max", value("max", known.t_max, has)},
                      {"rain", value("rain", known.rain_mm, has)}});
        o.set("first", i == 0);
        if (refused && refused->field.rfind(p, 0) == 0) o.set("err", app.Tr(r, refused->title_id));
        rows.push_back(o);
    }
    d.set("rows", rows);
    if (refused) web::SetFormError(app, r, *refused, d);
    return app.views->Page(app, r, "board_weather", d, N_("Weather"), refused ? 422 : 200);
}

Result<Response> SaveWeather(App& app, Request& r) {
    CAUNOI_ASSIGN(auto c, CommuneById(app, r.Param("commune")));
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    auto st = M(app).weather.EnterManual(*r.actor, c.id, c.path, f);
    if (!st.ok()) return web::IsFormError(st.error()) ? WeatherPage(app, r, &f, &st.error()) : st.error();
    M(app).pages.Clear();
    return Response::Redirect("/board/" + c.id + "?saved=weather");
}

// ---- prices

Result<Response> PricesPage(App& app, Request& r, const Fields* sent, const Error* refused,
                            const board::PriceReport* saved) {
    CAUNOI_ASSIGN(auto c, CommuneById(app, r.Param("commune")));
    if (!board::WorksIn(*r.actor, c.path)) return Error::NotFound();
    Data d = Obj({{"commune_id", c.id}, {"commune", c.name}});
    auto value = [&](const char* k, const std::string& fallback) {
        return sent && sent->all().count(k) ? sent->all().at(k) : fallback;
    };
    Data crops = List();
    for (const auto& crop : M(app).crops.all()) {
        Data o = Obj({{"key", crop.key}, {"name", r.lang == "en" ? crop.name_en : crop.name_vi}});
        o.set("selected", value("crop", "") == crop.key);
        crops.push_back(o);
    }
    d.set("crops", crops);
    Data units = List();
    for (const char* u : {"kg", "quintal", "head"}) {
        // Each unit with the crops priced in it (a crop's own units only are accepted).
        std::string crops;
        if (std::string_view(u) != "kg")
            for (const auto& crop : M(app).crops.all())
                if (std::find(crop.units.begin(), crop.units.end(), u) != crop.units.end())
                    crops += (crops.empty() ? ": " : ", ") + (r.lang == "en" ? crop.name_en : crop.name_vi);
        Data o = Obj({{"key", u}, {"name", app.Tr(r, board::UnitName(u)) + crops}});
        o.set("selected", value("unit", "kg") == u);
        units.push_back(o);
    }
    d.set("units", units);
    d.set("v_price", value("price", ""));
    d.set("v_market", value("market", ""));
    d.set("v_observed_on", value("observed_on", FormatDate(Today(app))));
    d.set("today", FormatDate(Today(app)));
    d.set("earliest", FormatDate(Today(app) - board::kMedianDays));
    if (refused) web::SetFormError(app, r, *refused, d);
    if (saved) {
        const board::Crop* crop = M(app).crops.Find(saved->crop);
        std::string s = app.Tr(r, saved->status == "to_confirm"
                                      ? N_("Saved: {crop} {price} đ/{unit}. It is far from the usual price here "
                                           "({median} đ), so a team leader will check it before it is shown.")
                                      : N_("Saved: {crop} {price} đ/{unit}. It is on the board now."));
        text::ReplaceAll(s, "{crop}", crop ? crop->name_vi : saved->crop);
        text::ReplaceAll(s, "{price}", board::FormatDong(saved->price));
        text::ReplaceAll(s, "{unit}", app.Tr(r, board::UnitShort(saved->unit)));
        text::ReplaceAll(s, "{median}", board::FormatDong(saved->median));
        d.set("saved", s);
    }
    if (r.actor->AtLeast(Role::kTeamLeader)) {
        CAUNOI_ASSIGN(auto held, M(app).prices.Held(*r.actor));
        Data list = List();
        bool any = false;
        for (const auto& p : held) {
            if (p.commune_id != c.id) continue;
            any = true;
            const board::Crop* crop = M(app).crops.Find(p.crop);
            list.push_back(Obj({{"id", p.id},
                                {"crop", crop ? crop->name_vi : p.crop},
                                {"price", board::FormatDong(p.price)},
                                {"unit", app.Tr(r, board::UnitShort(p.unit))},
                                {"median", board::FormatDong(p.median)},
                                {"market", p.market},
                                {"by", p.reporter_name},
                                {"date", FormatDateVn(*ParseDate(p.observed_on))}}));
        }
        if (any) {
            d.set("held", list);
            d.set("any_held", true);
        }
    }
    d.set("reviewed", Str(r.Query("reviewed")));
    return app.views->Page(app, r, "board_prices", d, N_("Crop prices"), refused ? 422 : 200);
}

Result<Response> ReportPrice(App& app, Request& r) {
    CAUNOI_ASSIGN(auto c, CommuneById(app, r.Param("commune")));
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    auto saved = M(app).prices.Report(*r.actor, c.id, c.path, f);
    if (!saved.ok())
        return web::IsFormError(saved.error()) ? PricesPage(app, r, &f, &saved.error(), nullptr) : saved.error();
    M(app).pages.Clear();
    return PricesPage(app, r, nullptr, nullptr, &*saved);
}

Result<Response> ReviewPrice(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    const bool confirm = f.all().count("confirm") && f.all().at("confirm") == "1";
    CAUNOI_TRY(M(app).prices.Review(*r.actor, r.Param("id"), confirm));
    M(app).pages.Clear();
    const std::string back = f.all().count("commune") ? f.all().at("commune") : "";
    return Response::Redirect("/prices/" + (back.empty() ? std::string("40") : back) +
                              (confirm ? "?reviewed=confirmed" : "?reviewed=rejected"));
}

// ---- the crop calendar

Result<Response> CalendarPage(App& app, Request& r, const Fields* sent, const Error* refused) {
    CAUNOI_ASSIGN(auto c, CommuneById(app, r.Param("commune")));
    Data d = Obj({{"commune_id", c.id}, {"commune", c.name}});
    CAUNOI_TRY(AddCalendar(app, r, c, d));
    const bool officer = r.actor && r.actor->AtLeast(Role::kCommuneOfficer) && r.actor->scope.Contains(c.path);
    if (officer) {
        CAUNOI_ASSIGN(auto cal, M(app).calendar.Of(c.id));
        Data crops = List();
        for (const auto& key : M(app).calendar.crops()) {
            const board::Crop* crop = M(app).crops.Find(key);
            const board::CropRow* row = nullptr;
            for (const auto& x : cal.rows)
                if (x.crop == key) row = &x;
            Data months = List();
            bool open = false;
            for (int m = 1; m <= 12; ++m) {
                const std::string field = key + "_" + std::to_string(m);
                const std::string current =
                    sent ? (sent->all().count(field) ? sent->all().at(field) : "")
                         : (row ? std::string(
                                      board::kStageKeys[static_cast<size_t>(row->months[static_cast<size_t>(m - 1)])])
                                : "");
                Data stages = List();
                for (size_t s = 0; s < std::size(board::kStageKeys); ++s) {
                    Data o = Obj({{"key", std::string(board::kStageKeys[s])},
                                  {"name", s ? app.Tr(r, board::StageName(static_cast<board::Stage>(s))) : "–"}});
                    o.set("selected", current == board::kStageKeys[s]);
                    stages.push_back(o);
                }
                Data month = Obj({{"field", field}, {"name", app.Tr(r, kMonths[m - 1])}});
                month.set("stages", stages);
                if (refused && refused->field == field) {
                    month.set("err", app.Tr(r, refused->title_id));
                    open = true;
                }
                months.push_back(month);
            }
            Data o = Obj({{"key", key}, {"name", crop ? crop->name_vi : key}});
            o.set("months", months);
            o.set("open", open || refused != nullptr);
            crops.push_back(o);
        }
        d.set("edit", crops);
        Data markets = List();
        for (int i = 0; i < board::kMaxMarkets; ++i) {
            const std::string n = "market_name_" + std::to_string(i), day = "market_day_" + std::to_string(i);
            const bool has = static_cast<size_t>(i) < cal.markets.size();
            const std::string name = sent ? (sent->all().count(n) ? sent->all().at(n) : "")
                                          : (has ? cal.markets[static_cast<size_t>(i)].name : "");
            const std::string wd = sent ? (sent->all().count(day) ? sent->all().at(day) : "")
                                        : (has ? std::to_string(cal.markets[static_cast<size_t>(i)].weekday) : "");
            Data days = List();
            for (int w = 0; w < 7; ++w) {
                Data o = Obj({{"n", std::to_string(w)}, {"name", app.Tr(r, kWeekdays[w])}});
                o.set("selected", wd == std::to_string(w));
                days.push_back(o);
            }
            Data o = Obj({{"i", std::to_string(i)}, {"n1", std::to_string(i + 1)}, {"name", name}});
            o.set("days", days);
            if (refused && (refused->field == n || refused->field == day)) o.set("err", app.Tr(r, refused->title_id));
            markets.push_back(o);
        }
        d.set("market_rows", markets);
        d.set("can_edit", true);
        if (refused) web::SetFormError(app, r, *refused, d);
    }
    d.set("saved", Str(r.Query("saved")));
    return app.views->Page(app, r, "board_calendar", d, N_("Crop calendar"), refused ? 422 : 200);
}

Result<Response> SaveCalendar(App& app, Request& r) {
    CAUNOI_ASSIGN(auto c, CommuneById(app, r.Param("commune")));
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    auto st = M(app).calendar.Save(*r.actor, c.id, c.path, f);
    if (!st.ok()) return web::IsFormError(st.error()) ? CalendarPage(app, r, &f, &st.error()) : st.error();
    M(app).pages.Clear();
    return Response::Redirect("/calendar/" + c.id + "?saved=1");
}

}  // namespace

void AddBoardPages(std::vector<Route>& rt) {
    const auto Mb = Role::kMember, L = Role::kTeamLeader, O = Role::kCommuneOfficer;
    rt.push_back({"GET", "/board", std::nullopt, BoardIndex});
    rt.push_back({"GET", "/board/{commune}", std::nullopt, BoardPage});
    rt.push_back({"GET", "/board/{commune}/{village}", std::nullopt, BoardPage});
    rt.push_back({"GET", "/board/{commune}/{village}/poster", std::nullopt, PosterPage});
    // The same page inside the field app's scope, where its service worker keeps it for no signal.
    rt.push_back({"GET", "/app/board/{commune}/{village}", std::nullopt, BoardPage});
    rt.push_back({"GET", "/b/{village}", std::nullopt, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto id, M(app).VillageOfCode(r.Param("village")));
                      CAUNOI_ASSIGN(auto v, app.areas.Get(Reader(), id));
                      if (v.kind != "village") return Error::NotFound("no such village");
                      return Response::Redirect("/board/" + v.parent_id + "/" + v.id);
                  }});
    rt.push_back(
        {"GET", "/weather/{commune}", O, [](App& app, Request& r) { return WeatherPage(app, r, nullptr, nullptr); }});
    rt.push_back({"POST", "/weather/{commune}", O, SaveWeather});
    rt.push_back({"GET", "/prices/{commune}", Mb,
                  [](App& app, Request& r) { return PricesPage(app, r, nullptr, nullptr, nullptr); }});
    rt.push_back({"POST", "/prices/{commune}", Mb, ReportPrice});
    rt.push_back({"POST", "/prices/{id}/review", L, ReviewPrice});
    rt.push_back({"GET", "/calendar/{commune}", std::nullopt,
                  [](App& app, Request& r) { return CalendarPage(app, r, nullptr, nullptr); }});
    rt.push_back({"POST", "/calendar/{commune}", O, SaveCalendar});
}

}  // namespace caunoi::http
