// Multi-row INSERTs for generators and loaders that write many rows of one table: rows are
// gathered and written as `INSERT INTO t (cols) VALUES (...), (...), ...` statements of a fixed
// number of rows (a few hundred, well under both engines' limits on parameters), the rest at
// Flush() in statements of power-of-two sizes, so an engine that keeps prepared statements by
// their text keeps a handful per table, not one per flush.
// Ownership: borrows the Database, which must outlive it. Not thread-safe (as Database).
// Rows still gathered when it is destroyed are dropped: call Flush() before the transaction ends.
#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"

namespace caunoi::storage {

// The text of an INSERT into `table` naming `columns`, with `rows` rows of placeholders, one `?`
// per column in each: "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)" for two columns and two rows.
std::string InsertSql(const std::string& table, const std::vector<std::string>& columns, size_t rows = 1);

class BulkInsert {
  public:
    // `columns` as written in the INSERT; `table` and `columns` come from the program, never input.
    // `max_rows`: the most rows in one statement (rounded down to a power of two); fewer rows make
    // statements quicker to prepare, for a writer that prepares them anew in every process.
    BulkInsert(Database& db, std::string table, std::vector<std::string> columns, size_t max_rows = 512);
    // Gathers one row (one value per column, in order); writes a full statement when one is due.
    Status Add(std::vector<Value> row);
    // Writes every row gathered.
    Status Flush();
    // Forgets the rows gathered and not written (their transaction failed).
    void Drop() { pending_.clear(); }
    // Rows of this table refer to rows of `parent` (a foreign key): every statement here first
    // writes what `parent` has gathered. `parent` must outlive this one.
    void After(BulkInsert& parent) { parent_ = &parent; }
    int64_t written() const { return written_; }

  private:
    Status Write(size_t first, size_t rows);
    const std::string& SqlFor(size_t rows);

    Database& db_;
    std::string table_;
    std::vector<std::string> names_;
    size_t columns_;
    size_t batch_;  // rows per full statement: a power of two
    std::vector<Value> pending_;
    std::vector<std::string> sql_;  // by log2(rows)
    Params params_;
    int64_t written_ = 0;
    BulkInsert* parent_ = nullptr;
};

}  // namespace caunoi::storage
