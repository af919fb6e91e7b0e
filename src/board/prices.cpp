#include "board/prices.hpp"

#include <algorithm>

#include "channel/encoding.hpp"
#include "core/calendar.hpp"
#include "core/text.hpp"
#include "core/tsv.hpp"
#include "core/ulid.hpp"

namespace caunoi::board {

namespace {

constexpr std::string_view kUnits[] = {"kg", "quintal", "head"};

std::vector<std::string> List(std::string_view cell) {
    std::vector<std::string> out;
    for (auto v : text::Split(cell, ',')) out.emplace_back(v);
    return out;
}

}  // namespace

Result<CropCatalog> CropCatalog::Parse(const std::string& tsv) {
    CropCatalog c;
    CAUNOI_TRY(ForEachTsvRow(tsv, 5, "crops", [&](const std::vector<std::string_view>& cells, int) -> Status {
        Crop crop{std::string(cells[0]), std::string(cells[1]), std::string(cells[2]), List(cells[3]), List(cells[4])};
        if (crop.key.empty() || crop.name_vi.empty() || crop.units.empty())
            return Error::Invalid("crops", "key, name and units are required");
        for (const auto& u : crop.units)
            if (std::find(std::begin(kUnits), std::end(kUnits), u) == std::end(kUnits))
                return Error::Invalid("crops", "unknown unit " + u);
        if (c.Find(crop.key)) return Error::Invalid("crops", "crop listed twice: " + crop.key);
        crop.aliases.push_back(text::Fold(crop.name_vi));
        c.crops_.push_back(std::move(crop));
        return {};
    }));
    if (c.crops_.empty()) return Error::Invalid("crops", "no crops");
    return c;
}

const Crop* CropCatalog::Find(std::string_view key) const {
    for (const auto& c : crops_)
        if (c.key == key) return &c;
    return nullptr;
}

const Crop* CropCatalog::Match(std::string_view text) const {
    const std::string folded = text::Trim(text::Fold(text));
    if (folded.empty()) return nullptr;
    for (const auto& c : crops_) {
        if (c.key == folded) return &c;
        for (const auto& a : c.aliases)
            if (a == folded) return &c;
    }
    if (folded.size() < 4) return nullptr;
    const Crop* close = nullptr;
    for (const auto& c : crops_)
        for (const auto& a : c.aliases)
            if (a.size() >= 4 && text::EditDistance(a, folded) == 1) {
                if (close && close != &c) return nullptr;  // two crops as close: not a guess
                close = &c;
            }
    return close;
}

const char* UnitName(std::string_view unit) {
    if (unit == "quintal") return N_("quintal (100 kg)");
    if (unit == "head") return N_("head (animal)");
    return N_("kg");
}

const char* UnitShort(std::string_view unit) {
    if (unit == "quintal") return N_("quintal");
    if (unit == "head") return N_("head");
    return N_("kg");
}

bool WorksIn(const Actor& a, const std::string& commune_path) {
    return a.scope.Contains(commune_path) || a.scope.IsAncestorOfScope(commune_path);
}

std::optional<int64_t> ParseDong(std::string_view s) {
    const std::string t = text::Trim(s);
    if (t.empty()) return std::nullopt;
    // A separator ('.', ' ' or ',') only between thousands: 1 to 3 digits, then groups of exactly 3.
    // "2.5" or "25,50" are decimals, not a price in dong, and must not become 25 or 2550.
    int64_t v = 0;
    int digits = 0, group = 0;
    bool separated = false;
    for (char ch : t) {
        if (ch >= '0' && ch <= '9') {
            v = v * 10 + (ch - '0');
            ++group;
            if (++digits > 10 || v > kMaxPrice) return std::nullopt;
        } else if (ch == '.' || ch == ' ' || ch == ',') {
            if (group < 1 || group > 3 || (separated && group != 3)) return std::nullopt;
            separated = true;
            group = 0;
        } else {
            return std::nullopt;
        }
    }
    if (digits == 0 || (separated && group != 3)) return std::nullopt;
    return v;
}

std::string FormatDong(int64_t v) {
    std::string d = std::to_string(v < 0 ? -v : v), out;
    for (size_t i = 0; i < d.size(); ++i) {
        if (i && (d.size() - i) % 3 == 0) out += '.';
        out += d[i];
    }
    return v < 0 ? "-" + out : out;
}

int64_t Median(std::vector<int64_t> v) {
    if (v.empty()) return 0;
    const size_t mid = (v.size() - 1) / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
    return v[mid];
}

Result<PriceReport> PriceService::Report(const Actor& a, const std::string& commune_id, const std::string& commune_path,
                                         const Fields& f) {
    if (!WorksIn(a, commune_path)) return Error::NotFound("no such commune in your area");
    CAUNOI_TRY(f.OnlyKnown({"crop", "unit", "price", "market", "observed_on"}));
    CAUNOI_ASSIGN(auto crop_text, f.Text("crop", 60, true));
    const Crop* crop = crops_.Find(*crop_text);
    if (!crop) crop = crops_.Match(*crop_text);
    if (!crop) return Error::Invalid("crop", "unknown crop: " + *crop_text, N_("Choose a crop from the list"));
    CAUNOI_ASSIGN(auto unit, f.Text("unit", 20, true));
    if (std::find(crop->units.begin(), crop->units.end(), *unit) == crop->units.end())
        return Error::Invalid("unit", "unit " + *unit + " is not one of " + crop->key + "'s",
                              N_("This crop is not priced in this unit: choose another"));
    CAUNOI_ASSIGN(auto price_text, f.Text("price", 20, true));
    const auto price = ParseDong(*price_text);
    if (!price || *price <= 0)
        return Error::Invalid("price", "not a price in dong: " + *price_text,
                              N_("Write the price in dong, for example 25000 or 25.000"));
    CAUNOI_ASSIGN(auto market, f.Text("market", 120, true));
    const int64_t today = LocalDayOf(clock_.NowSeconds());
    CAUNOI_ASSIGN(auto on_text, f.Text("observed_on", 10, false));
    int64_t on = today;
    if (on_text) {
        auto d = ParseDate(*on_text);
        if (!d || *d > today || *d < today - kMedianDays)
            return Error::Invalid("observed_on", "date outside the last 30 days: " + *on_text,
                                  N_("The date must be today or within the last 30 days"));
        on = *d;
    }
    PriceReport r;
    r.id = NewUlid();
    r.commune_id = commune_id;
    r.area_path = commune_path;
    r.crop = crop->key;
    r.unit = *unit;
    r.price = *price;
    r.market = *market;
    r.observed_on = FormatDate(on);
    r.reported_by = a.user_id;
    r.reporter_name = a.display_name;
    r.created_at = clock_.NowSeconds();
    r.status = "counted";
    // Compared with the commune's recent reports, else the province's.
    const std::string since = FormatDate(today - kMedianDays);
    CAUNOI_ASSIGN(auto recent, repo_.CountedSince(commune_id, r.crop, r.unit, since));
    if (recent.size() < static_cast<size_t>(kMedianMin)) {
        CAUNOI_ASSIGN(recent, repo_.CountedSince("", r.crop, r.unit, since));
    }
    if (recent.size() >= static_cast<size_t>(kMedianMin)) {
        const int64_t m = Median(recent);
        if (static_cast<double>(r.price) > static_cast<double>(m) * kOutlierRatio ||
            static_cast<double>(r.price) * kOutlierRatio < static_cast<double>(m)) {
            r.status = "to_confirm";
            r.median = m;
        }
    }
    CAUNOI_TRY(repo_.Insert(r));
    CAUNOI_TRY(audit_.Record(a, "price.report", "crop_price", r.id, commune_path,
                             r.crop + " " + std::to_string(r.price) + "/" + r.unit + " " + r.status));
    return r;
}

Status PriceService::Review(const Actor& a, const std::string& id, bool confirm) {
    if (!a.AtLeast(Role::kTeamLeader)) return Error::Forbidden("team leaders and officers confirm prices");
    CAUNOI_ASSIGN(auto r, repo_.Get(id, a.scope));
    if (r.status != "to_confirm") return Error::Conflict("this price was already reviewed");
    const std::string status = confirm ? "counted" : "rejected";
    CAUNOI_TRY(repo_.SetStatus(r.commune_id, r.id, status, a.user_id, clock_.NowSeconds()));
    return audit_.Record(a, confirm ? "price.confirm" : "price.reject", "crop_price", r.id, r.area_path);
}

int64_t PriceService::Today() const { return LocalDayOf(clock_.NowSeconds()); }

Result<std::vector<TrendPoint>> PriceService::Trend(const std::string& commune_id, const std::string& crop,
                                                    const std::string& unit) {
    return repo_.Daily(commune_id, crop, unit, FormatDate(LocalDayOf(clock_.NowSeconds()) - kTrendDays));
}

Result<std::string> PriceService::SmsAnswer(const std::string& text, const std::string& commune_id,
                                            const std::function<std::string(const std::string&)>& commune_name,
                                            const std::function<std::string(const char*)>& T) {
    // The crop named first ("GIA san tuoi hom nay"): the whole text, else its first two words, else its first.
    const Crop* crop = crops_.Match(text);
    const auto words = text::Tokens(text::Fold(text));
    if (!crop && words.size() > 2) crop = crops_.Match(words[0] + " " + words[1]);
    if (!crop && words.size() > 1) crop = crops_.Match(words[0]);
    if (!crop) {
        std::string names;
        for (const auto& c : crops_.all()) names += (names.empty() ? "" : ", ") + text::StripMarks(c.name_vi);
        std::string s = T(N_("Cau Noi: we do not know the crop \"{crop}\". Write GIA and one of: {crops}."));
        text::ReplaceAll(s, "{crop}", text::StripMarks(text).substr(0, 20));
        text::ReplaceAll(s, "{crops}", names);
        return channel::ToGsm7(s);
    }
    const int64_t today = LocalDayOf(clock_.NowSeconds());
    CAUNOI_ASSIGN(auto all, repo_.LatestOfCrop(crop->key, FormatDate(today - kTrendDays), 50));
    // The sender's commune first, then the others, newest first; one line per commune and unit.
    std::stable_sort(all.begin(), all.end(), [&](const PriceReport& x, const PriceReport& y) {
        return (x.commune_id == commune_id) > (y.commune_id == commune_id);
    });
    std::string name = text::StripMarks(crop->name_vi);
    if (all.empty()) {
        std::string s = T(N_("Cau Noi: no price of {crop} was reported in the last 90 days."));
        text::ReplaceAll(s, "{crop}", name);
        return channel::ToGsm7(s);
    }
    std::string out = T(N_("Cau Noi: price of {crop}"));
    text::ReplaceAll(out, "{crop}", name);
    out += ":";
    std::vector<std::string> seen;
    out = channel::ToGsm7(out);
    for (const auto& r : all) {
        const std::string key = r.commune_id + "/" + r.unit;
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
        seen.push_back(key);
        const std::string line =
            channel::ToGsm7(commune_name(r.commune_id) + " " + FormatDong(r.price) + "d/" + T(UnitShort(r.unit)) +
                            " (" + r.observed_on.substr(8, 2) + "/" + r.observed_on.substr(5, 2) + ");");
        if (out.size() + 1 + line.size() > 160) break;
        out += " " + line;
    }
    if (out.back() == ';') out.back() = '.';
    return out;
}

}  // namespace caunoi::board
