// Warnings (issue 17): alerts received as CAP 1.2 and warnings composed by officers, kept and sent
// the same way (docs/warnings.md). An alert is taken once per sender and identifier; an Update or
// Cancel supersedes what it refers to, stops that one's messages not yet sent and sends the
// correction to those who got it. Only an Actual alert reaches residents and subscribers; an
// Exercise reaches staff and loudspeaker operators, marked as an exercise; Test, System and Draft
// reach nobody. Everything one alert does happens in one transaction: kept and queued, or nothing.
// Thread-safety: one thread (as the repositories).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/transactions.hpp"
#include "warnings/audience.hpp"
#include "warnings/cap.hpp"
#include "warnings/places_in_text.hpp"
#include "warnings/warning_sms.hpp"

namespace caunoi::warnings {

struct StoredAlert {
    std::string id;      // ours (a ULID)
    int64_t number = 0;  // the short number people use ("DA DOC 12")
    std::string sender, identifier;
    int64_t sent = 0;
    std::string status, msg_type;
    int64_t expires = 0;  // the latest of its info blocks' expiry, 0 = none given
    int64_t received_at = 0;
    std::string superseded_by;  // the Update or Cancel that replaced it
    std::string composed_by;    // the officer who composed it; "" = received as CAP
    // What residents are told (PartsOf its XML): for banners and lists. Level 0 for a Cancel.
    Hazard hazard = Hazard::kOther;
    int level = 0;
    std::string where, from, instruction;
    std::vector<std::string> communes;  // official codes named by its geocodes
};

class AlertRepository {
  public:
    virtual ~AlertRepository() = default;
    // NotFound if no alert of that sender has that identifier.
    virtual Result<StoredAlert> FindByKey(const std::string& sender, const std::string& identifier) = 0;
    virtual Result<StoredAlert> FindById(const std::string& id) = 0;
    virtual Result<std::string> XmlOf(const std::string& id) = 0;
    // Keeps it with the next number, which it returns. Conflict if the sender and identifier are
    // taken (another process took it first).
    virtual Result<int64_t> Insert(const StoredAlert& a, const std::string& xml) = 0;
    virtual Status Supersede(const std::string& id, const std::string& by) = 0;
    // Not superseded, not a Cancel, not expired at `now`, newest first.
    virtual Result<std::vector<StoredAlert>> InForce(int64_t now, int limit) = 0;
    // Of those, the ones that reached a village in `s`.
    virtual Result<std::vector<StoredAlert>> InForceIn(const Scope& s, int64_t now, int limit) = 0;
    // Every alert that reached a village in `s` (and those reaching none, for the province), newest first.
    virtual Result<std::vector<StoredAlert>> Recent(const Scope& s, int limit) = 0;
    // The hash of the key a sender posts with; NotFound for none.
    virtual Result<std::string> SenderOfKey(const std::string& key_hash) = 0;
    virtual Status SetSenderKey(const std::string& sender, const std::string& key_hash, int64_t at) = 0;
};

struct Imported {
    StoredAlert alert;
    bool duplicate = false;  // the same sender and identifier came before: nothing changed
    int64_t messages = 0;    // queued by this alert
};

// What an officer composes.
struct Draft {
    // Given by the preview and sent back with "Send": the same warning sent twice (a double tap, a
    // form sent again) is taken once. "" for a new one.
    std::string id;
    Hazard hazard = Hazard::kOther;
    int level = 0;
    std::vector<std::string> communes;  // official codes: every village of each
    std::vector<std::string> villages;  // ids picked one by one
    std::vector<std::vector<CapPoint>> polygons;
    std::vector<CapCircle> circles;
    std::string where;  // as the officer says it; "" = named from the villages reached
    std::string what_to_do;
    int64_t until = 0;
    bool exercise = false;
};

// What sending would do: shown before "Send".
struct Preview {
    std::string id;  // the warning's identifier if it is sent (Draft::id)
    std::vector<ReachedPlace> villages;
    AudienceCounts counts;
    ScriptParts parts;
    WarningSms sms;
    std::string script;  // for the loudspeakers
};

struct AlertOptions {
    bool unicode = false;           // SMS keep diacritics (UCS-2)
    std::string link_base;          // "https://caunoi.example.vn": operators' page links in SMS
    std::string sender = "caunoi";  // our CAP sender: "<sender>@<commune code>"
};

class AlertService {
  public:
    static constexpr int64_t kMaxValidity = 7 * 86400;  // a composed warning holds at most a week

    // `known_commune`: whether an official commune code is one of ours. `vi` translates into
    // Vietnamese (what residents read and hear).
    AlertService(AlertRepository& repo, AudienceRepository& audience, Transactions& tx, const Clock& clock,
                 std::function<bool(const std::string&)> known_commune, Translate vi, AlertOptions options)
        : repo_(repo),
          audience_(audience),
          tx_(tx),
          clock_(clock),
          known_commune_(std::move(known_commune)),
          vi_(std::move(vi)),
          options_(std::move(options)) {}

