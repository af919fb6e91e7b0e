#include "storage/row_batch.hpp"

namespace caunoi::storage {
namespace {
// Rows in one statement at most: a push of 500 sessions is 7 statements per table, and each of the
// 7 shapes is prepared once per process in a fraction of what a 512-row statement takes.
constexpr size_t kMaxRows = 64;
}  // namespace

BulkInsert* RowBatch::Find(const std::string& table) {
    for (auto& [name, insert] : tables_)
        if (name == table) return insert.get();
    return nullptr;
}

Status RowBatch::Add(const std::string& table, const std::vector<std::string>& columns, std::vector<Value> row,
                     const std::string& parent) {
    BulkInsert* insert = Find(table);
    if (!insert) {
        BulkInsert* after = nullptr;
        if (!parent.empty() && !(after = Find(parent)))
            return Error::Internal("RowBatch: a row of " + table + " before any of " + parent);
        insert = tables_.emplace_back(table, std::make_unique<BulkInsert>(db_, table, columns, kMaxRows)).second.get();
        if (after) insert->After(*after);
    }
    return insert->Add(std::move(row));
}

Status RowBatch::Write() {
    for (auto& [name, insert] : tables_) CAUNOI_TRY(insert->Flush());
    for (const auto& [into, value] : marks_)
        CAUNOI_TRY(db_.Exec("INSERT INTO " + std::string(into) + " VALUES (?) ON CONFLICT DO NOTHING", {value}));
    marks_.clear();
    return {};
}

Status RowBatch::Write(const std::string& table) {
    BulkInsert* insert = Find(table);
    return insert ? insert->Flush() : Status{};
}

void RowBatch::Stop() {
    for (auto& [name, insert] : tables_) insert->Drop();
    marks_.clear();
    gathering_ = false;
}

}  // namespace caunoi::storage
