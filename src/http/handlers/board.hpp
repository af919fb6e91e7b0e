// The village board over HTTP (docs/board.md) as a module (http/module.hpp): the public board of a
// commune and of a village (warnings in force, weather, prices, this month on the crop calendar,
// announcements), the officers' weather entry and crop calendar, price reports and their review,
// the JSON API under /api/v1/, and the SMS answers to GIA and THOITIET (set on the graph's SMS
// service). Its stores and services live here, over the graph's database.
#pragma once

#include <string>
#include <vector>

#include "board/crop_calendar.hpp"
#include "board/prices.hpp"
#include "board/weather.hpp"
#include "core/ttl_cache.hpp"
#include "http/module.hpp"
#include "http/views.hpp"
#include "storage/board_stores.hpp"
#include "storage/service_graph.hpp"

namespace caunoi::http {

class BoardModule final : public Module {
  public:
    explicit BoardModule(storage::ServiceGraph& g);
    void AddRoutes(std::vector<Route>& rt) override;
    // A village's short code on posters: the shortest end of its id (6 characters at least) that
    // no other village's id ends with.
    Result<std::string> ShortCode(const std::string& village_id);
    // The village of a short code; NotFound when none or several.
    Result<std::string> VillageOfCode(const std::string& code);

    storage::WeatherStore weather_store;
    storage::PriceStore price_store;
    storage::CropCalendarStore calendar_store;
    storage::VillageCodes village_codes;
    // The public boards as rendered for people not logged in, by path and language, for
    // kPageSeconds: a board is read far more often than it changes. Writes through this worker
    // clear it; those through another show within kPageSeconds.
    static constexpr int64_t kPageSeconds = 30;
    TtlCache<std::string, Response> pages;
    board::CropCatalog crops;
    board::WeatherService weather;
    board::PriceService prices;
    board::CropCalendarService calendar;
};

// The shipped crop catalog and default calendar (data/crops.tsv, data/crop_calendar.tsv); a broken
// file throws (they are part of the program).
board::CropCatalog ShippedCrops();
board::CropCalendar ShippedCalendar(const board::CropCatalog& crops);

// Routes of each part (handlers/board_web.cpp, handlers/board_api.cpp).
void AddBoardPages(std::vector<Route>& rt);
void AddBoardApi(std::vector<Route>& rt);

// "Sunday" … "Saturday" (message ids) for 0 … 6.
const char* WeekdayMsgid(int weekday);

// Someone reading the places under `path` (areas are public): for the pages anyone may open.
Actor Reader(const std::string& path = "40");

// A commune (or ward) by id, for anyone: areas are public. NotFound for anything else.
struct BoardCommune {
    std::string id, name, path;
};
Result<BoardCommune> CommuneById(App& app, const std::string& id);

}  // namespace caunoi::http
