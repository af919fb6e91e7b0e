// Counting sources of the indicators (indicators/definitions.hpp): one per module, each counting
// one commune's rows into a FigureSink. IndicatorStore::Count runs them all. A module adds its
// indicators with a source here and its definitions in indicators/definitions.cpp.
// Borrow the Database; one thread at a time.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/result.hpp"
#include "indicators/indicators.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

// Counted figures of one commune, summed per village and for the commune as a whole.
class FigureSink {
  public:
    explicit FigureSink(std::string commune_id) : commune_id_(std::move(commune_id)) {}
    // Adds to `village_id`'s figure and to the commune's; "" village: the commune's alone.
    void Add(const std::string& village_id, indicators::Month month, const std::string& key, int64_t num, int64_t den);
    indicators::Figures Take();

  private:
    std::string commune_id_;
    std::map<std::tuple<std::string, indicators::Month, std::string>, std::pair<int64_t, int64_t>> sums_;
};

struct CountContext {
    Database& db;
    std::string commune_id;
    std::string commune_path;
    indicators::Month month;  // status figures are this month's
    int64_t now;
    FigureSink& out;
    // The commune's path range, for `col >= ? AND col < ?` (every row of the commune and its villages).
    Params Range() const { return {commune_path + "/", commune_path + "0"}; }
    // The village an area path names; "" for the commune's own path or one outside the commune.
    std::string VillageOf(const std::string& area_path) const;
};

// The local month (UTC+7) of an expression in epoch seconds, as an integer YYYYMM, in SQL.
std::string MonthSql(Dialect d, const std::string& epoch_expr);
// The same for a local day number.
std::string DayMonthSql(Dialect d, const std::string& day_expr);

Status CountRegistry(CountContext& c);   // households, residents, reach, villages (indicator_sources_registry.cpp)
Status CountFieldwork(CountContext& c);  // sessions, services, tips, dossiers, cohorts (…_fieldwork.cpp)
Status CountModules(CountContext& c);    // desk, scams, training, warnings, listings, no signal (…_modules.cpp)

// What the counting and the named list both read of a resident: the select list over residents
// `r` (columns from `first` on) and its reader.
extern const char* const kResidentFactsColumns;
indicators::ResidentFacts ReadResidentFacts(const Row& row, size_t first);
// A village's facts (loudspeaker, languages, coverage) for every village of a commune, by id.
Result<std::map<std::string, indicators::VillageFacts>> VillageFactsOf(Database& db, const std::string& commune_id);

}  // namespace caunoi::storage
