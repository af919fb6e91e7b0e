// Warnings over HTTP (docs/warnings.md) as a module (http/module.hpp): CAP 1.2 in (a sender's
// key) and out (each warning's .cap, the Atom feed), the public page of warnings in force, the
// officers' composing with its preview, the reach page, the loudspeaker operator's page and the
// villages' loudspeakers. The services are the graph's (SMS and sync use them too).
#pragma once

#include <vector>

#include "http/module.hpp"
#include "http/views.hpp"
#include "warnings/alerts.hpp"

namespace caunoi::http {

class WarningsModule final : public Module {
  public:
    explicit WarningsModule(storage::ServiceGraph&) {}
    void AddRoutes(std::vector<Route>& rt) override;
};

// Routes of each half (handlers/warnings_feeds.cpp, handlers/warnings_web.cpp).
void AddWarningFeeds(std::vector<Route>& rt);
void AddWarningPages(std::vector<Route>& rt);

// A warning as templates show it: hazard, level with its colour, where, until, from, number.
Data WarningData(App& app, const Request& r, const warnings::StoredAlert& a);
// The banner of warnings in force for the reader (every page): `banner`, a list.
void AddWarningBanner(App& app, const Request& r, Data& d);

}  // namespace caunoi::http
