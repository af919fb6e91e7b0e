// Test support (included by *_test.cpp only): every storage-touching test runs on each engine.
// SQLite always (in memory); PostgreSQL when CAUNOI_TEST_PG holds a cluster's admin address, as
// scripts/test sets it. On PostgreSQL each test process gets a database of its own (dropped at
// exit) and each opened database a fresh schema, so tests never see each other's rows.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "auth/auth.hpp"
#include "storage/postgres/pg_database.hpp"
#include "storage/registry_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace caunoi::storage::test_db {

inline std::string PgAdminUrl() {
    const char* v = std::getenv("CAUNOI_TEST_PG");
    return v ? v : "";
}

inline std::vector<std::string> Engines() {
    std::vector<std::string> e = {"sqlite"};
    if (!PgAdminUrl().empty()) e.push_back("postgresql");
    return e;
}

// PostgreSQL alone, for what only it has (instantiate with GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST:
// scripts/test checks that these tests ran).
inline std::vector<std::string> PgOnly() {
    return PgAdminUrl().empty() ? std::vector<std::string>{} : std::vector<std::string>{"postgresql"};
}

inline std::string EngineName(const ::testing::TestParamInfo<std::string>& i) { return i.param; }

// "postgresql://u@h:p/postgres" with another database name and extra query.
inline std::string WithDatabase(const std::string& admin, const std::string& db, const std::string& query = "") {
    auto q = admin.find('?');
    std::string base = admin.substr(0, q);
    base = base.substr(0, base.rfind('/') + 1) + db;
    return base + (query.empty() ? "" : "?" + query);
}

// The per-process PostgreSQL test database, with pg_trgm installed once in `public`.
inline const std::string& PgProcessDatabase() {
    static const std::string name = [] {
        std::string n = "caunoi_unit_" + std::to_string(::getpid());
        auto admin = PgDatabase::Open(PgAdminUrl());
        if (!admin.ok()) throw std::runtime_error(admin.error().detail);
        (void)(*admin)->ExecScript("DROP DATABASE IF EXISTS " + n + " WITH (FORCE)");
        auto created = (*admin)->ExecScript("CREATE DATABASE " + n);
        if (!created.ok()) throw std::runtime_error(created.error().detail);
        auto db = PgDatabase::Open(WithDatabase(PgAdminUrl(), n));
        if (!db.ok() || !(*db)->ExecScript("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public").ok())
            throw std::runtime_error("cannot prepare " + n);
        std::atexit([] {
            auto a = PgDatabase::Open(PgAdminUrl());
            if (a.ok())
                (void)(*a)->ExecScript("DROP DATABASE IF EXISTS caunoi_unit_" + std::to_string(::getpid()) +
                                       " WITH (FORCE)");
        });
        return n;
    }();
    return name;
}

// Where the last PostgreSQL database Open() made lives, for a second connection to it.
inline std::string& LastPgUrl() {
    static std::string url;
    return url;
}

// A fresh, empty database of `engine`.
inline std::unique_ptr<Database> Open(const std::string& engine) {
    if (engine == "sqlite") {
        auto db = SqliteDatabase::Open(":memory:");
        if (!db.ok()) throw std::runtime_error(db.error().detail);
        return std::move(db).value();
    }
    static int n = 0;
    const std::string& dbname = PgProcessDatabase();
    std::string schema = "t" + std::to_string(++n);
    {
        auto db = PgDatabase::Open(WithDatabase(PgAdminUrl(), dbname));
        if (!db.ok() || !(*db)->ExecScript("CREATE SCHEMA " + schema).ok())
            throw std::runtime_error("cannot create schema " + schema);
    }
    LastPgUrl() = WithDatabase(PgAdminUrl(), dbname, "options=-c%20search_path%3D" + schema + "%2Cpublic");
    auto db = PgDatabase::Open(LastPgUrl());
    if (!db.ok()) throw std::runtime_error(db.error().detail);
    return std::move(db).value();
}

// Areas for a test, each {id, parent id ("" for none), kind, path}, named by their ids.
inline Status InsertAreas(Database& db,
                          std::initializer_list<std::tuple<const char*, const char*, const char*, const char*>> areas) {
    for (auto [id, parent, kind, path] : areas)
        CAUNOI_TRY(db.Exec(
            "INSERT INTO areas (id, parent_id, kind, name, name_folded, path, created_at) VALUES (?, ?, ?, ?, ?, ?, 0)",
            {id, *parent ? Value{std::string(parent)} : Value{nullptr}, kind, id, id, path}));
    return {};
}

// A user for a test: `id` of `role` in `area_path` (and `team`), named `name` (the id when empty),
// username "user_<id>", no usable password.
inline auth::User TestUser(const std::string& id, Role role, const std::string& area_path, const std::string& team,
                           const std::string& name = "") {
    auth::User u;
    u.id = id;
    u.username = "user_" + id;
    u.display_name = name.empty() ? id : name;
    u.role = role;
    u.area_path = area_path;
    u.team_id = team;
    u.password_hash = "unused";
    return u;
}

// Residents of commune 16813, or `commune` ("Lò Văn <id>"), each {household, village, resident,
// phone, consent purposes}; a household is added with its first resident. Consent given by u1 at `at`.
inline Status AddResidents(
    RegistryStore& registry, int64_t at,
    std::initializer_list<std::tuple<const char*, const char*, const char*, const char*, const char*>> people,
    const std::string& commune = "16813") {
    std::vector<std::string> added;
    for (auto [hid, village, rid, phone, purposes] : people) {
        registry::Household h;
        h.id = hid;
        h.village_id = village;
        h.area_path = "40/" + commune + "/" + village;
        h.name = hid;
        h.consent = {"u1", at, purposes};
        if (std::find(added.begin(), added.end(), h.id) == added.end()) {
            CAUNOI_TRY(registry.InsertHousehold(h));
            added.push_back(h.id);
        }
        registry::Resident r;
        r.id = rid;
        r.household_id = hid;
        r.area_path = h.area_path;
        r.full_name = std::string("Lò Văn ") + rid;
        r.phone = phone;
        r.consent = h.consent;
        CAUNOI_TRY(registry.InsertResident(r));
    }
    return {};
}

// Two connections to one fresh database, for concurrency tests: a temporary file for SQLite
// (in the directory `dir`), one schema for PostgreSQL.
inline std::pair<std::unique_ptr<Database>, std::unique_ptr<Database>> OpenTwo(const std::string& engine,
                                                                               const std::string& dir) {
    if (engine == "sqlite") {
        auto a = SqliteDatabase::Open(dir + "/two.db");
        auto b = SqliteDatabase::Open(dir + "/two.db");
        if (!a.ok() || !b.ok()) throw std::runtime_error("cannot open " + dir + "/two.db");
        return {std::move(a).value(), std::move(b).value()};
    }
    auto a = Open(engine);
    auto b = PgDatabase::Open(LastPgUrl());
    if (!b.ok()) throw std::runtime_error(b.error().detail);
    return {std::move(a), std::move(b).value()};
}

}  // namespace caunoi::storage::test_db
