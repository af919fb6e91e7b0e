// The household registry: households in villages, residents in households, with each
// resident's digital-readiness profile (DESIGN.md §4).
//
// Personal data rules enforced here: consent (who, when, purposes) before anything is
// stored; national ID kept only as a keyed hash + last 4 digits; every read of a
// resident's record and every change is audited. Scope is applied by the repository in
// the queries it builds: an id outside the actor's scope is NotFound.
// Thread-safety: one thread (as the repository).
#pragma once

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/fields.hpp"
#include "core/result.hpp"
#include "core/transactions.hpp"
#include "core/vocabulary.hpp"

namespace caunoi::registry {

struct Consent {
    std::string by;  // user id who recorded it
    int64_t at = 0;
    std::string purposes;  // comma-separated subset of kConsentPurposes
};

// One step of a resident's consent: given at registration, changed (other purposes), withdrawn
// (the record erased on request). `by_name` is filled when read.
struct ConsentEvent {
    std::string id, resident_id, area_path;
    int64_t at = 0;
    std::string by_user, by_name, purposes, change;  // change: given | changed | withdrawn
};

inline constexpr std::array<std::string_view, 4> kConsentPurposes = {"registry", "support", "notifications",
                                                                     "statistics"};
// The five basic digital skills (3240/BTTTT-CĐSQG); keys are also column names.
// Each with its icon (the page sprite's i-<icon>).
inline constexpr std::array<Term, 5> kSkills = {{{"skill_public_services", N_("Online public services"), "gov"},
                                                 {"skill_shopping", N_("Online shopping"), "cart"},
                                                 {"skill_payment", N_("Online payment"), "coin"},
                                                 {"skill_safety", N_("Staying safe online"), "shield"},
                                                 {"skill_local_platforms", N_("Local digital platforms"), "map"}}};
inline constexpr std::array<Term, 3> kSkillLevels = {
    {{"none", N_("none")}, {"assisted", N_("assisted")}, {"independent", N_("independent")}}};

// Internet at home (Decision 411/QĐ-TTg counts households with fibre broadband).
inline constexpr std::array<Term, 3> kBroadband = {
    {{"none", N_("No internet at home")}, {"mobile", N_("Mobile data only")}, {"fibre", N_("Fibre broadband")}}};

struct Household {
    std::string id;
    std::string village_id;
    std::string area_path;
    std::string name;
    std::string address;
    std::string broadband;  // internet at home: "" not asked yet | none | mobile | fibre (kBroadband)
    Consent consent;
    int64_t created_at = 0;
    int64_t updated_at = 0;
    int resident_count = 0;
};

struct Resident {
    std::string id;
    std::string household_id;
    std::string area_path;
    std::string full_name;
    std::optional<int64_t> birth_year;
    std::string sex;  // f | m | x | ""
    std::string phone;
    std::string phone_kind = "none";  // none | basic | smart
    std::string language = "vi";      // vi | tai (Thái) | hmn (Mông) | kjg (Khơ Mú) | other
    std::string ethnicity;            // sensitive
    int vneid_level = 0;              // 0 none, 1, 2
    bool portal_account = false;
    bool payment_account = false;
    std::array<int, 5> skills{};  // order of kSkills; 0 none, 1 assisted, 2 independent
    std::string national_id_hash;
    std::string national_id_last4;
    Consent consent;
    int64_t created_at = 0;
    int64_t updated_at = 0;
};

// What recording a support session needs of a household's residents (who they are, their phone,
// their skills): a lighter read than whole residents.
struct Member {
    std::string id;
    std::string phone_kind;
    std::array<int, 5> skills{};
};

// A household as recording a session needs it: where it is and who lives there (all of them, or
// only some when `complete` is false).
struct HouseholdMembers {
    std::string id;
    std::string village_id;
    std::string area_path;
    std::vector<Member> members;
    bool complete = true;
};

struct HouseholdQuery {
    std::string village_id;  // optional
    std::string text;        // optional, any form of the name (diacritics, case ignored)
    std::string after;       // cursor from a previous page
    int limit = 50;
};

struct HouseholdPage {
    std::vector<Household> items;
    std::string next_cursor;  // empty at the end
    // A name search: more households matched than a search reads (RegistryStore's match window);
    // the pages are those it read, in name order. The person is asked to narrow the search.
    bool too_many = false;
};

// A search for people as a person gives themselves at the desk or at the door: a name (any
// resident's, accents not needed), a phone number in any usual form, or a 12-digit ID-card number
// (compared through its keyed hash; the number itself is never kept).
struct PeopleQuery {
    std::vector<std::string> tokens;  // folded name tokens (all must prefix-match)
    std::vector<std::string> phones;  // the forms a phone may be stored in ("0…", "+84…")
    std::string national_id_hash;     // keyed hash of an ID number
    std::string village_id;           // optional
    int limit = 20;                   // households (names) or people (phone, ID)
};

struct PersonMatch {
    std::string resident_id;
    std::string full_name;
    std::optional<int64_t> birth_year;
    std::string household_id;
    std::string household_name;
    std::string village_id;
    std::string area_path;
    std::string matched;  // "name" | "household" (the name is the household's) | "phone" | "national_id"
};

struct PeopleFound {
    std::vector<PersonMatch> people;
    bool too_many = false;  // as HouseholdPage::too_many
};

// Vietnamese mobile numbers: 0 + 9 digits, or +84 + 9 digits. Invalid names `field`.
Status ValidPhone(const std::string& field, const std::string& phone);

// The profile fields a phone may edit offline (a subset of what UpdateResident takes), with the
// resident's values in the form fields' format: "" for none, booleans "true"/"false".
const std::vector<std::string>& ProfileFields();
std::map<std::string, std::string> ProfileValues(const Resident& r);
// `value` of `field` in that format (a boolean given as 1/on/yes becomes "true").
std::string CanonicalProfileValue(const std::string& field, const std::string& value);

class RegistryRepository {
  public:
    virtual ~RegistryRepository() = default;
    virtual Result<Household> FindHousehold(const Scope& s, const std::string& id) = 0;
    // `tokens` are folded search tokens (all must prefix-match a household or resident name).
    virtual Result<HouseholdPage> ListHouseholds(const Scope& s, const HouseholdQuery& q,
                                                 const std::vector<std::string>& tokens) = 0;
    // Residents matching `q` (name: every resident of the matching households, the service picks
    // who matched), in scope; the matched field is left to the service.
    virtual Result<PeopleFound> FindPeople(const Scope& s, const PeopleQuery& q) = 0;
    virtual Status InsertHousehold(const Household& h) = 0;
    virtual Status UpdateHousehold(const Household& h) = 0;
    // Deletes the household and (by cascade) its residents.
    virtual Status DeleteHousehold(const std::string& id) = 0;
    virtual Result<Resident> FindResident(const Scope& s, const std::string& id) = 0;
    virtual Result<std::vector<Resident>> ListResidents(const Scope& s, const std::string& household_id) = 0;
    virtual Result<std::vector<Member>> ListMembers(const Scope& s, const std::string& household_id) = 0;
    // The households among `household_ids` in scope, each with those of its members (as
    // ListMembers) among `resident_ids` (not `complete`), read together: a pushed batch of
    // sessions reads its households and the people it names at once. Ids not found are left out.
    virtual Result<std::vector<HouseholdMembers>> ListHouseholdMembers(
        const Scope& s, const std::vector<std::string>& household_ids,
        const std::vector<std::string>& resident_ids) = 0;
    virtual Status InsertResident(const Resident& r) = 0;
    virtual Status UpdateResident(const Resident& r) = 0;
    virtual Status DeleteResident(const Resident& r) = 0;
    // Keeps the history of a skill level change made outside a support session.
    virtual Status InsertSkillEvent(const Resident& r, int skill, int from, int to, int64_t at) = 0;
    virtual Status InsertConsentEvent(const ConsentEvent& e) = 0;
    // A resident's consent events, oldest first (the caller has found the resident in scope).
    virtual Result<std::vector<ConsentEvent>> ConsentHistory(const std::string& resident_id) = 0;
    // For a bulk import, inside its transaction: households and residents inserted after
    // DeferSearch() get no search document until WriteSearch(ids) writes those households' once
    // (and ends the deferral). A transaction that rolls back undoes both.
    virtual Status DeferSearch() = 0;
    virtual Status WriteSearch(const std::vector<std::string>& household_ids) = 0;
    // For a bulk import, inside its transaction: the sync change log's entries of households and
    // residents inserted after DeferChanges() are written by WriteChanges(), which ends the
    // deferral, with one tick of the sync clock for all. DropChanges() ends it and forgets them
    // (the transaction failed: its inserts are undone).
    virtual void DeferChanges() = 0;
    virtual Status WriteChanges() = 0;
    virtual void DropChanges() = 0;
};

// What the registry needs to know about villages (implemented over the area repository).
class VillageLookup {
  public:
    virtual ~VillageLookup() = default;
    // The path of a village in scope, or NotFound.
    virtual Result<std::string> VillagePath(const Scope& s, const std::string& village_id) = 0;
};

// Ethnicity is sensitive personal data (Decree 13/2023/NĐ-CP, art. 2.4): team leaders and above
// read and record it (for the commune's reports); a team member's pages, API answers and phone
// never hold it, and a member's write that carries it is refused. SeesSensitive says who may;
// Redact blanks what `a` may not see in a record about to be shown or sent.
bool SeesSensitive(const Actor& a);
void Redact(const Actor& a, Resident& r);

class RegistryService {
  public:
    RegistryService(RegistryRepository& repo, Transactions& tx, audit::AuditLog& audit, const Clock& clock,
                    std::string id_key, VillageLookup& villages)
        : repo_(repo), tx_(tx), audit_(audit), clock_(clock), id_key_(std::move(id_key)), villages_(villages) {}

