#include "storage/distribution.hpp"

namespace caunoi::storage {

const std::vector<TablePlacement>& Placements() {
    using P = Placement;
    static const std::vector<TablePlacement> kTables = {
        {"areas", P::kReference, "", "", ""},
        {"teams", P::kReference, "", "", ""},
        {"team_villages", P::kReference, "", "", ""},
        {"team_members", P::kReference, "", "", ""},
        {"users", P::kReference, "", "", ""},
        // A person's own courses and modules (V028): per user, few, read with `users`.
        {"member_courses", P::kReference, "", "", ""},
        {"member_modules", P::kReference, "", "", ""},
        {"services", P::kReference, "", "", ""},
        {"safety_tips", P::kReference, "", "", ""},
        {"procedures", P::kReference, "", "", ""},
        {"alerts", P::kReference, "", "", ""},
        {"alert_communes", P::kReference, "", "", ""},
        {"alert_villages", P::kReference, "", "", ""},
        {"alert_senders", P::kReference, "", "", ""},
        {"village_loudspeakers", P::kReference, "", "", ""},
        {"weather_status", P::kReference, "", "", ""},
        {"weather_days", P::kReference, "", "", ""},
        {"crop_calendars", P::kReference, "", "", ""},
        {"crop_calendar_months", P::kReference, "", "", ""},
        {"market_days", P::kReference, "", "", ""},
        {"training_curriculum", P::kReference, "", "", ""},
        // Residents' content in other languages (V030): the province's, read everywhere.
        {"translators", P::kReference, "", "", ""},
        {"content_translations", P::kReference, "", "", ""},
        // Their recorded voice (V031), and clips on their way in pieces.
        {"voice_clips", P::kReference, "", "", ""},
        {"clip_uploads", P::kReference, "", "", ""},
        {"clip_upload_parts", P::kReference, "", "", ""},
        {"village_languages", P::kReference, "", "", ""},
        // The words of the households' search documents (V040): single name syllables, read by
        // every name search to name the words a typed one begins; linked to no one.
        {"name_words", P::kReference, "", "", ""},
        {"sessions", P::kKeyed, "token_hash", "", ""},
        {"rate_limits", P::kKeyed, "key", "", ""},
        {"audit_log", P::kKeyed, "seq", "", ""},
        {"households", P::kTenant, "commune_id", "", "", true},
        {"residents", P::kTenant, "commune_id", "", "", true},
        {"support_sessions", P::kTenant, "commune_id", "", "", true},
        {"session_residents", P::kTenant, "commune_id", "support_sessions", "session_id"},
        {"session_services", P::kTenant, "commune_id", "support_sessions", "session_id"},
        {"skill_events", P::kTenant, "commune_id", "residents", "resident_id"},
        {"tips_given", P::kTenant, "commune_id", "residents", "resident_id"},
        {"tasks", P::kTenant, "commune_id", "", "", true},
        {"desk_tickets", P::kTenant, "commune_id", "", "", true},
        {"no_signal_reports", P::kTenant, "commune_id", "", "", true},
        {"dossiers", P::kTenant, "commune_id", "", "", true},
        {"dossier_events", P::kTenant, "commune_id", "dossiers", "dossier_id"},
        {"sms_outbox", P::kTenant, "commune_id", "", "", true},
        {"sms_inbox", P::kTenant, "commune_id", "", ""},
        {"scam_reports", P::kTenant, "commune_id", "", ""},
        {"crop_prices", P::kTenant, "commune_id", "", ""},
        {"announcements", P::kTenant, "commune_id", "", ""},
        {"announcement_villages", P::kTenant, "commune_id", "announcements", "announcement_id"},
        {"training_sessions", P::kTenant, "commune_id", "", ""},
        {"training_session_modules", P::kTenant, "commune_id", "training_sessions", "session_id"},
        {"training_trainers", P::kTenant, "commune_id", "training_sessions", "session_id"},
        {"training_invitations", P::kTenant, "commune_id", "training_sessions", "session_id"},
        {"training_attendance", P::kTenant, "commune_id", "training_sessions", "session_id"},
        {"training_checks", P::kTenant, "commune_id", "training_sessions", "session_id"},
        {"listings", P::kTenant, "commune_id", "", ""},
        {"listing_photos", P::kTenant, "commune_id", "listings", "listing_id"},
        {"listing_uploads", P::kTenant, "commune_id", "listings", "listing_id"},
        {"listing_upload_parts", P::kTenant, "commune_id", "listing_uploads", "upload_id"},
        {"listing_stats", P::kTenant, "commune_id", "listings", "listing_id"},
        // Indicator figures and their recount marks (V033): per commune, nothing personal.
        // Their commune is the row's whole place: checked against the communes themselves.
        {"indicator_values", P::kTenant, "commune_id", "areas", "commune_id"},
        {"indicator_dirty", P::kTenant, "commune_id", "areas", "commune_id"},
        {"indicator_refreshed", P::kTenant, "commune_id", "areas", "commune_id"},
        {"sms_subscriptions", P::kKeyed, "phone", "", ""},
        {"sms_optouts", P::kKeyed, "phone", "", ""},
        {"sync_changes", P::kTenant, "commune_id", "", ""},
        {"consent_events", P::kTenant, "commune_id", "", ""},
        {"sync_conflicts", P::kTenant, "commune_id", "", ""},
        {"sync_ops", P::kKeyed, "user_id", "", ""},
        {"sync_clock", P::kLocal, "", "", ""},
        {"sync_marks", P::kLocal, "", "", ""},
        {"schema_migrations", P::kLocal, "", "", ""},
        // A CSV import's row for the length of its own transaction (V036): never committed.
        {"search_deferred", P::kLocal, "", "", ""},
    };
    return kTables;
}

std::string CommuneOf(std::string_view area_path) { return CommuneIdOf(area_path); }

std::string CommuneOfScope(const Scope& s) {
    std::string commune;
    for (const auto& path : s.paths) {
        std::string c = CommuneOf(path);
        if (c.empty() || (!commune.empty() && c != commune)) return "";
        commune = c;
    }
    return commune;
}

Result<std::vector<std::string>> SchemaTables(Database& db) {
    const char* sql = db.dialect() == Dialect::kSqlite
                          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND "
                            "name NOT LIKE 'household_fts%' ORDER BY name"
                          : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                            "AND table_type = 'BASE TABLE' ORDER BY table_name";
    CAUNOI_ASSIGN(auto rows, db.Query(sql));
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.Text(0));
    return out;
}

