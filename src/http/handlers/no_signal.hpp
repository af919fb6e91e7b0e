// No-signal reports and dead zones (area/no_signal.hpp) as a module (http/module.hpp): its store
// and service live here, not in the service graph, and its routes are added by App.
#pragma once

#include <vector>

#include "area/area.hpp"
#include "area/no_signal.hpp"
#include "http/module.hpp"
#include "storage/no_signal_store.hpp"
#include "storage/service_graph.hpp"

namespace caunoi::http {

class NoSignalModule final : public Module {
  public:
    explicit NoSignalModule(storage::ServiceGraph& g) : store(g.db), service(store, g.area_store, g.audit, g.clock) {}
    void AddRoutes(std::vector<Route>& rt) override;

    storage::NoSignalStore store;
    area::NoSignalService service;
};

}  // namespace caunoi::http
