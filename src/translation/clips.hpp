// Recorded voice of residents' texts (issue 21, item 2; docs/translations.md "Voice"): a member
// records a text of the catalogue in a language (in the browser or the field app, offline too) or
// uploads a file; the server makes it a clip (audio/clip.hpp: checked, loudness-normalised, Opus
// and MP3); a second member approves it before residents hear it. The reviewer is a translator of
// that language (for Vietnamese, a team leader or above), never the one who recorded it. A clip
// is used while the Vietnamese it was recorded for is the text's Vietnamese.
// Thread-safety: one thread (as the repository).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/transactions.hpp"
#include "translation/catalogue.hpp"
#include "translation/translation.hpp"

namespace caunoi::translation {

// The languages a clip may be in: those residents read (kLanguages without English).
bool IsVoiceLanguage(std::string_view lang);

struct VoiceClip {
    std::string id;  // the upload's id
    std::string key, lang;
    std::string source;  // the text's Vietnamese when recorded
    State state = State::kProposed;
    double seconds = 0, input_lufs = 0;
    std::string recorded_by, recorded_by_name;
    int64_t recorded_at = 0;
    std::string reviewed_by, reviewed_by_name;
    int64_t reviewed_at = 0;
    std::string note;
};

// An upload in pieces.
struct ClipUpload {
    std::string id, key, lang;
    int64_t total = 0, received = 0;
    std::string created_by;
};

class ClipRepository {
  public:
    virtual ~ClipRepository() = default;
    // False when a clip with this id exists already (the same upload made twice).
    virtual Result<bool> Insert(const VoiceClip& c, const std::string& opus, const std::string& mp3) = 0;
    virtual Result<VoiceClip> Find(const std::string& id) = 0;
    virtual Result<bool> Review(const std::string& id, State state, const std::string& by, int64_t at,
                                const std::string& note) = 0;
    virtual Status ReplaceApproved(const std::string& key, const std::string& lang, const std::string& except_id) = 0;
    // Proposed and approved clips of `lang` ("" : every language).
    virtual Result<std::vector<VoiceClip>> Live(const std::string& lang) = 0;
    virtual Result<std::optional<VoiceClip>> Approved(const std::string& key, const std::string& lang) = 0;
    // "opus" or "mp3"
    virtual Result<std::string> Audio(const std::string& id, const std::string& format) = 0;

    virtual Result<std::optional<ClipUpload>> FindUpload(const std::string& id) = 0;
    virtual Status StartUpload(const ClipUpload& u, int64_t at) = 0;
    virtual Status AddPart(const std::string& id, int64_t first_byte, const std::string& data) = 0;
    virtual Result<std::string> Assemble(const std::string& id) = 0;
    virtual Status DropUpload(const std::string& id) = 0;
    // A member's uploads still on their way: drops those started before `before`; how many remain.
    virtual Result<int64_t> KeepRecentUploads(const std::string& user_id, int64_t before) = 0;
};

class ClipService {
  public:
    // A member's recordings on their way at once (each up to 12 MB kept in pieces until whole): a
    // new one beyond these waits; pieces older than kUploadSeconds are dropped (a recording given up).
    static constexpr int64_t kOpenUploads = 3;
    static constexpr int64_t kUploadSeconds = 86400;

    ClipService(ClipRepository& repo, TranslationRepository& translations, Transactions& tx, audit::AuditLog& audit,
                const Clock& clock, TranslationService::Catalogue catalogue)
        : repo_(repo),
          translations_(translations),
          tx_(tx),
          audit_(audit),
          clock_(clock),
          catalogue_(std::move(catalogue)) {}

    // A piece of upload `id` for text `key` in `lang` from any member: checked (the text exists,
    // the language is one residents read, the size within `max_bytes`, at most kOpenUploads of the
    // member's on their way: TooManyRequests), stored. Returns the upload
    // as it stands (received == total: whole). Pieces come in order; a piece already received
    // changes nothing; one past what arrived is Conflict (the caller says where to resume).
    Result<ClipUpload> AddPiece(const Actor& a, const std::string& id, const std::string& key, const std::string& lang,
                                int64_t offset, int64_t total, const std::string& bytes, int64_t max_bytes);
    Result<std::string> Assemble(const std::string& id) { return repo_.Assemble(id); }
    Status DropUpload(const std::string& id) { return repo_.DropUpload(id); }
    Result<std::optional<VoiceClip>> Existing(const std::string& id);
    // The made clip of a whole upload, waiting for review; its pieces go in the same transaction.
    Result<VoiceClip> Keep(const Actor& a, const ClipUpload& u, double seconds, double input_lufs,
                           const std::string& opus, const std::string& mp3);
    // Approve, or send back with a reason. Forbidden for its recorder and for who may not review
    // the language; Conflict when reviewed meanwhile or the text's Vietnamese changed.
    Result<VoiceClip> Review(const Actor& a, const std::string& id, bool approve, const std::string& note);
    Result<bool> MayReview(const Actor& a, const std::string& lang);

    Result<std::vector<VoiceClip>> Live(const std::string& lang) { return repo_.Live(lang); }
    // The approved clip of `key` in `lang` recorded for `vietnamese`, if any.
    Result<std::optional<VoiceClip>> InUse(const std::string& key, const std::string& lang,
                                           const std::string& vietnamese);
    // A clip's file: approved ones for anyone; others only to `reviewer` (a logged-in member).
    Result<std::string> File(const std::string& id, const std::string& format, bool reviewer);

  private:
    ClipRepository& repo_;
    TranslationRepository& translations_;
    Transactions& tx_;
    audit::AuditLog& audit_;
    const Clock& clock_;
    TranslationService::Catalogue catalogue_;
};

}  // namespace caunoi::translation
