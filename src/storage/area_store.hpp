// Areas (SQL implementation of area::AreaRepository and registry::VillageLookup), over any
// Database engine.
// Borrows the Database; one thread at a time (as the Database).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "area/area.hpp"
#include "core/actor.hpp"
#include "core/result.hpp"
#include "registry/registry.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

class AreaStore final : public area::AreaRepository, public registry::VillageLookup {
  public:
    explicit AreaStore(Database& db) : db_(db) {}
    Result<area::Area> FindVisible(const Scope& s, const std::string& id) override;
    Result<std::vector<area::Area>> VisibleChildren(const Scope& s, const std::string& parent_id) override;
    Status Insert(const area::Area& a) override;
    Status Update(const area::Area& a) override;
    Result<int64_t> CountCommunes() override;
    Result<std::string> VillagePath(const Scope& s, const std::string& village_id) override;

  private:
    Database& db_;
};

}  // namespace caunoi::storage
