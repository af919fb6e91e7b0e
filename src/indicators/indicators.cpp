#include "indicators/indicators.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "core/crypto.hpp"

namespace caunoi::indicators {

namespace {

// Why `text` is not a month we keep figures for: a month before 2000 is a month, just not one.
Error NotAMonth(const char* field, const std::string& text) {
    const bool early = text.size() >= 4 && std::all_of(text.begin(), text.begin() + 4, ::isdigit) &&
                       std::stoi(text.substr(0, 4)) < 2000;
    return Error::Invalid(
        field, "not a month: " + text,
        early ? N_("Figures begin in January 2000: choose a later month.") : N_("Choose a month, as 2026-11."));
}

}  // namespace

Result<Period> MakePeriod(const std::string& from, const std::string& to, int64_t now) {
    const Month current = MonthOfEpoch(now);
    Period p{AddMonths(current, -11), current, {}};
    if (!to.empty()) {
        auto m = ParseMonth(to);
        if (!m) return NotAMonth("to", to);
        p.to = *m;
        if (from.empty()) p.from = AddMonths(p.to, -11);
    }
    if (!from.empty()) {
        auto m = ParseMonth(from);
        if (!m) return NotAMonth("from", from);
        p.from = *m;
    }
    if (p.to > current) return Error::Invalid("to", "a month in the future", N_("That month has not come yet."));
    if (p.from > p.to)
        return Error::Invalid("from", "the period ends before it begins",
                              N_("The first month must come before the last."));
    if (MonthsBetween(p.from, p.to) + 1 > kMaxMonths)
        return Error::Invalid("from", "more than 60 months", N_("Choose at most 60 months at a time."));
    return p;
}

Result<int> IndicatorService::Refresh(const std::atomic<bool>* stop) {
    const int64_t now = clock_.NowSeconds();
    const Month month = MonthOfEpoch(now);
    CAUNOI_TRY(repo_.MarkStale(month));
    int done = 0;
    while (!stop || !*stop) {
        CAUNOI_ASSIGN(auto marked, repo_.Marked(16));
        if (marked.empty()) break;
        for (const auto& c : marked) {
            if (stop && *stop) break;
            CAUNOI_TRY(repo_.Count(c, month, now, true));
            ++done;
        }
    }
    return done;
}

namespace {

using FigureKey = std::tuple<std::string, Month, std::string>;  // area, month, key

std::map<FigureKey, Figure> ByKey(const Figures& f) {
    std::map<FigureKey, Figure> out;
    for (const auto& x : f) out[{x.area_id, x.month, x.key}] = x;
    return out;
}

}  // namespace

Result<std::vector<Mismatch>> IndicatorService::Check() {
    CAUNOI_TRY(Refresh());
    const int64_t now = clock_.NowSeconds();
    const Month month = MonthOfEpoch(now);
    CAUNOI_ASSIGN(auto communes, repo_.Communes());
    std::vector<Mismatch> out;
    for (const auto& c : communes) {
        CAUNOI_ASSIGN(auto kept, repo_.Kept(c, month));
        CAUNOI_ASSIGN(auto counted, repo_.Count(c, month, now, false));
        auto k = ByKey(kept), n = ByKey(counted);
        for (const auto& [key, f] : k) {
            auto it = n.find(key);
            Figure other = it == n.end() ? Figure{f.commune_id, f.area_id, f.month, f.key} : it->second;
            if (!(other == f)) out.push_back({f, other});
        }
        for (const auto& [key, f] : n)
            if (!k.count(key)) out.push_back({Figure{f.commune_id, f.area_id, f.month, f.key}, f});
    }
    return out;
}

Result<Figures> IndicatorService::ForArea(const Actor& a, const area::Area& area, const Period& p) {
    CAUNOI_TRY(areas_.FindVisible(a.scope, area.id));
    if (area.kind == "province") {
        CAUNOI_ASSIGN(auto version, repo_.FiguresVersion());
        std::string key = area.id + "|" + version + "|" + std::to_string(p.from) + "|" + std::to_string(p.to);
        for (const auto& t : p.trend) key += "|" + t;
        {
            std::lock_guard lock(cache_mutex_);
            if (province_cache_.key == key) return province_cache_.figures;
        }
        CAUNOI_ASSIGN(auto communes, repo_.CommuneLevel(p));
        Figures sum = SumToProvince(communes, area.id);
        std::lock_guard lock(cache_mutex_);
        province_cache_ = {key, sum};
        return sum;
    }
    const std::string commune = area.kind == "village" ? area.parent_id : area.id;
    CAUNOI_ASSIGN(auto f, repo_.InCommune(commune, p));
    if (area.kind != "village") return f;
    Figures own;
    for (auto& x : f)
        if (x.area_id == area.id) own.push_back(std::move(x));
    return own;
}

Result<Figures> IndicatorService::ForExport(const Actor& a, const area::Area& area, const Period& p) {
    if (!a.scope.Contains(area.path)) return Error::Forbidden("export of an area outside the scope");
    return ForArea(a, area, p);
}

Result<std::vector<UnreachedResident>> IndicatorService::Unreached(const Actor& a, const area::Area& village) {
    if (village.kind != "village" || !a.scope.Contains(village.path)) return Error::NotFound("village not in scope");
    CAUNOI_ASSIGN(auto list, repo_.Unreached(a.scope, village.id, clock_.NowSeconds()));
    CAUNOI_TRY(audit_.Record(a, "view", "unreached_list", village.id, village.path,
                             std::to_string(list.size()) + " residents"));
    return list;
}

Result<std::vector<Place>> IndicatorService::Children(const Actor& a, const area::Area& parent) {
    CAUNOI_TRY(areas_.FindVisible(a.scope, parent.id));
    return repo_.Places(parent.id);
}

Result<RecordTable> IndicatorService::Pseudonymised(const Actor& a, const area::Area& commune, const std::string& kind,
                                                    const std::string& key) {
    if (!a.AtLeast(Role::kProvinceAdmin)) return Error::Forbidden("record exports are for the province's analysts");
    if ((commune.kind != "commune" && commune.kind != "ward") || !a.scope.Contains(commune.path))
        return Error::NotFound("not a commune in scope");
    bool known = false;
    for (const char* k : kRecordKinds) known = known || kind == k;
    if (!known) return Error::Invalid("kind", "unknown record kind", N_("Choose residents, sessions or dossiers."));
    CAUNOI_ASSIGN(auto t, repo_.Records(commune.path, kind, YearOf(CurrentMonth())));
    const std::string pseudonym_key = crypto::KeyedHashHex(key, "caunoi-pseudonym-v1");
    for (auto& row : t.rows)
        for (size_t c : t.personal)
            if (!row[c].empty()) row[c] = crypto::KeyedHashHex(pseudonym_key, t.header[c] + ":" + row[c]).substr(0, 20);
    CAUNOI_TRY(audit_.Record(a, "export", "pseudonymised_" + kind, commune.id, commune.path,
                             std::to_string(t.rows.size()) + " rows"));
    return t;
}

Figures SumToProvince(const Figures& communes, const std::string& province_id) {
    std::map<std::tuple<Month, std::string>, Figure> sum;
    for (const auto& f : communes) {
        auto& s = sum[{f.month, f.key}];
        s.area_id = province_id;
        s.month = f.month;
        s.key = f.key;
        s.num += f.num;
        s.den += f.den;
    }
    Figures out = communes;
    for (auto& [k, f] : sum) out.push_back(std::move(f));
    return out;
}

namespace {

// The index's order: month first (an integer), then the area, then the key.
int CompareFigure(Month month, const std::string& area_id, const std::string& key, const Figure& f) {
    if (month != f.month) return month < f.month ? -1 : 1;
    if (int c = area_id.compare(f.area_id)) return c;
    return key.compare(f.key);
}

}  // namespace

FigureIndex::FigureIndex(Figures f) : figures_(std::move(f)) {
    order_.resize(figures_.size());
    for (uint32_t i = 0; i < order_.size(); ++i) order_[i] = i;
    std::stable_sort(order_.begin(), order_.end(), [&](uint32_t a, uint32_t b) {
        const Figure& x = figures_[a];
        return CompareFigure(x.month, x.area_id, x.key, figures_[b]) < 0;
    });
}

Figure FigureIndex::Get(const std::string& area_id, Month month, const std::string& key) const {
    // The last of the equal ones: the one added later, as a map assigned in order would keep.
    auto it = std::upper_bound(order_.begin(), order_.end(), 0,
                               [&](int, uint32_t i) { return CompareFigure(month, area_id, key, figures_[i]) < 0; });
    if (it != order_.begin() && CompareFigure(month, area_id, key, figures_[*std::prev(it)]) == 0)
        return figures_[*std::prev(it)];
    return Figure{"", area_id, month, key};
}

}  // namespace caunoi::indicators
