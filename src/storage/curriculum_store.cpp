#include "storage/curriculum_store.hpp"

namespace caunoi::storage {

Result<std::string> CurriculumStore::Source() {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT source FROM training_curriculum WHERE id = 1"));
    return rows.empty() ? std::string() : rows.front().Text(0);
}

Status CurriculumStore::Save(const std::string& source, const std::string& by, int64_t at) {
    return db_.Exec("INSERT INTO training_curriculum (id, source, edited_by, edited_at) VALUES (1, ?, ?, ?) ON CONFLICT "
                    "(id) DO UPDATE SET source = excluded.source, edited_by = excluded.edited_by, edited_at = "
                    "excluded.edited_at",
                    {source, by, at});
}

}  // namespace caunoi::storage
