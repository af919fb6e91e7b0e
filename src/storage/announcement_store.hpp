// Commune announcements (SQL implementation of board::AnnouncementRepository): the announcements
// and the villages they name, and their SMS to subscribers queued set-based in the outbox, one
// per number (outbox ids "<announcement>-<number>"). Borrows the Database; one thread at a time
// (as the Database).
#pragma once

#include <string>
#include <vector>

#include "board/announcements.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

class AnnouncementStore final : public board::AnnouncementRepository {
  public:
    explicit AnnouncementStore(Database& db) : db_(db) {}
    Result<board::Commune> CommuneById(const std::string& id) override;
    Result<std::vector<board::Commune>> AllCommunes() override;
    Result<std::vector<board::VillageRef>> VillagesOf(const std::string& commune_id) override;
    Status Insert(const board::Announcement& a) override;
    Result<board::Announcement> FindById(const std::string& id) override;
    Status MarkWithdrawn(const board::Announcement& a, const std::string& by, int64_t at) override;
    Result<std::vector<board::Announcement>> InForce(const std::string& commune_id, const std::string& village_id,
                                                     int64_t now, int limit) override;
    Result<std::vector<board::Announcement>> ListForCommune(const std::string& commune_id, int limit) override;
    Result<board::Subscribers> SubscribersOf(const std::string& commune_id) override;
    Result<int64_t> QueueSms(const board::Announcement& a, const board::SmsBody& sms, int64_t now) override;
    Result<int64_t> StopSms(const board::Announcement& a, const std::string& reason) override;

  private:
    Result<std::vector<board::Announcement>> Select(const std::string& where, const Params& p);
    Database& db_;
};

}  // namespace caunoi::storage
