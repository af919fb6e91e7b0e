// How the tables split for a distributed PostgreSQL (Citus): which carry the commune code as
// their distribution column, which are small catalogues copied to every node, which are
// spread by a key of their own. Kept beside the code so a new table cannot be forgotten: a test
// compares this list with the migrated schema on both engines.
// Thread-safety: the functions that take a Database use it from the caller's thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

enum class Placement {
    kTenant,     // distributed by commune_id, co-located with households: a commune's rows on one node
    kReference,  // small, read everywhere: a copy on every node
    kKeyed,      // distributed by its own key; never joined with tenant tables
    kLocal,      // stays on the coordinator (bookkeeping)
};

struct TablePlacement {
    const char* table;
    Placement placement;
    const char* key;          // distribution column (tenant: commune_id; keyed: its own key)
    const char* parent;       // tenant tables without an area path: the row whose commune they share
                              // ("areas" for the indicator tables, whose commune is all their place)
    const char* parent_link;  // … and the column that points at that parent's id
    bool id_key = false;      // tenant tables whose `id` is also UNIQUE on its own (dropped for Citus)
};

// Every table of the schema, in an order where a table comes after the tables it references.
const std::vector<TablePlacement>& Placements();

// The commune code of an area path "40/<commune>/<village>": its second segment ("" above a commune).
std::string CommuneOf(std::string_view area_path);

// The one commune every path of `s` lies in, or "" (a province scope, several communes).
std::string CommuneOfScope(const Scope& s);

// Tables of the connected database's schema (SQLite's own and search-index tables left out).
Result<std::vector<std::string>> SchemaTables(Database& db);

struct CommuneMismatch {
    std::string table;
    int64_t rows = 0;
};
// Tenant rows whose commune_id is missing or differs from their area path's (or parent row's)
// commune. Empty when the database is ready to be distributed.
Result<std::vector<CommuneMismatch>> CheckCommunes(Database& db);

// The statements that distribute a migrated caunoi database on Citus (docs/scaling.md):
// CitusKeysSql() (plain PostgreSQL, run by the tests) then the create_*_table calls.
std::string CitusKeysSql();
std::string CitusSql();

}  // namespace caunoi::storage
