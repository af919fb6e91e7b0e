// Modules: a capability added as a folder and a handler file, without editing any list of all
// stores, services or routes. The handler file defines a Module (its stores and services, built
// over the shared ServiceGraph: database, transactions, audit, clock, catalogs) and registers a
// factory with CAUNOI_MODULE; App builds every registered module once, after the graph, and adds
// its routes after the core routes. Handlers reach a module's services with app.Get<M>().
// Thread-safety: registration happens before main (static initialisation); App is one thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "http/app.hpp"

namespace caunoi::http {

class Module {
  public:
    virtual ~Module() = default;
    virtual void AddRoutes(std::vector<Route>& rt) = 0;
};

using ModuleFactory = std::unique_ptr<Module> (*)(storage::ServiceGraph& graph);

// Adds `make` to the modules every App builds; `name` is for logs and duplicates (one per name).
bool RegisterModule(const char* name, ModuleFactory make);
struct RegisteredModule {
    const char* name;
    ModuleFactory make;
};
const std::vector<RegisteredModule>& RegisteredModules();

}  // namespace caunoi::http

// In a module's handler file, at namespace scope: CAUNOI_MODULE(no_signal, NoSignalModule);
// `Type` must be constructible from storage::ServiceGraph&.
#define CAUNOI_MODULE(name, Type)                                                                  \
    [[maybe_unused]] static const bool caunoi_module_##name = ::caunoi::http::RegisterModule(      \
        #name, [](::caunoi::storage::ServiceGraph& g) -> std::unique_ptr<::caunoi::http::Module> { \
            return std::make_unique<Type>(g);                                                      \
        })
