#include "storage/listing_store.hpp"

#include "core/crypto.hpp"
#include "storage/distribution.hpp"
#include "storage/scope_sql.hpp"

namespace caunoi::storage {
namespace {

using listings::Listing;

constexpr const char* kColumns =
    "SELECT l.id, l.kind, l.category, l.ocop_stars, l.name, l.description, l.description_en, l.village_id, "
    "l.area_path, COALESCE(l.household_id, ''), l.owner_name, l.contact_phone, l.price, l.price_max, l.unit, "
    "l.months, l.quantity, l.pickup, l.capacity, l.directions, l.lat, l.lon, l.show_place, l.status, "
    "l.ever_approved, l.reject_reason, COALESCE(l.photo_id, ''), l.consent_by, l.consent_at, l.created_by, "
    "COALESCE(l.decided_by, ''), l.created_at, l.updated_at, COALESCE(l.decided_at, 0), v.name, l.commune_id, "
    "c.name FROM listings l JOIN areas v ON v.id = l.village_id JOIN areas c ON c.id = l.commune_id ";

std::optional<double> OptReal(const Row& r, size_t i) {
    if (r.IsNull(i)) return std::nullopt;
    return r.Real(i);
}

Listing ListingOf(const Row& r) {
    Listing l;
    l.id = r.Text(0);
    l.kind = listings::kKinds.Parse(r.Text(1)).value_or(listings::Kind::kProduct);
    l.category = r.Text(2);
    l.ocop_stars = static_cast<int>(r.Int(3));
    l.name = r.Text(4);
    l.description = r.Text(5);
    l.description_en = r.Text(6);
    l.village_id = r.Text(7);
    l.area_path = r.Text(8);
    l.household_id = r.Text(9);
    l.owner_name = r.Text(10);
    l.contact_phone = r.Text(11);
    l.price = r.Int(12);
    l.price_max = r.Int(13);
    l.unit = r.Text(14);
    l.months = static_cast<int>(r.Int(15));
    l.quantity = r.Text(16);
    l.pickup = r.Text(17);
    l.capacity = static_cast<int>(r.Int(18));
    l.directions = r.Text(19);
    l.lat = OptReal(r, 20);
    l.lon = OptReal(r, 21);
    l.show_place = r.Int(22) != 0;
    l.status = listings::kStatuses.Parse(r.Text(23)).value_or(listings::State::kPending);
    l.ever_approved = r.Int(24) != 0;
    l.reject_reason = r.Text(25);
    l.photo_id = r.Text(26);
    l.consent_by = r.Text(27);
    l.consent_at = r.Int(28);
    l.created_by = r.Text(29);
    l.decided_by = r.Text(30);
    l.created_at = r.Int(31);
    l.updated_at = r.Int(32);
    l.decided_at = r.Int(33);
    l.village_name = r.Text(34);
    l.commune_id = r.Text(35);
    l.commune_name = r.Text(36);
    return l;
}

Value OptValue(const std::optional<double>& v) { return v ? Value{*v} : Value{nullptr}; }

Scope Under(const std::string& area_path) { return Scope{{area_path}}; }

}  // namespace

Result<listings::Village> ListingStore::VillageIn(const Scope& s, const std::string& village_id) {
    Params p{village_id};
    const std::string sql =
        "SELECT v.id, v.name, v.path, c.id, c.name, v.lat, v.lon FROM areas v JOIN areas c ON c.id = v.parent_id "
        "WHERE v.id = ? AND v.kind = 'village' AND " +
        InScope(s, "v.path", p);
    CAUNOI_ASSIGN(auto r, db_.QueryOne(sql, p));
    return listings::Village{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), OptReal(r, 5), OptReal(r, 6)};
}

Result<std::vector<listings::Village>> ListingStore::VillagesUnder(const std::string& area_path) {
    Params p;
    const std::string sql =
        "SELECT v.id, v.name, v.path, c.id, c.name, v.lat, v.lon FROM areas v JOIN areas c ON c.id = v.parent_id "
        "WHERE v.kind = 'village' AND " +
        InScope(Under(area_path), "v.path", p) + " ORDER BY v.name_folded";
    CAUNOI_ASSIGN(auto rows, db_.Query(sql, p));
    std::vector<listings::Village> out;
    for (const auto& r : rows)
        out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), OptReal(r, 5), OptReal(r, 6)});
    return out;
}

