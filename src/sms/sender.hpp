// Delivers the outbox through an SmsGateway (Kannel in production and tests; docs/sms.md):
// claims what is due, keeps up to `concurrency` messages in flight at a configured pace, and
// records each result. A message is claimed (leased) before it is sent, so two senders never
// send the same one; a temporary failure (gateway down, busy, timing out) puts it back with a
// growing delay; a permanent one fails it with the reason.
// Thread-safety: one thread per sender. The queue and the gateway are only called from it: the
// gateway keeps several requests in flight without threads of its own (Start, then Wait).
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "channel/outbox.hpp"
#include "core/clock.hpp"
#include "core/transactions.hpp"

namespace caunoi::sms {

struct SendOutcome {
    enum Kind { kAccepted, kRetry, kFailed } kind = kAccepted;
    std::string detail;  // why, for a retry or a failure
};

// What became of one message the gateway was asked to send.
struct SendResult {
    std::string id;
    SendOutcome outcome;
};

// The SMS gateway, as the sender sees it: messages are started one by one and their outcomes
// collected as they come, each started message's exactly once.
class SmsGateway {
  public:
    virtual ~SmsGateway() = default;
    // Begins sending `m`; its outcome comes from a later Wait. The caller bounds how many are
    // in flight at once.
    virtual void Start(const channel::OutboxMessage& m) = 0;
    // Waits at most `seconds` (sleeps them when nothing is in flight) and returns the outcomes
    // that came meanwhile: as soon as there is one, else none.
    virtual std::vector<SendResult> Wait(double seconds) = 0;
};

struct SenderOptions {
    std::string worker = "sender";
    double per_second = 10;  // at most this many messages a second (the operator's limit; 0: no limit)
    int concurrency = 4;     // messages in flight at once (connections to the gateway)
    int batch = 100;         // messages claimed at a time (more if the concurrency asks for it)
    int64_t lease_seconds = 120;
    int max_attempts = 8;     // then failed: about 2 hours of retries
    int64_t retry_base = 30;  // seconds before the first retry; doubles, at most an hour
};

class OutboxSender {
  public:
    // `tx` (over the queue's database) makes the answers recorded together one transaction.
    // `seconds` is a steady clock in seconds, for the pace (tests pass a fake, and a gateway
    // whose Wait moves it).
    OutboxSender(channel::OutboxQueue& queue, Transactions& tx, SmsGateway& gateway, const Clock& clock,
                 SenderOptions options, std::function<double()> seconds)
        : queue_(queue),
          tx_(tx),
          gateway_(gateway),
          clock_(clock),
          options_(std::move(options)),
          seconds_(std::move(seconds)) {}

    // Claims what is due, batch after batch, and sends it in claim order (highest priority
    // first) until nothing is due; returns how many messages it handled. Once `stop` is set it
    // starts nothing more, gives back what it claimed and did not start, and waits for the
    // answers to what is in flight (each recorded as usual).
    Result<int> RunOnce(const std::atomic<bool>& stop);

    // Seconds before attempt `attempts` + 1: retry_base, doubling, at most an hour.
    int64_t Backoff(int attempts) const;

  private:
    // How many to claim: a batch, at least two per slot, no more than half a lease's worth.
    int ClaimLimit() const;
    // Claims and starts until nothing is due or `stop`, counting into `handled`.
    Status SendDue(const std::atomic<bool>& stop, int& handled);
    // Waits for answers until a slot is free and the pace allows the next start.
    Status WaitForTurn(const std::atomic<bool>& stop);
    // Waits for the answers to everything in flight.
    Status Drain();
    // Records the answers received and not recorded yet, in one transaction.
    Status RecordAnswered();
    Status Record(const channel::OutboxMessage& m, const SendOutcome& out);

    channel::OutboxQueue& queue_;
    Transactions& tx_;
    SmsGateway& gateway_;
    const Clock& clock_;
    SenderOptions options_;
    std::function<double()> seconds_;
    std::map<std::string, channel::OutboxMessage> in_flight_;  // by id, until recorded
    std::vector<SendResult> answered_;                         // of those, answered, to record
    double next_start_ = 0;                                    // on seconds_: the pace
};

}  // namespace caunoi::sms
