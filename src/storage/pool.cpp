#include "storage/pool.hpp"

#include "core/metrics.hpp"

namespace caunoi::storage {

Pool::Pool(Dialect dialect, size_t size, Opener open, std::chrono::milliseconds wait)
    : dialect_(dialect), size_(size == 0 ? 1 : size), open_(std::move(open)), wait_(wait) {}

Pool::~Pool() = default;

Pool::Lease::~Lease() {
    if (pool_ && db_) pool_->Release(std::move(db_));
}

size_t Pool::opened() const {
    std::lock_guard lock(mu_);
    return opened_;
}

Result<Pool::Lease> Pool::Acquire() {
    std::unique_lock lock(mu_);
    if (idle_.empty() && opened_ >= size_) {
        // Every connection is in use: this request waits (counted for /metrics).
        auto& m = metrics::Registry::Global();
        const auto since = std::chrono::steady_clock::now();
        const bool freed = freed_.wait_for(lock, wait_, [&] { return !idle_.empty() || opened_ < size_; });
        m.Add(metrics::kDbPoolWaits, {});
        m.Add(metrics::kDbPoolWaitSeconds, {}, std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count());
        if (!freed) m.Add(metrics::kDbPoolTimeouts, {});
    }
    if (idle_.empty() && opened_ >= size_)
        return Error::Internal("database busy: all " + std::to_string(size_) + " connections in use for " +
                               std::to_string(wait_.count()) + " ms");
    if (!idle_.empty()) {
        auto db = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(db));
    }
    ++opened_;  // reserve the slot, open outside the lock
    lock.unlock();
    auto db = open_();
    if (!db.ok()) {
        lock.lock();
        --opened_;
        freed_.notify_one();
        return db.error();
    }
    return Lease(*this, std::move(db).value());
}

void Pool::Release(std::unique_ptr<Database> db) {
    {
        std::lock_guard lock(mu_);
        idle_.push_back(std::move(db));
    }
    freed_.notify_one();
}

template <typename Fn>
auto PooledDatabase::OnConnection(Fn&& fn) -> decltype(fn(std::declval<Database&>())) {
    if (tx_) {
        auto r = fn(**tx_);
        changes_ = (*tx_)->Changes();
        return r;
    }
    CAUNOI_ASSIGN(auto lease, pool_.Acquire());
    auto r = fn(*lease);
    changes_ = lease->Changes();
    return r;
}

Result<Rows> PooledDatabase::Query(std::string_view sql, const Params& params) {
    return OnConnection([&](Database& db) { return db.Query(sql, params); });
}

Status PooledDatabase::ExecScript(std::string_view sql) {
    return OnConnection([&](Database& db) { return db.ExecScript(sql); });
}

Status PooledDatabase::Savepoint(const std::function<Status()>& body) {
    if (!tx_) return InTransaction(body);
    return (*tx_)->Savepoint(body);
}

Status PooledDatabase::InTransaction(const std::function<Status()>& body) {
    return Leased([&](Database& db) { return db.InTransaction(body); });
}

Status PooledDatabase::InReportTransaction(const std::function<Status()>& body) {
    return Leased([&](Database& db) { return db.InReportTransaction(body); });
}

Status PooledDatabase::Leased(const std::function<Status(Database&)>& run) {
    if (tx_) return run(**tx_);  // nested: joins the outer transaction
    CAUNOI_ASSIGN(auto lease, pool_.Acquire());
    tx_ = std::make_unique<Pool::Lease>(std::move(lease));
    struct Return {
        std::unique_ptr<Pool::Lease>& tx;
        ~Return() { tx.reset(); }
    } give_back{tx_};
    return run(**tx_);
}

}  // namespace caunoi::storage
