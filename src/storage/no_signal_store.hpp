// Reports of places without a phone signal (SQL implementation of area::NoSignalRepository),
// over any Database engine.
// Borrows the Database; one thread at a time (as the Database).
#pragma once

#include <string>
#include <vector>

#include "area/no_signal.hpp"
#include "core/actor.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

class NoSignalStore final : public area::NoSignalRepository {
  public:
    explicit NoSignalStore(Database& db) : db_(db) {}
    Status Insert(const area::NoSignalReport& r) override;
    Result<std::vector<area::DeadZone>> DeadZones(const Scope& s, const std::string& commune_path) override;

  private:
    Database& db_;
};

}  // namespace caunoi::storage
