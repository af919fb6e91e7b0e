// For tests of requests through App::Handle: an App over a migrated SQLite database in memory, at
// a fake time, with users and their sessions added straight to the database. Test-only.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "http/app.hpp"
#include "storage/migrator.hpp"
#include "storage/testing.hpp"
#include "storage/user_store.hpp"

namespace caunoi::http::testing {

class AppOverSqlite : public ::testing::Test {
  protected:
    AppOverSqlite(int64_t now, AppConfig cfg)
        : clock{now},
          db(storage::test_db::Open("sqlite")),
          migrated(storage::Migrate(*db, storage::EmbeddedMigrations(), now).ok()),
          app(*db, clock, std::move(cfg)) {
        crypto::InitCrypto();
    }
    static AppConfig Config(std::string public_url = "") {
        AppConfig cfg;
        cfg.id_key = "0123456789abcdef0123456789abcdef";
        cfg.public_url = std::move(public_url);
        return cfg;
    }
    // A user `id` of `role` in `area_path` (and `team`), signed in with the session `token`.
    void AddUser(const std::string& id, Role role, const std::string& area_path, const std::string& team,
                 const std::string& token) {
        auth::User u = storage::test_db::TestUser(id, role, area_path, team);
        u.created_at = clock.NowSeconds();
        ASSERT_TRUE(user_store.Insert(u).ok());
        ASSERT_TRUE(
            user_store
                .InsertSession(crypto::HashHex(token), id, "csrf-" + id, clock.NowSeconds(), clock.NowSeconds() + 3600)
                .ok());
    }

    FakeClock clock;
    std::unique_ptr<storage::Database> db;
    bool migrated;
    App app;
    // The test's own store over the same database: App keeps its stores private.
    storage::UserStore user_store{*db};
};

}  // namespace caunoi::http::testing
