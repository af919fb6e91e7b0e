#include "storage/personal_data_store.hpp"

namespace caunoi::storage {
namespace {

// Each section: its key, its column keys, and the query giving them (parameters: the resident's
// id, then their phone where the query names one). Both engines.
struct Spec {
    const char* key;
    std::vector<std::string> columns;
    const char* sql;
    int phone_params;
};

const std::vector<Spec>& Specs() {
    static const std::vector<Spec> kSpecs = {
        {"household",
         {"household", "address", "village", "consent_purposes", "consent_at"},
         "SELECT h.name, COALESCE(h.address, ''), a.name, h.consent_purposes, h.consent_at FROM residents r JOIN "
         "households h ON h.id = r.household_id JOIN areas a ON a.id = h.village_id WHERE r.id = ?",
         0},
        {"consent",
         {"at", "change", "purposes", "recorded_by"},
         "SELECT c.at, c.change, c.purposes, COALESCE(u.display_name, '') FROM consent_events c LEFT JOIN users u ON "
         "u.id = c.by_user WHERE c.resident_id = ? ORDER BY c.at, c.id",
         0},
        {"sessions",
         {"at", "channel", "minutes", "tip", "notes", "recorded_by"},
         "SELECT s.at, s.channel, s.minutes, s.tip_key, COALESCE(s.notes, ''), COALESCE(u.display_name, '') FROM "
         "session_residents sr JOIN support_sessions s ON s.id = sr.session_id LEFT JOIN users u ON u.id = "
         "s.recorded_by WHERE sr.resident_id = ? ORDER BY s.at, s.id",
         0},
        {"services",
         {"at", "service", "outcome", "reason"},
         "SELECT s.at, ss.service_key, ss.outcome, COALESCE(ss.reason, '') FROM session_residents sr JOIN "
         "support_sessions s ON s.id = sr.session_id JOIN session_services ss ON ss.session_id = s.id WHERE "
         "sr.resident_id = ? ORDER BY s.at, s.id, ss.line",
         0},
        {"skills",
         {"at", "skill", "from_level", "to_level"},
         "SELECT at, skill, from_level, to_level FROM skill_events WHERE resident_id = ? ORDER BY at, seq",
         0},
        {"tasks",
         {"at", "title", "status", "due_at", "closed_at"},
         "SELECT created_at, title, status, due_at, COALESCE(closed_at, 0) FROM tasks WHERE resident_id = ? ORDER BY "
         "created_at, id",
         0},
        {"dossiers",
         {"at", "procedure", "portal_code", "status", "due_day"},
         "SELECT created_at, procedure_code, COALESCE(portal_code, ''), status, due_day FROM dossiers "
         "WHERE resident_id = ? ORDER BY created_at, id",
         0},
        {"desk",
         {"day", "number", "need", "status"},
         "SELECT day, number, need, status FROM desk_tickets WHERE resident_id = ? ORDER BY day, number",
         0},
        {"training",
         {"at", "place"},
         "SELECT t.starts_at, t.place FROM training_attendance ta JOIN training_sessions t ON t.id = ta.session_id "
         "WHERE ta.resident_id = ? ORDER BY t.starts_at",
         0},
        {"sms",
         {"at", "direction", "text", "status"},
         "SELECT received_at, 'received', body, '' FROM sms_inbox WHERE resident_id = ? OR (phone <> '' AND phone = "
         "?) UNION ALL SELECT created_at, 'sent', body, status FROM sms_outbox WHERE phone <> '' AND phone = ? ORDER "
         "BY 1",
         2},
        {"reads",
         {"at", "who", "action", "how"},
         "SELECT a.at, COALESCE(u.display_name, ''), a.action, COALESCE(a.detail, '') FROM audit_log a LEFT JOIN "
         "users u ON u.id = a.user_id WHERE a.entity = 'resident' AND a.entity_id = ? ORDER BY a.seq",
         0},
    };
    return kSpecs;
}

}  // namespace

Result<std::vector<DataSection>> PersonalDataStore::Collect(const std::string& id, const std::string& phone) {
    std::vector<DataSection> out;
    for (const auto& spec : Specs()) {
        Params p{id};
        // Without a phone number nothing matches by phone ('' never equals a stored number).
        for (int i = 0; i < spec.phone_params; ++i) p.emplace_back(phone);
        CAUNOI_ASSIGN(auto rows, db_.Query(spec.sql, p));
        DataSection s{spec.key, spec.columns, {}};
        for (const auto& row : rows) {
            std::vector<std::string> values;
            for (size_t c = 0; c < spec.columns.size(); ++c) values.push_back(row.Text(c));
            s.rows.push_back(std::move(values));
        }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace caunoi::storage
