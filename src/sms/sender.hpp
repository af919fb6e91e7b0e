// Delivers the outbox through an SmsGateway (Kannel in production and tests; docs/sms.md):
// claims what is due, sends it at a configured pace, and records each result. A message is
// claimed (leased) before it is sent, so two senders never send the same one; a temporary
// failure (gateway down, busy, timing out) puts it back with a growing delay; a permanent one
// fails it with the reason. Thread-safety: one thread per sender.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "channel/outbox.hpp"
#include "core/clock.hpp"

namespace caunoi::sms {

struct SendOutcome {
    enum Kind { kAccepted, kRetry, kFailed } kind = kAccepted;
    std::string detail;  // why, for a retry or a failure
};

// The SMS gateway, as the sender sees it.
class SmsGateway {
  public:
    virtual ~SmsGateway() = default;
    virtual SendOutcome Send(const channel::OutboxMessage& m) = 0;
};

struct SenderOptions {
    std::string worker = "sender";
    double per_second = 10;  // at most this many messages a second (the operator's limit)
    int batch = 20;
    int64_t lease_seconds = 120;
    int max_attempts = 8;     // then failed: about 2 hours of retries
    int64_t retry_base = 30;  // seconds before the first retry; doubles, at most an hour
};

class OutboxSender {
  public:
    // `sleep` waits that many seconds (tests pass a fake).
    OutboxSender(channel::OutboxQueue& queue, SmsGateway& gateway, const Clock& clock, SenderOptions options,
                 std::function<void(double)> sleep)
        : queue_(queue), gateway_(gateway), clock_(clock), options_(std::move(options)), sleep_(std::move(sleep)) {}

    // Claims what is due and sends it; returns how many messages it handled. Stops between
    // messages once `stop` is set, giving back what it claimed and did not send.
    Result<int> RunOnce(const std::atomic<bool>& stop);

    // Seconds before attempt `attempts` + 1: retry_base, doubling, at most an hour.
    int64_t Backoff(int attempts) const;

  private:
    channel::OutboxQueue& queue_;
    SmsGateway& gateway_;
    const Clock& clock_;
    SenderOptions options_;
    std::function<void(double)> sleep_;
};

}  // namespace caunoi::sms
