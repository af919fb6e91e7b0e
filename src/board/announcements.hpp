// Commune announcements (issue 18, item 4; docs/announcements.md): short notices commune officers
// post for their commune or some of its villages — vaccination days, allowance payment days,
// meetings, new procedures. Each is public, read aloud on the village loudspeaker (the same
// script rules and speech as warnings: warnings/spoken.hpp, audio/), printable for the notice
// board, and, only when the officer asks, sent by SMS to the numbers subscribed (DK) to the
// commune or to the chosen villages. Posting keeps the announcement and queues its SMS in one
// transaction; withdrawing it stops the SMS not yet sent.
// Thread-safety: one thread (as the repository).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.hpp"
#include "channel/encoding.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/fields.hpp"
#include "core/result.hpp"
#include "core/transactions.hpp"

namespace caunoi::board {

inline constexpr size_t kMaxTitleChars = 120;
inline constexpr size_t kMaxTextChars = 600;
inline constexpr int64_t kMaxValidSeconds = 90 * 86400;  // valid until at most 90 days ahead
inline constexpr int kMaxScriptSeconds = 60;             // read aloud in at most a minute
inline constexpr int kMaxSmsParts = 2;                   // the SMS is cut ("...") to two messages

// Message ids translated into Vietnamese (what residents read and hear).
using Translate = std::function<std::string(const char* msgid)>;

struct Commune {
    std::string id;    // official code "16813"
    std::string path;  // "40/16813"
    std::string name;  // "Mường Xén"
    bool ward = false;
};

struct VillageRef {
    std::string id, name, path;
};

struct Announcement {
    std::string id;  // a ULID
    Commune commune;
    std::string title;
    std::string text;  // may hold line breaks
    int64_t valid_until = 0;
    std::vector<VillageRef> villages;  // empty: the whole commune
    bool sms = false;                  // the officer asked for the SMS
    int64_t sms_queued = 0;            // numbers it was queued to when posted
    std::string sms_text;              // as sent ("" without SMS)
    std::string posted_by;             // user id
    int64_t posted_at = 0;
    int64_t withdrawn_at = 0;  // 0: not withdrawn
    std::string withdrawn_by;

    bool InForceAt(int64_t now) const { return withdrawn_at == 0 && valid_until > now; }
};

// Numbers subscribed (DK) and not opted out (HUY): to the commune itself, and to each village.
struct Subscribers {
    int64_t all = 0;                          // distinct numbers of the commune and all its villages
    int64_t commune = 0;                      // subscribed to the commune itself
    std::map<std::string, int64_t> villages;  // village id -> numbers subscribed to it
};

struct SmsBody {
    std::string text;
    channel::Size size;
    bool ucs2 = false;
    bool cut = false;  // the text was shortened to kMaxSmsParts messages
};

class AnnouncementRepository {
  public:
    virtual ~AnnouncementRepository() = default;
    // A commune or ward; NotFound for any other area or none.
    virtual Result<Commune> CommuneById(const std::string& id) = 0;
    // Every commune and ward, by name (the province admin picks one).
    virtual Result<std::vector<Commune>> AllCommunes() = 0;
    // Its villages, by name.
    virtual Result<std::vector<VillageRef>> VillagesOf(const std::string& commune_id) = 0;
    virtual Status Insert(const Announcement& a) = 0;
    virtual Result<Announcement> FindById(const std::string& id) = 0;
    // Marks it withdrawn (kept if already withdrawn).
    virtual Status MarkWithdrawn(const Announcement& a, const std::string& by, int64_t at) = 0;
    // Not withdrawn and valid after `now`, for the commune: those for the whole commune, and, with
    // a `village_id`, those naming that village ("" : every one of the commune). Newest first.
    virtual Result<std::vector<Announcement>> InForce(const std::string& commune_id, const std::string& village_id,
                                                      int64_t now, int limit) = 0;
    // Every announcement of the commune (withdrawn and expired ones too), newest first.
    virtual Result<std::vector<Announcement>> ListForCommune(const std::string& commune_id, int limit) = 0;
    virtual Result<Subscribers> SubscribersOf(const std::string& commune_id) = 0;
    // The SMS to every number subscribed to the commune and to its villages (only to `villages`
    // when given), not opted out, one per number; how many were queued.
    virtual Result<int64_t> QueueSms(const Announcement& a, const SmsBody& sms, int64_t now) = 0;
    // Stops its SMS not yet sent; how many.
    virtual Result<int64_t> StopSms(const Announcement& a, const std::string& reason) = 0;
};

struct Withdrawn {
    Announcement announcement;
    int64_t sms_stopped = 0;
};

class AnnouncementService {
  public:
    static constexpr int kListLimit = 50;

