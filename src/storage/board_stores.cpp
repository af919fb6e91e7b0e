#include "storage/board_stores.hpp"

#include <map>

#include "storage/scope_sql.hpp"

namespace caunoi::storage {

// ---- weather

Result<std::optional<board::CommuneWeather>> WeatherStore::Get(const std::string& commune_id) {
    CAUNOI_ASSIGN(auto st, db_.Query("SELECT source, as_of, entered_by, last_attempt_at, next_attempt_at, failures, "
                                     "last_error FROM weather_status WHERE commune_id = ?",
                                     {commune_id}));
    if (st.empty()) return std::optional<board::CommuneWeather>{};
    board::CommuneWeather w;
    w.commune_id = commune_id;
    w.source = st[0].Text(0);
    w.as_of = st[0].Int(1);
    w.entered_by = st[0].Text(2);
    w.last_attempt_at = st[0].Int(3);
    w.next_attempt_at = st[0].Int(4);
    w.failures = static_cast<int>(st[0].Int(5));
    w.last_error = st[0].Text(6);
    CAUNOI_ASSIGN(auto days, db_.Query("SELECT day, t_min, t_max, rain_mm, rain_max_hour, wind_kmh, code FROM "
                                       "weather_days WHERE commune_id = ? ORDER BY day",
                                       {commune_id}));
    for (const auto& r : days)
        w.forecast.days.push_back(
            {r.Text(0), r.Real(1), r.Real(2), r.Real(3), r.Real(4), r.Real(5), static_cast<int>(r.Int(6))});
    return std::optional<board::CommuneWeather>(std::move(w));
}

Status WeatherStore::Save(const std::string& commune_id, const board::Forecast& f, int64_t as_of,
                          const std::string& source, const std::string& entered_by) {
    return db_.InTransaction([&]() -> Status {
        CAUNOI_TRY(db_.Exec("DELETE FROM weather_days WHERE commune_id = ?", {commune_id}));
        for (const auto& d : f.days)
            CAUNOI_TRY(db_.Exec(
                "INSERT INTO weather_days (commune_id, day, t_min, t_max, rain_mm, rain_max_hour, "
                "wind_kmh, code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                {commune_id, d.date, d.t_min, d.t_max, d.rain_mm, d.rain_max_hour, d.wind_kmh, int64_t{d.code}}));
        return db_.Exec(
            "INSERT INTO weather_status (commune_id, source, as_of, entered_by) VALUES (?, ?, ?, ?) ON CONFLICT "
            "(commune_id) DO UPDATE SET source = excluded.source, as_of = excluded.as_of, entered_by = "
            "excluded.entered_by",
            {commune_id, source, as_of, entered_by});
    });
}

Status WeatherStore::RecordAttempt(const std::string& commune_id, int64_t at, int64_t next_at, int failures,
                                   const std::string& error) {
    return db_.Exec(
        "INSERT INTO weather_status (commune_id, last_attempt_at, next_attempt_at, failures, last_error) VALUES (?, "
        "?, ?, ?, ?) ON CONFLICT (commune_id) DO UPDATE SET last_attempt_at = excluded.last_attempt_at, "
        "next_attempt_at = excluded.next_attempt_at, failures = excluded.failures, last_error = excluded.last_error",
        {commune_id, at, next_at, int64_t{failures}, error});
}

Result<std::vector<board::WeatherTarget>> WeatherStore::Due(int64_t now) {
    // A commune's own location, else the middle of its villages that have one.
    CAUNOI_ASSIGN(auto rows,
                  db_.Query("SELECT c.id, COALESCE(c.lat, (SELECT AVG(v.lat) FROM areas v WHERE v.parent_id = c.id "
                            "AND v.lat IS NOT NULL AND v.lon IS NOT NULL)), COALESCE(c.lon, (SELECT AVG(v.lon) FROM "
                            "areas v WHERE v.parent_id = c.id AND v.lat IS NOT NULL AND v.lon IS NOT NULL)), "
                            "COALESCE(s.failures, 0) FROM areas c LEFT JOIN weather_status s ON s.commune_id = c.id "
                            "WHERE (c.kind = 'commune' OR c.kind = 'ward') AND COALESCE(s.next_attempt_at, 0) <= ? "
                            "ORDER BY c.id",
                            {now}));
    std::vector<board::WeatherTarget> out;
    for (const auto& r : rows)
        if (!r.IsNull(1) && !r.IsNull(2)) out.push_back({r.Text(0), r.Real(1), r.Real(2), static_cast<int>(r.Int(3))});
    return out;
}

// ---- prices

namespace {
constexpr const char* kPriceCols =
    "commune_id, id, area_path, crop, unit, price, market, observed_on, reported_by, reporter_name, status, median, "
    "created_at";

board::PriceReport PriceFrom(const Row& r) {
    board::PriceReport p;
    p.commune_id = r.Text(0);
    p.id = r.Text(1);
    p.area_path = r.Text(2);
    p.crop = r.Text(3);
    p.unit = r.Text(4);
    p.price = r.Int(5);
    p.market = r.Text(6);
    p.observed_on = r.Text(7);
    p.reported_by = r.Text(8);
    p.reporter_name = r.Text(9);
    p.status = r.Text(10);
    p.median = r.Int(11);
    p.created_at = r.Int(12);
    return p;
}

std::vector<board::PriceReport> PricesFrom(const Rows& rows) {
    std::vector<board::PriceReport> out;
    for (const auto& r : rows) out.push_back(PriceFrom(r));
    return out;
}
}  // namespace

Status PriceStore::Insert(const board::PriceReport& r) {
    return db_.Exec(
        std::string("INSERT INTO crop_prices (") + kPriceCols + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {r.commune_id, r.id, r.area_path, r.crop, r.unit, r.price, r.market, r.observed_on, r.reported_by,
         r.reporter_name, r.status, r.median, r.created_at});
}

Result<board::PriceReport> PriceStore::Get(const std::string& id, const Scope& scope) {
    Params p{id};
    std::string in = InScope(scope, "area_path", p);
    in += ") OR (" + AncestorOfScope(scope, "area_path", p);
    CAUNOI_ASSIGN(
        auto row,
        db_.QueryOne(std::string("SELECT ") + kPriceCols + " FROM crop_prices WHERE id = ? AND ((" + in + "))", p));
    return PriceFrom(row);
}

Status PriceStore::SetStatus(const std::string& commune_id, const std::string& id, const std::string& status,
                             const std::string& by, int64_t at) {
    return db_.Exec(
        "UPDATE crop_prices SET status = ?, reviewed_by = ?, reviewed_at = ? WHERE commune_id = ? AND id = ?",
        {status, by, at, commune_id, id});
}

Result<std::vector<int64_t>> PriceStore::CountedSince(const std::string& commune_id, const std::string& crop,
                                                      const std::string& unit, const std::string& since) {
    Params p{crop, unit, since};
    std::string sql =
        "SELECT price FROM crop_prices WHERE crop = ? AND unit = ? AND status = 'counted' AND observed_on >= ?";
    if (!commune_id.empty()) {
        sql += " AND commune_id = ?";
        p.emplace_back(commune_id);
    }
    CAUNOI_ASSIGN(auto rows, db_.Query(sql + " ORDER BY observed_on DESC LIMIT 500", p));
    std::vector<int64_t> out;
    for (const auto& r : rows) out.push_back(r.Int(0));
    return out;
}

Result<std::vector<board::PriceReport>> PriceStore::Latest(const std::string& commune_id) {
    CAUNOI_ASSIGN(
        auto rows,
        db_.Query(std::string("SELECT ") + kPriceCols +
                      " FROM crop_prices p WHERE commune_id = ? AND status = 'counted' AND NOT EXISTS (SELECT "
                      "1 FROM crop_prices q WHERE q.commune_id = p.commune_id AND q.crop = p.crop AND q.unit "
                      "= p.unit AND q.status = 'counted' AND (q.observed_on > p.observed_on OR "
                      "(q.observed_on = p.observed_on AND q.created_at > p.created_at) OR (q.observed_on = "
                      "p.observed_on AND q.created_at = p.created_at AND q.id > p.id))) ORDER BY crop, unit",
                  {commune_id}));
    return PricesFrom(rows);
}

Result<std::vector<board::PriceReport>> PriceStore::LatestOfCrop(const std::string& crop, const std::string& since,
                                                                 int limit) {
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kPriceCols +
                                           " FROM crop_prices WHERE crop = ? AND status = 'counted' AND observed_on "
                                           ">= ? ORDER BY observed_on DESC, created_at DESC, commune_id, id LIMIT ?",
                                       {crop, since, int64_t{limit}}));
    return PricesFrom(rows);
}

Result<std::vector<board::PriceReport>> PriceStore::Held(const Scope& scope) {
    Params p;
    std::string in = InScope(scope, "area_path", p);
    in += ") OR (" + AncestorOfScope(scope, "area_path", p);
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kPriceCols +
                                           " FROM crop_prices WHERE status = 'to_confirm' AND ((" + in +
                                           ")) ORDER BY created_at LIMIT 200",
                                       p));
    return PricesFrom(rows);
}

