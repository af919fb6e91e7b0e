// The crop calendar of a commune (issue 18, docs/board.md): for each crop, the stage of each month
// (land preparation, planting, tending, harvest; one stage a month, a month may have none), and the
// commune's market days. Communes start from the highland default (data/crop_calendar.tsv) and
// their officers edit their own. Other modules read it (training planning: PeakMonths, MarketDays).
// Thread-safety: a CropCalendarService is used by one thread; parsed calendars are plain values.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/fields.hpp"
#include "core/result.hpp"

namespace caunoi::board {

inline constexpr int kMaxMarkets = 4;

enum class Stage { kNone = 0, kPrepare, kPlant, kTend, kHarvest };
inline constexpr std::string_view kStageKeys[] = {"", "prepare", "plant", "tend", "harvest"};
const char* StageName(Stage s);  // msgid
bool ParseStage(std::string_view key, Stage& out);

struct CropRow {
    std::string crop;                // a key of data/crops.tsv
    std::array<Stage, 12> months{};  // January first
};

struct MarketDay {
    std::string name;  // "Chợ phiên Mường Xén"
    int weekday = 0;   // 0 = Sunday … 6 = Saturday
};

struct CropCalendar {
    std::vector<CropRow> rows;
    std::vector<MarketDay> markets;
    bool own = false;  // false: the shipped default
    std::string edited_by;
    int64_t edited_at = 0;
};

// data/crop_calendar.tsv: crop, then 12 month cells (stage key or empty). '#' comments, a header.
Result<CropCalendar> ParseDefaultCalendar(const std::string& tsv, const std::vector<std::string>& crops);

// How many crops are planted or harvested in each month (January first).
std::array<int, 12> MonthWork(const CropCalendar& c);
// The busiest months of the farming year (1–12): those where as many crops are planted or
// harvested as in the busiest quarter of the year (the upper quartile of MonthWork), and more
// than in the quietest month. In the highland default nearly every month harvests something
// (tea, cassava): a peak is where work piles up, not where any happens. None when nothing is
// planted or harvested, or every month is alike.
std::vector<int> PeakMonths(const CropCalendar& c);

class CropCalendarRepository {
  public:
    virtual ~CropCalendarRepository() = default;
    // The commune's own calendar; `own` false (and empty) when it has none.
    virtual Result<CropCalendar> Get(const std::string& commune_id) = 0;
    // Replaces the commune's calendar as a whole (in one transaction, the caller's).
    virtual Status Replace(const std::string& commune_id, const CropCalendar& c) = 0;
};

class CropCalendarService {
  public:
    CropCalendarService(CropCalendarRepository& repo, CropCalendar fallback, std::vector<std::string> crops,
                        audit::AuditLog& audit, const Clock& clock)
        : repo_(repo), default_(std::move(fallback)), crops_(std::move(crops)), audit_(audit), clock_(clock) {}

    // The commune's calendar, or the default.
    Result<CropCalendar> Of(const std::string& commune_id);

    // An officer of the commune saves its calendar from a form: for each crop key `c`, fields
    // `c_1` … `c_12` (a stage key or empty: one stage a month); market days as `market_name_N` +
    // `market_day_N` (0–6), N from 0 to kMaxMarkets - 1. Refused, naming the field: an unknown
    // crop, a month outside 1–12, an unknown stage, a crop planted but never harvested (or
    // harvested but never planted, for the annual crops: rice, maize, cassava, ginger), a market
    // without a name or day, the same market day twice. "reset" = "1" returns the commune to the
    // default. Nothing is stored unless all of it is valid.
    Status Save(const Actor& a, const std::string& commune_id, const std::string& commune_path, const Fields& f);

    const std::vector<std::string>& crops() const { return crops_; }

  private:
    CropCalendarRepository& repo_;
    CropCalendar default_;
    std::vector<std::string> crops_;
    audit::AuditLog& audit_;
    const Clock& clock_;
};

}  // namespace caunoi::board