Result<std::pair<std::string, std::string>> ListingStore::HouseholdIn(const Scope& s, const std::string& id) {
    Params p{id};
    const std::string sql = "SELECT name, village_id FROM households WHERE id = ? AND " + InScope(s, "area_path", p);
    CAUNOI_ASSIGN(auto r, db_.QueryOne(sql, p));
    return std::make_pair(r.Text(0), r.Text(1));
}

namespace {

// The columns a listing's owner and reviewers change, and their values, in one order for both
// INSERT and UPDATE.
constexpr const char* kWritten[] = {"kind",           "category",      "ocop_stars",    "name",          "description",
                                    "description_en", "household_id",  "owner_name",    "contact_phone", "price",
                                    "price_max",      "unit",          "months",        "quantity",      "pickup",
                                    "capacity",       "directions",    "lat",           "lon",           "show_place",
                                    "status",         "ever_approved", "reject_reason", "photo_id",      "consent_by",
                                    "consent_at",     "decided_by",    "decided_at",    "updated_at"};

Params WrittenValues(const Listing& l) {
    return {std::string(listings::kKinds.Name(l.kind)),
            l.category,
            int64_t{l.ocop_stars},
            l.name,
            l.description,
            l.description_en,
            TextOrNull(l.household_id),
            l.owner_name,
            l.contact_phone,
            l.price,
            l.price_max,
            l.unit,
            int64_t{l.months},
            l.quantity,
            l.pickup,
            int64_t{l.capacity},
            l.directions,
            OptValue(l.lat),
            OptValue(l.lon),
            int64_t{l.show_place},
            std::string(listings::kStatuses.Name(l.status)),
            int64_t{l.ever_approved},
            l.reject_reason,
            TextOrNull(l.photo_id),
            l.consent_by,
            l.consent_at,
            TextOrNull(l.decided_by),
            l.decided_at ? Value{l.decided_at} : Value{nullptr},
            l.updated_at};
}

}  // namespace

Status ListingStore::Insert(const Listing& l) {
    std::string columns = "commune_id, id, area_path, village_id, created_by, created_at", marks = "?, ?, ?, ?, ?, ?";
    for (const char* c : kWritten) columns += std::string(", ") + c, marks += ", ?";
    Params p{CommuneOf(l.area_path), l.id, l.area_path, l.village_id, l.created_by, l.created_at};
    for (auto& v : WrittenValues(l)) p.push_back(std::move(v));
    return db_.Exec("INSERT INTO listings (" + columns + ") VALUES (" + marks + ")", p);
}

Status ListingStore::Update(const Listing& l) {
    std::string set;
    for (const char* c : kWritten) set += (set.empty() ? "" : ", ") + std::string(c) + " = ?";
    Params p = WrittenValues(l);
    p.push_back(CommuneOf(l.area_path));
    p.push_back(l.id);
    return db_.Exec("UPDATE listings SET " + set + " WHERE commune_id = ? AND id = ?", p);
}

Result<std::vector<Listing>> ListingStore::Select(const std::string& where, const Params& p, const std::string& tail) {
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string(kColumns) + "WHERE " + where + " " + tail, p));
    std::vector<Listing> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(ListingOf(r));
    return out;
}

Result<Listing> ListingStore::Find(const Scope& s, const std::string& id) {
    Params p{id};
    CAUNOI_ASSIGN(auto found, Select("l.id = ? AND " + InScope(s, "l.area_path", p), p, ""));
    if (found.empty()) return Error::NotFound("no such listing");
    return found.front();
}

Result<std::vector<Listing>> ListingStore::List(const Scope& s, const std::string& area_path,
                                                std::optional<listings::State> status, int limit) {
    Params p;
    std::string where = InScope(s, "l.area_path", p);
    if (!area_path.empty()) where += " AND " + InScope(Under(area_path), "l.area_path", p);
    if (status) {
        where += " AND l.status = ?";
        p.emplace_back(std::string(listings::kStatuses.Name(*status)));
    }
    return Select(where, p, "ORDER BY l.updated_at DESC, l.id LIMIT " + std::to_string(limit));
}

Result<int64_t> ListingStore::CountIn(const Scope& s, listings::State state, const std::string& created_by) {
    Params p{std::string(listings::kStatuses.Name(state))};
    std::string sql = "SELECT COUNT(*) FROM listings WHERE status = ? AND " + InScope(s, "area_path", p);
    if (!created_by.empty()) {
        sql += " AND created_by = ?";
        p.emplace_back(created_by);
    }
    CAUNOI_ASSIGN(auto row, db_.QueryOne(sql, p));
    return row.Int(0);
}

