#include "storage/announcement_store.hpp"

#include <map>

namespace caunoi::storage {

namespace {

constexpr const char* kColumns =
    "SELECT a.commune_id, a.id, a.area_path, c.name, c.kind, a.title, a.body, a.valid_until, a.sms, a.sms_queued, "
    "a.sms_text, a.posted_by, a.posted_at, COALESCE(a.withdrawn_at, 0), COALESCE(a.withdrawn_by, '') FROM "
    "announcements a JOIN areas c ON c.id = a.commune_id ";

board::Announcement From(const Row& r) {
    board::Announcement a;
    a.commune.id = r.Text(0);
    a.id = r.Text(1);
    a.commune.path = r.Text(2);
    a.commune.name = r.Text(3);
    a.commune.ward = r.Text(4) == "ward";
    a.title = r.Text(5);
    a.text = r.Text(6);
    a.valid_until = r.Int(7);
    a.sms = r.Int(8) != 0;
    a.sms_queued = r.Int(9);
    a.sms_text = r.Text(10);
    a.posted_by = r.Text(11);
    a.posted_at = r.Int(12);
    a.withdrawn_at = r.Int(13);
    a.withdrawn_by = r.Text(14);
    return a;
}

// A number subscribed (DK) that did not ask for no messages (HUY).
constexpr const char* kNotOptedOut = "NOT EXISTS (SELECT 1 FROM sms_optouts o WHERE o.phone = s.phone)";
// The commune's villages, as areas.
constexpr const char* kVillagesOfCommune = "SELECT id FROM areas WHERE parent_id = ? AND kind = 'village'";

}  // namespace

Result<board::Commune> AnnouncementStore::CommuneById(const std::string& id) {
    CAUNOI_ASSIGN(auto r, db_.QueryOne("SELECT id, path, name, kind FROM areas WHERE id = ? AND (kind = 'commune' OR "
                                       "kind = 'ward')",
                                       {id}));
    return board::Commune{r.Text(0), r.Text(1), r.Text(2), r.Text(3) == "ward"};
}

Result<std::vector<board::Commune>> AnnouncementStore::AllCommunes() {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT id, path, name, kind FROM areas WHERE kind = 'commune' OR kind = 'ward' "
                                       "ORDER BY name_folded, id"));
    std::vector<board::Commune> out;
    for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3) == "ward"});
    return out;
}

Result<std::vector<board::VillageRef>> AnnouncementStore::VillagesOf(const std::string& commune_id) {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT id, name, path FROM areas WHERE parent_id = ? AND kind = 'village' "
                                       "ORDER BY name_folded, id",
                                       {commune_id}));
    std::vector<board::VillageRef> out;
    for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2)});
    return out;
}

Status AnnouncementStore::Insert(const board::Announcement& a) {
    CAUNOI_TRY(
        db_.Exec("INSERT INTO announcements (commune_id, id, area_path, title, body, valid_until, sms, "
                 "sms_queued, sms_text, posted_by, posted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {a.commune.id, a.id, a.commune.path, a.title, a.text, a.valid_until, int64_t{a.sms}, a.sms_queued,
                  a.sms_text, a.posted_by, a.posted_at}));
    for (const auto& v : a.villages)
        CAUNOI_TRY(
            db_.Exec("INSERT INTO announcement_villages (commune_id, announcement_id, village_id) VALUES (?, ?, ?)",
                     {a.commune.id, a.id, v.id}));
    return {};
}

Result<std::vector<board::Announcement>> AnnouncementStore::Select(const std::string& where, const Params& p) {
    CAUNOI_ASSIGN(auto rows, db_.Query(kColumns + where, p));
    std::vector<board::Announcement> out;
    for (const auto& r : rows) out.push_back(From(r));
    if (out.empty()) return out;
    // The villages of all of them in one query (they are all of one commune, or one).
    Params q{out.front().commune.id};
    std::string in;
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < out.size(); ++i) {
        in += i ? ", ?" : "?";
        q.emplace_back(out[i].id);
        index[out[i].id] = i;
    }
    CAUNOI_ASSIGN(auto vs, db_.Query("SELECT v.announcement_id, v.village_id, ar.name, ar.path FROM "
                                     "announcement_villages v JOIN areas ar ON ar.id = v.village_id WHERE "
                                     "v.commune_id = ? AND v.announcement_id IN (" +
                                         in + ") ORDER BY ar.name_folded, ar.id",
                                     q));
    for (const auto& r : vs) out[index.at(r.Text(0))].villages.push_back({r.Text(1), r.Text(2), r.Text(3)});
    return out;
}

Result<board::Announcement> AnnouncementStore::FindById(const std::string& id) {
    CAUNOI_ASSIGN(auto found, Select("WHERE a.id = ?", {id}));
    if (found.empty()) return Error::NotFound("no announcement " + id);
    return found.front();
}

