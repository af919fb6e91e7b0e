#include "storage/bulk_insert.hpp"

#include <stdexcept>

namespace caunoi::storage {
namespace {

// SQLite's default limit is 32,766 parameters, PostgreSQL's 65,535; more rows per statement
// than this gain nothing measurable.
constexpr size_t kMaxParams = 16000;

size_t Log2(size_t n) {
    size_t k = 0;
    while ((size_t{1} << (k + 1)) <= n) ++k;
    return k;
}

}  // namespace

std::string InsertSql(const std::string& table, const std::vector<std::string>& columns, size_t rows) {
    std::string sql = "INSERT INTO " + table + " (", one = "(";
    for (size_t c = 0; c < columns.size(); ++c) {
        sql += (c ? ", " : "") + columns[c];
        one += c ? ", ?" : "?";
    }
    one += ")";
    sql += ") VALUES ";
    sql.reserve(sql.size() + rows * (one.size() + 2));
    for (size_t r = 0; r < rows; ++r) sql += (r ? ", " : "") + one;
    return sql;
}

BulkInsert::BulkInsert(Database& db, std::string table, std::vector<std::string> columns, size_t max_rows)
    : db_(db), table_(std::move(table)), names_(std::move(columns)), columns_(names_.size()) {
    if (names_.empty()) throw std::invalid_argument("BulkInsert without columns");
    batch_ = size_t{1} << Log2(std::min(std::max<size_t>(1, max_rows), std::max<size_t>(1, kMaxParams / columns_)));
    sql_.resize(Log2(batch_) + 1);
    pending_.reserve(batch_ * columns_);
}

const std::string& BulkInsert::SqlFor(size_t rows) {
    std::string& sql = sql_[Log2(rows)];
    if (sql.empty()) sql = InsertSql(table_, names_, rows);
    return sql;
}

Status BulkInsert::Write(size_t first, size_t rows) {
    if (parent_) CAUNOI_TRY(parent_->Flush());
    params_.assign(std::make_move_iterator(pending_.begin() + static_cast<std::ptrdiff_t>(first * columns_)),
                   std::make_move_iterator(pending_.begin() + static_cast<std::ptrdiff_t>((first + rows) * columns_)));
    CAUNOI_TRY(db_.Exec(SqlFor(rows), params_));
    written_ += static_cast<int64_t>(rows);
    return {};
}

Status BulkInsert::Add(std::vector<Value> row) {
    if (row.size() != columns_) return Error::Internal("BulkInsert: " + table_ + " got a row of another width");
    for (auto& v : row) pending_.push_back(std::move(v));
    if (pending_.size() < batch_ * columns_) return {};
    CAUNOI_TRY(Write(0, batch_));
    pending_.clear();
    return {};
}

Status BulkInsert::Flush() {
    size_t rows = pending_.size() / columns_, first = 0;
    // The rest in power-of-two statements, largest first.
    for (size_t size = batch_; size > 0 && rows > 0; size /= 2) {
        while (rows >= size) {
            CAUNOI_TRY(Write(first, size));
            first += size;
            rows -= size;
        }
    }
    pending_.clear();
    return {};
}

}  // namespace caunoi::storage
