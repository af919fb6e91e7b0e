// Who warnings reach (SQL implementation of warnings::AudienceRepository): places for matching,
// and the numbers of reached villages found and queued set-based, one message per number per
// warning (outbox ids "<alert>-<number>"). Borrows the Database; one thread at a time (as the Database).
#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"
#include "warnings/audience.hpp"

namespace caunoi::storage {

class AudienceStore final : public warnings::AudienceRepository {
  public:
    explicit AudienceStore(Database& db) : db_(db) {}
    Result<warnings::Places> AllPlaces() override;
    Result<warnings::AudienceCounts> Count(const std::vector<warnings::ReachedPlace>& villages,
                                           bool residents) override;
    Status RecordVillages(const std::string& alert_id, const std::vector<warnings::ReachedPlace>& villages) override;
    Status QueueOne(const std::string& alert_id, const std::string& phone, const std::string& area_path,
                    const warnings::OutgoingSms& sms, int64_t now) override;
    Result<int64_t> QueueAudience(const std::string& alert_id, const std::vector<warnings::ReachedPlace>& villages,
                                  bool residents, const warnings::OutgoingSms& sms, int64_t now,
                                  const std::map<std::string, warnings::OutgoingSms>& by_language) override;
    Result<int64_t> StopQueued(const std::string& alert_id, const std::string& reason, int64_t now) override;
    Result<int64_t> QueueCorrection(const std::string& old_id, const std::string& new_id,
                                    const warnings::OutgoingSms& sms, int64_t now) override;
    Result<warnings::Reach> ReachOf(const std::string& alert_id) override;
    Result<warnings::VillageReach> VillageByToken(const std::string& token) override;
    Result<int64_t> AcknowledgeByPhone(int64_t number, const std::string& phone, int64_t at) override;
    Status AcknowledgeByToken(const std::string& token, const std::string& by, int64_t at) override;
    Status SetLoudspeaker(const std::string& village_id, const std::string& commune_id, bool working,
                          const std::string& name, const std::string& phone, int64_t at) override;

    // Whether `code` is the official code of one of our communes (or wards).
    bool KnownCommune(const std::string& code);

  private:
    Database& db_;
};

}  // namespace caunoi::storage
