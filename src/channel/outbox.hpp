// The SMS outbox: messages queued by the changes that cause them (in the same transaction),
// delivered through the SMS gateway (docs/sms.md). Several processes may deliver from one
// database: a sender claims a batch for a lease, and no other sender gets those messages until
// the lease runs out. Every state change is conditional (on the status, and on the lease for a
// sender's own results), so a late or repeated one changes nothing.
// Thread-safety: one thread (as the repositories).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/vocabulary.hpp"

namespace caunoi::channel {

inline constexpr int kPriorityRoutine = 0, kPriorityReply = 1, kPriorityWarning = 2;

// Where an outbound message is.
inline constexpr Term kOutboxStatuses[] = {{"queued", N_("waiting to be sent")},
                                           {"sent", N_("sent")},
                                           {"delivered", N_("delivered")},
                                           {"failed", N_("failed")}};

struct OutboxMessage {
    std::string id;
    std::string area_path;
    std::string phone;  // national form
    std::string body;
    int parts = 1;
    std::string dossier_id;
    std::string status = "queued";  // a key of kOutboxStatuses
    int64_t created_at = 0;
    std::string kind = "dossier";  // dossier | reply | warning | manual
    int priority = kPriorityRoutine;
    bool ucs2 = false;  // send with diacritics (the phone reads Unicode)
    int attempts = 0;
    std::string fail_reason;
    bool opted_out = false;  // claimed for a number that asked for no more messages
};

class OutboxQueue {
  public:
    virtual ~OutboxQueue() = default;
    // Up to `limit` queued messages due by `now` that no live lease holds, highest priority
    // first, then oldest; each is leased to `worker` until now + lease_seconds. Two callers at
    // once never get the same message.
    virtual Result<std::vector<OutboxMessage>> Claim(const std::string& worker, int limit, int64_t now,
                                                     int64_t lease_seconds) = 0;
    virtual Status Enqueue(const OutboxMessage& m) = 0;
    // The gateway took it (only under `worker`'s lease; a delivery report may have come first).
    virtual Status MarkSent(const std::string& id, const std::string& worker, int64_t at) = 0;
    // Not now: try again at `next_at`.
    virtual Status Retry(const std::string& id, const std::string& worker, int64_t next_at,
                         const std::string& reason) = 0;
    virtual Status Fail(const std::string& id, const std::string& worker, const std::string& reason) = 0;
    // Gives a claimed message back untouched (a sender stopping before it sent it).
    virtual Status Release(const std::string& id, const std::string& worker) = 0;
    // A delivery report: delivered, or failed with `reason`; a delivered message stays so.
    virtual Status Report(const std::string& id, bool delivered, const std::string& reason, int64_t at) = 0;
};

}  // namespace caunoi::channel
