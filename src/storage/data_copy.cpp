#include "storage/data_copy.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/crypto.hpp"
#include "storage/distribution.hpp"

namespace caunoi::storage {
namespace {

// Table names come from the source's own catalogue, never from input; still, refuse anything
// that is not a plain identifier before it is spliced into SQL.
bool PlainName(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(c) || c == '_'; });
}

Result<std::vector<std::string>> Columns(Database& sqlite, const std::string& table) {
    CAUNOI_ASSIGN(auto rows, sqlite.Query("SELECT name FROM pragma_table_info(?) ORDER BY cid", {table}));
    std::vector<std::string> cols;
    for (const auto& r : rows) {
        if (!PlainName(r.Text(0))) return Error::Internal("unexpected column name in " + table);
        cols.push_back(r.Text(0));
    }
    return cols;
}

// The order a table's rows are copied in: the order they were written (rowid), or for a
// WITHOUT ROWID table (V039), which has none, its primary key's.
Result<std::string> CopyOrder(Database& sqlite, const std::string& table) {
    CAUNOI_ASSIGN(auto rows,
                  sqlite.Query("SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = ?", {table}));
    return rows.empty() || rows[0].Int(0) == 0 ? std::string(" ORDER BY rowid") : std::string();
}

std::string Join(const std::vector<std::string>& v, const std::string& sep) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
    return out;
}

std::string Cell(const Row& r, size_t i) {
    if (r.IsNull(i)) return "\\N";
    const auto& v = r.cells[i];
    if (auto d = std::get_if<double>(&v)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", *d);
        return buf;
    }
    return r.Text(i);
}

}  // namespace

Result<std::vector<std::string>> SqliteTablesInOrder(Database& sqlite) {
    CAUNOI_ASSIGN(auto tables, SchemaTables(sqlite));
    std::map<std::string, std::set<std::string>> deps;
    for (const auto& t : tables) {
        if (!PlainName(t)) return Error::Internal("unexpected table name " + t);
        CAUNOI_ASSIGN(auto fks, sqlite.Query("SELECT \"table\" FROM pragma_foreign_key_list(?)", {t}));
        deps[t];
        for (const auto& fk : fks)
            if (fk.Text(0) != t) deps[t].insert(fk.Text(0));
    }
    std::vector<std::string> order;
    std::set<std::string> done;
    while (order.size() < deps.size()) {
        bool progress = false;
        for (const auto& [t, ds] : deps) {
            if (done.count(t)) continue;
            if (std::all_of(ds.begin(), ds.end(), [&](const auto& d) { return done.count(d) || !deps.count(d); })) {
                order.push_back(t);
                done.insert(t);
                progress = true;
            }
        }
        if (!progress) return Error::Internal("foreign keys form a cycle; cannot order the copy");
    }
    return order;
}

Result<std::vector<TableSum>> Checksums(Database& db, const std::vector<std::string>& tables,
                                        const std::map<std::string, std::vector<std::string>>& columns) {
    std::vector<TableSum> out;
    for (const auto& t : tables) {
        if (!PlainName(t)) return Error::Internal("unexpected table name " + t);
        CAUNOI_ASSIGN(auto n, db.QueryOne("SELECT COUNT(*) FROM " + t));
        // The source's columns (the target may have derived ones of its own, such as a search
        // document), ordered by all of them: a total order that is the same on both engines
        // (PostgreSQL text columns compare bytewise, COLLATE "C").
        const auto& cols = columns.at(t);
        std::string order;
        for (size_t i = 1; i <= cols.size(); ++i) order += (i > 1 ? ", " : "") + std::to_string(i);
        TableSum sum{t, n.Int(0), crypto::HashHex("")};
        if (!cols.empty()) {
            CAUNOI_ASSIGN(auto rows, db.Query("SELECT " + Join(cols, ", ") + " FROM " + t + " ORDER BY " + order));
            std::string chain = sum.checksum;
            for (const auto& r : rows) {
                std::string line;
                for (size_t i = 0; i < r.cells.size(); ++i) line += Cell(r, i) + '\t';
                chain = crypto::HashHex(chain + line);
            }
            sum.checksum = chain;
        }
        out.push_back(std::move(sum));
    }
    return out;
}