Status AnnouncementStore::MarkWithdrawn(const board::Announcement& a, const std::string& by, int64_t at) {
    return db_.Exec(
        "UPDATE announcements SET withdrawn_at = ?, withdrawn_by = ? WHERE commune_id = ? AND id = ? AND "
        "withdrawn_at IS NULL",
        {at, by, a.commune.id, a.id});
}

Result<std::vector<board::Announcement>> AnnouncementStore::InForce(const std::string& commune_id,
                                                                    const std::string& village_id, int64_t now,
                                                                    int limit) {
    Params p{commune_id, now};
    std::string where = "WHERE a.commune_id = ? AND a.withdrawn_at IS NULL AND a.valid_until > ?";
    if (!village_id.empty()) {
        where +=
            " AND (NOT EXISTS (SELECT 1 FROM announcement_villages v WHERE v.commune_id = a.commune_id AND "
            "v.announcement_id = a.id) OR EXISTS (SELECT 1 FROM announcement_villages v WHERE v.commune_id = "
            "a.commune_id AND v.announcement_id = a.id AND v.village_id = ?))";
        p.emplace_back(village_id);
    }
    p.emplace_back(int64_t{limit});
    return Select(where + " ORDER BY a.posted_at DESC, a.id DESC LIMIT ?", p);
}

Result<std::vector<board::Announcement>> AnnouncementStore::ListForCommune(const std::string& commune_id, int limit) {
    return Select("WHERE a.commune_id = ? ORDER BY a.posted_at DESC, a.id DESC LIMIT ?", {commune_id, int64_t{limit}});
}

Result<board::Subscribers> AnnouncementStore::SubscribersOf(const std::string& commune_id) {
    board::Subscribers out;
    CAUNOI_ASSIGN(auto total,
                  db_.QueryOne(std::string("SELECT COUNT(DISTINCT s.phone), COUNT(DISTINCT CASE WHEN s.area_id = ? "
                                           "THEN s.phone END) FROM sms_subscriptions s WHERE (s.area_id = ? OR "
                                           "s.area_id IN (") +
                                   kVillagesOfCommune + ")) AND " + kNotOptedOut,
                               {commune_id, commune_id, commune_id}));
    out.all = total.Int(0);
    out.commune = total.Int(1);
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string("SELECT s.area_id, COUNT(*) FROM sms_subscriptions s WHERE "
                                                   "s.area_id IN (") +
                                           kVillagesOfCommune + ") AND " + kNotOptedOut + " GROUP BY s.area_id",
                                       {commune_id}));
    for (const auto& r : rows) out.villages[r.Text(0)] = r.Int(1);
    return out;
}

Result<int64_t> AnnouncementStore::QueueSms(const board::Announcement& a, const board::SmsBody& sms, int64_t now) {
    // Subscribed to the commune itself, or to the villages named (every village when none is).
    Params p{a.commune.id, a.id, sms.text, int64_t{sms.size.parts}, now, int64_t{sms.ucs2}, a.id, a.commune.id};
    std::string villages;
    if (a.villages.empty()) {
        villages = kVillagesOfCommune;
        p.emplace_back(a.commune.id);
    } else {
        for (const auto& v : a.villages) {
            villages += villages.empty() ? "?" : ", ?";
            p.emplace_back(v.id);
        }
    }
    // One row per number (grouped here; the outbox id keeps it so if it were queued again).
    CAUNOI_TRY(db_.Exec(
        std::string("INSERT INTO sms_outbox (commune_id, id, area_path, phone, body, parts, created_at, kind, "
                    "priority, ucs2, announcement_id) SELECT ?, ? || '-' || q.phone, q.area_path, q.phone, ?, ?, ?, "
                    "'announcement', 1, ?, ? FROM (SELECT s.phone AS phone, MIN(s.area_path) AS area_path FROM "
                    "sms_subscriptions s WHERE (s.area_id = ? OR s.area_id IN (") +
            villages + ")) AND " + kNotOptedOut + " GROUP BY s.phone) q WHERE 1 = 1 ON CONFLICT DO NOTHING",
        p));
    return db_.Changes();
}

Result<int64_t> AnnouncementStore::StopSms(const board::Announcement& a, const std::string& reason) {
    // Claimed ones too, as a warning's Cancel does (docs/warnings.md): the one a sender has in
    // flight at this instant may still reach its phone.
    CAUNOI_TRY(db_.Exec(
        "UPDATE sms_outbox SET status = 'failed', fail_reason = ? WHERE announcement_id = ? AND status = 'queued'",
        {"stopped: " + reason, a.id}));
    return db_.Changes();
}

}  // namespace caunoi::storage
