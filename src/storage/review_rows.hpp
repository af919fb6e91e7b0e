// What translations (content_translations) and voice clips (voice_clips) share: a proposal is
// reviewed once (its state moves from proposed to approved or rejected, with who, when and the
// note), and approving one replaces the approved one of the same text and language. `table` is
// one of those two names (ours, never from input). Borrows the Database; one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/database.hpp"
#include "translation/translation.hpp"

namespace caunoi::storage {

// The state as stored ("proposed", "approved", …).
std::string StateName(translation::State s);

// False when the row was no longer a proposal (reviewed meanwhile).
Result<bool> ReviewRow(Database& db, std::string_view table, const std::string& id, translation::State state,
                       const std::string& by, int64_t at, const std::string& note);
Status ReplaceApprovedRow(Database& db, std::string_view table, const std::string& key, const std::string& lang,
                          const std::string& except_id);

}  // namespace caunoi::storage
