// The SMS channel's tables (docs/sms.md), over any Database engine: the outbox queue
// (channel::OutboxQueue) and the inbox, scam reports, subscriptions and opt-outs (sms::SmsRepository).
// Borrows the Database; one thread at a time (as the Database).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "channel/outbox.hpp"
#include "core/actor.hpp"
#include "core/result.hpp"
#include "sms/service.hpp"
#include "storage/database.hpp"
#include "storage/outbox_rows.hpp"

namespace caunoi::storage {

class OutboxStore final : public channel::OutboxQueue {
  public:
    explicit OutboxStore(Database& db) : db_(db) {}
    Result<std::vector<channel::OutboxMessage>> Claim(const std::string& worker, int limit, int64_t now,
                                                      int64_t lease_seconds) override;
    Status Enqueue(const channel::OutboxMessage& m) override { return InsertOutbox(db_, m); }
    Status MarkSent(const std::string& id, const std::string& worker, int64_t at) override;
    Status Retry(const std::string& id, const std::string& worker, int64_t next_at, const std::string& reason) override;
    Status Fail(const std::string& id, const std::string& worker, const std::string& reason) override;
    Status Release(const std::string& id, const std::string& worker) override;
    Status Report(const std::string& id, bool delivered, const std::string& reason, int64_t at) override;

  private:
    Database& db_;
};

class SmsStore final : public sms::SmsRepository {
  public:
    explicit SmsStore(Database& db) : db_(db) {}
    Result<std::vector<sms::KnownSender>> SendersByPhone(const std::string& national) override;
    Result<std::vector<sms::Commune>> Communes() override;
    Result<std::string> ProvincePath() override;
    Result<std::optional<sms::VillageTeam>> TeamOfVillage(const std::string& village_id) override;
    Status InsertInbound(const sms::InboxEntry& e) override;
    Status InsertScamReport(const sms::ScamReport& r) override;
    Status Subscribe(const std::string& phone, const std::string& area_id, int64_t at) override;
    Result<std::vector<sms::Place>> Villages() override;
    Result<std::vector<sms::Subscription>> Subscriptions(const Scope& s, int limit) override;
    Status OptOut(const std::string& phone, bool all, int64_t at) override;
    Result<std::vector<sms::InboxEntry>> Inbox(const Scope& s, int limit) override;
    Result<std::vector<channel::OutboxMessage>> Outbox(const Scope& s, int limit) override;
    Result<std::vector<sms::ScamReport>> ScamReports(const Scope& s, int limit) override;
    Result<std::vector<sms::InboxEntry>> WaitingForAPerson(const Scope& s, int64_t since, int limit) override;
    Status MarkAnswered(const std::string& id, const std::string& user_id, int64_t at) override;
    Result<std::vector<std::string>> SubscribedPaths(const std::string& phone) override;
    Result<sms::Stats> Count(const Scope& s, int64_t since) override;
    Result<std::vector<std::pair<std::string, std::string>>> Recipients(const Scope& s, const std::string& household_id,
                                                                        const std::string& village_id) override;

  private:
    Database& db_;
};

}  // namespace caunoi::storage
