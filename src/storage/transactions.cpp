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

Status DatabaseTransactions::Gathering(const std::function<Status()>& body) {
    if (rows_.gathering()) return body();  // joins the gathering in progress
    rows_.Start();
    Status st = body();
    if (st.ok()) st = rows_.Write();
    rows_.Stop();
    return st;
}

Status DatabaseTransactions::Savepoint(const std::function<Status()>& body) {
    if (!rows_.gathering()) return Forgetting(db_.Savepoint(body));
    // What a savepoint undoes must not stay gathered: its rows are written at once, inside it.
    CAUNOI_TRY(rows_.Write());
    rows_.Pause(true);
    Status st = Forgetting(db_.Savepoint(body));
    rows_.Pause(false);
    return st;
}

}  // namespace caunoi::storage
