// Dossiers: a resident's filing of one procedure, followed from submission to its result.
// The status machine, due dates in working days, the notification texts and the public
// look-up answer are pure functions here; services.hpp stores and audits them.
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.hpp"
#include "core/i18n.hpp"
#include "core/result.hpp"
#include "core/vocabulary.hpp"
#include "procedures/catalog.hpp"

namespace caunoi::procedures {

// Where a dossier is (the moves between them: CanMove).
enum class DossierStatus {
    kSubmitted,
    kReceived,
    kProcessing,
    kSupplementRequested,
    kResubmitted,
    kResultReady,
    kResultReceived,
    kRejected,
    kWithdrawn
};
inline constexpr Term kDossierStatusTerms[] = {{"submitted", N_("Submitted")},
                                               {"received", N_("Received by the office")},
                                               {"processing", N_("Being processed")},
                                               {"supplement_requested", N_("More papers requested")},
                                               {"resubmitted", N_("Resubmitted")},
                                               {"result_ready", N_("Result ready")},
                                               {"result_received", N_("Result received")},
                                               {"rejected", N_("Refused")},
                                               {"withdrawn", N_("Withdrawn")}};
inline constexpr EnumVocabulary<DossierStatus> kDossierStatuses{kDossierStatusTerms};
// How it was filed.
inline constexpr Term kDossierChannels[] = {{"self_online", N_("Online, by the resident")},
                                            {"assisted_online", N_("Online, with the team's help")},
                                            {"desk", N_("At the commune desk")}};

struct Dossier {
    std::string id;
    std::string resident_id;
    std::string resident_name;  // filled by queries
    std::string household_id;   // filled by queries
    std::string area_path;      // the resident's village
    std::string procedure;
    std::string portal_code;
    std::string channel;
    std::string assisted_by;
    std::string assisted_by_name;  // filled by queries
    int64_t submitted_day = 0;     // local day number (core/calendar.hpp)
    int64_t due_day = 0;
    DossierStatus status = DossierStatus::kSubmitted;
    std::string phone;     // where notifications go; "" = none
    std::string language;  // the resident's preferred language
    bool notify = false;   // the resident consented to notifications
    std::string created_by;
    int64_t created_at = 0, updated_at = 0;
};

struct DossierEvent {
    std::string dossier_id;
    DossierStatus status = DossierStatus::kSubmitted;
    int64_t at = 0;
    std::string by;
    std::string by_name;  // filled by queries
    std::string note;
};

// The status named `key` (as in forms, the API and the query string); Invalid naming `status`
// for any other text.
Result<DossierStatus> StatusNamed(std::string_view key);
// True if a dossier in `from` may move to `to`. Closed dossiers never move.
bool CanMove(DossierStatus from, DossierStatus to);
std::vector<DossierStatus> NextStatuses(DossierStatus from);
bool IsClosed(DossierStatus status);  // result_received | rejected | withdrawn
// The office's clock runs (the due date binds) while the dossier is with the office.
bool ClockRunning(DossierStatus status);
bool IsOverdue(const Dossier& d, int64_t today);

// Uppercases and checks a public-service portal dossier code: 6-40 of A-Z 0-9 . - _ /,
// at least one digit (e.g. "H42.25-251128-0003").
Result<std::string> NormalizePortalCode(std::string_view raw);

// What a person may have meant by a code typed on the public look-up, in the order to try:
// "h42 16813 251128 0003", "H42-16813-251128-0003" and "H42.16813.251128.0003" all mean the
// portal's form "H42.16813-251128-0003" (the office's code in parts joined by dots, then the date
// YYMMDD and the number, each after a dash), tried first; then what was typed without spaces,
// upper-cased (a code kept in some other form). Refused (naming `code`) when it holds anything
// but letters, digits, spaces and . - _ / (typographic dashes count as dashes).
Result<std::vector<std::string>> LookupCodes(std::string_view typed);

// What the resident does next (message id).
const char* NextStepMsgid(DossierStatus status);
// What the resident does next when the office is late: not "wait", but whom to ask.
const char* NextStepMsgid(DossierStatus status, bool overdue);

// The SMS queued when a dossier enters its current status: in the resident's language when
// `approved(msgid)` gives the community's approved translation of its template (GSM-7 already),
// or a catalog carries it; else Vietnamese without diacritics (GSM-7).
using ApprovedText = std::function<std::optional<std::string>(const char* msgid)>;
std::string Notification(const Dossier& d, const Procedure& p, const i18n::Catalogs& catalogs,
                         const ApprovedText& approved = {});

}  // namespace caunoi::procedures