    Result<HouseholdPage> ListHouseholds(const Actor& a, HouseholdQuery q);
    Result<Household> GetHousehold(const Actor& a, const std::string& id);
    // `text`: a name, a phone number or an ID-card number (see PeopleQuery). Each person listed
    // is a read of their record and is audited.
    Result<PeopleFound> FindPeople(const Actor& a, const std::string& text, const std::string& village_id = "");
    // Fields: village_id, name, address, consent, consent_purposes.
    Result<Household> CreateHousehold(const Actor& a, const Fields& f);
    Result<Household> UpdateHousehold(const Actor& a, const std::string& id, const Fields& f);

    // The consent events of a resident in `a`'s scope, oldest first.
    Result<std::vector<ConsentEvent>> ConsentHistory(const Actor& a, const std::string& resident_id);
    // Reading a resident's record is audited. What a role may not see is blanked (Redact).
    // `how`: the audit entry's detail ("" for the person's page, "data export", …).
    Result<Resident> GetResident(const Actor& a, const std::string& id, const std::string& how = "");
    Result<std::vector<Resident>> ListResidents(const Actor& a, const std::string& household_id);
    // Fields: household_id, consent, consent_purposes, and any profile field (see kResidentFields).
    Result<Resident> CreateResident(const Actor& a, const Fields& f);
    // A household with its first person (a walk-in at the desk), both or neither. `person` has no
    // household_id; its errors name its own fields.
    Result<Household> CreateHouseholdWithPerson(const Actor& a, const Fields& household, Fields person);
    Result<Resident> UpdateResident(const Actor& a, const std::string& id, const Fields& f);

