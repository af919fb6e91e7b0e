// Rows a transaction gathers and writes together: a sync push's sessions, their rows, its log of
// operations and its audit entries go in as a few multi-row INSERTs (BulkInsert) instead of seven
// statements per operation. Stores add rows only while gathering (DatabaseTransactions::Gathering
// turns it on for its body); otherwise they write at once. A store that reads a table it gathers
// for writes what is gathered first (Write), so nothing ever reads around a gathered row.
// Ownership: borrows the Database, which must outlive it. One thread (as the Database).
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "storage/bulk_insert.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

class RowBatch {
  public:
    explicit RowBatch(Database& db) : db_(db) {}
    bool gathering() const { return gathering_; }
    void Start() { gathering_ = true; }
    // While paused, stores write at once (inside a savepoint, which may undo them).
    void Pause(bool paused) { gathering_ = !paused; }
    // Gathers one row of `table` (one value per column, in order). A row whose table refers to
    // `parent` (a foreign key) is written after the rows `parent` has gathered; `parent` must have
    // gathered a row before. A table is written with the columns and parent of its first row, for
    // as long as the batch lives: give the same ones every time. `table`, `columns` and `parent`
    // come from the program, never input.
    Status Add(const std::string& table, const std::vector<std::string>& columns, std::vector<Value> row,
               const std::string& parent = "");
    // Gathers `value` for a one-column table of marks, once: `into` is a literal such as
    // "indicator_dirty (commune_id)", written as `INSERT INTO <into> VALUES (?) ON CONFLICT DO NOTHING`.
    void Mark(std::string_view into, const std::string& value) { marks_.emplace(into, value); }
    // Writes every row gathered so far, tables in the order they were first added to, marks last.
    Status Write();
    // Writes the rows gathered for `table` only (and its parent's, first).
    Status Write(const std::string& table);
    // Drops whatever is not written and stops gathering. The tables' statements are kept.
    void Stop();

  private:
    BulkInsert* Find(const std::string& table);

    Database& db_;
    bool gathering_ = false;
    std::vector<std::pair<std::string, std::unique_ptr<BulkInsert>>> tables_;  // in order of first use
    std::set<std::pair<std::string_view, std::string>> marks_;                 // (into, value)
};

// Before a store reads a table it gathers rows for: what is gathered is written first (for
// `table` only, if named: what a row about to be written at once refers to).
inline Status WriteGathered(RowBatch* rows, const char* table = nullptr) {
    if (!rows || !rows->gathering()) return {};
    return table ? rows->Write(table) : rows->Write();
}

}  // namespace caunoi::storage
