// The SMS outbox's rows: one reader and one insert for every producer.
#include "storage/outbox_rows.hpp"

#include "storage/distribution.hpp"

namespace caunoi::storage {

const char* const kOutboxColumns =
    "id, area_path, phone, body, parts, COALESCE(dossier_id, ''), status, created_at, kind, priority, ucs2, attempts, "
    "COALESCE(fail_reason, '')";

std::vector<channel::OutboxMessage> OutboxFrom(const Rows& rows) {
    std::vector<channel::OutboxMessage> out;
    for (const auto& r : rows) {
        channel::OutboxMessage m;
        m.id = r.Text(0);
        m.area_path = r.Text(1);
        m.phone = r.Text(2);
        m.body = r.Text(3);
        m.parts = static_cast<int>(r.Int(4));
        m.dossier_id = r.Text(5);
        m.status = r.Text(6);
        m.created_at = r.Int(7);
        m.kind = r.Text(8);
        m.priority = static_cast<int>(r.Int(9));
        m.ucs2 = r.Int(10) != 0;
        m.attempts = static_cast<int>(r.Int(11));
        m.fail_reason = r.Text(12);
        if (r.cells.size() > 13) m.opted_out = r.Int(13) != 0;
        out.push_back(std::move(m));
    }
    return out;
}

Status InsertOutbox(Database& db, const channel::OutboxMessage& m) {
    return db.Exec(
        "INSERT INTO sms_outbox (commune_id, id, area_path, phone, body, parts, dossier_id, created_at, kind, "
        "priority, "
        "ucs2) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {CommuneOf(m.area_path), m.id, m.area_path, m.phone, m.body, int64_t{m.parts}, TextOrNull(m.dossier_id),
         m.created_at, m.kind, int64_t{m.priority}, int64_t{m.ucs2}});
}

}  // namespace caunoi::storage