Result<std::vector<board::TrendPoint>> PriceStore::Daily(const std::string& commune_id, const std::string& crop,
                                                         const std::string& unit, const std::string& since) {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT observed_on, price FROM crop_prices WHERE commune_id = ? AND crop = ? "
                                       "AND unit = ? AND status = 'counted' AND observed_on >= ? ORDER BY observed_on "
                                       "LIMIT 5000",
                                       {commune_id, crop, unit, since}));
    std::map<std::string, std::vector<int64_t>> by_day;
    for (const auto& r : rows) by_day[r.Text(0)].push_back(r.Int(1));
    std::vector<board::TrendPoint> out;
    for (auto& [day, prices] : by_day) out.push_back({day, board::Median(prices)});
    return out;
}

// ---- villages' short codes

Result<std::vector<std::string>> VillageCodes::EndingWith(const std::string& suffix, int limit) {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT id FROM areas WHERE kind = 'village' AND upper(substr(id, -" +
                                           std::to_string(suffix.size()) + ")) = upper(?) ORDER BY id LIMIT ?",
                                       {suffix, int64_t{limit}}));
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.Text(0));
    return out;
}

// ---- crop calendar

Result<board::CropCalendar> CropCalendarStore::Get(const std::string& commune_id) {
    board::CropCalendar c;
    CAUNOI_ASSIGN(auto head,
                  db_.Query("SELECT edited_by, edited_at FROM crop_calendars WHERE commune_id = ?", {commune_id}));
    if (head.empty()) return c;
    c.own = true;
    c.edited_by = head[0].Text(0);
    c.edited_at = head[0].Int(1);
    CAUNOI_ASSIGN(auto months, db_.Query("SELECT crop, month, stage FROM crop_calendar_months WHERE commune_id = ? "
                                         "ORDER BY crop, month",
                                         {commune_id}));
    for (const auto& r : months) {
        if (c.rows.empty() || c.rows.back().crop != r.Text(0)) c.rows.push_back({r.Text(0), {}});
        const int64_t m = r.Int(1);
        board::Stage s = board::Stage::kNone;
        if (m >= 1 && m <= 12 && board::ParseStage(r.Text(2), s)) c.rows.back().months[static_cast<size_t>(m - 1)] = s;
    }
    CAUNOI_ASSIGN(auto markets, db_.Query("SELECT name, weekday FROM market_days WHERE commune_id = ? ORDER BY "
                                          "weekday",
                                          {commune_id}));
    for (const auto& r : markets) c.markets.push_back({r.Text(0), static_cast<int>(r.Int(1))});
    return c;
}

