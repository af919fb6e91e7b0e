#include "storage/metrics_store.hpp"

namespace caunoi::storage {
namespace {

// Every status a column may hold, 0 when none: a series that disappears reads as "no data".
metrics::Gauge ByStatus(const char* name, const char* help, const std::vector<Row>& rows,
                        std::initializer_list<const char*> statuses) {
    metrics::Gauge g{name, help, {"status"}, {}};
    for (const char* s : statuses) {
        double n = 0;
        for (const auto& r : rows)
            if (r.Text(0) == s) n = static_cast<double>(r.Int(1));
        g.samples.push_back({{s}, n});
    }
    return g;
}

}  // namespace

Result<std::vector<metrics::Gauge>> ScrapeGauges(Database& db, int64_t now) {
    std::vector<metrics::Gauge> out;
    const auto kOutbox = {"queued", "sent", "delivered", "failed"};
    // On SQLite the index sms_outbox_ready (status, priority, seq) answers both.
    CAUNOI_ASSIGN(auto outbox, db.Query("SELECT status, COUNT(*) FROM sms_outbox GROUP BY status"));
    out.push_back(ByStatus("caunoi_sms_outbox_messages", "SMS in the outbox, by status.", outbox, kOutbox));
    CAUNOI_ASSIGN(auto oldest, db.QueryOne("SELECT COALESCE(MIN(created_at), 0) FROM sms_outbox WHERE status = 'queued'"));
    out.push_back({"caunoi_sms_oldest_queued_age_seconds",
                   "Age of the oldest SMS still queued (0: none queued).",
                   {},
                   {{{}, oldest.Int(0) ? static_cast<double>(now - oldest.Int(0)) : 0.0}}});

    const std::string in_force = "a.superseded_by IS NULL AND a.expires > ? AND a.status = 'Actual'";
    CAUNOI_ASSIGN(auto alerts, db.QueryOne("SELECT COUNT(*) FROM alerts a WHERE " + in_force, {now}));
    out.push_back({"caunoi_warnings_in_force", "Warnings (CAP, status Actual) in force now.", {}, {{{}, static_cast<double>(alerts.Int(0))}}});
    CAUNOI_ASSIGN(auto villages,
                  db.QueryOne("SELECT COUNT(*), COUNT(v.acknowledged_at) FROM alert_villages v JOIN alerts a ON a.id = "
                              "v.alert_id WHERE " + in_force,
                              {now}));
    out.push_back({"caunoi_warning_villages",
                   "Villages reached by the warnings in force, by whether someone there acknowledged.",
                   {"state"},
                   {{{"acknowledged"}, static_cast<double>(villages.Int(1))},
                    {{"waiting"}, static_cast<double>(villages.Int(0) - villages.Int(1))}}});
    CAUNOI_ASSIGN(auto sms, db.Query("SELECT o.status, COUNT(*) FROM sms_outbox o JOIN alerts a ON a.id = o.alert_id "
                                     "WHERE " + in_force + " GROUP BY o.status",
                                     {now}));
    out.push_back(ByStatus("caunoi_warning_sms", "SMS of the warnings in force, by status.", sms, kOutbox));
    return out;
}

}  // namespace caunoi::storage
