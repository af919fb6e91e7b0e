#include "storage/procedure_store.hpp"

namespace caunoi::storage {

Result<std::vector<std::pair<std::string, std::string>>> ProcedureStore::All() {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT code, source FROM procedures ORDER BY position, code"));
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& r : rows) out.emplace_back(r.Text(0), r.Text(1));
    return out;
}

Status ProcedureStore::Seed(const std::vector<std::pair<std::string, std::string>>& code_source) {
    return db_.InTransaction([&]() -> Status {
        int64_t position = 0;
        for (const auto& [code, source] : code_source)
            CAUNOI_TRY(
                db_.Exec("INSERT INTO procedures (code, position, source) VALUES (?, ?, ?) "
                         "ON CONFLICT (code) DO NOTHING",
                         {code, position++, source}));
        return {};
    });
}

Status ProcedureStore::Put(const std::string& code, const std::string& source, const std::string& by, int64_t at) {
    return db_.Exec(
        "INSERT INTO procedures (code, position, source, updated_at, updated_by) VALUES (?, (SELECT "
        "COALESCE(MAX(position), -1) + 1 FROM procedures), ?, ?, ?) ON CONFLICT (code) DO UPDATE SET source = "
        "excluded.source, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        {code, source, at, by});
}

Result<std::string> ProcedureStore::Version() {
    CAUNOI_ASSIGN(auto row,
                  db_.QueryOne("SELECT COUNT(*), COALESCE(MAX(updated_at), 0), COALESCE(SUM(LENGTH(source)), 0) "
                               "FROM procedures"));
    return row.Text(0) + "/" + row.Text(1) + "/" + row.Text(2);
}

}  // namespace caunoi::storage
