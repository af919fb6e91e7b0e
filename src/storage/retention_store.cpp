#include "storage/retention_store.hpp"

namespace caunoi::storage {
namespace {

constexpr int64_t kDay = 86400;

// Runs one statement in a transaction of its own; the rows it changed.
Result<int64_t> Changed(Database& db, const std::string& sql, const Params& params) {
    int64_t n = 0;
    CAUNOI_TRY(db.InTransaction([&]() -> Status {
        CAUNOI_TRY(db.Exec(sql, params));
        n = db.Changes();
        return {};
    }));
    return n;
}

}  // namespace

Result<RetentionResult> RetentionStore::Apply(const RetentionPolicy& policy, int64_t now) {
    RetentionResult out;
    const int64_t scam_before = now - policy.scam_report_days * kDay;
    CAUNOI_ASSIGN(out.scam_reports, Changed(db_,
                                            "UPDATE scam_reports SET phone = '', body = '' WHERE at < ? AND "
                                            "(phone <> '' OR body <> '')",
                                            {scam_before}));
    const int64_t sms_before = now - policy.sms_days * kDay;
    CAUNOI_ASSIGN(out.sms_received, Changed(db_,
                                            "UPDATE sms_inbox SET phone = '', body = '', resident_id = NULL WHERE "
                                            "received_at < ? AND (phone <> '' OR body <> '' OR resident_id IS NOT NULL)",
                                            {sms_before}));
    // A queued message is still to be sent, whatever its age.
    CAUNOI_ASSIGN(out.sms_sent, Changed(db_,
                                        "UPDATE sms_outbox SET phone = '', body = '' WHERE created_at < ? AND "
                                        "status <> 'queued' AND (phone <> '' OR body <> '')",
                                        {sms_before}));
    CAUNOI_ASSIGN(out.audit_entries,
                  Changed(db_, "DELETE FROM audit_log WHERE at < ?", {now - policy.audit_days * kDay}));
    CAUNOI_ASSIGN(out.sync_answers, Changed(db_, "DELETE FROM sync_ops WHERE received_at < ?",
                                            {now - policy.sync_answer_days * kDay}));

    // The change log: the clock as of the newest mark older than the limit dates the changes.
    CAUNOI_TRY(db_.InTransaction([&]() -> Status {
        CAUNOI_ASSIGN(auto clock, db_.QueryOne("SELECT rev, floor FROM sync_clock WHERE id = 1"));
        CAUNOI_TRY(db_.Exec("INSERT INTO sync_marks (at, rev) VALUES (?, ?) ON CONFLICT (at) DO NOTHING",
                            {now, clock.Int(0)}));
        CAUNOI_ASSIGN(auto mark, db_.QueryOne("SELECT COALESCE(MAX(rev), 0) FROM sync_marks WHERE at <= ?",
                                              {now - policy.change_log_days * kDay}));
        const int64_t old_rev = mark.Int(0);
        // Changes of records that are gone, old enough: a phone learns of a deletion only from these.
        const std::string gone =
            "FROM sync_changes WHERE rev <= ? AND ((kind = 'household' AND NOT EXISTS (SELECT 1 FROM households h "
            "WHERE h.id = sync_changes.entity_id)) OR (kind = 'resident' AND NOT EXISTS (SELECT 1 FROM residents r "
            "WHERE r.id = sync_changes.entity_id)) OR (kind = 'task' AND NOT EXISTS (SELECT 1 FROM tasks t WHERE "
            "t.id = sync_changes.entity_id)))";
        CAUNOI_ASSIGN(auto newest, db_.QueryOne("SELECT COALESCE(MAX(rev), 0) " + gone, {old_rev}));
        int64_t floor = clock.Int(1);
        if (newest.Int(0) > 0) {
            CAUNOI_TRY(db_.Exec("DELETE " + gone, {old_rev}));
            out.changes = db_.Changes();
            // A phone whose cursor is before the newest change removed may have missed a deletion.
            if (newest.Int(0) > floor) {
                floor = newest.Int(0);
                CAUNOI_TRY(db_.Exec("UPDATE sync_clock SET floor = ? WHERE id = 1", {floor}));
            }
        }
        out.cursor_floor = floor;
        // Marks older than every limit are of no more use.
        return db_.Exec("DELETE FROM sync_marks WHERE at < ?", {now - 2 * policy.change_log_days * kDay});
    }));
    return out;
}

}  // namespace caunoi::storage
