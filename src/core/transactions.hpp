// Transactions: the one seam through which domain services make several writes all-or-nothing.
// Storage implements it over the database (storage/transactions.hpp); services receive it at
// construction and never open a transaction through a repository.
#pragma once

#include <functional>

#include "core/result.hpp"

namespace caunoi {

class Transactions {
  public:
    virtual ~Transactions() = default;
    // Runs `body` in a transaction: everything it wrote is kept if it returns ok, nothing if it
    // fails. Inside another transaction it joins that one.
    virtual Status Atomically(const std::function<Status()>& body) = 0;
    // Inside a transaction: undoes what `body` wrote (only that) if it fails, and the outer
    // transaction goes on. Outside one: a transaction of its own.
    virtual Status Savepoint(const std::function<Status()>& body) = 0;
    // As Atomically, for what records a report rather than anything a person entered: its commit
    // may be lost whole on a power cut (never half-written), and does not wait for the disk.
    virtual Status ForReport(const std::function<Status()>& body) { return Atomically(body); }
    // Inside a transaction: the rows stores insert while `body` runs may be gathered and written
    // together when it returns (storage/row_batch.hpp); if it fails they are dropped with the rest.
    virtual Status Gathering(const std::function<Status()>& body) { return body(); }
    // Writes what is gathered now: before something that may read those rows.
    virtual Status WriteGathered() { return {}; }
};

// Runs bodies as they come, with nothing to undo: for domain unit tests over in-memory fakes.
class NoTransactions final : public Transactions {
  public:
    Status Atomically(const std::function<Status()>& body) override { return body(); }
    Status Savepoint(const std::function<Status()>& body) override { return body(); }
};

}  // namespace caunoi
