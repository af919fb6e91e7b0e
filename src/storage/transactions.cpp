#include "storage/transactions.hpp"

namespace caunoi::storage {

Status DatabaseTransactions::Forgetting(Status st) {
    if (!st.ok())
        for (const auto& forget : on_rollback_) forget();
    return st;
}

Status DatabaseTransactions::Atomically(const std::function<Status()>& body) {
    return Forgetting(db_.InTransaction(body));
}

Status DatabaseTransactions::ForReport(const std::function<Status()>& body) {
    return Forgetting(db_.InReportTransaction(body));
}

namespace {
// Puts the batch back as it was however the body ends, an exception included: a batch left
// gathering would hold every later request's rows unwritten.
struct Restore {
    RowBatch& rows;
    bool stop;  // stop gathering (and drop what is left), or resume it
    ~Restore() {
        if (stop)
            rows.Stop();
        else
            rows.Pause(false);
    }
};
}  // namespace

Status DatabaseTransactions::Gathering(const std::function<Status()>& body) {
    if (rows_.gathering()) return body();  // joins the gathering in progress
    rows_.Start();
    Restore restore{rows_, true};
    CAUNOI_TRY(body());
    return rows_.Write();
}

Status DatabaseTransactions::Savepoint(const std::function<Status()>& body) {
    if (!rows_.gathering()) return Forgetting(db_.Savepoint(body));
    // What a savepoint undoes must not stay gathered: its rows are written at once, inside it.
    CAUNOI_TRY(rows_.Write());
    rows_.Pause(true);
    Restore restore{rows_, false};
    return Forgetting(db_.Savepoint(body));
}

}  // namespace caunoi::storage
