// Modules (http/module.hpp): a capability that registers itself is built once with each App, its
// routes are served after the core routes, and its handlers reach it with app.Get<M>().
#include "http/module.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "storage/migrator.hpp"
#include "storage/service_graph.hpp"
#include "storage/testing.hpp"

namespace caunoi::http {
namespace {

// A module of the test binary only: one public route that answers how often it was called.
class PingModule final : public Module {
  public:
    explicit PingModule(storage::ServiceGraph& g) : clock(g.clock) {}
    void AddRoutes(std::vector<Route>& rt) override {
        rt.push_back({"GET", "/test-module/ping", std::nullopt, [](App& app, Request&) -> Result<Response> {
                          auto& self = app.Get<PingModule>();
                          ++self.calls;
                          Response r;
                          r.body = "pong " + std::to_string(self.calls);
                          return r;
                      }});
    }
    const Clock& clock;
    int calls = 0;
};
CAUNOI_MODULE(test_ping, PingModule);

class Unregistered final : public Module {
  public:
    void AddRoutes(std::vector<Route>&) override {}
};

TEST(Modules, ARegisteredModuleIsBuiltWithTheAppAndServesItsRoutes) {
    FakeClock clock{1'780'000'000};
    auto db = storage::test_db::Open("sqlite");
    ASSERT_TRUE(storage::Migrate(*db, storage::EmbeddedMigrations(), clock.NowSeconds()).ok());
    App app(*db, clock, AppConfig{});
    auto ping = [&] {
        Request r;
        r.method = "GET";
        r.path = "/test-module/ping";
        r.remote_addr = "10.0.0.1";
        return app.Handle(r);
    };
    auto first = ping();
    EXPECT_EQ(first.status, 200);
    EXPECT_EQ(first.body, "pong 1");
    EXPECT_EQ(ping().body, "pong 2") << "one instance per App, kept between requests";
    EXPECT_EQ(app.Get<PingModule>().calls, 2);
    EXPECT_EQ(&app.Get<PingModule>().clock, &clock) << "built over the App's own graph";
    EXPECT_THROW(app.Get<Unregistered>(), std::logic_error);

    App other(*db, clock, AppConfig{});
    EXPECT_EQ(other.Get<PingModule>().calls, 0) << "each App (each worker) builds its own";
    const auto& routes = app.routes();
    auto at = [&](const char* pattern) {
        return std::find_if(routes.begin(), routes.end(), [&](const Route& r) { return r.pattern == pattern; });
    };
    ASSERT_NE(at("/test-module/ping"), routes.end());
    ASSERT_NE(at("/api/v1/no-signal"), routes.end()) << "the no-signal module of the program is there too";
    EXPECT_GT(at("/test-module/ping"), at("/api/v1/households")) << "module routes come after the core routes";
}

TEST(Modules, ANameIsRegisteredOnce) {
    auto names = RegisteredModules();
    EXPECT_TRUE(
        std::any_of(names.begin(), names.end(), [](const auto& m) { return !std::strcmp(m.name, "test_ping"); }));
    EXPECT_THROW(RegisterModule("test_ping", nullptr), std::logic_error);
}

}  // namespace
}  // namespace caunoi::http
