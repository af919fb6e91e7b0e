// Who a warning reaches (issue 17, item 5): the places matched against its areas, and the numbers
// of those places, each once per warning. The repository queues the messages itself, set-based,
// because a warning may go to a million numbers. Thread-safety: one thread (as the repository).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "warnings/area_match.hpp"

namespace caunoi::warnings {

// A village as matching and the loudspeaker need it.
struct VillagePlace {
    Village village;  // id, commune, coordinates
    std::string path, name, commune_name;
    bool loudspeaker = false;  // a working village loudspeaker
    std::string operator_name, operator_phone;
};
struct Places {
    std::vector<VillagePlace> villages;
    std::vector<Commune> communes;
    struct NamedCommune {
        std::string code, name, path, former_district;
        bool ward = false;
    };
    std::vector<NamedCommune> commune_names;
    std::string province_name;  // "Nghệ An"
    // "xã Mường Xén", "phường Vinh Hưng" in the language of `tr`.
    std::string CommuneName(const std::string& code, const std::function<std::string(const char*)>& tr) const;
};

// A village a warning reached.
struct ReachedPlace {
    std::string village_id, commune_id, path, name, commune_name;
    bool check = false;  // no coordinates: reached by its commune only, to be checked
    bool loudspeaker = false;
    std::string operator_name, operator_phone;
    std::string token;  // the operator page's address
};

// Who gets the message: staff (team members and village heads of the villages, the commune's
// officers) and loudspeaker operators always; residents who agreed to notifications and numbers
// subscribed with DK only for a real (Actual) warning, never for an exercise.
struct AudienceCounts {
    int64_t households = 0;  // households of the villages (reached by loudspeaker and visits)
    int64_t residents = 0, subscribers = 0, staff = 0, operators = 0;
    int64_t numbers = 0;  // distinct numbers: messages to send
};

struct OutgoingSms {
    std::string body;
    int parts = 1;
    bool ucs2 = false;
};

// What became of a warning's messages and villages.
struct VillageReach {
    std::string alert_id;
    ReachedPlace place;
    int64_t numbers = 0;  // numbers messaged in the village itself
    int64_t acknowledged_at = 0;
    std::string acknowledged_by;
    bool ToVisit() const { return !place.loudspeaker && numbers == 0; }
};
struct Reach {
    int64_t queued = 0, sent = 0, delivered = 0, failed = 0, stopped = 0;
    std::vector<VillageReach> villages;
};

class AudienceRepository {
  public:
    virtual ~AudienceRepository() = default;
    virtual Result<Places> AllPlaces() = 0;
    virtual Result<AudienceCounts> Count(const std::vector<ReachedPlace>& villages, bool residents) = 0;
    virtual Status RecordVillages(const std::string& alert_id, const std::vector<ReachedPlace>& villages) = 0;
    // One message to `phone` (if the warning has none for it yet), in `area_path`.
    virtual Status QueueOne(const std::string& alert_id, const std::string& phone, const std::string& area_path,
                            const OutgoingSms& sms, int64_t now) = 0;
    // The message to every number of the villages that has none for this warning yet; how many.
    // Residents whose language has a message in `by_language` get that one instead.
    virtual Result<int64_t> QueueAudience(const std::string& alert_id, const std::vector<ReachedPlace>& villages,
                                          bool residents, const OutgoingSms& sms, int64_t now,
                                          const std::map<std::string, OutgoingSms>& by_language = {}) = 0;
    // Stops the warning's messages not yet sent; how many. (One a sender has in flight at that
    // instant may still reach its phone; its delivery report then says so.)
    virtual Result<int64_t> StopQueued(const std::string& alert_id, const std::string& reason, int64_t now) = 0;
    // `sms` (a correction) to every number `old_id` was sent to that `new_id` has no message for.
    virtual Result<int64_t> QueueCorrection(const std::string& old_id, const std::string& new_id,
                                            const OutgoingSms& sms, int64_t now) = 0;
    virtual Result<Reach> ReachOf(const std::string& alert_id) = 0;
    // The village the token opens, NotFound if none.
    virtual Result<VillageReach> VillageByToken(const std::string& token) = 0;
    // The villages of warning `number` whose operator has this phone; their acknowledgement set
    // (kept if already set). How many were acknowledged now.
    virtual Result<int64_t> AcknowledgeByPhone(int64_t number, const std::string& phone, int64_t at) = 0;
    virtual Status AcknowledgeByToken(const std::string& token, const std::string& by, int64_t at) = 0;
    virtual Status SetLoudspeaker(const std::string& village_id, const std::string& commune_id, bool working,
                                  const std::string& name, const std::string& phone, int64_t at) = 0;
};

}  // namespace caunoi::warnings
