// The SMS channel's tables (docs/sms.md): the outbox queue's results, the inbox, scam reports,
// subscriptions and opt-outs.
#include "storage/sms_store.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/text.hpp"
#include "sms/phone.hpp"
#include "storage/dialect.hpp"
#include "storage/distribution.hpp"
#include "storage/outbox_rows.hpp"
#include "storage/scope_sql.hpp"

namespace caunoi::storage {

namespace {

// A gateway's words as a stored reason: ASCII (whatever bytes came), at most 200 characters.
std::string Reason(const std::string& raw) { return text::StripMarks(raw).substr(0, 200); }

}  // namespace

Result<std::vector<channel::OutboxMessage>> OutboxStore::Claim(const std::string& worker, int limit, int64_t now,
                                                               int64_t lease_seconds) {
    // The inner SELECT picks and (on PostgreSQL) locks the batch, skipping rows another claim
    // holds; the UPDATE stamps the lease in the same statement. A number that opted out gets
    // only replies to what it sent, and its dossier notifications unless it stopped those too.
    CAUNOI_ASSIGN(auto rows,
                  db_.Query(std::string("UPDATE sms_outbox SET claimed_by = ?, claimed_until = ? WHERE id IN (SELECT "
                                        "id FROM sms_outbox WHERE status = 'queued' AND next_attempt_at <= ? AND "
                                        "(claimed_until IS NULL OR claimed_until <= ?) ORDER BY priority DESC, seq "
                                        "LIMIT ?") +
                                SkipLocked(db_.dialect()) + ") RETURNING " + kOutboxColumns +
                                ", CASE WHEN kind <> 'reply' AND EXISTS (SELECT 1 FROM sms_optouts o WHERE o.phone = "
                                "sms_outbox.phone AND (o.all_messages = 1 OR sms_outbox.kind <> 'dossier')) THEN 1 "
                                "ELSE 0 END",
                            {worker, now + lease_seconds, now, now, int64_t{limit}}));
    // UPDATE … RETURNING has no order on PostgreSQL: as picked.
    auto out = OutboxFrom(rows);
    std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
        return std::make_tuple(-x.priority, x.created_at, x.id) < std::make_tuple(-y.priority, y.created_at, y.id);
    });
    return out;
}

Status OutboxStore::MarkSent(const std::string& id, const std::string& worker, int64_t at) {
    // A delivery report can beat this: the message then keeps what the report said.
    return db_.Exec(
        "UPDATE sms_outbox SET status = CASE WHEN status = 'queued' THEN 'sent' ELSE status END, sent_at = ?, "
        "attempts = attempts + 1, fail_reason = NULL, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND "
        "claimed_by = ?",
        {at, id, worker});
}

Status OutboxStore::Retry(const std::string& id, const std::string& worker, int64_t next_at,
                          const std::string& reason) {
    return db_.Exec(
        "UPDATE sms_outbox SET attempts = attempts + 1, next_attempt_at = ?, fail_reason = ?, claimed_by = NULL, "
        "claimed_until = NULL WHERE id = ? AND claimed_by = ? AND status = 'queued'",
        {next_at, Reason(reason), id, worker});
}

Status OutboxStore::Fail(const std::string& id, const std::string& worker, const std::string& reason) {
    return db_.Exec(
        "UPDATE sms_outbox SET status = 'failed', attempts = attempts + 1, fail_reason = ?, claimed_by = NULL, "
        "claimed_until = NULL WHERE id = ? AND claimed_by = ? AND status = 'queued'",
        {Reason(reason), id, worker});
}

Status OutboxStore::Release(const std::string& id, const std::string& worker) {
    return db_.Exec(
        "UPDATE sms_outbox SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ? AND status = "
        "'queued'",
        {id, worker});
}

Status OutboxStore::Report(const std::string& id, bool delivered, const std::string& reason, int64_t at) {
    if (delivered)
        return db_.Exec(
            "UPDATE sms_outbox SET status = 'delivered', delivered_at = ?, fail_reason = NULL WHERE id = ? AND status "
            "IN ('queued', 'sent')",
            {at, id});
    return db_.Exec(
        "UPDATE sms_outbox SET status = 'failed', fail_reason = ? WHERE id = ? AND status IN ('queued', 'sent')",
        {Reason(reason), id});
}

Result<std::vector<sms::KnownSender>> SmsStore::SendersByPhone(const std::string& national) {
    // Residents' numbers are stored as entered (0… or +84…).
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT r.id, r.household_id, r.area_path, h.village_id, r.language FROM "
                                       "residents r JOIN households h ON h.commune_id = r.commune_id AND h.id = "
                                       "r.household_id WHERE r.phone IN (?, ?) ORDER BY r.created_at, r.id",
                                       {national, "+84" + national.substr(1)}));
    std::vector<sms::KnownSender> out;
    for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
    return out;
}

Result<std::vector<sms::Commune>> SmsStore::Communes() {
    CAUNOI_ASSIGN(auto rows,
                  db_.Query("SELECT id, path, name FROM areas WHERE kind IN ('commune', 'ward') ORDER BY id"));
    std::vector<sms::Commune> out;
    for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2)});
    return out;
}

