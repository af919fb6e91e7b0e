// The training curriculum as the province admin last saved it (table training_curriculum, one row;
// none: the shipped data/curriculum.txt is in force). docs/training.md.
// Thread-safety: one thread (as the database connection).
#pragma once

#include <cstdint>
#include <string>

#include "storage/database.hpp"

namespace caunoi::storage {

class CurriculumStore {
  public:
    explicit CurriculumStore(Database& db) : db_(db) {}
    // The saved text; "" when never saved.
    Result<std::string> Source();
    Status Save(const std::string& source, const std::string& by, int64_t at);

  private:
    Database& db_;
};

}  // namespace caunoi::storage
