// Indicator figures kept in indicator_values (SQL implementation of
// indicators::IndicatorRepository), counted by the sources of storage/indicator_sources.hpp.
// Borrows the Database; one thread at a time (as the Database).
#pragma once

#include "indicators/indicators.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

class IndicatorStore final : public indicators::IndicatorRepository {
  public:
    explicit IndicatorStore(Database& db) : db_(db) {}
    Status MarkStale(indicators::Month month) override;
    Result<std::vector<std::string>> Marked(size_t limit) override;
    Result<indicators::Figures> Count(const std::string& commune_id, indicators::Month month, int64_t now,
                                      bool keep) override;
    Result<indicators::Figures> Kept(const std::string& commune_id, indicators::Month month) override;
    Result<indicators::Figures> CommuneLevel(const indicators::Period& p) override;
    Result<indicators::Figures> InCommune(const std::string& commune_id, const indicators::Period& p) override;
    Result<std::vector<std::string>> Communes() override;
    Result<int64_t> LastRecount() override;
    Result<std::string> FiguresVersion() override;
    Result<std::vector<indicators::Place>> Places(const std::string& parent_id) override;
    Result<indicators::RecordTable> Records(const std::string& commune_path, const std::string& kind,
                                            int year) override;
    Result<std::vector<indicators::UnreachedResident>> Unreached(const Scope& scope, const std::string& village_id,
                                                                 int64_t now) override;

  private:
    Result<indicators::Figures> CountAll(const std::string& commune_id, indicators::Month month, int64_t now);
    Status Keep(const std::string& commune_id, indicators::Month month, int64_t now, const indicators::Figures& f);
    Database& db_;
};

}  // namespace caunoi::storage
