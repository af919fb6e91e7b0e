// Indicators (indicators/indicators.hpp; docs/indicators.md) as a module (http/module.hpp): the
// dashboards of the province, a commune and a village, the named list of residents not reached,
// the CSV and XLSX exports, the monthly commune report and the pseudonymised record exports.
#pragma once

#include <string>
#include <vector>

#include "area/area.hpp"
#include "http/module.hpp"
#include "http/views.hpp"
#include "indicators/indicators.hpp"
#include "storage/indicator_store.hpp"
#include "storage/service_graph.hpp"

namespace caunoi::http {

class IndicatorsModule final : public Module {
  public:
    explicit IndicatorsModule(storage::ServiceGraph& g)
        : db(g.db), store(g.db), service(store, g.area_store, g.audit, g.clock) {}
    void AddRoutes(std::vector<Route>& rt) override;

    storage::Database& db;
    storage::IndicatorStore store;
    indicators::IndicatorService service;
};

// Page and export routes (indicators_web.cpp, indicators_export.cpp).
void AddIndicatorPageRoutes(std::vector<Route>& rt);
void AddIndicatorExportRoutes(std::vector<Route>& rt);

// Shared by both: an indicator's label for a key (families expanded: "Online payment:
// independent"), and a figure as people read it ("63%", "12", "8 min").
std::string IndicatorLabel(App& app, const Request& r, const std::string& key);
std::string FigureText(App& app, const Request& r, const indicators::Figure& f);
std::optional<double> ShareOf(const indicators::Figure& f);

// The figures of `area` in `month` in their sections, for the templates (each row: key, label,
// value, detail, bar, target, and a year's trend line when `trends`).
Data IndicatorGroups(App& app, const Request& r, const area::Area& area, const indicators::FigureIndex& index,
                     indicators::Month month, indicators::Month current, bool trends);
// The dashboard of area {id}; with `refused`, the export form it refused, its values kept.
Result<Response> IndicatorDashboard(App& app, Request& r, const Error* refused);

}  // namespace caunoi::http
