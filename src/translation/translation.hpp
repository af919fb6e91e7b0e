// Community translations of residents' content (issue 21, item 1; docs/translations.md): a
// translator of a language proposes a text's translation (on the side-by-side page or in a .po
// file), a second translator of that language approves or rejects it, and only then is it used.
// Each proposal is kept with who and when, and who reviewed it when; approving a new one replaces
// the one in use (kept, as replaced). A translation is used only while the Vietnamese it was made
// from is the text's Vietnamese: otherwise it is outdated, and residents get the Vietnamese.
// Nothing is ever machine-made.
//
// Translators are people with an account the province admin named as translators of a language
// (any role: a Mông-speaking member, a teacher with a member account).
// Thread-safety: one thread (as the repository).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/transactions.hpp"
#include "core/vocabulary.hpp"
#include "translation/catalogue.hpp"
#include "translation/po.hpp"

namespace caunoi::translation {

enum class State { kProposed, kApproved, kRejected, kReplaced };
inline constexpr Term kStateTerms[] = {{"proposed", N_("waiting for review")},
                                       {"approved", N_("approved")},
                                       {"rejected", N_("sent back")},
                                       {"replaced", N_("replaced")}};
inline constexpr EnumVocabulary<State> kStates{kStateTerms};

struct Translation {
    std::string id;  // a ULID
    std::string key, lang, body;
    std::string source;  // the Vietnamese it was made from
    State state = State::kProposed;
    std::string proposed_by, proposed_by_name;
    int64_t proposed_at = 0;
    std::string reviewed_by, reviewed_by_name;
    int64_t reviewed_at = 0;
    std::string note;  // the reviewer's reason for sending it back
};

struct Translator {
    std::string user_id, name, lang;
    std::string granted_by;
    int64_t granted_at = 0;
};

class TranslationRepository {
  public:
    virtual ~TranslationRepository() = default;
    virtual Result<std::vector<std::string>> LanguagesOf(const std::string& user_id) = 0;
    virtual Result<std::vector<Translator>> Translators() = 0;
    // False when nothing changed (already granted / not granted).
    virtual Result<bool> Grant(const Translator& t) = 0;
    virtual Result<bool> Revoke(const std::string& user_id, const std::string& lang) = 0;
    virtual Status Insert(const Translation& t) = 0;
    virtual Result<Translation> Find(const std::string& id) = 0;
    // Sets a proposal's review; false when it was no longer a proposal (reviewed meanwhile).
    virtual Result<bool> Review(const std::string& id, State state, const std::string& by, int64_t at,
                                const std::string& note) = 0;
    // The approved translation of (key, lang) other than `except_id` becomes replaced.
    virtual Status ReplaceApproved(const std::string& key, const std::string& lang, const std::string& except_id) = 0;
    // Proposals and approved translations of `lang` ("" : every language), oldest first.
    virtual Result<std::vector<Translation>> Live(const std::string& lang) = 0;
    // The approved translation of (key, lang), if any.
    virtual Result<std::optional<Translation>> Approved(const std::string& key, const std::string& lang) = 0;
    // A village's main languages besides Vietnamese (none: empty).
    virtual Result<std::vector<std::string>> VillageLanguages(const std::string& village_id) = 0;
    virtual Status SetVillageLanguages(const std::string& village_id, const std::vector<std::string>& langs,
                                       const std::string& by, int64_t at) = 0;
    // A village's area path, when `village_id` is a village (NotFound otherwise).
    virtual Result<std::string> VillagePath(const std::string& village_id) = 0;
};

// What the pages show of one text in one language.
struct TextStatus {
    Text text;
    std::optional<Translation> approved;  // the one in use, or outdated
    bool outdated = false;                // approved, but made from another Vietnamese
    std::vector<Translation> proposals;   // waiting for review
};

class TranslationService {
  public:
    using Catalogue = std::function<Result<std::vector<Text>>()>;
    TranslationService(TranslationRepository& repo, Transactions& tx, audit::AuditLog& audit, const Clock& clock,
                       Catalogue catalogue)
        : repo_(repo), tx_(tx), audit_(audit), clock_(clock), catalogue_(std::move(catalogue)) {}

    Result<std::vector<Text>> Texts() { return catalogue_(); }
    // The languages `a` translates.
    Result<std::vector<std::string>> LanguagesOf(const Actor& a) { return repo_.LanguagesOf(a.user_id); }
    Result<std::vector<Translator>> Translators() { return repo_.Translators(); }
    // Province admin only (Forbidden otherwise): names or un-names a translator of `lang`.
    Status SetTranslator(const Actor& a, const std::string& user_id, const std::string& lang, bool on);

    // A translator of `lang` proposes `body` for text `key`: checked (CheckTranslation), kept as
    // waiting for review. Forbidden for anyone else; NotFound for a key not in the catalogue.
    Result<Translation> Propose(const Actor& a, const std::string& lang, const std::string& key,
                                const std::string& body);
    // A translator of the proposal's language, not its author (Forbidden), approves it (the one in
    // use before is replaced) or sends it back with a reason (Invalid naming "note" without one).
    // Conflict when it was reviewed meanwhile or its Vietnamese changed since it was proposed.
    Result<Translation> Review(const Actor& a, const std::string& id, bool approve, const std::string& note);
    // A .po file of `lang` from a translator: with any problem nothing is stored (the problems are
    // returned); otherwise every changed translation becomes a proposal, all in one transaction.
    Result<PoImport> Import(const Actor& a, const std::string& lang, std::string_view po);
    // The .po of `lang` (approved translations; outdated ones marked fuzzy).
    Result<std::string> Export(const std::string& lang);

    // Every text with its state in `lang`.
    Result<std::vector<TextStatus>> Overview(const std::string& lang);
    // A village's main languages besides Vietnamese, in kTargetLanguages' order.
    Result<std::vector<std::string>> VillageLanguages(const std::string& village_id) {
        return repo_.VillageLanguages(village_id);
    }
    // Commune officers and above, for a village in their scope (NotFound otherwise): sets its main
    // languages (Invalid naming "languages" for a code not in kTargetLanguages).
    Status SetVillageLanguages(const Actor& a, const std::string& village_id, const std::vector<std::string>& langs);
    // The approved translation of `key` in `lang` made from `vietnamese` (the text as it is now),
    // if any: what residents get.
    Result<std::optional<std::string>> InUse(const std::string& key, const std::string& lang,
                                             const std::string& vietnamese);

  private:
    Result<bool> IsTranslator(const Actor& a, const std::string& lang);
    Result<const Text*> FindText(const std::vector<Text>& texts, const std::string& key);

    TranslationRepository& repo_;
    Transactions& tx_;
    audit::AuditLog& audit_;
    const Clock& clock_;
    Catalogue catalogue_;
};

}  // namespace caunoi::translation
