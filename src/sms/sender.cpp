#include "sms/sender.hpp"

#include <algorithm>

#include "core/log.hpp"

namespace caunoi::sms {

int64_t OutboxSender::Backoff(int attempts) const {
    int64_t delay = std::max<int64_t>(options_.retry_base, 1);
    for (int i = 1; i < attempts && delay < 3600; ++i) delay *= 2;
    return std::min<int64_t>(delay, 3600);
}

Result<int> OutboxSender::RunOnce(const std::atomic<bool>& stop) {
    CAUNOI_ASSIGN(auto batch,
                  queue_.Claim(options_.worker, options_.batch, clock_.NowSeconds(), options_.lease_seconds));
    const double gap = options_.per_second > 0 ? 1.0 / options_.per_second : 0;
    int handled = 0;
    for (const auto& m : batch) {
        if (stop) {
            // Not sent: back to the queue now rather than when the lease runs out.
            CAUNOI_TRY(queue_.Release(m.id, options_.worker));
            continue;
        }
        if (m.opted_out) {
            CAUNOI_TRY(queue_.Fail(m.id, options_.worker, "the number asked for no more messages (HUY)"));
            ++handled;
            continue;
        }
        if (handled > 0 && gap > 0) sleep_(gap);
        SendOutcome out = gateway_.Send(m);
        const int attempts = m.attempts + 1;
        if (out.kind == SendOutcome::kAccepted) {
            CAUNOI_TRY(queue_.MarkSent(m.id, options_.worker, clock_.NowSeconds()));
        } else if (out.kind == SendOutcome::kRetry && attempts < options_.max_attempts) {
            log::Info("sms " + m.id + ": attempt " + std::to_string(attempts) + " failed (" + out.detail +
                      "), retrying in " + std::to_string(Backoff(attempts)) + " s");
            CAUNOI_TRY(queue_.Retry(m.id, options_.worker, clock_.NowSeconds() + Backoff(attempts), out.detail));
        } else {
            const std::string reason = out.kind == SendOutcome::kRetry
                                           ? "gave up after " + std::to_string(attempts) + " attempts: " + out.detail
                                           : out.detail;
            log::Error("sms " + m.id + " failed: " + reason);
            CAUNOI_TRY(queue_.Fail(m.id, options_.worker, reason));
        }
        ++handled;
    }
    return handled;
}

}  // namespace caunoi::sms
