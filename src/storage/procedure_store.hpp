// The procedure catalog (SQL implementation of procedures::ProcedureRepository), over any
// Database engine.
// Borrows the Database; one thread at a time (as the Database).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "procedures/services.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

class ProcedureStore final : public procedures::ProcedureRepository {
  public:
    explicit ProcedureStore(Database& db) : db_(db) {}
    Result<std::vector<std::pair<std::string, std::string>>> All() override;
    Status Seed(const std::vector<std::pair<std::string, std::string>>& code_source) override;
    Status Put(const std::string& code, const std::string& source, const std::string& by, int64_t at) override;
    Result<std::string> Version() override;

  private:
    Database& db_;
};

}  // namespace caunoi::storage
