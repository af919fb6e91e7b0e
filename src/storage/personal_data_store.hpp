// Everything held about one resident beyond their profile (Decree 13/2023/NĐ-CP, art. 14: a
// person's right to their data), read for the export of GET /residents/{id}/export and its API
// twin (http/handlers/personal_data.cpp): one table per section, its columns named by keys that
// the page translates. The caller has already found the resident in its scope; these rows are
// theirs by resident id (or by their phone number, for SMS).
// Borrows the Database; one thread at a time (as the Database).
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

struct DataSection {
    std::string key;                              // "household", "sessions", … (docs/api.md)
    std::vector<std::string> columns;             // keys: "at", "channel", …
    std::vector<std::vector<std::string>> rows;   // values as stored (codes, epoch seconds, text)
};

class PersonalDataStore {
  public:
    explicit PersonalDataStore(Database& db) : db_(db) {}
    // The sections of resident `id` whose phone is `phone` ("" for none), in a fixed order.
    Result<std::vector<DataSection>> Collect(const std::string& id, const std::string& phone);

  private:
    Database& db_;
};

}  // namespace caunoi::storage
