// Test support (included by *_test.cpp only): the service graph storage-backed tests run against,
// built once: a fresh database of one engine (test_db::Open), migrated, and the ServiceGraph App
// serves with over it (every store, the services over them, the shipped task rules and
// holidays), with the Vietnamese catalog. Tests use the members they need.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "core/embedded.hpp"
#include "storage/migrator.hpp"
#include "storage/service_graph.hpp"
#include "storage/testing.hpp"

namespace caunoi::storage::test_db {

// The key national ID numbers are hashed with in tests.
inline constexpr const char* kTestIdKey = "0123456789abcdef0123456789abcdef";

struct WiringOptions {
    int64_t migrated_at = 1;      // when the migrations are recorded as applied
    int64_t search_window = 600;  // RegistryStore's PostgreSQL name-search window
    int64_t match_window = 200;   // how many matching households a name search reads at most
};

namespace internal {
// Owns the test database; a base of Wiring so that it exists before the graph borrows it.
struct OwnedDatabase {
    std::unique_ptr<Database> owned_db;
};
}  // namespace internal

class Wiring : private internal::OwnedDatabase, public ServiceGraph {
  public:
    // `clock` is borrowed: it must outlive the wiring (declare it before).
    Wiring(const std::string& engine, const Clock& clock, WiringOptions o = {})
        : OwnedDatabase{OpenMigrated(engine, o.migrated_at)}, ServiceGraph(*owned_db, clock, Config(o)) {
        catalogs_.Add("vi", i18n::ParsePo(EmbeddedFile("i18n/vi.po")));
    }

  private:
    static std::unique_ptr<Database> OpenMigrated(const std::string& engine, int64_t at) {
        auto db = Open(engine);
        auto migrated = Migrate(*db, EmbeddedMigrations(), at);
        if (!migrated.ok()) throw std::runtime_error("migrations: " + migrated.error().detail);
        return db;
    }
    static GraphConfig Config(const WiringOptions& o) {
        GraphConfig c;
        c.id_key = kTestIdKey;
        c.search_window = o.search_window;
        c.match_window = o.match_window;
        return c;
    }
};

}  // namespace caunoi::storage::test_db