Result<std::string> SmsStore::ProvincePath() {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT path FROM areas WHERE kind = 'province' ORDER BY id LIMIT 1"));
    if (rows.empty()) return Error::Internal("no province in the area list");
    return rows[0].Text(0);
}

Result<std::optional<sms::VillageTeam>> SmsStore::TeamOfVillage(const std::string& village_id) {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT t.name, COALESCE(m.name, ''), COALESCE(m.phone, '') FROM team_villages "
                                       "tv JOIN teams t ON t.id = tv.team_id LEFT JOIN team_members m ON m.team_id = "
                                       "t.id AND m.leader = 1 WHERE tv.village_id = ? ORDER BY t.id, m.id LIMIT 1",
                                       {village_id}));
    if (rows.empty()) return std::optional<sms::VillageTeam>{};
    return std::optional<sms::VillageTeam>{sms::VillageTeam{rows[0].Text(0), rows[0].Text(1), rows[0].Text(2)}};
}

Status SmsStore::InsertInbound(const sms::InboxEntry& e) {
    return db_.Exec(
        "INSERT INTO sms_inbox (commune_id, id, area_path, phone, body, command, resident_id, reply_id, received_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {CommuneOf(e.area_path), e.id, e.area_path, e.phone, e.body, e.command, TextOrNull(e.resident_id),
         TextOrNull(e.reply_id), e.received_at});
}

Status SmsStore::InsertScamReport(const sms::ScamReport& r) {
    return db_.Exec("INSERT INTO scam_reports (commune_id, id, area_path, phone, body, at) VALUES (?, ?, ?, ?, ?, ?)",
                    {CommuneOf(r.area_path), r.id, r.area_path, r.phone, r.body, r.at});
}

Status SmsStore::Subscribe(const std::string& phone, const std::string& area_id, int64_t at) {
    CAUNOI_TRY(db_.Exec("DELETE FROM sms_optouts WHERE phone = ?", {phone}));
    return db_.Exec(
        "INSERT INTO sms_subscriptions (phone, area_id, area_path, created_at) SELECT ?, id, path, ? FROM areas WHERE "
        "id = ? ON CONFLICT DO NOTHING",
        {phone, at, area_id});
}

Result<std::vector<sms::Place>> SmsStore::Villages() {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT v.id, v.path, v.name, c.name FROM areas v JOIN areas c ON c.id = "
                                       "v.parent_id WHERE v.kind = 'village' ORDER BY v.path"));
    std::vector<sms::Place> out;
    for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3)});
    return out;
}

Result<std::vector<sms::Subscription>> SmsStore::Subscriptions(const Scope& s, int limit) {
    Params p;
    std::string where = InScope(s, "s.area_path", p);
    p.emplace_back(int64_t{limit});
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT s.phone, a.name, a.kind, s.created_at FROM sms_subscriptions s JOIN "
                                       "areas a ON a.id = s.area_id WHERE " +
                                           where + " ORDER BY s.created_at DESC, s.phone LIMIT ?",
                                       p));
    std::vector<sms::Subscription> out;
    for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Int(3)});
    return out;
}

Status SmsStore::OptOut(const std::string& phone, bool all, int64_t at) {
    CAUNOI_TRY(db_.Exec("DELETE FROM sms_subscriptions WHERE phone = ?", {phone}));
    // HUY after HUY HS keeps everything stopped: only a DK starts messages again.
    return db_.Exec(
        "INSERT INTO sms_optouts (phone, at, all_messages) VALUES (?, ?, ?) ON CONFLICT (phone) DO UPDATE SET at = ?, "
        "all_messages = CASE WHEN sms_optouts.all_messages = 1 THEN 1 ELSE ? END",
        {phone, at, int64_t{all}, at, int64_t{all}});
}

namespace {
// Inbox rows with the body and status of the reply each got.
constexpr const char* kInboxSelect =
    "SELECT i.id, i.area_path, i.phone, i.body, i.command, COALESCE(i.resident_id, ''), COALESCE(i.reply_id, ''), "
    "i.received_at, COALESCE(o.body, ''), COALESCE(o.status, '') FROM sms_inbox i LEFT JOIN sms_outbox o ON "
    "o.commune_id = i.commune_id AND o.id = i.reply_id WHERE ";

std::vector<sms::InboxEntry> InboxFrom(const Rows& rows) {
    std::vector<sms::InboxEntry> out;
    for (const auto& r : rows)
        out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Int(7), r.Text(8),
                       r.Text(9)});
    return out;
}
}  // namespace

Result<std::vector<sms::InboxEntry>> SmsStore::Inbox(const Scope& s, int limit) {
    Params p;
    std::string where = InScope(s, "i.area_path", p);
    p.emplace_back(int64_t{limit});
    CAUNOI_ASSIGN(auto rows,
                  db_.Query(std::string(kInboxSelect) + where + " ORDER BY i.received_at DESC, i.id DESC LIMIT ?", p));
    return InboxFrom(rows);
}