    // Reads `xml` (ParseCap), keeps it and sends it. Refused (Invalid, naming the element) besides
    // what CAP forbids: expired, sent more than a day ahead, a geocode "commune" we do not know,
    // an Update or Cancel that refers to an alert we never received.
    Result<Imported> Import(const std::string& xml);
    // The same from a system posting with its key: the alert's sender must be the key's.
    Result<Imported> ImportWithKey(const std::string& key, const std::string& xml);
    // A new key for `sender` (replacing any): shown once, kept hashed.
    Result<std::string> NewSenderKey(const std::string& sender);

    // Commune officers for villages of their commune, the province admin for any. Invalid naming
    // the field for what is missing or wrong.
    Result<Preview> PreviewDraft(const Actor& a, const Draft& d);
    // The communes and villages the actor may warn (officers and above).
    Result<Places> PlacesFor(const Actor& a);
    // The communes a pasted bulletin names (a proposal, never a send), over every commune of ours.
    Result<PlacesInText> FindInText(const Actor& a, const std::string& text);
    Result<Imported> Send(const Actor& a, const Draft& d);
    // Cancels a warning the actor could have composed (a CAP Cancel of it).
    Result<Imported> Cancel(const Actor& a, const std::string& id);

    Result<std::vector<StoredAlert>> InForce(int limit) { return repo_.InForce(clock_.NowSeconds(), limit); }
    Result<std::vector<StoredAlert>> InForceFor(const Actor& a, int limit);
    Result<std::vector<StoredAlert>> Recent(const Actor& a, int limit) { return repo_.Recent(a.scope, limit); }
    // Public: an Actual alert (NotFound for any other, as for none).
    Result<std::pair<StoredAlert, CapAlert>> Public(const std::string& id);
    // Officers of an area it reached (or the province): NotFound otherwise.
    Result<std::pair<StoredAlert, Reach>> ReachOf(const Actor& a, const std::string& id);
    Result<std::pair<StoredAlert, CapAlert>> ForStaff(const Actor& a, const std::string& id);

    // The loudspeaker operator's page (no login: the token is in the operator's SMS).
    struct ForOperator {
        StoredAlert alert;
        VillageReach village;
        std::string script;
        CapAlert cap;
    };
    // Warning SMS in residents' languages (issue 21, item 4; set by the translations module):
    // `translated(lang, msgid)` is the approved translation of a warning template (TemplateKey
    // "warnings:" + msgid) in `lang`, or nothing. A resident who reads one of `langs` gets the
    // SMS in it when its head template is translated; everyone else the Vietnamese.
    using Translated = std::function<std::optional<std::string>(const std::string& lang, const char* msgid)>;
    void OnLanguages(std::vector<std::string> langs, Translated translated) {
        languages_ = std::move(langs);
        translated_ = std::move(translated);
    }
    Result<ForOperator> OperatorPage(const std::string& token);
    Status AcknowledgeOnPage(const std::string& token);
    // The loudspeaker script of a warning in force that anyone may read (Actual, not an exercise
    // or a test): what the public warnings page reads aloud. NotFound for any other.
    Result<std::string> PublicScript(const std::string& id);
    // "DA DOC <number>" from `phone`: the villages it operates acknowledged; NotFound when the
    // number operates no loudspeaker this warning reached.
    Result<int64_t> AcknowledgeBySms(int64_t number, const std::string& phone);

    // Officers: a village's loudspeaker (working or not, its operator and their phone).
    Status SetLoudspeaker(const Actor& a, const std::string& village_id, bool working, const std::string& name,
                          const std::string& phone);

  private:
    // The warning's loudspeaker script, from its CAP (a received warning's instruction too long
    // to read in a minute is left out: the pages show it in full).
    Result<std::string> ScriptOf(const StoredAlert& alert, CapAlert* cap = nullptr);
    Result<Imported> Receive(const CapAlert& cap, const std::string& xml, const std::string& composed_by,
                             const std::vector<ReachedPlace>* reached);
    Result<std::vector<ReachedPlace>> Match(const CapAlert& cap, const std::vector<std::string>& picked,
                                            const Places& places);
    Result<Preview> Prepare(const Actor& a, const Draft& d, CapAlert& cap);
    Result<int64_t> Fanout(const StoredAlert& a, const CapAlert& cap, const std::vector<ReachedPlace>& reached);
    Result<int64_t> Correct(const StoredAlert& old, const StoredAlert& by);
    bool MayWarn(const Actor& a) const;

    AlertRepository& repo_;
    AudienceRepository& audience_;
    Transactions& tx_;
    const Clock& clock_;
    std::function<bool(const std::string&)> known_commune_;
    Translate vi_;
    AlertOptions options_;
    std::vector<std::string> languages_;
    Translated translated_;
};

}  // namespace caunoi::warnings
