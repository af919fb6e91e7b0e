#include "board/crop_calendar.hpp"

#include <algorithm>
#include <set>

#include "core/tsv.hpp"

namespace caunoi::board {

namespace {
// Crops sown and harvested within the year: planted but never harvested (or the reverse) is a
// mistake. The others (tea, cardamom, cinnamon, livestock) live for years.
constexpr std::string_view kAnnual[] = {"rice", "maize", "cassava", "ginger"};
}  // namespace

const char* StageName(Stage s) {
    switch (s) {
        case Stage::kPrepare:
            return N_("Land preparation");
        case Stage::kPlant:
            return N_("Planting");
        case Stage::kTend:
            return N_("Tending");
        case Stage::kHarvest:
            return N_("Harvest");
        case Stage::kNone:
            break;
    }
    return "";
}

bool ParseStage(std::string_view key, Stage& out) {
    for (size_t i = 0; i < std::size(kStageKeys); ++i)
        if (kStageKeys[i] == key) {
            out = static_cast<Stage>(i);
            return true;
        }
    return false;
}

Result<CropCalendar> ParseDefaultCalendar(const std::string& tsv, const std::vector<std::string>& crops) {
    CropCalendar c;
    CAUNOI_TRY(ForEachTsvRow(tsv, 13, "crop_calendar", [&](const std::vector<std::string_view>& cells, int) -> Status {
        CropRow row{std::string(cells[0]), {}};
        if (std::find(crops.begin(), crops.end(), row.crop) == crops.end())
            return Error::Invalid("crop_calendar", "not a crop of data/crops.tsv: " + row.crop);
        for (int m = 0; m < 12; ++m)
            if (!ParseStage(cells[static_cast<size_t>(m) + 1], row.months[static_cast<size_t>(m)]))
                return Error::Invalid("crop_calendar", "unknown stage " + std::string(cells[m + 1]));
        c.rows.push_back(std::move(row));
        return {};
    }));
    return c;
}

std::array<int, 12> MonthWork(const CropCalendar& c) {
    std::array<int, 12> work{};
    for (const auto& r : c.rows)
        for (size_t m = 0; m < 12; ++m)
            if (r.months[m] == Stage::kPlant || r.months[m] == Stage::kHarvest) ++work[m];
    return work;
}

std::vector<int> PeakMonths(const CropCalendar& c) {
    const auto work = MonthWork(c);
    auto sorted = work;
    std::sort(sorted.begin(), sorted.end());
    // The upper quartile (the 10th of 12), and always more than the quietest month.
    const int threshold = std::max(sorted[9], sorted[0] + 1);
    std::vector<int> out;
    for (int m = 0; m < 12; ++m)
        if (work[static_cast<size_t>(m)] >= threshold) out.push_back(m + 1);
    return out;
}

Result<CropCalendar> CropCalendarService::Of(const std::string& commune_id) {
    CAUNOI_ASSIGN(auto own, repo_.Get(commune_id));
    if (!own.own) return default_;
    // In the catalog's order, as the default.
    auto rank = [&](const std::string& crop) { return std::find(crops_.begin(), crops_.end(), crop) - crops_.begin(); };
    std::stable_sort(own.rows.begin(), own.rows.end(),
                     [&](const CropRow& x, const CropRow& y) { return rank(x.crop) < rank(y.crop); });
    return own;
}

Status CropCalendarService::Save(const Actor& a, const std::string& commune_id, const std::string& commune_path,
                                 const Fields& f) {
    if (!a.scope.Contains(commune_path)) return Error::NotFound("no such commune in your area");
    if (!a.AtLeast(Role::kCommuneOfficer))
        return Error::Forbidden("only the commune's officers edit its crop calendar");
    CropCalendar c;
    c.own = true;
    c.edited_by = a.display_name;
    c.edited_at = clock_.NowSeconds();
    std::set<std::string> known = {"reset"};
    for (const auto& crop : crops_) {
        CropRow row{crop, {}};
        bool any = false, planted = false, harvested = false;
        for (int m = 1; m <= 12; ++m) {
            const std::string key = crop + "_" + std::to_string(m);
            known.insert(key);
            CAUNOI_ASSIGN(auto v, f.Text(key, 10, false));
            Stage s = Stage::kNone;
            if (v && !ParseStage(*v, s))
                return Error::Invalid(key, "unknown stage " + *v, N_("Choose a stage from the list"));
            row.months[static_cast<size_t>(m - 1)] = s;
            any = any || s != Stage::kNone;
            planted = planted || s == Stage::kPlant;
            harvested = harvested || s == Stage::kHarvest;
        }
        const bool annual = std::find(std::begin(kAnnual), std::end(kAnnual), crop) != std::end(kAnnual);
        if (annual && planted != harvested)
            return Error::Invalid(
                crop + "_1", crop + (planted ? " is planted but never harvested" : " is harvested but never planted"),
                planted ? N_("This crop is planted but never harvested")
                        : N_("This crop is harvested but never planted"));
        if (any) c.rows.push_back(row);
    }
    std::set<int> days;
    for (int i = 0; i < kMaxMarkets; ++i) {
        const std::string n = "market_name_" + std::to_string(i), d = "market_day_" + std::to_string(i);
        known.insert(n);
        known.insert(d);
        CAUNOI_ASSIGN(auto name, f.Text(n, 80, false));
        CAUNOI_ASSIGN(auto day, f.Int(d, 0, 6));
        if (!name && !day) continue;
        if (!name) return Error::Invalid(n, "a market day needs the market's name", N_("Write the market's name"));
        if (!day) return Error::Invalid(d, "a market needs its day", N_("Choose the market's day"));
        if (!days.insert(static_cast<int>(*day)).second)
            return Error::Invalid(d, "the same market day twice", N_("This day is already a market day above"));
        c.markets.push_back({*name, static_cast<int>(*day)});
    }
    // A field for a month 0 or 13, or a crop we do not know, is not silently dropped.
    for (const auto& [k, v] : f.all())
        if (!known.count(k))
            return Error::Invalid(k, "unknown field " + k, N_("This field is not part of the crop calendar"));
    CAUNOI_ASSIGN(auto reset, f.Bool("reset"));
    if (reset && *reset) c = CropCalendar{};
    CAUNOI_TRY(repo_.Replace(commune_id, c));
    return audit_.Record(a, reset && *reset ? "calendar.reset" : "calendar.save", "commune", commune_id, commune_path);
}

}  // namespace caunoi::board
