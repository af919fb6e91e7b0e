// caunoi retention: applies the retention rules once (storage/retention_store.hpp), from a daily
// timer (docs/operations.md, "Retention"), and records what it removed in the audit log.
#include <iostream>

#include "auth/auth.hpp"
#include "cli/commands.hpp"
#include "cli/open.hpp"
#include "storage/retention_store.hpp"

namespace caunoi::cli {

int Retention(const Args& a) {
    const char* usage =
        "usage: caunoi retention [--scam-days N] [--sms-days N] [--audit-days N] [--sync-days N] [--changes-days N]";
    if (a.positional.size() != 1) return Fail(usage);
    storage::RetentionPolicy policy;
    // The shortest each may be: a year of audit (who read whose record), the 60 days a phone may
    // re-send an operation for, a week of changes for phones to pull.
    struct Limit {
        const char* flag;
        int* days;
        int lo;
    };
    const Limit limits[] = {{"scam-days", &policy.scam_report_days, 30},
                            {"sms-days", &policy.sms_days, 30},
                            {"audit-days", &policy.audit_days, 365},
                            {"sync-days", &policy.sync_answer_days, 61},
                            {"changes-days", &policy.change_log_days, 7}};
    // A mistyped limit must not pass unnoticed (it would apply the default instead).
    for (const auto& [flag, value] : a.flags) {
        bool known = flag == "db" || flag == "secret-file";
        for (const auto& l : limits) known = known || flag == l.flag;
        if (!known) return Fail("unknown option --" + flag + "; " + usage);
    }
    for (const auto& [flag, days, lo] : limits) {
        auto n = a.Int(flag, nullptr, *days, lo, 36500);
        if (!n.ok()) return Fail(n.error().detail);
        *days = static_cast<int>(*n);
    }
    auto o = Open(a);
    storage::RetentionStore store(*o->db);
    auto r = store.Apply(policy, o->clock.NowSeconds());
    if (!r.ok()) return Fail(r.error().detail);
    const std::string summary =
        "scam reports blanked " + std::to_string(r->scam_reports) + " (older than " +
        std::to_string(policy.scam_report_days) + " days), SMS received blanked " + std::to_string(r->sms_received) +
        ", SMS sent blanked " + std::to_string(r->sms_sent) + " (" + std::to_string(policy.sms_days) +
        " days), audit entries deleted " + std::to_string(r->audit_entries) + " (" +
        std::to_string(policy.audit_days) + " days), sync answers deleted " + std::to_string(r->sync_answers) + " (" +
        std::to_string(policy.sync_answer_days) + " days), changes deleted " + std::to_string(r->changes) + " (" +
        std::to_string(policy.change_log_days) + " days), oldest sync cursor " + std::to_string(r->cursor_floor);
    if (auto s = o->app->audit.Record(auth::SystemActor(), "delete", "retention", "", "40", summary); !s.ok())
        return Fail(s.error().detail);
    std::cout << summary << "\n";
    return 0;
}

}  // namespace caunoi::cli