Result<std::vector<CommuneMismatch>> CheckCommunes(Database& db) {
    std::vector<CommuneMismatch> out;
    for (const auto& t : Placements()) {
        if (t.placement != Placement::kTenant) continue;
        const std::string table = t.table;
        // Table and column names come from the fixed list above, never from input.
        const std::string wrong =
            table.rfind("indicator_", 0) == 0
                ? std::string(
                      "NOT EXISTS (SELECT 1 FROM areas p WHERE p.id = c.commune_id AND p.kind IN ('commune', "
                      "'ward'))")
            : *t.parent ? "NOT EXISTS (SELECT 1 FROM " + std::string(t.parent) + " p WHERE p.id = c." + t.parent_link +
                              " AND p.commune_id = c.commune_id)"
                        // A row of the province itself (an SMS from a number nobody knows) has commune ''.
                        : "CASE WHEN c.commune_id = '' THEN c.area_path LIKE '%/%' ELSE NOT (c.area_path LIKE ('%/' || "
                          "c.commune_id) OR c.area_path LIKE ('%/' || c.commune_id || '/%')) END";
        CAUNOI_ASSIGN(auto row, db.QueryOne("SELECT COUNT(*) FROM " + table + " c WHERE c.commune_id IS NULL OR " +
                                            (*t.parent ? "c.commune_id = '' OR " : "") + wrong));
        if (row.Int(0) > 0) out.push_back({table, row.Int(0)});
    }
    return out;
}

std::string CitusKeysSql() {
    std::string keys;
    for (const auto& t : Placements())
        if (t.id_key)
            keys += std::string("ALTER TABLE ") + t.table + " DROP CONSTRAINT " + t.table + "_id_key;\nCREATE INDEX " +
                    t.table + "_id ON " + t.table + " (id);\n";
    return "-- Keys Citus cannot enforce across nodes become per commune (ids, national-ID hashes and\n"
           "-- portal codes are unique anyway; a clash across communes is no longer refused; a warning\n"
           "-- reaching one number through two communes, whose outbox ids are alike, sends it twice).\n"
           "BEGIN;\n" +
           keys +
           "DROP INDEX residents_national_id;\n"
           "CREATE UNIQUE INDEX residents_national_id ON residents (commune_id, national_id_hash);\n"
           "ALTER TABLE dossiers DROP CONSTRAINT dossiers_portal_code_key,\n"
           "    ADD CONSTRAINT dossiers_portal_code_key UNIQUE (commune_id, portal_code);\n"
           "CREATE INDEX dossiers_portal_code ON dossiers (portal_code);\n"
           "COMMIT;\n";
}

std::string CitusSql() {
    std::string reference, distributed;
    for (const auto& t : Placements()) {
        const std::string name = t.table;
        if (t.placement == Placement::kReference) reference += "SELECT create_reference_table('" + name + "');\n";
        if (t.placement == Placement::kKeyed)
            distributed +=
                "SELECT create_distributed_table('" + name + "', '" + t.key + "', colocate_with => 'none');\n";
        if (t.placement == Placement::kTenant)
            distributed += "SELECT create_distributed_table('" + name + "', 'commune_id'" +
                           (name == "households" ? std::string() : ", colocate_with => 'households'") + ");\n";
    }
    return "-- Distributes a migrated caunoi database on Citus: run on the coordinator as the owner, after\n"
           "-- `caunoi migrate` and before serving (docs/scaling.md). Printed by `caunoi citus-sql`.\n"
           "CREATE EXTENSION IF NOT EXISTS citus;\n" +
           CitusKeysSql() + "-- Catalogues: a copy on every node.\n" + reference +
           "-- A commune's rows on one node; sessions, rate limits and the audit log by their own key.\n"
           "-- The households/residents search triggers run on the shards.\n"
           "SET citus.enable_unsafe_triggers TO on;\n" +
           distributed;
}

}  // namespace caunoi::storage