Status CropCalendarStore::Replace(const std::string& commune_id, const board::CropCalendar& c) {
    return db_.InTransaction([&]() -> Status {
        CAUNOI_TRY(db_.Exec("DELETE FROM crop_calendar_months WHERE commune_id = ?", {commune_id}));
        CAUNOI_TRY(db_.Exec("DELETE FROM market_days WHERE commune_id = ?", {commune_id}));
        CAUNOI_TRY(db_.Exec("DELETE FROM crop_calendars WHERE commune_id = ?", {commune_id}));
        if (!c.own) return {};
        CAUNOI_TRY(db_.Exec("INSERT INTO crop_calendars (commune_id, edited_by, edited_at) VALUES (?, ?, ?)",
                            {commune_id, c.edited_by, c.edited_at}));
        for (const auto& row : c.rows)
            for (size_t m = 0; m < 12; ++m)
                if (row.months[m] != board::Stage::kNone)
                    CAUNOI_TRY(
                        db_.Exec("INSERT INTO crop_calendar_months (commune_id, crop, month, stage) VALUES (?, "
                                 "?, ?, ?)",
                                 {commune_id, row.crop, static_cast<int64_t>(m + 1),
                                  std::string(board::kStageKeys[static_cast<size_t>(row.months[m])])}));
        for (const auto& mk : c.markets)
            CAUNOI_TRY(db_.Exec("INSERT INTO market_days (commune_id, weekday, name) VALUES (?, ?, ?)",
                                {commune_id, int64_t{mk.weekday}, mk.name}));
        return {};
    });
}

}  // namespace caunoi::storage
