#include "storage/review_rows.hpp"

namespace caunoi::storage {

std::string StateName(translation::State s) { return std::string(translation::kStates.Name(s)); }

Result<bool> ReviewRow(Database& db, std::string_view table, const std::string& id, translation::State state,
                       const std::string& by, int64_t at, const std::string& note) {
    CAUNOI_TRY(db.Exec("UPDATE " + std::string(table) +
                           " SET state = ?, reviewed_by = ?, reviewed_at = ?, note = ? WHERE id = ? AND state = ?",
                       {StateName(state), by, at, note, id, StateName(translation::State::kProposed)}));
    return db.Changes() > 0;
}

Status ReplaceApprovedRow(Database& db, std::string_view table, const std::string& key, const std::string& lang,
                          const std::string& except_id) {
    return db.Exec("UPDATE " + std::string(table) +
                       " SET state = ? WHERE lang = ? AND text_key = ? AND state = ? AND id <> ?",
                   {StateName(translation::State::kReplaced), lang, key, StateName(translation::State::kApproved), except_id});
}

}  // namespace caunoi::storage
