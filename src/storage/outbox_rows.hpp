// The SMS outbox's rows (table sms_outbox, docs/sms.md): the columns as OutboxFrom reads them, and
// the one insert every producer uses (the outbox queue, dossier notifications), so a message is
// queued in the transaction of the change that causes it.
#pragma once

#include <vector>

#include "channel/outbox.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

extern const char* const kOutboxColumns;
std::vector<channel::OutboxMessage> OutboxFrom(const Rows& rows);
Status InsertOutbox(Database& db, const channel::OutboxMessage& m);

}  // namespace caunoi::storage
