#include "translation/clips.hpp"

#include <algorithm>

#include "translation/languages.hpp"

namespace caunoi::translation {

bool IsVoiceLanguage(std::string_view lang) { return lang != "en" && Contains(kLanguages, lang); }

Result<ClipUpload> ClipService::AddPiece(const Actor& a, const std::string& id, const std::string& key,
                                         const std::string& lang, int64_t offset, int64_t total,
                                         const std::string& bytes, int64_t max_bytes) {
    if (!IsVoiceLanguage(lang)) return Error::Invalid("lang", "not a residents' language", N_("Choose the language"));
    if (total > max_bytes)
        return Error{ErrorCode::kPayloadTooLarge, N_("The recording is too large: at most 12 MB"), "upload too large",
                     "audio"};
    CAUNOI_ASSIGN(auto found, repo_.FindUpload(id));
    ClipUpload u{id, key, lang, total, 0, a.user_id};
    if (found) {
        u = *found;
        if (u.total != total || u.key != key || u.lang != lang) return Error::Conflict("another upload has this id");
    } else {
        CAUNOI_ASSIGN(auto texts, catalogue_());
        if (std::none_of(texts.begin(), texts.end(), [&](const Text& t) { return t.key == key; }))
            return Error::NotFound("no text " + key);
        CAUNOI_ASSIGN(int64_t open, repo_.KeepRecentUploads(a.user_id, clock_.NowSeconds() - kUploadSeconds));
        if (open >= kOpenUploads)
            return Error{ErrorCode::kTooManyRequests, N_("Wait until your other recordings have been sent"),
                         std::to_string(open) + " uploads on their way", "audio", 600};
    }
    if (u.received >= u.total || offset < u.received) return u;
    if (offset > u.received) return Error::Conflict("resume at " + std::to_string(u.received));
    if (bytes.empty() || offset + static_cast<int64_t>(bytes.size()) > total)
        return Error::Invalid("audio", "piece empty or past the end",
                              N_("The recording did not arrive whole: send it again"));
    const int64_t now = clock_.NowSeconds();
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        if (!found) CAUNOI_TRY(repo_.StartUpload(u, now));
        return repo_.AddPart(id, offset, bytes);
    }));
    u.received += static_cast<int64_t>(bytes.size());
    return u;
}

Result<std::optional<VoiceClip>> ClipService::Existing(const std::string& id) {
    auto c = repo_.Find(id);
    if (!c.ok() && c.error().code == ErrorCode::kNotFound) return std::optional<VoiceClip>{};
    if (!c.ok()) return c.error();
    return std::optional<VoiceClip>(std::move(c).value());
}

Result<VoiceClip> ClipService::Keep(const Actor& a, const ClipUpload& u, double seconds, double input_lufs,
                                    const std::string& opus, const std::string& mp3) {
    CAUNOI_ASSIGN(auto texts, catalogue_());
    const auto text = std::find_if(texts.begin(), texts.end(), [&](const Text& t) { return t.key == u.key; });
    if (text == texts.end()) return Error::NotFound("no text " + u.key);
    VoiceClip c;
    c.id = u.id;
    c.key = u.key;
    c.lang = u.lang;
    c.source = text->vi;
    c.seconds = seconds;
    c.input_lufs = input_lufs;
    c.recorded_by = u.created_by;
    c.recorded_at = clock_.NowSeconds();
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_ASSIGN(bool added, repo_.Insert(c, opus, mp3));
        CAUNOI_TRY(repo_.DropUpload(u.id));
        if (!added) return {};  // made already by the same upload's other request
        return audit_.Record(a, "clip.record", "voice_clip", c.id, "", c.lang + " " + c.key);
    }));
    return repo_.Find(c.id);
}

Result<bool> ClipService::MayReview(const Actor& a, const std::string& lang) {
    if (lang == "vi") return a.AtLeast(Role::kTeamLeader);
    CAUNOI_ASSIGN(auto langs, translations_.LanguagesOf(a.user_id));
    return std::find(langs.begin(), langs.end(), lang) != langs.end();
}

Result<VoiceClip> ClipService::Review(const Actor& a, const std::string& id, bool approve, const std::string& note) {
    CAUNOI_ASSIGN(VoiceClip c, repo_.Find(id));
    CAUNOI_ASSIGN(bool may, MayReview(a, c.lang));
    if (!may) return Error::Forbidden("may not review clips in " + c.lang);
    if (c.recorded_by == a.user_id)
        return Error{ErrorCode::kForbidden, N_("A second member approves it: not the one who recorded it"),
                     "own recording", ""};
    if (!approve && note.find_first_not_of(" \t\r\n") == std::string::npos)
        return Error::Invalid("note", "no reason", N_("Say what to change, for the one who recorded it"));
    if (approve) {
        CAUNOI_ASSIGN(auto texts, catalogue_());
        const auto t = std::find_if(texts.begin(), texts.end(), [&](const Text& x) { return x.key == c.key; });
        if (t == texts.end() || t->vi != c.source)
            return Error{ErrorCode::kConflict, N_("The text changed since this was recorded: record it again"),
                         "source changed", ""};
    }
    const int64_t now = clock_.NowSeconds();
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_ASSIGN(bool reviewed, repo_.Review(id, approve ? State::kApproved : State::kRejected, a.user_id, now,
                                                  approve ? "" : note.substr(0, 500)));
        if (!reviewed)
            return Error{ErrorCode::kConflict, N_("Someone reviewed it already"), "no longer a proposal", ""};
        if (approve) CAUNOI_TRY(repo_.ReplaceApproved(c.key, c.lang, id));
        return audit_.Record(a, approve ? "clip.approve" : "clip.reject", "voice_clip", id, "", c.lang + " " + c.key);
    }));
    return repo_.Find(id);
}

Result<std::optional<VoiceClip>> ClipService::InUse(const std::string& key, const std::string& lang,
                                                    const std::string& vietnamese) {
    CAUNOI_ASSIGN(auto c, repo_.Approved(key, lang));
    if (!c || c->source != vietnamese) return std::optional<VoiceClip>{};
    return c;
}

Result<std::string> ClipService::File(const std::string& id, const std::string& format, bool reviewer) {
    if (format != "opus" && format != "mp3") return Error::NotFound("no such format");
    CAUNOI_ASSIGN(auto c, repo_.Find(id));
    // An unapproved clip never reaches a resident: only members reviewing hear it.
    if (c.state != State::kApproved && !(reviewer && c.state == State::kProposed))
        return Error::NotFound("not approved");
    return repo_.Audio(id, format);
}

}  // namespace caunoi::translation
