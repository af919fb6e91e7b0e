#include "storage/audience_store.hpp"

#include "storage/distribution.hpp"

namespace caunoi::storage {

namespace {

using warnings::ReachedPlace;

// "WITH v (village_id, commune_id, path) AS (VALUES (?, ?, ?), ...)": the reached villages as a
// table the audience queries join (a warning reaches at most the province's few thousand).
std::string VillagesTable(const std::vector<ReachedPlace>& villages, Params& p) {
    std::string sql = "WITH v (village_id, commune_id, path) AS (VALUES ";
    for (size_t i = 0; i < villages.size(); ++i) {
        sql += i ? ", (?, ?, ?)" : "(?, ?, ?)";
        p.emplace_back(villages[i].village_id);
        p.emplace_back(villages[i].commune_id);
        p.emplace_back(villages[i].path);
    }
    return sql + ") ";
}

// A phone column in national form: numbers are kept so when entered, but one written "+84..."
// or "84..." (an import, an old record) is still the same number.
std::string National(const std::string& col) {
    return "(CASE WHEN substr(" + col + ", 1, 3) = '+84' THEN '0' || substr(" + col + ", 4) WHEN substr(" + col +
           ", 1, 2) = '84' AND length(" + col + ") = 11 THEN '0' || substr(" + col + ", 3) ELSE " + col + " END)";
}

// The phone (national form) of a row that can take an SMS (a mobile number) and did not ask for none.
std::string Phone(const std::string& col) { return National(col) + " AS phone"; }
std::string NotOptedOut(const std::string& national) {
    return "NOT EXISTS (SELECT 1 FROM sms_optouts o WHERE o.phone = " + national + ")";
}
std::string Reachable(const std::string& col) {
    const std::string n = National(col);
    return "length(" + n + ") = 10 AND substr(" + n + ", 1, 1) = '0' AND " + NotOptedOut(n);
}

// A warning's outbox rows: one per number, the row's id being "<alert id>-<number>" (ids are
// unique; on Citus per commune: docs/scaling.md).
constexpr const char* kQueueInto =
    "INSERT INTO sms_outbox (commune_id, id, area_path, phone, body, parts, created_at, kind, priority, ucs2, "
    "alert_id) ";
constexpr const char* kOncePerNumber = " ON CONFLICT DO NOTHING";

// The numbers of the villages in `v`, each query giving (phone, kind, commune_id, area_path),
// in the order a number's kind is decided (the first to claim it keeps it).
std::vector<std::string> AudienceParts(bool residents) {
    std::vector<std::string> parts = {
        "SELECT " + Phone("l.operator_phone") +
            ", 'operator' AS kind, v.commune_id AS commune_id, v.path AS "
            "area_path FROM village_loudspeakers l JOIN v ON l.village_id = v.village_id WHERE l.working = 1 AND " +
            Reachable("l.operator_phone"),
        "SELECT " + Phone("tm.phone") +
            ", 'staff' AS kind, v.commune_id AS commune_id, v.path AS area_path FROM "
            "team_members tm JOIN team_villages tv ON tv.team_id = tm.team_id JOIN v ON v.village_id = tv.village_id "
            "WHERE " +
            Reachable("tm.phone"),
        "SELECT " + Phone("u.phone") +
            ", 'staff' AS kind, ca.id AS commune_id, u.area_path AS area_path FROM users u "
            "JOIN areas ca ON ca.path = u.area_path WHERE u.disabled = 0 AND ca.id IN (SELECT commune_id FROM v) AND " +
            Reachable("u.phone"),
    };
    if (!residents) return parts;
    parts.push_back("SELECT " + Phone("r.phone") +
                    ", 'resident' AS kind, r.commune_id AS commune_id, r.area_path AS "
                    "area_path FROM residents r JOIN households h ON h.commune_id = r.commune_id AND h.id = "
                    "r.household_id JOIN v ON v.village_id = h.village_id WHERE r.consent_purposes LIKE "
                    "'%notifications%' AND " +
                    Reachable("r.phone"));
    // Numbers that subscribed by SMS are kept as the SMS service normalised them (and a million
    // of them cost a second more through National()).
    parts.push_back(
        "SELECT s.phone AS phone, 'subscriber' AS kind, v.commune_id AS commune_id, s.area_path "
        "AS area_path FROM sms_subscriptions s JOIN v ON s.area_id = v.village_id WHERE " +
        NotOptedOut("s.phone"));
    parts.push_back(
        "SELECT s.phone AS phone, 'subscriber' AS kind, s.area_id AS commune_id, s.area_path AS "
        "area_path FROM sms_subscriptions s WHERE s.area_id IN (SELECT commune_id FROM v) AND " +
        NotOptedOut("s.phone"));
    return parts;
}

constexpr const char* kVillageCols =
    "av.alert_id, av.village_id, av.commune_id, av.path, a.name, c.name, av.by_commune_only, "
    "COALESCE(l.working, 0), COALESCE(l.operator_name, ''), COALESCE(l.operator_phone, ''), av.token, "
    "COALESCE(av.acknowledged_at, 0), COALESCE(av.acknowledged_by, '')";
constexpr const char* kVillageFrom =
    " FROM alert_villages av JOIN areas a ON a.id = av.village_id JOIN areas c ON c.id = av.commune_id "
    "LEFT JOIN village_loudspeakers l ON l.village_id = av.village_id";

warnings::VillageReach VillageFrom(const Row& r) {
    warnings::VillageReach v;
    v.alert_id = r.Text(0);
    v.place.village_id = r.Text(1);
    v.place.commune_id = r.Text(2);
    v.place.path = r.Text(3);
    v.place.name = r.Text(4);
    v.place.commune_name = r.Text(5);
    v.place.check = r.Int(6) != 0;
    v.place.loudspeaker = r.Int(7) != 0;
    v.place.operator_name = r.Text(8);
    v.place.operator_phone = r.Text(9);
    v.place.token = r.Text(10);
    v.acknowledged_at = r.Int(11);
    v.acknowledged_by = r.Text(12);
    return v;
}

}  // namespace

bool AudienceStore::KnownCommune(const std::string& code) {
    auto row = db_.QueryOne("SELECT 1 FROM areas WHERE id = ? AND (kind = 'commune' OR kind = 'ward')", {code});
    return row.ok();
}

Result<warnings::Places> AudienceStore::AllPlaces() {
    warnings::Places out;
    CAUNOI_ASSIGN(auto vs, db_.Query("SELECT v.id, v.parent_id, v.lat, v.lon, v.path, v.name, c.name, "
                                     "COALESCE(l.working, 0), COALESCE(l.operator_name, ''), "
                                     "COALESCE(l.operator_phone, '') FROM areas v JOIN areas c ON c.id = v.parent_id "
                                     "LEFT JOIN village_loudspeakers l ON l.village_id = v.id WHERE v.kind = "
                                     "'village' ORDER BY c.id, v.name_folded"));
    for (const auto& r : vs) {
        warnings::VillagePlace p;
        p.village.id = r.Text(0);
        p.village.commune_id = r.Text(1);
        if (!r.IsNull(2) && !r.IsNull(3)) {
            p.village.lat = r.Real(2);
            p.village.lon = r.Real(3);
        }
        p.path = r.Text(4);
        p.name = r.Text(5);
        p.commune_name = r.Text(6);
        p.loudspeaker = r.Int(7) != 0;
        p.operator_name = r.Text(8);
        p.operator_phone = r.Text(9);
        out.villages.push_back(std::move(p));
    }
    CAUNOI_ASSIGN(auto cs, db_.Query("SELECT id, lat, lon, name, kind, path, COALESCE(former_district, '') FROM areas "
                                     "WHERE kind = 'commune' OR kind = 'ward' ORDER BY id"));
    for (const auto& r : cs) {
        warnings::Commune c;
        c.id = r.Text(0);
        if (!r.IsNull(1) && !r.IsNull(2)) {
            c.lat = r.Real(1);
            c.lon = r.Real(2);
        }
        out.communes.push_back(std::move(c));
        out.commune_names.push_back({r.Text(0), r.Text(3), r.Text(5), r.Text(6), r.Text(4) == "ward"});
    }
    CAUNOI_ASSIGN(auto pr, db_.Query("SELECT name FROM areas WHERE kind = 'province' ORDER BY id LIMIT 1"));
    if (!pr.empty()) out.province_name = pr[0].Text(0);
    return out;
}

Result<warnings::AudienceCounts> AudienceStore::Count(const std::vector<ReachedPlace>& villages, bool residents) {
    warnings::AudienceCounts out;
    if (villages.empty()) return out;
    Params p;
    std::string sql = VillagesTable(villages, p) + ", audience (phone, kind) AS (";
    const auto parts = AudienceParts(residents);
    for (size_t i = 0; i < parts.size(); ++i)
        sql += (i ? " UNION ALL SELECT phone, kind FROM (" : "SELECT phone, kind FROM (") + parts[i] + ") q" +
               std::to_string(i);
    sql +=
        ") SELECT (SELECT COUNT(*) FROM households h JOIN v ON v.village_id = h.village_id), "
        "COUNT(DISTINCT CASE WHEN kind = 'resident' THEN phone END), "
        "COUNT(DISTINCT CASE WHEN kind = 'subscriber' THEN phone END), "
        "COUNT(DISTINCT CASE WHEN kind = 'staff' THEN phone END), "
        "COUNT(DISTINCT CASE WHEN kind = 'operator' THEN phone END), COUNT(DISTINCT phone) FROM audience";
    CAUNOI_ASSIGN(auto row, db_.QueryOne(sql, p));
    out.households = row.Int(0);
    out.residents = row.Int(1);
    out.subscribers = row.Int(2);
    out.staff = row.Int(3);
    out.operators = row.Int(4);
    out.numbers = row.Int(5);
    return out;
}

Status AudienceStore::RecordVillages(const std::string& alert_id, const std::vector<ReachedPlace>& villages) {
    for (const auto& v : villages)
        CAUNOI_TRY(
            db_.Exec("INSERT INTO alert_villages (alert_id, village_id, commune_id, path, by_commune_only, "
                     "token) VALUES (?, ?, ?, ?, ?, ?)",
                     {alert_id, v.village_id, v.commune_id, v.path, int64_t{v.check}, v.token}));
    return {};
}

Status AudienceStore::QueueOne(const std::string& alert_id, const std::string& phone, const std::string& area_path,
                               const warnings::OutgoingSms& sms, int64_t now) {
    return db_.Exec(std::string(kQueueInto) + "VALUES (?, ?, ?, ?, ?, ?, ?, 'warning', 2, ?, ?)" + kOncePerNumber,
                    {CommuneOf(area_path), alert_id + "-" + phone, area_path, phone, sms.body, int64_t{sms.parts}, now,
                     int64_t{sms.ucs2}, alert_id});
}

Result<int64_t> AudienceStore::QueueAudience(const std::string& alert_id, const std::vector<ReachedPlace>& villages,
                                             bool residents, const warnings::OutgoingSms& sms, int64_t now,
                                             const std::map<std::string, warnings::OutgoingSms>& by_language) {
    if (villages.empty()) return int64_t{0};
    int64_t queued = 0;
    // Part by part, in the order a number's message is decided: a number already given one (the
    // operator's, or by an earlier part) keeps it. The operators' part finds theirs (QueueOne).
    // Residents who read a language with its own message get it first (their part before the
    // residents' in general).
    struct Part {
        std::string sql;
        const warnings::OutgoingSms* sms;
        std::string lang;  // "": everyone of the part
    };
    std::vector<Part> parts;
    for (const auto& part : AudienceParts(residents)) {
        if (part.find("'resident' AS kind") != std::string::npos)
            for (const auto& [lang, own] : by_language) parts.push_back({part + " AND r.language = ?", &own, lang});
        parts.push_back({part, &sms, ""});
    }
    for (const auto& [part, m, lang] : parts) {
        Params p;
        std::string sql = VillagesTable(villages, p);
        for (const Value& v : Params{alert_id, m->body, int64_t{m->parts}, now, int64_t{m->ucs2}, alert_id})
            p.push_back(v);
        if (!lang.empty()) p.push_back(lang);  // the part's own placeholder, inside FROM (...) after the SELECT's
        CAUNOI_TRY(db_.Exec(sql + kQueueInto +
                                "SELECT commune_id, ? || '-' || phone, area_path, phone, ?, ?, ?, 'warning', 2, ?, ? "
                                "FROM (" +
                                part + ") q WHERE 1 = 1" + kOncePerNumber,
                            p));
        queued += db_.Changes();
    }
    return queued;
}

Result<int64_t> AudienceStore::StopQueued(const std::string& alert_id, const std::string& reason, int64_t) {
    // Claimed ones too: a sender holding one gets a failed retry or a send it can no longer record
    // as sent (the one request in flight at this instant may still reach its phone).
    CAUNOI_TRY(
        db_.Exec("UPDATE sms_outbox SET status = 'failed', fail_reason = ? WHERE alert_id = ? AND status = "
                 "'queued'",
                 {"stopped: " + reason, alert_id}));
    return db_.Changes();
}

Result<int64_t> AudienceStore::QueueCorrection(const std::string& old_id, const std::string& new_id,
                                               const warnings::OutgoingSms& sms, int64_t now) {
    // Those the old message reached (sent, or delivered); a number the new one already has a
    // message for keeps that one.
    CAUNOI_TRY(db_.Exec(std::string(kQueueInto) +
                            "SELECT o.commune_id, ? || '-' || o.phone, o.area_path, o.phone, ?, ?, ?, 'warning', 2, ?, "
                            "? FROM sms_outbox o WHERE o.alert_id = ? AND (o.status = 'sent' OR o.status = "
                            "'delivered')" +
                            kOncePerNumber,
                        {new_id, sms.body, int64_t{sms.parts}, now, int64_t{sms.ucs2}, new_id, old_id}));
    return db_.Changes();
}

Result<warnings::Reach> AudienceStore::ReachOf(const std::string& alert_id) {
    warnings::Reach out;
    CAUNOI_ASSIGN(auto counts, db_.Query("SELECT status, CASE WHEN fail_reason LIKE 'stopped:%' THEN 1 ELSE 0 END, "
                                         "COUNT(*) FROM sms_outbox WHERE alert_id = ? GROUP BY 1, 2",
                                         {alert_id}));
    for (const auto& r : counts) {
        const std::string s = r.Text(0);
        const int64_t n = r.Int(2);
        if (s == "queued") out.queued += n;
        if (s == "sent") out.sent += n;
        if (s == "delivered") out.delivered += n;
        if (s == "failed") (r.Int(1) ? out.stopped : out.failed) += n;
    }
    CAUNOI_ASSIGN(auto vs, db_.Query(std::string("SELECT ") + kVillageCols +
                                         ", (SELECT COUNT(*) FROM sms_outbox o WHERE o.area_path = av.path AND "
                                         "o.alert_id = av.alert_id)" +
                                         kVillageFrom + " WHERE av.alert_id = ? ORDER BY c.name, a.name",
                                     {alert_id}));
    for (const auto& r : vs) {
        auto v = VillageFrom(r);
        v.numbers = r.Int(13);
        out.villages.push_back(std::move(v));
    }
    return out;
}

Result<warnings::VillageReach> AudienceStore::VillageByToken(const std::string& token) {
    CAUNOI_ASSIGN(auto row,
                  db_.QueryOne(std::string("SELECT ") + kVillageCols + kVillageFrom + " WHERE av.token = ?", {token}));
    return VillageFrom(row);
}

Result<int64_t> AudienceStore::AcknowledgeByPhone(int64_t number, const std::string& phone, int64_t at) {
    // The villages of that warning whose operator (as recorded now) has this phone, and that were
    // sent the operator's message.
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT av.alert_id, av.village_id, COALESCE(av.acknowledged_at, 0) FROM "
                                       "alert_villages av JOIN alerts a ON a.id = av.alert_id JOIN "
                                       "village_loudspeakers l ON l.village_id = av.village_id WHERE a.number = ? AND "
                                       "l.operator_phone = ?",
                                       {number, phone}));
    for (const auto& r : rows)
        if (r.Int(2) == 0)
            CAUNOI_TRY(
                db_.Exec("UPDATE alert_villages SET acknowledged_at = ?, acknowledged_by = ? WHERE alert_id = "
                         "? AND village_id = ? AND acknowledged_at IS NULL",
                         {at, "sms " + phone, r.Text(0), r.Text(1)}));
    return static_cast<int64_t>(rows.size());
}

Status AudienceStore::AcknowledgeByToken(const std::string& token, const std::string& by, int64_t at) {
    CAUNOI_TRY(
        db_.Exec("UPDATE alert_villages SET acknowledged_at = ?, acknowledged_by = ? WHERE token = ? AND "
                 "acknowledged_at IS NULL",
                 {at, by, token}));
    if (db_.Changes() == 1) return {};
    CAUNOI_TRY(VillageByToken(token));  // NotFound for an unknown token; already acknowledged is fine
    return {};
}

Status AudienceStore::SetLoudspeaker(const std::string& village_id, const std::string& commune_id, bool working,
                                     const std::string& name, const std::string& phone, int64_t at) {
    return db_.Exec(
        "INSERT INTO village_loudspeakers (village_id, commune_id, working, operator_name, operator_phone, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (village_id) DO UPDATE SET working = excluded.working, operator_name = "
        "excluded.operator_name, operator_phone = excluded.operator_phone, updated_at = excluded.updated_at",
        {village_id, commune_id, int64_t{working}, name, phone, at});
}

}  // namespace caunoi::storage
