// The SMS outbox: messages queued by the changes that cause them (in the same transaction),
// delivered by the SMS gateway. Several processes may deliver from one database: a sender claims
// a batch for a lease, and no other sender gets those messages until the lease runs out.
// Thread-safety: one thread (as the repositories).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace caunoi::sms {

struct OutboxMessage {
    std::string id;
    std::string area_path;
    std::string phone;
    std::string body;
    int parts = 1;
    std::string dossier_id;
    std::string status = "queued";
    int64_t created_at = 0;
};

class OutboxQueue {
  public:
    virtual ~OutboxQueue() = default;
    // Up to `limit` queued messages, oldest first, that no live lease holds; each is leased to
    // `worker` until now + lease_seconds. Two callers at once never get the same message.
    virtual Result<std::vector<OutboxMessage>> Claim(const std::string& worker, int limit, int64_t now,
                                                     int64_t lease_seconds) = 0;
};

}  // namespace caunoi::sms
