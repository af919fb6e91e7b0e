// Training sessions, invitations, attendance and practical checks (issue 19; training/training.hpp)
// over the database; the curriculum as the province admin saved it.
// Thread-safety: one thread (as the database connection).
#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/registry_store.hpp"
#include "training/training.hpp"

namespace caunoi::storage {

class TrainingStore final : public training::TrainingRepository {
  public:
    TrainingStore(Database& db, RegistryStore& registry) : db_(db), registry_(registry) {}
    Result<training::Session> PlaceOf(const Scope& s, const std::string& commune_id,
                                      const std::string& village_id) override;
    Result<std::vector<training::Trainer>> TrainersIn(const std::string& commune_path,
                                                      const std::vector<std::string>& ids) override;
    Result<std::vector<training::Session>> Overlapping(const std::vector<std::string>& trainer_ids,
                                                       const std::string& commune_id, const std::string& place_folded,
                                                       int64_t starts, int64_t ends) override;
    Status Insert(const training::Session& s, const std::string& place_folded) override;
    Result<training::Session> Find(const Scope& s, const std::string& user_id, const std::string& id) override;
    Result<std::vector<training::Session>> List(const Scope& s, const std::string& user_id, int64_t from,
                                                bool upcoming, int limit) override;
    Status MarkCancelled(const training::Session& s, const std::string& by, int64_t at) override;
    Result<int64_t> StopSms(const training::Session& s) override;
    Result<std::vector<training::Candidate>> Candidates(const training::Session& s, int skill) override;
    Result<bool> InsertInvitation(const training::Session& s, const training::Candidate& c, const std::string& by,
                                  int64_t at) override;
    Status QueueSms(const training::Session& s, const training::Candidate& c, const std::string& text, bool ucs2,
                    int parts, const std::string& reminder, int reminder_parts, int64_t remind_at,
                    int64_t now) override;
    Result<std::vector<training::Attendee>> Attendance(const training::Session& s) override;
    Result<training::Attendee> ResidentIn(const training::Session& s, const std::string& resident_id) override;
    Status SetPresent(const training::Session& s, const training::Attendee& a, bool present, bool walk_in,
                      const std::string& by, int64_t at) override;
    Status SaveCheck(const training::Session& s, const training::Attendee& a, const training::CheckResult& r,
                     const std::vector<int>& items, const std::string& by, int64_t at) override;
    Result<training::Progress> ProgressOf(const Scope& s, const std::string& area_path, int64_t now) override;

    // For the planning form: the villages in scope (id, name, path), by name; the users of a commune
    // (id, name), by name; the residents of a session's area not yet on its list (walk-ins).
    struct Named {
        std::string id, name, path;
    };
    Result<std::vector<Named>> VillagesIn(const Scope& s);
    Result<std::vector<Named>> UsersOf(const std::string& commune_path);
    Result<std::vector<training::Attendee>> OthersIn(const training::Session& s);

  private:
    Result<std::vector<training::Session>> Select(const std::string& where, const Params& p,
                                                  const std::string& order);
    Result<std::vector<training::Attendee>> Residents(const training::Session& s, const std::string& where,
                                                      const Params& p);
    Database& db_;
    RegistryStore& registry_;
};

}  // namespace caunoi::storage
