// Crop prices for the village board (issue 18, docs/board.md): the crop catalog (data/crops.tsv),
// price reports by team members and cooperative contacts, the check of a report against the
// recent median (far from it: held for a leader to confirm before it counts), the latest price per
// crop of a commune, its 90-day trend, and the answer to SMS "GIA <crop>" from the prices near the
// sender. Thread-safety: a PriceService is used by one thread; the catalog is immutable.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/fields.hpp"
#include "core/result.hpp"

namespace caunoi::board {

struct Crop {
    std::string key;                   // "ginger"
    std::string name_vi, name_en;      // "Gừng", "Ginger"
    std::vector<std::string> units;    // the units a price is given in: "kg", "head"
    std::vector<std::string> aliases;  // folded names people write: "gung", …
};

// data/crops.tsv: key, Vietnamese name, English name, units (comma-separated), aliases
// (comma-separated, folded). '#' lines are comments; the first other line is the header.
class CropCatalog {
  public:
    static Result<CropCatalog> Parse(const std::string& tsv);
    const std::vector<Crop>& all() const { return crops_; }
    const Crop* Find(std::string_view key) const;
    // The crop someone means by `text` ("gừng", "GUNG", "thao qua", "gnug"): the folded text
    // equal to a name or alias, else one alias or name at edit distance 1 (words of 4 letters or
    // more) when only one crop is that close; nullptr otherwise (never a guess between two).
    const Crop* Match(std::string_view text) const;

  private:
    std::vector<Crop> crops_;
};

// The units, as shown: msgids.
const char* UnitName(std::string_view unit);   // for forms: "quintal" -> "quintal (100 kg)"
const char* UnitShort(std::string_view unit);  // after a price: "quintal" -> "quintal"

inline constexpr int64_t kMaxPrice = 1'000'000'000;  // đồng per unit: far above a buffalo
// A report is held for a leader when its price is below median / kOutlierRatio or above
// median × kOutlierRatio, the median of the crop's counted reports in the commune (else the
// province) over kMedianDays, once there are at least kMedianMin of them.
inline constexpr double kOutlierRatio = 1.5;
inline constexpr int kMedianDays = 30;
inline constexpr int kMedianMin = 3;
inline constexpr int kTrendDays = 90;

struct PriceReport {
    std::string id;
    std::string commune_id, area_path;
    std::string crop, unit;
    int64_t price = 0;        // đồng per unit
    std::string market;       // market or buyer
    std::string observed_on;  // YYYY-MM-DD
    std::string reported_by, reporter_name;
    std::string status;  // "counted", "to_confirm", "rejected"
    int64_t median = 0;  // what it was compared with when held (0: not held)
    int64_t created_at = 0;
};

struct TrendPoint {
    std::string day;  // YYYY-MM-DD
    int64_t price = 0;
};

class PriceRepository {
  public:
    virtual ~PriceRepository() = default;
    virtual Status Insert(const PriceReport& r) = 0;
    virtual Result<PriceReport> Get(const std::string& id, const Scope& scope) = 0;
    virtual Status SetStatus(const std::string& commune_id, const std::string& id, const std::string& status,
                             const std::string& by, int64_t at) = 0;
    // Counted prices of a crop and unit observed on or after `since`, in the commune ("" = the
    // whole province).
    virtual Result<std::vector<int64_t>> CountedSince(const std::string& commune_id, const std::string& crop,
                                                      const std::string& unit, const std::string& since) = 0;
    // The latest counted report of each crop and unit in the commune.
    virtual Result<std::vector<PriceReport>> Latest(const std::string& commune_id) = 0;
    // The latest counted reports of `crop` in the province, newest first, at most `limit`,
    // observed on or after `since`.
    virtual Result<std::vector<PriceReport>> LatestOfCrop(const std::string& crop, const std::string& since,
                                                          int limit) = 0;
    // Reports held for confirmation in scope, oldest first.
    virtual Result<std::vector<PriceReport>> Held(const Scope& scope) = 0;
    // The median price per day of counted reports of a crop and unit in a commune since `since`.
    virtual Result<std::vector<TrendPoint>> Daily(const std::string& commune_id, const std::string& crop,
                                                  const std::string& unit, const std::string& since) = 0;
};

class PriceService {
  public:
    PriceService(PriceRepository& repo, const CropCatalog& crops, audit::AuditLog& audit, const Clock& clock)
        : repo_(repo), crops_(crops), audit_(audit), clock_(clock) {}

    // A member (any role) reports a price in a commune of their scope. Fields: crop (a catalog
    // key or a name), unit, price (đồng: digits, dots or spaces as thousands separators), market,
    // observed_on (YYYY-MM-DD, today back to 30 days ago; default today).
    Result<PriceReport> Report(const Actor& a, const std::string& commune_id, const std::string& commune_path,
                               const Fields& f);
    // A team leader or officer of the commune confirms (it counts) or rejects a held report.
    Status Review(const Actor& a, const std::string& id, bool confirm);
    Result<std::vector<PriceReport>> Held(const Actor& a) { return repo_.Held(a.scope); }
    Result<std::vector<PriceReport>> Latest(const std::string& commune_id) { return repo_.Latest(commune_id); }
    Result<std::vector<TrendPoint>> Trend(const std::string& commune_id, const std::string& crop,
                                          const std::string& unit);
    // The answer to "GIA <text>" from `commune_id` ("" when the sender is not known): one SMS, in
    // GSM-7, the latest counted prices of the crop, the sender's commune first; `commune_name`
    // names communes by id. `T` translates a msgid.
    Result<std::string> SmsAnswer(const std::string& text, const std::string& commune_id,
                                  const std::function<std::string(const std::string&)>& commune_name,
                                  const std::function<std::string(const char*)>& T);

    const CropCatalog& crops() const { return crops_; }
    // Today's day number, Vietnam's time, by this service's clock.
    int64_t Today() const;

  private:
    PriceRepository& repo_;
    const CropCatalog& crops_;
    audit::AuditLog& audit_;
    const Clock& clock_;
};

// Whether `a` works in the commune at `commune_path`: its officers, and team members whose villages
// are there.
bool WorksIn(const Actor& a, const std::string& commune_path);

// "25.000" / "25000" / "25 000" / "25,000" -> 25000; nullopt for anything else (letters, signs,
// decimals, more than kMaxPrice).
std::optional<int64_t> ParseDong(std::string_view s);
// 25000 -> "25.000" (Vietnamese thousands separator).
std::string FormatDong(int64_t v);
// The median of `v` (the lower middle of an even count); 0 when empty.
int64_t Median(std::vector<int64_t> v);

}  // namespace caunoi::board