    // Erasure on the person's request (their right under Decree 13/2023 and Law 91/2025).
    // Team leaders and above; the audit log keeps that it happened, not what was erased.
    Status DeleteResident(const Actor& a, const std::string& id);
    Status DeleteHousehold(const Actor& a, const std::string& id);

    // Imports households + residents from CSV (header: village_id,household,address,full_name,
    // birth_year,sex,phone,phone_kind,language,consent_purposes). All-or-nothing: the first
    // bad row aborts the import and is reported as "row N: field: problem".
    struct ImportReport {
        int households = 0;
        int residents = 0;
    };
    Result<ImportReport> ImportCsv(const Actor& a, const std::string& csv);

  private:
    // CreateResident in a household the caller has read (the import: one it has just made), with
    // the consent read from `f`.
    Result<Resident> CreateResidentIn(const Actor& a, const Household& h, const Consent& consent, const Fields& f);
    Status ApplyResidentFields(const Actor& a, Resident& r, const Fields& f, bool creating);
    Result<Consent> ReadConsent(const Actor& a, const Fields& f, bool required);
    RegistryRepository& repo_;
    Transactions& tx_;
    audit::AuditLog& audit_;
    const Clock& clock_;
    std::string id_key_;
    VillageLookup& villages_;
};

extern const std::set<std::string_view> kResidentFields;

}  // namespace caunoi::registry