Result<std::vector<sms::InboxEntry>> SmsStore::WaitingForAPerson(const Scope& s, int64_t since, int limit) {
    // In the scope, or at the commune level of a commune the scope is in (an unknown number's
    // message that named the commune belongs to the commune, which a team's villages are in).
    Params p;
    std::string where = InScope(s, "i.area_path", p);
    std::string communes;
    for (const auto& path : s.paths) {
        const std::string commune = CommunePathOf(path);
        if (commune.empty() || commune == path) continue;
        communes += communes.empty() ? "?" : ", ?";
        p.emplace_back(commune);
    }
    if (!communes.empty()) where = "(" + where + " OR i.area_path IN (" + communes + "))";
    p.emplace_back(since);
    p.emplace_back(int64_t{limit});
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string(kInboxSelect) + where +
                                           " AND i.answered_at IS NULL AND (i.command = 'unknown' OR i.resident_id IS "
                                           "NULL) AND i.command NOT IN ('thanks', 'empty', 'binary', 'stop', "
                                           "'stop_all') AND i.phone LIKE '0%' AND i.received_at >= ? ORDER BY "
                                           "i.received_at, i.id LIMIT ?",
                                       p));
    return InboxFrom(rows);
}

Status SmsStore::MarkAnswered(const std::string& id, const std::string& user_id, int64_t at) {
    CAUNOI_TRY(db_.Exec("UPDATE sms_inbox SET answered_at = ?, answered_by = ? WHERE id = ? AND answered_at IS NULL",
                        {at, user_id, id}));
    if (db_.Changes() == 0) return Error::Conflict("already answered");
    return {};
}

Result<std::vector<sms::ScamReport>> SmsStore::ScamReports(const Scope& s, int limit) {
    Params p;
    std::string where = InScope(s, "area_path", p);
    p.emplace_back(int64_t{limit});
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT id, area_path, phone, body, at FROM scam_reports WHERE " + where +
                                           " ORDER BY at DESC, id DESC LIMIT ?",
                                       p));
    std::vector<sms::ScamReport> out;
    for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4)});
    return out;
}

Result<std::vector<std::string>> SmsStore::SubscribedPaths(const std::string& phone) {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT area_path FROM sms_subscriptions WHERE phone = ? ORDER BY created_at, "
                                       "area_path",
                                       {phone}));
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.Text(0));
    return out;
}

Result<std::vector<channel::OutboxMessage>> SmsStore::Outbox(const Scope& s, int limit) {
    Params p;
    std::string where = InScope(s, "area_path", p);
    p.emplace_back(int64_t{limit});
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kOutboxColumns + " FROM sms_outbox WHERE " + where +
                                           " ORDER BY seq DESC LIMIT ?",
                                       p));
    return OutboxFrom(rows);
}

Result<sms::Stats> SmsStore::Count(const Scope& s, int64_t since) {
    Params p{since};
    std::string where = InScope(s, "area_path", p);
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT status, COUNT(*), COALESCE(SUM(parts), 0) FROM sms_outbox WHERE "
                                       "created_at >= ? AND " +
                                           where + " GROUP BY status",
                                       p));
    sms::Stats st;
    for (const auto& r : rows) {
        const std::string status = r.Text(0);
        const int n = static_cast<int>(r.Int(1));
        (status == "queued"      ? st.queued
         : status == "sent"      ? st.sent
         : status == "delivered" ? st.delivered
                                 : st.failed) = n;
        if (status != "failed") st.parts += static_cast<int>(r.Int(2));
    }
    Params q{since};
    std::string where_in = InScope(s, "area_path", q);
    CAUNOI_ASSIGN(auto in, db_.QueryOne("SELECT COUNT(*) FROM sms_inbox WHERE received_at >= ? AND " + where_in, q));
    st.received = static_cast<int>(in.Int(0));
    return st;
}

Result<std::vector<std::pair<std::string, std::string>>> SmsStore::Recipients(const Scope& s,
                                                                              const std::string& household_id,
                                                                              const std::string& village_id) {
    // Every resident's number (once) who agreed to notifications.
    Params p;
    std::string where = InScope(s, "r.area_path", p);
    if (!household_id.empty()) {
        where += " AND r.household_id = ?";
        p.emplace_back(household_id);
    } else {
        where += " AND h.village_id = ?";
        p.emplace_back(village_id);
    }
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT r.phone, r.area_path FROM residents r JOIN households h ON "
                                       "h.commune_id = r.commune_id AND h.id = r.household_id WHERE r.phone IS NOT "
                                       "NULL AND r.phone <> '' AND r.consent_purposes LIKE '%notifications%' AND " +
                                           where + " ORDER BY r.household_id, r.id",
                                       p));
    std::vector<std::pair<std::string, std::string>> out;
    std::set<std::string> seen;
    for (const auto& r : rows) {
        auto phone = sms::NormalizeMobile(r.Text(0));
        if (phone && seen.insert(*phone).second) out.emplace_back(*phone, r.Text(1));
    }
    return out;
}

}  // namespace caunoi::storage
