// Training sessions (issue 19, docs/training.md): a team leader plans a session of one or more
// curriculum modules for a village or the whole commune — trainers, place, day and time,
// capacity — warned when the crop calendar, a market or the evening rush makes it a poor time
// (training/schedule.hpp); invites households (by default those where nobody has the module's
// skill yet) by SMS, with a reminder the day before, and lists those to invite by visit; takes
// attendance and the practical checks, online or offline in the field app (sync operations
// training_attendance and training_check); a check moves the resident's skill in the same skill
// history as support sessions.
// Thread-safety: one thread (as the repository).
#pragma once

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/fields.hpp"
#include "core/result.hpp"
#include "core/transactions.hpp"
#include "training/curriculum.hpp"
#include "training/schedule.hpp"

namespace caunoi::training {

inline constexpr int kMaxCapacity = 200;
inline constexpr int kMaxTrainers = 4;
inline constexpr size_t kMaxPlaceChars = 120;
// The reminder goes the evening before (local time), if that is still ahead when inviting.
inline constexpr int kReminderMinute = 17 * 60;
// Attendance and checks are taken from an hour before the start.
inline constexpr int64_t kAttendanceOpensBefore = 3600;

struct Trainer {
    std::string user_id, name;
};

struct Session {
    std::string id;  // a ULID
    std::string commune_id, commune_path, commune_name;
    std::string village_id;  // "" : the whole commune
    std::string village_name;
    std::string area_path;  // the village's, or the commune's
    std::string place;
    std::vector<std::string> modules;  // curriculum keys
    std::vector<Trainer> trainers;
    int64_t starts_at = 0, ends_at = 0;  // epoch seconds
    int capacity = 0;
    bool cancelled = false;
    std::string accepted;  // the concerns the planner was shown and planned anyway ("peak,market")
    std::string created_by;
    int64_t created_at = 0;
    int64_t invited = 0, present = 0;  // households invited, residents present
};

// A household the session could invite: who to text, or that someone must go.
struct Candidate {
    std::string household_id, household_name, village_id;
    bool has_skill = false;  // someone already independent in the module's skill
    std::string phone;       // a resident's who agreed to notifications (national form); "" : none
    std::string language = "vi";
    bool invited = false;
    std::string channel;  // when invited: sms | visit
};

// A resident on the attendance list: of an invited household, or present.
struct Attendee {
    std::string resident_id, full_name, household_id, household_name;
    bool invited = false, present = false, walk_in = false;
    std::array<int, 5> skills{};
    std::map<std::string, std::vector<int>> checks;  // module -> each item 0 not yet, 1 with help, 2 alone
};

struct CheckResult {
    std::string module;
    int skill = 0;
    int from = 0, to = 0;  // the skill's level before and after
};

struct Progress {
    int64_t households = 0, households_all_five = 0, residents = 0;
    std::array<std::array<int64_t, 3>, 5> levels{};  // per skill, residents at none / assisted / independent
    int64_t sessions_held = 0, attendance = 0, checks = 0;
    struct Unreached {
        std::string household_id, household_name, village_id, village_name;
    };
    std::vector<Unreached> unreached;  // no support session, no training attended: the next round
};

class TrainingRepository {
  public:
    virtual ~TrainingRepository() = default;
    // The village (in scope) and its commune, or the commune itself when `village_id` is empty
    // and `commune_id` is given. NotFound otherwise.
    virtual Result<Session> PlaceOf(const Scope& s, const std::string& commune_id, const std::string& village_id) = 0;
    // Users of the commune (not disabled) among `ids`, with their names; the others are missing.
    virtual Result<std::vector<Trainer>> TrainersIn(const std::string& commune_path,
                                                    const std::vector<std::string>& ids) = 0;
    // Sessions not cancelled that overlap [starts, ends): sharing a trainer, anywhere; or in the
    // commune at `place` (compared folded).
    virtual Result<std::vector<Session>> Overlapping(const std::vector<std::string>& trainer_ids,
                                                     const std::string& commune_id, const std::string& place_folded,
                                                     int64_t starts, int64_t ends) = 0;
    virtual Status Insert(const Session& s, const std::string& place_folded) = 0;
    // A session in scope (its area in the actor's scope, or the actor one of its trainers).
    virtual Result<Session> Find(const Scope& s, const std::string& user_id, const std::string& id) = 0;
    // In scope, starting at or after `from`, soonest first (or before it, latest first).
    virtual Result<std::vector<Session>> List(const Scope& s, const std::string& user_id, int64_t from, bool upcoming,
                                              int limit) = 0;
    virtual Status MarkCancelled(const Session& s, const std::string& by, int64_t at) = 0;
    // Stops the session's SMS not yet sent (invitations and reminders); how many.
    virtual Result<int64_t> StopSms(const Session& s) = 0;
    // The households of the session's area, whether someone is independent in `skill`, the first
    // resident with a phone who agreed to notifications (and did not opt out), whether invited.
    virtual Result<std::vector<Candidate>> Candidates(const Session& s, int skill) = 0;
    // Records the invitation; false when the household was invited already.
    virtual Result<bool> InsertInvitation(const Session& s, const Candidate& c, const std::string& by, int64_t at) = 0;
    // Queues the invitation (now) and the reminder (at `remind_at`, 0: none) to the household's
    // phone, once each per session and number.
    virtual Status QueueSms(const Session& s, const Candidate& c, const std::string& text, bool ucs2, int parts,
                            const std::string& reminder, int reminder_parts, int64_t remind_at, int64_t now) = 0;
    // The residents of invited households and those present, with their skills and checks.
    virtual Result<std::vector<Attendee>> Attendance(const Session& s) = 0;
    // The resident with their skills, if they live in the session's area; NotFound otherwise.
    virtual Result<Attendee> ResidentIn(const Session& s, const std::string& resident_id) = 0;
    virtual Status SetPresent(const Session& s, const Attendee& a, bool present, bool walk_in, const std::string& by,
                              int64_t at) = 0;
    // Stores the check (replacing an earlier one of the same module) and, when `to` > `from`,
    // the resident's new level with its skill event (training_id = the session).
    virtual Status SaveCheck(const Session& s, const Attendee& a, const CheckResult& r, const std::vector<int>& items,
                             const std::string& by, int64_t at) = 0;
    virtual Result<Progress> ProgressOf(const Scope& s, const std::string& area_path, int64_t now) = 0;
};

// Translates a message id into a language ("vi", "tai", ...); returns the msgid when missing.
using TranslateTo = std::function<std::string(const std::string& lang, const char* msgid)>;

struct PlanOutcome {
    std::optional<Session> session;  // stored; empty when the planner must first see the concerns
    std::vector<Concern> concerns;
    std::vector<Slot> suggestions;
};

struct InviteOutcome {
    int64_t sms = 0, visit = 0, already = 0;
    std::vector<Candidate> to_visit;  // invited, no phone: the team goes
};

class TrainingService {
  public:
    // `curriculum` is read on every call (the province admin may replace it); `calendar` gives the
    // commune's crop calendar; `holidays` the public holidays; `tr` translates SMS texts;
    // `sms_unicode` as the SMS setting.
    TrainingService(TrainingRepository& repo, Transactions& tx, audit::AuditLog& audit, const Clock& clock,
                    std::function<Curriculum()> curriculum,
                    std::function<Result<board::CropCalendar>(const std::string& commune_id)> calendar,
                    Holidays holidays, TranslateTo tr, bool sms_unicode)
        : repo_(repo),
          tx_(tx),
          audit_(audit),
          clock_(clock),
          curriculum_(std::move(curriculum)),
          calendar_(std::move(calendar)),
          holidays_(std::move(holidays)),
          tr_(std::move(tr)),
          unicode_(sms_unicode) {}