    // `vi` translates into Vietnamese; `unicode`: the SMS keeps its diacritics (UCS-2).
    AnnouncementService(AnnouncementRepository& repo, Transactions& tx, audit::AuditLog& audit, const Clock& clock,
                        Translate vi, bool unicode)
        : repo_(repo), tx_(tx), audit_(audit), clock_(clock), vi_(std::move(vi)), unicode_(unicode) {}

    // Commune officers for their commune, the province admin for any. Fields: commune_id (an
    // officer's own commune when absent), title, text, valid_until ("YYYY-MM-DD": to the end of
    // that day in Vietnam, or epoch seconds), villages (ids, comma-separated; none: the whole
    // commune), sms ("1" to send it). Invalid naming the field; NotFound for a commune not the
    // actor's. Kept and its SMS queued together, or nothing.
    Result<Announcement> Post(const Actor& a, const Fields& f);
    // The undo of Post: no longer in force, its SMS not yet sent stopped. NotFound outside the
    // actor's commune.
    Result<Withdrawn> Withdraw(const Actor& a, const std::string& id);
    // Public (announcements are public): any announcement, withdrawn ones included.
    Result<Announcement> Get(const std::string& id) { return repo_.FindById(id); }
    // For the village board: the commune's announcements for everyone there, plus those for
    // `village_id` when given, newest first.
    Result<std::vector<Announcement>> InForce(const std::string& commune_id, const std::string& village_id,
                                              int64_t now) {
        return repo_.InForce(commune_id, village_id, now, kListLimit);
    }
    // Officers of the commune (and the province): all of them, newest first.
    Result<std::vector<Announcement>> ListForCommune(const Actor& a, const std::string& commune_id);
    // What the compose form offers: the commune (NotFound unless the actor's), its villages and
    // how many numbers an SMS would reach.
    struct ComposeChoices {
        Commune commune;
        std::vector<VillageRef> villages;
        Subscribers subscribers;
    };
    Result<ComposeChoices> ChoicesFor(const Actor& a, const std::string& commune_id);

    // The communes the actor may post for (officers and above), by name.
    Result<std::vector<Commune>> CommunesFor(const Actor& a);

    // "UBND xã Mường Xén" (in Vietnamese).
    std::string Signature(const Commune& c) const;
    // What the loudspeaker reads (and espeak-ng speaks): who announces, the title, the text,
    // everything written as spoken. Invalid naming `text` when longer than a minute to read.
    Result<std::string> Script(const Announcement& a) const;
    // The SMS: signed, title and text, GSM-7 without diacritics unless `unicode`, at most
    // kMaxSmsParts messages (cut on a word boundary).
    SmsBody Sms(const Announcement& a) const;

  private:
    bool MayPost(const Actor& a) const;
    Result<Commune> OwnCommune(const Actor& a, const std::string& commune_id);

    AnnouncementRepository& repo_;
    Transactions& tx_;
    audit::AuditLog& audit_;
    const Clock& clock_;
    Translate vi_;
    bool unicode_;
};

// "YYYY-MM-DD" as the last second of that day in Vietnam (UTC+7); nullopt if not a date.
std::optional<int64_t> EndOfVietnamDay(std::string_view date);

}  // namespace caunoi::board
