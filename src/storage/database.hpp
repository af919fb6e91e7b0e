// The database interface every repository is written against: one SQL text, two engines.
//
// SQL uses `?` placeholders; engines translate them (PostgreSQL: $1..$n). Portable SQL only
// (ON CONFLICT, RETURNING, CTEs); engine-specific pieces go through dialect().
// Ownership: a Database owns its connection. Thread-safety: a Database is used by one thread
// at a time (the server runs its handlers on one io thread; see docs/architecture.md).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace caunoi::storage {

using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;
using Params = std::vector<Value>;

struct Row {
    std::vector<Value> cells;
    bool IsNull(size_t i) const { return std::holds_alternative<std::nullptr_t>(cells.at(i)); }
    int64_t Int(size_t i) const;
    double Real(size_t i) const;
    std::string Text(size_t i) const;  // "" for NULL
    std::optional<std::string> OptText(size_t i) const;
};
using Rows = std::vector<Row>;

// The values of one statement, each copied once: a braced list (`Params{a, b}`) copies every
// string twice, into the list and from it. For the rows written most (a sync push's).
template <typename... T>
Params ParamsOf(T&&... values) {
    Params p;
    p.reserve(sizeof...(T));
    (p.emplace_back(std::forward<T>(values)), ...);
    return p;
}

// NULL for an empty string: optional text columns store NULL, not "".
inline Value TextOrNull(const std::string& s) { return s.empty() ? Value{nullptr} : Value{s}; }

enum class Dialect { kSqlite, kPostgres };

class Database {
  public:
    virtual ~Database() = default;
    virtual Dialect dialect() const = 0;
    // Runs one statement and returns its rows (empty for statements without results).
    // A unique-constraint violation returns ErrorCode::kConflict.
    virtual Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
    // Runs a script of statements without parameters (migrations).
    virtual Status ExecScript(std::string_view sql) = 0;
    // Number of rows changed by the last statement.
    virtual int64_t Changes() = 0;
    // Runs `body` in a transaction: commits if it returns ok, rolls back otherwise.
    // Nested calls join the outer transaction.
    virtual Status InTransaction(const std::function<Status()>& body) = 0;
    // Inside a transaction: runs `body`; if it fails, undoes what `body` did (and only that) and
    // returns its error, and the transaction goes on. Outside one: a transaction of its own.
    virtual Status Savepoint(const std::function<Status()>& body) = 0;
    // A transaction for what records a report rather than anything a person entered (an SMS
    // delivery report): all or nothing as any, and kept through a crash of the program, but one
    // committed just before a power cut may be lost whole (its commit does not wait for the disk).
    // Inside another transaction it joins that one, durable as that one is.
    virtual Status InReportTransaction(const std::function<Status()>& body) { return InTransaction(body); }
    // Convenience: first row or NotFound.
    Result<Row> QueryOne(std::string_view sql, const Params& params = {});
    Status Exec(std::string_view sql, const Params& params = {});
};

}  // namespace caunoi::storage