Result<Listing> ListingStore::FindPublic(const std::string& id) {
    CAUNOI_ASSIGN(auto found, Select("l.id = ? AND l.status = 'approved'", {id}, ""));
    if (found.empty()) return Error::NotFound("no such listing");
    return found.front();
}

Result<std::vector<Listing>> ListingStore::Public(const std::string& area_path, int limit) {
    Params p;
    const std::string where = "l.status = 'approved' AND " + InScope(Under(area_path), "l.area_path", p);
    return Select(where, p, "ORDER BY v.name_folded, l.kind, l.name LIMIT " + std::to_string(limit));
}

Result<std::vector<ListingStore::CommuneCount>> ListingStore::CommunesWithListings() {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT c.id, c.name, COUNT(*) FROM listings l JOIN areas c ON c.id = "
                                       "l.commune_id WHERE l.status = 'approved' GROUP BY c.id, c.name, "
                                       "c.name_folded ORDER BY c.name_folded"));
    std::vector<CommuneCount> out;
    for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Int(2)});
    return out;
}

Result<std::vector<Listing>> ListingStore::Approved(const Scope& s, const std::string& area_path) {
    Params p;
    std::string where = "l.status = 'approved' AND " + InScope(s, "l.area_path", p);
    if (!area_path.empty()) where += " AND " + InScope(Under(area_path), "l.area_path", p);
    return Select(where, p, "ORDER BY c.name, v.name_folded, l.name");
}

Status ListingStore::InsertPhoto(const Listing& l, const std::string& photo_id, const listings::Photo& ph,
                                 const std::string& by, int64_t at) {
    const bool place = l.show_place && ph.gps;
    return db_.Exec(
        "INSERT INTO listing_photos (commune_id, id, listing_id, large_webp, large_jpeg, thumb_webp, thumb_jpeg, "
        "width, height, lat, lon, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {CommuneOf(l.area_path), photo_id, l.id, crypto::Base64Encode(ph.large_webp.bytes),
         crypto::Base64Encode(ph.large_jpeg.bytes), crypto::Base64Encode(ph.thumb_webp.bytes),
         crypto::Base64Encode(ph.thumb_jpeg.bytes), int64_t{ph.large_webp.width}, int64_t{ph.large_webp.height},
         place ? Value{ph.gps->lat} : Value{nullptr}, place ? Value{ph.gps->lon} : Value{nullptr}, by, at});
}

Result<ListingStore::PhotoBytes> ListingStore::PhotoOf(const std::string& photo_id, bool thumb, bool webp) {
    const std::string col = std::string(thumb ? "thumb_" : "large_") + (webp ? "webp" : "jpeg");
    CAUNOI_ASSIGN(auto r, db_.QueryOne("SELECT p." + col +
                                           ", l.status, l.area_path FROM listing_photos p JOIN "
                                           "listings l ON l.commune_id = p.commune_id AND l.id = p.listing_id "
                                           "WHERE p.id = ?",
                                       {photo_id}));
    PhotoBytes out;
    if (!crypto::Base64Decode(r.Text(0), out.bytes)) return Error::Internal("stored photo is not base64");
    out.listing_status = r.Text(1);
    out.area_path = r.Text(2);
    return out;
}

Result<bool> ListingStore::PhotoExists(const std::string& photo_id) {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT 1 FROM listing_photos WHERE id = ?", {photo_id}));
    return !rows.empty();
}

Result<ListingStore::Upload> ListingStore::FindUpload(const Listing& l, const std::string& upload_id) {
    CAUNOI_ASSIGN(auto r, db_.QueryOne("SELECT id, listing_id, created_by, total, received FROM listing_uploads "
                                       "WHERE commune_id = ? AND id = ?",
                                       {CommuneOf(l.area_path), upload_id}));
    return Upload{r.Text(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4)};
}

Status ListingStore::StartUpload(const Listing& l, const Upload& u, int64_t at) {
    return db_.Exec(
        "INSERT INTO listing_uploads (commune_id, id, listing_id, total, received, created_by, created_at) VALUES "
        "(?, ?, ?, ?, 0, ?, ?)",
        {CommuneOf(l.area_path), u.id, l.id, u.total, u.created_by, at});
}

