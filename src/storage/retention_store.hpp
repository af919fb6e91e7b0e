// Retention (docs/operations.md, "Retention"; Decree 13/2023/NĐ-CP: personal data kept no longer
// than its purpose needs), applied by `caunoi retention` from a daily timer. What is old enough is
// removed or stripped of the person, in one transaction per kind, and what was done is returned
// (the command writes it to the audit log):
//   - scam reports and SMS (received, and sent or failed): the phone number and the text are
//     blanked, the SMS's link to a resident dropped; the rows stay, so every count of the
//     indicators stays right;
//   - audit entries and stored sync answers: deleted (a phone re-sends for at most 60 days);
//   - the sync change log: changes of records that no longer exist are deleted once older than
//     their limit, and the oldest cursor still served (SyncStore::Floor) is raised past them: a
//     phone that last synced before that starts its sync again.
// Borrows the Database; one thread at a time (as the Database).
#pragma once

#include <cstdint>

#include "core/result.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

struct RetentionPolicy {
    int scam_report_days = 730;
    int sms_days = 365;
    int audit_days = 1095;
    int sync_answer_days = 90;  // more than the 60 days a phone's operation is accepted for
    int change_log_days = 180;
};

struct RetentionResult {
    int64_t scam_reports = 0;   // blanked
    int64_t sms_received = 0;   // blanked
    int64_t sms_sent = 0;       // blanked
    int64_t audit_entries = 0;  // deleted
    int64_t sync_answers = 0;   // deleted
    int64_t changes = 0;        // deleted
    int64_t cursor_floor = 0;   // the oldest cursor served after the run
};

class RetentionStore {
  public:
    explicit RetentionStore(Database& db) : db_(db) {}
    // Applies `policy` as of `now` (epoch seconds).
    Result<RetentionResult> Apply(const RetentionPolicy& policy, int64_t now);

  private:
    Database& db_;
};

}  // namespace caunoi::storage
