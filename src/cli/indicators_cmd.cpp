// caunoi indicators refresh | check (docs/indicators.md).
#include <chrono>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/open.hpp"
#include "http/handlers/indicators.hpp"

namespace caunoi::cli {

int Indicators(const Args& a) {
    const std::string sub = a.positional.size() == 2 ? a.positional[1] : "";
    if (sub != "refresh" && sub != "check") return Fail("usage: caunoi indicators refresh|check");
    auto o = Open(a);
    auto& service = o->app->Get<http::IndicatorsModule>().service;
    const auto start = std::chrono::steady_clock::now();
    auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    if (sub == "refresh") {
        auto n = service.Refresh();
        if (!n.ok()) return Fail(n.error().detail);
        std::cout << *n << " communes recounted in " << seconds() << " s\n";
        return 0;
    }
    auto mismatches = service.Check();
    if (!mismatches.ok()) return Fail(mismatches.error().detail);
    for (const auto& m : *mismatches)
        std::cout << "differs: commune " << m.kept.commune_id << " area " << m.kept.area_id << " month " << m.kept.month
                  << " " << m.kept.key << ": kept " << m.kept.num << "/" << m.kept.den << ", counted " << m.counted.num
                  << "/" << m.counted.den << "\n";
    std::cout << (mismatches->empty() ? "every kept figure equals a full recount" : "kept figures differ") << " ("
              << seconds() << " s)\n";
    return mismatches->empty() ? 0 : 1;
}

}  // namespace caunoi::cli