Status ListingStore::AddPart(const Listing& l, const std::string& upload_id, int64_t first_byte,
                             const std::string& data) {
    const std::string commune = CommuneOf(l.area_path);
    CAUNOI_TRY(
        db_.Exec("INSERT INTO listing_upload_parts (commune_id, upload_id, first_byte, data) VALUES (?, ?, ?, ?)",
                 {commune, upload_id, first_byte, crypto::Base64Encode(data)}));
    return db_.Exec("UPDATE listing_uploads SET received = received + ? WHERE commune_id = ? AND id = ?",
                    {static_cast<int64_t>(data.size()), commune, upload_id});
}

Result<std::string> ListingStore::Assemble(const Listing& l, const std::string& upload_id) {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT data FROM listing_upload_parts WHERE commune_id = ? AND upload_id = ? "
                                       "ORDER BY first_byte",
                                       {CommuneOf(l.area_path), upload_id}));
    std::string out, part;
    for (const auto& r : rows) {
        if (!crypto::Base64Decode(r.Text(0), part)) return Error::Internal("stored upload part is not base64");
        out += part;
    }
    return out;
}

Status ListingStore::DropUpload(const Listing& l, const std::string& upload_id) {
    const std::string commune = CommuneOf(l.area_path);
    CAUNOI_TRY(
        db_.Exec("DELETE FROM listing_upload_parts WHERE commune_id = ? AND upload_id = ?", {commune, upload_id}));
    return db_.Exec("DELETE FROM listing_uploads WHERE commune_id = ? AND id = ?", {commune, upload_id});
}

Status ListingStore::DropOtherUploads(const Listing& l, const std::string& upload_id) {
    const std::string commune = CommuneOf(l.area_path);
    CAUNOI_TRY(
        db_.Exec("DELETE FROM listing_upload_parts WHERE commune_id = ? AND upload_id IN (SELECT id FROM "
                 "listing_uploads WHERE commune_id = ? AND listing_id = ? AND id <> ?)",
                 {commune, commune, l.id, upload_id}));
    return db_.Exec("DELETE FROM listing_uploads WHERE commune_id = ? AND listing_id = ? AND id <> ?",
                    {commune, l.id, upload_id});
}

Status ListingStore::Count(const Listing& l, int64_t day, bool contact) {
    const std::string col = contact ? "contacts" : "views";
    return db_.Exec("INSERT INTO listing_stats (commune_id, listing_id, day, " + col +
                        ") VALUES (?, ?, ?, 1) ON CONFLICT (commune_id, listing_id, day) DO UPDATE SET " + col +
                        " = listing_stats." + col + " + 1",
                    {CommuneOf(l.area_path), l.id, day});
}

Result<std::vector<ListingStore::Figures>> ListingStore::FiguresOf(const Scope& s, const std::string& area_path,
                                                                   int64_t from_day) {
    Params p{from_day, from_day};
    std::string where = "v.kind = 'village' AND " + InScope(s, "v.path", p);
    if (!area_path.empty()) where += " AND " + InScope(Under(area_path), "v.path", p);
    const std::string sql =
        "SELECT v.id, v.name, "
        "(SELECT COUNT(*) FROM listings l WHERE l.village_id = v.id AND l.kind = 'product' AND l.status = 'approved'), "
        "(SELECT COUNT(*) FROM listings l WHERE l.village_id = v.id AND l.kind = 'place' AND l.status = 'approved'), "
        "(SELECT COUNT(*) FROM listings l WHERE l.village_id = v.id AND l.status = 'pending'), "
        "(SELECT COALESCE(SUM(t.views), 0) FROM listing_stats t JOIN listings l ON l.commune_id = t.commune_id AND "
        "l.id = t.listing_id WHERE l.village_id = v.id AND t.day >= ?), "
        "(SELECT COALESCE(SUM(t.contacts), 0) FROM listing_stats t JOIN listings l ON l.commune_id = t.commune_id AND "
        "l.id = t.listing_id WHERE l.village_id = v.id AND t.day >= ?) "
        "FROM areas v WHERE " +
        where + " ORDER BY v.path, v.name_folded";
    CAUNOI_ASSIGN(auto rows, db_.Query(sql, p));
    std::vector<Figures> out;
    for (const auto& r : rows) {
        Figures f{r.Text(0), r.Text(1), r.Int(2), r.Int(3), r.Int(4), r.Int(5), r.Int(6)};
        if (f.products + f.places + f.pending + f.views + f.contacts > 0) out.push_back(std::move(f));
    }
    return out;
}

}  // namespace caunoi::storage