    // Team leaders and above, in their scope. Fields: village_id (or commune_id for the whole
    // commune), modules (keys, comma-separated), trainers (user ids, comma-separated), place,
    // date (YYYY-MM-DD), time (HH:MM), minutes (15–480; default the modules' total), capacity
    // (1–200), accept ("1": plan despite the concerns shown). Refused naming the field: a time
    // not ahead, an unknown module, a trainer not of the commune, a trainer or the place already
    // booked then (Conflict). With concerns and no accept: nothing stored, the concerns and three
    // better times returned.
    Result<PlanOutcome> Plan(const Actor& a, const Fields& f);
    Result<Session> Get(const Actor& a, const std::string& id);
    Result<std::vector<Session>> Upcoming(const Actor& a, int limit = 50);
    Result<std::vector<Session>> Past(const Actor& a, int limit = 50);
    // Team leaders and above; stops the SMS not yet sent. A session already begun is refused.
    Result<int64_t> Cancel(const Actor& a, const std::string& id);

    // The households it may invite, those without the first module's skill first.
    Result<std::vector<Candidate>> Candidates(const Actor& a, const std::string& id);
    // Invites `households` (ids, comma-separated; absent: every household without the skill):
    // by SMS where a resident agreed to notifications, with the reminder the evening before;
    // the others to visit. A household invited before is not texted again.
    Result<InviteOutcome> Invite(const Actor& a, const std::string& id, const Fields& f);

    Result<std::vector<Attendee>> Attendance(const Actor& a, const std::string& id);
    // Fields: resident_id, present ("1"/"0"). A resident of the session's area, not of an
    // invited household, is a walk-in. `at`: when it was done (the phone's time, offline).
    Status MarkPresent(const Actor& a, const std::string& id, const Fields& f, int64_t at);
    // Fields: resident_id, module, item_1 … item_N (0 not yet, 1 with help, 2 alone; N the
    // module's check items). The resident must be present; the module taught in the session.
    // All items done at least with help: assisted; all alone: independent; never lowers a level.
    Result<CheckResult> Check(const Actor& a, const std::string& id, const Fields& f, int64_t at);

    // Households reaching the target, skills by level, sessions, attendance and the households
    // never reached, for an area in scope (a village or a commune).
    Result<Progress> ProgressOf(const Actor& a, const std::string& area_path);

    // The SMS a household gets (Vietnamese without diacritics unless the language's catalog has
    // it): "Cau Noi: lop hoc ... ".
    std::string InvitationText(const Session& s, const std::string& lang, bool reminder) const;

  private:
    Result<Session> Open(const Actor& a, const std::string& id, bool for_attendance, int64_t at);
    TrainingRepository& repo_;
    Transactions& tx_;
    audit::AuditLog& audit_;
    const Clock& clock_;
    std::function<Curriculum()> curriculum_;
    std::function<Result<board::CropCalendar>(const std::string&)> calendar_;
    Holidays holidays_;
    TranslateTo tr_;
    bool unicode_;
};

// "08:30" -> 510; nullopt for anything else.
std::optional<int> ParseClock(const std::string& hhmm);
// Epoch seconds of a local day and minute (UTC+7).
int64_t LocalEpoch(int64_t day, int minute);

}  // namespace caunoi::training
