// The village board's tables (SQL implementations of board::WeatherRepository,
// board::PriceRepository and board::CropCalendarRepository), over any Database engine.
// Borrow the Database; one thread at a time (as the Database).
#pragma once

#include <string>
#include <vector>

#include "board/crop_calendar.hpp"
#include "board/prices.hpp"
#include "board/weather.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

class WeatherStore final : public board::WeatherRepository {
  public:
    explicit WeatherStore(Database& db) : db_(db) {}
    Result<std::optional<board::CommuneWeather>> Get(const std::string& commune_id) override;
    Status Save(const std::string& commune_id, const board::Forecast& f, int64_t as_of, const std::string& source,
                const std::string& entered_by) override;
    Status RecordAttempt(const std::string& commune_id, int64_t at, int64_t next_at, int failures,
                         const std::string& error) override;
    Result<std::vector<board::WeatherTarget>> Due(int64_t now) override;

  private:
    Database& db_;
};

class PriceStore final : public board::PriceRepository {
  public:
    explicit PriceStore(Database& db) : db_(db) {}
    Status Insert(const board::PriceReport& r) override;
    Result<board::PriceReport> Get(const std::string& id, const Scope& scope) override;
    Status SetStatus(const std::string& commune_id, const std::string& id, const std::string& status,
                     const std::string& by, int64_t at) override;
    Result<std::vector<int64_t>> CountedSince(const std::string& commune_id, const std::string& crop,
                                              const std::string& unit, const std::string& since) override;
    Result<std::vector<board::PriceReport>> Latest(const std::string& commune_id) override;
    Result<std::vector<board::PriceReport>> LatestOfCrop(const std::string& crop, const std::string& since,
                                                         int limit) override;
    Result<std::vector<board::PriceReport>> Held(const Scope& scope) override;
    Result<std::vector<board::TrendPoint>> Daily(const std::string& commune_id, const std::string& crop,
                                                 const std::string& unit, const std::string& since) override;

  private:
    Database& db_;
};

// Villages by the end of their id: the short codes of the board's posters (/b/<code>).
class VillageCodes {
  public:
    explicit VillageCodes(Database& db) : db_(db) {}
    // The ids of villages whose id ends with `suffix` (case-insensitive), at most `limit`.
    Result<std::vector<std::string>> EndingWith(const std::string& suffix, int limit);

  private:
    Database& db_;
};

class CropCalendarStore final : public board::CropCalendarRepository {
  public:
    explicit CropCalendarStore(Database& db) : db_(db) {}
    Result<board::CropCalendar> Get(const std::string& commune_id) override;
    Status Replace(const std::string& commune_id, const board::CropCalendar& c) override;

  private:
    Database& db_;
};

}  // namespace caunoi::storage
