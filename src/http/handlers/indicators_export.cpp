// Indicator files (docs/indicators.md, "Reports"): CSV and XLSX of any area and period inside the
// reader's scope, the monthly commune report for A4 paper, and pseudonymised record exports for
// the province's analysts.
#include <map>

#include "http/handlers/indicators.hpp"
#include "http/handlers/web_common.hpp"
#include "reports/table.hpp"

namespace caunoi::http {
namespace {

using indicators::Month;

IndicatorsModule& M(App& app) { return app.Get<IndicatorsModule>(); }

Response File(std::string body, const std::string& type, const std::string& name) {
    Response resp;
    resp.content_type = type;
    resp.body = std::move(body);
    resp.headers.push_back({"Content-Disposition", "attachment; filename=\"" + name + "\""});
    resp.headers.push_back({"Cache-Control", "no-store"});
    return resp;
}

const char* LevelOf(const std::string& kind) {
    return kind == "province" ? "province" : kind == "village" ? "village" : "commune";
}

Result<Response> Export(App& app, Request& r) {
    CAUNOI_ASSIGN(auto area, app.areas.Get(*r.actor, r.Param("id")));
    const std::string format = r.Query("format").empty() ? "csv" : r.Query("format");
    auto period = indicators::MakePeriod(r.Query("from"), r.Query("to"), app.clock.NowSeconds());
    if (!period.ok()) return IndicatorDashboard(app, r, &period.error());
    if (format != "csv" && format != "xlsx") {
        const Error e = Error::Invalid("", "no such format: " + format, N_("The figures come as Excel (XLSX) or CSV."));
        return IndicatorDashboard(app, r, &e);
    }
    CAUNOI_ASSIGN(auto figures, M(app).service.ForExport(*r.actor, area, *period));
    std::map<std::string, std::pair<std::string, std::string>> names{{area.id, {area.name, LevelOf(area.kind)}}};
    if (area.kind != "village") {
        CAUNOI_ASSIGN(auto children, M(app).service.Children(*r.actor, area));
        for (const auto& c : children) names[c.id] = {c.name, area.kind == "province" ? "commune" : "village"};
    }
    reports::Table t;
    t.title = app.Tr(r, N_("Indicators"));
    t.header = {"area_id",
                app.Tr(r, N_("Area")),
                app.Tr(r, N_("Level")),
                app.Tr(r, N_("Month")),
                "indicator",
                app.Tr(r, N_("Indicator")),
                app.Tr(r, N_("Count")),
                app.Tr(r, N_("Out of")),
                app.Tr(r, N_("Value"))};
    for (const auto& f : figures) {
        const auto it = names.find(f.area_id);
        const auto* def = indicators::Find(f.key);
        reports::Cell value = std::string();
        if (def && def->unit == indicators::Unit::kShare && f.den > 0)
            value = static_cast<double>(f.num) * 100.0 / static_cast<double>(f.den);
        else if (def && def->unit == indicators::Unit::kMinutes && f.den > 0)
            value = static_cast<double>(f.num) / static_cast<double>(f.den) / 60.0;
        else if (!def || def->unit == indicators::Unit::kCount)
            value = static_cast<double>(f.num);
        t.rows.push_back({f.area_id, it == names.end() ? std::string() : it->second.first,
                          it == names.end() ? std::string() : it->second.second, indicators::MonthParam(f.month), f.key,
                          IndicatorLabel(app, r, f.key), static_cast<double>(f.num), static_cast<double>(f.den),
                          value});
    }
    const std::string name =
        "chi-so-" + area.id + "-" + indicators::MonthParam(period->from) + "-" + indicators::MonthParam(period->to);
    if (format == "csv") return File(reports::ToCsv(t), "text/csv; charset=utf-8", name + ".csv");
    CAUNOI_ASSIGN(auto bytes, reports::ToXlsx(t));
    return File(std::move(bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
}

// The keys the report's village table shows, one column each.
constexpr const char* kReportColumns[] = {"hh_skilled", "adult_smartphone", "payment_15",
                                          "hh_fibre",   "dossiers_online",  "reach"};

Result<Response> Report(App& app, Request& r) {
    CAUNOI_ASSIGN(auto area, app.areas.Get(*r.actor, r.Param("id")));
    if (area.kind != "commune" && area.kind != "ward") return Error::NotFound("reports are per commune");
    const Month current = M(app).service.CurrentMonth();
    auto period = indicators::MakePeriod(r.Query("m"), r.Query("m"), app.clock.NowSeconds());
    if (!period.ok()) return period.error();
    const Month month = period->to;
    // The month's figures, and the cohorts at the earlier months their windows closed.
    CAUNOI_ASSIGN(auto figures, M(app).service.ForArea(
                                    *r.actor, area, {indicators::AddMonths(month, -7), month, {"cohort3", "cohort6"}}));
    Data d = Obj({{"id", area.id}, {"name", area.name}, {"month", indicators::FormatMonth(month)}});
    const indicators::FigureIndex index(std::move(figures));
    d.set("groups", IndicatorGroups(app, r, area, index, month, current, false));
    Data head = List();
    for (const char* k : kReportColumns) head.push_back(Obj({{"label", IndicatorLabel(app, r, k)}}));
    d.set("columns", head);
    CAUNOI_ASSIGN(auto villages, M(app).service.Children(*r.actor, area));
    Data rows = List();
    for (const auto& v : villages) {
        Data cells = List();
        for (const char* k : kReportColumns)
            cells.push_back(Obj({{"value", FigureText(app, r, index.Get(v.id, month, k))}}));
        Data row = Obj({{"name", v.name}});
        row.set("cells", cells);
        rows.push_back(row);
    }
    d.set("villages", rows);
    d.set("printed", web::FormatTime(app.clock.NowSeconds()));
    if (auto at = M(app).service.LastRecount(); at.ok() && *at > 0) d.set("updated", web::FormatTime(*at));
    return app.views->Standalone(app, r, "indicators_report", d, N_("Monthly report"));
}

Result<Response> Records(App& app, Request& r) {
    CAUNOI_ASSIGN(auto area, app.areas.Get(*r.actor, r.Param("id")));
    const std::string kind = r.Query("kind");
    CAUNOI_ASSIGN(auto t, M(app).service.Pseudonymised(*r.actor, area, kind, app.config().id_key));
    reports::Table table;
    table.header = t.header;
    for (auto& row : t.rows) {
        std::vector<reports::Cell> cells(row.begin(), row.end());
        table.rows.push_back(std::move(cells));
    }
    return File(reports::ToCsv(table), "text/csv; charset=utf-8", kind + "-" + area.id + ".csv");
}

}  // namespace

void AddIndicatorExportRoutes(std::vector<Route>& rt) {
    rt.push_back({"GET", "/indicators/{id}/export", Role::kMember, Export});
    rt.push_back({"GET", "/indicators/{id}/report", Role::kMember, Report});
    rt.push_back({"GET", "/indicators/{id}/records", Role::kProvinceAdmin, Records});
}

}  // namespace caunoi::http
