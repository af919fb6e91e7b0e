#include "http/module.hpp"

#include <cstring>
#include <stdexcept>

namespace caunoi::http {

namespace {
std::vector<RegisteredModule>& Registry() {
    static std::vector<RegisteredModule> modules;  // built on first use: safe during static init
    return modules;
}
}  // namespace

bool RegisterModule(const char* name, ModuleFactory make) {
    for (const auto& m : Registry())
        if (std::strcmp(m.name, name) == 0) throw std::logic_error(std::string("module registered twice: ") + name);
    Registry().push_back({name, make});
    return true;
}

const std::vector<RegisteredModule>& RegisteredModules() { return Registry(); }

}  // namespace caunoi::http