Result<std::vector<TableSum>> CopySqliteToPostgres(Database& from, Database& to) {
    if (from.dialect() != Dialect::kSqlite || to.dialect() != Dialect::kPostgres)
        return Error::Invalid("from", "copies from SQLite to PostgreSQL");
    CAUNOI_ASSIGN(auto tables, SqliteTablesInOrder(from));
    for (const auto& t : tables) {
        if (t == "schema_migrations" || t == "sync_clock") continue;  // rows the migrations made
        CAUNOI_ASSIGN(auto n, to.QueryOne("SELECT COUNT(*) FROM " + t));
        if (n.Int(0) > 0)
            return Error{ErrorCode::kConflict,
                         N_("Conflict"),
                         "the target database is not empty (" + t + " has rows); copy into a new database",
                         {}};
    }
    // One snapshot of the source for the whole copy and the checksums (a deferred read
    // transaction does not block the server's writes in WAL mode).
    CAUNOI_TRY(from.ExecScript("BEGIN"));
    struct EndRead {
        Database& db;
        ~EndRead() { (void)db.ExecScript("COMMIT"); }
    } end_read{from};
    std::vector<std::string> copied;
    std::map<std::string, std::vector<std::string>> columns;
    std::vector<TableSum> target;
    CAUNOI_TRY(to.InTransaction([&]() -> Status {
        // Derived data (the households' search documents) is rebuilt once at the end instead of
        // row by row by the triggers that keep it.
        for (const auto& t : tables)
            if (t != "schema_migrations") CAUNOI_TRY(to.ExecScript("ALTER TABLE " + t + " DISABLE TRIGGER USER"));
        for (const auto& t : tables) {
            if (t == "schema_migrations" || t == "name_words") continue;  // name_words: derived, below
            CAUNOI_ASSIGN(auto cols, Columns(from, t));
            columns[t] = cols;
            CAUNOI_ASSIGN(auto order, CopyOrder(from, t));
            CAUNOI_ASSIGN(auto rows, from.Query("SELECT " + Join(cols, ", ") + " FROM " + t + order));
            if (t == "sync_clock") CAUNOI_TRY(to.Exec("DELETE FROM sync_clock"));  // the source's clock replaces it
            std::vector<std::string> marks(cols.size(), "?");
            const std::string insert =
                "INSERT INTO " + t + " (" + Join(cols, ", ") + ") VALUES (" + Join(marks, ", ") + ")";
            for (const auto& r : rows) CAUNOI_TRY(to.Exec(insert, r.cells));
            if (std::find(cols.begin(), cols.end(), "seq") != cols.end())
                CAUNOI_TRY(to.Exec("SELECT setval(pg_get_serial_sequence('" + t +
                                   "', 'seq'), (SELECT COALESCE(MAX(seq), 0) + 1 FROM " + t + "), false)"));
            copied.push_back(t);
        }
        // Statistics first: without them the planner may read a whole commune's residents for
        // each household's document (the composite keys of version 9 look as good as any index).
        for (const auto& t : copied) CAUNOI_TRY(to.ExecScript("ANALYZE " + t));
        // With the triggers still off: the documents' update is no write of anyone's to mark for
        // an indicator recount (V033), and the marks copied must stay as they were.
        CAUNOI_TRY(to.Exec("UPDATE households SET search = caunoi_household_search(id)"));  // V008, V011
        CAUNOI_TRY(to.Exec("SELECT caunoi_name_words_fill()"));                             // V040
        for (const auto& t : tables)
            if (t != "schema_migrations") CAUNOI_TRY(to.ExecScript("ALTER TABLE " + t + " ENABLE TRIGGER USER"));
        // Verified before the commit: a copy that differs is rolled back, not left half-right.
        CAUNOI_ASSIGN(auto source, Checksums(from, copied, columns));
        CAUNOI_ASSIGN(target, Checksums(to, copied, columns));
        for (size_t i = 0; i < source.size(); ++i)
            if (source[i].rows != target[i].rows || source[i].checksum != target[i].checksum)
                return Error::Internal("table " + source[i].table + " differs after the copy (" +
                                       std::to_string(source[i].rows) + " rows vs " + std::to_string(target[i].rows) +
                                       ")");
        return {};
    }));
    return target;
}

}  // namespace caunoi::storage
