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

Status DatabaseTransactions::Savepoint(const std::function<Status()>& body) { return Forgetting(db_.Savepoint(body)); }

}  // namespace caunoi::storage
