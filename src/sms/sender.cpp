#include "sms/sender.hpp"

#include <algorithm>
#include <utility>

#include "core/log.hpp"

namespace caunoi::sms {

namespace {

// Longest wait on the gateway at a time, so a stop is seen soon whatever the pace.
constexpr double kLongestWait = 0.25;

}  // namespace

int64_t OutboxSender::Backoff(int attempts) const {
    int64_t delay = std::max<int64_t>(options_.retry_base, 1);
    for (int i = 1; i < attempts && delay < 3600; ++i) delay *= 2;
    return std::min<int64_t>(delay, 3600);
}

int OutboxSender::ClaimLimit() const {
    const int wanted = std::max({options_.batch, 2 * options_.concurrency, 1});
    // Everything claimed must be started well within its lease, or another sender could take
    // it meanwhile: at most half a lease's worth at the pace.
    const double in_half_lease = options_.per_second * static_cast<double>(options_.lease_seconds) / 2;
    if (options_.per_second <= 0 || in_half_lease >= wanted) return wanted;  // 0: no pace
    return std::max(1, static_cast<int>(in_half_lease));
}

Result<int> OutboxSender::RunOnce(const std::atomic<bool>& stop) {
    int handled = 0;
    Status sending = SendDue(stop, handled);
    // Whatever happened, what is in flight is answered and recorded before returning.
    Status drained = Drain();
    if (!sending.ok()) return sending.error();
    if (!drained.ok()) return drained.error();
    return handled;
}

Status OutboxSender::SendDue(const std::atomic<bool>& stop, int& handled) {
    while (!stop) {
        CAUNOI_ASSIGN(auto batch,
                      queue_.Claim(options_.worker, ClaimLimit(), clock_.NowSeconds(), options_.lease_seconds));
        if (batch.empty()) return {};
        for (size_t i = 0; i < batch.size(); ++i) {
            const auto& m = batch[i];
            if (m.opted_out) {
                CAUNOI_TRY(queue_.Fail(m.id, options_.worker, "the number asked for no more messages (HUY)"));
                ++handled;
                continue;
            }
            CAUNOI_TRY(WaitForTurn(stop));
            if (stop) {
                // Not started: back to the queue now rather than when the lease runs out.
                for (; i < batch.size(); ++i) CAUNOI_TRY(queue_.Release(batch[i].id, options_.worker));
                return {};
            }
            gateway_.Start(m);
            in_flight_.emplace(m.id, m);
            next_start_ = seconds_() + (options_.per_second > 0 ? 1.0 / options_.per_second : 0);
            ++handled;
        }
    }
    return {};
}

Status OutboxSender::WaitForTurn(const std::atomic<bool>& stop) {
    while (!stop) {
        const double now = seconds_();
        const bool slot_free =
            static_cast<int>(in_flight_.size() - answered_.size()) < std::max(options_.concurrency, 1);
        if (slot_free && now >= next_start_) return {};
        // Nothing can start yet: record what was answered meanwhile (a slot an answer freed is
        // used first, so the gateway never waits on the database), then wait for more.
        if (!answered_.empty()) {
            CAUNOI_TRY(RecordAnswered());
            continue;
        }
        answered_ = gateway_.Wait(slot_free ? std::min(next_start_ - now, kLongestWait) : kLongestWait);
    }
    return {};
}

Status OutboxSender::Drain() {
    Status first;
    while (!in_flight_.empty()) {
        if (answered_.empty()) answered_ = gateway_.Wait(kLongestWait);
        Status s = RecordAnswered();
        if (first.ok() && !s.ok()) first = s;
    }
    return first;
}

Status OutboxSender::RecordAnswered() {
    const std::vector<SendResult> results = std::exchange(answered_, {});
    if (results.empty()) return {};
    // The answers are written in one transaction, whose commit does not wait for the disk: the
    // sender's one thread must not sit in an fsync while Kannel's answers wait (it halved the rate
    // of sending). A crash of the program loses nothing; a power cut may lose the last answers
    // recorded, and the next claim's durable commit (every batch) syncs them (docs/sms.md).
    return tx_.ForReport([&]() -> Status {
        for (const auto& r : results) {
            auto it = in_flight_.find(r.id);
            if (it == in_flight_.end()) {
                log::Error("sms " + r.id + ": an answer for a message not in flight");
                continue;
            }
            const channel::OutboxMessage m = std::move(it->second);
            in_flight_.erase(it);
            CAUNOI_TRY(Record(m, r.outcome));
        }
        return {};
    });
}

Status OutboxSender::Record(const channel::OutboxMessage& m, const SendOutcome& out) {
    const int attempts = m.attempts + 1;
    if (out.kind == SendOutcome::kAccepted) return queue_.MarkSent(m.id, options_.worker, clock_.NowSeconds());
    if (out.kind == SendOutcome::kRetry && attempts < options_.max_attempts) {
        log::Info("sms " + m.id + ": attempt " + std::to_string(attempts) + " failed (" + out.detail +
                  "), retrying in " + std::to_string(Backoff(attempts)) + " s");
        return queue_.Retry(m.id, options_.worker, clock_.NowSeconds() + Backoff(attempts), out.detail);
    }
    const std::string reason = out.kind == SendOutcome::kRetry
                                   ? "gave up after " + std::to_string(attempts) + " attempts: " + out.detail
                                   : out.detail;
    log::Error("sms " + m.id + " failed: " + reason);
    return queue_.Fail(m.id, options_.worker, reason);
}

}  // namespace caunoi::sms
