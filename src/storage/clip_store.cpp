#include "storage/clip_store.hpp"

#include "core/crypto.hpp"
#include "storage/review_rows.hpp"

namespace caunoi::storage {

using translation::State;
using translation::VoiceClip;

namespace {

constexpr const char* kSelect =
    "SELECT c.id, c.text_key, c.lang, c.source, c.state, c.seconds, c.input_lufs, c.recorded_by, "
    "COALESCE(p.display_name, ''), c.recorded_at, COALESCE(c.reviewed_by, ''), COALESCE(r.display_name, ''), "
    "COALESCE(c.reviewed_at, 0), c.note FROM voice_clips c LEFT JOIN users p ON p.id = c.recorded_by "
    "LEFT JOIN users r ON r.id = c.reviewed_by ";

VoiceClip From(const Row& r) {
    VoiceClip c;
    c.id = r.Text(0);
    c.key = r.Text(1);
    c.lang = r.Text(2);
    c.source = r.Text(3);
    c.state = translation::kStates.Parse(r.Text(4)).value_or(State::kRejected);
    c.seconds = r.Real(5);
    c.input_lufs = r.Real(6);
    c.recorded_by = r.Text(7);
    c.recorded_by_name = r.Text(8);
    c.recorded_at = r.Int(9);
    c.reviewed_by = r.Text(10);
    c.reviewed_by_name = r.Text(11);
    c.reviewed_at = r.Int(12);
    c.note = r.Text(13);
    return c;
}

}  // namespace

Result<bool> ClipStore::Insert(const VoiceClip& c, const std::string& opus, const std::string& mp3) {
    CAUNOI_TRY(
        db_.Exec("INSERT INTO voice_clips (id, text_key, lang, source, state, seconds, input_lufs, opus, mp3, "
                 "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                 {c.id, c.key, c.lang, c.source, StateName(c.state), c.seconds, c.input_lufs,
                  crypto::Base64Encode(opus), crypto::Base64Encode(mp3), c.recorded_by, c.recorded_at}));
    return db_.Changes() > 0;
}

Result<VoiceClip> ClipStore::Find(const std::string& id) {
    CAUNOI_ASSIGN(auto r, db_.QueryOne(std::string(kSelect) + "WHERE c.id = ?", {id}));
    return From(r);
}

Result<bool> ClipStore::Review(const std::string& id, State state, const std::string& by, int64_t at,
                               const std::string& note) {
    return ReviewRow(db_, "voice_clips", id, state, by, at, note);
}

Status ClipStore::ReplaceApproved(const std::string& key, const std::string& lang, const std::string& except_id) {
    return ReplaceApprovedRow(db_, "voice_clips", key, lang, except_id);
}

Result<std::vector<VoiceClip>> ClipStore::Live(const std::string& lang) {
    Params p{StateName(State::kApproved), StateName(State::kProposed)};
    std::string sql = std::string(kSelect) + "WHERE c.state IN (?, ?)";
    if (!lang.empty()) {
        sql += " AND c.lang = ?";
        p.push_back(lang);
    }
    CAUNOI_ASSIGN(auto rows, db_.Query(sql + " ORDER BY c.id", p));
    std::vector<VoiceClip> out;
    for (const auto& r : rows) out.push_back(From(r));
    return out;
}

Result<std::optional<VoiceClip>> ClipStore::Approved(const std::string& key, const std::string& lang) {
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string(kSelect) + "WHERE c.lang = ? AND c.state = ? AND c.text_key = ?",
                                       {lang, StateName(State::kApproved), key}));
    if (rows.empty()) return std::optional<VoiceClip>{};
    return std::optional<VoiceClip>(From(rows.front()));
}

Result<std::string> ClipStore::Audio(const std::string& id, const std::string& format) {
    CAUNOI_ASSIGN(auto r, db_.QueryOne(std::string("SELECT ") + (format == "mp3" ? "mp3" : "opus") +
                                           " FROM voice_clips WHERE id = ?",
                                       {id}));
    std::string out;
    if (!crypto::Base64Decode(r.Text(0), out)) return Error::Internal("stored clip is not base64");
    return out;
}

Result<std::optional<translation::ClipUpload>> ClipStore::FindUpload(const std::string& id) {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT id, text_key, lang, total, received, created_by FROM clip_uploads "
                                       "WHERE id = ?",
                                       {id}));
    if (rows.empty()) return std::optional<translation::ClipUpload>{};
    const Row& r = rows.front();
    return std::optional<translation::ClipUpload>({r.Text(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4), r.Text(5)});
}

Status ClipStore::StartUpload(const translation::ClipUpload& u, int64_t at) {
    return db_.Exec(
        "INSERT INTO clip_uploads (id, text_key, lang, total, received, created_by, created_at) VALUES "
        "(?, ?, ?, ?, 0, ?, ?)",
        {u.id, u.key, u.lang, u.total, u.created_by, at});
}

Status ClipStore::AddPart(const std::string& id, int64_t first_byte, const std::string& data) {
    CAUNOI_TRY(db_.Exec("INSERT INTO clip_upload_parts (upload_id, first_byte, data) VALUES (?, ?, ?)",
                        {id, first_byte, crypto::Base64Encode(data)}));
    return db_.Exec("UPDATE clip_uploads SET received = received + ? WHERE id = ?",
                    {static_cast<int64_t>(data.size()), id});
}

Result<std::string> ClipStore::Assemble(const std::string& id) {
    CAUNOI_ASSIGN(auto rows,
                  db_.Query("SELECT data FROM clip_upload_parts WHERE upload_id = ? ORDER BY first_byte", {id}));
    std::string out, part;
    for (const auto& r : rows) {
        if (!crypto::Base64Decode(r.Text(0), part)) return Error::Internal("stored upload part is not base64");
        out += part;
    }
    return out;
}

Status ClipStore::DropUpload(const std::string& id) {
    CAUNOI_TRY(db_.Exec("DELETE FROM clip_upload_parts WHERE upload_id = ?", {id}));
    return db_.Exec("DELETE FROM clip_uploads WHERE id = ?", {id});
}

Result<int64_t> ClipStore::KeepRecentUploads(const std::string& user_id, int64_t before) {
    CAUNOI_TRY(
        db_.Exec("DELETE FROM clip_upload_parts WHERE upload_id IN (SELECT id FROM clip_uploads WHERE "
                 "created_by = ? AND created_at < ?)",
                 {user_id, before}));
    CAUNOI_TRY(db_.Exec("DELETE FROM clip_uploads WHERE created_by = ? AND created_at < ?", {user_id, before}));
    CAUNOI_ASSIGN(auto r, db_.QueryOne("SELECT COUNT(*) FROM clip_uploads WHERE created_by = ?", {user_id}));
    return r.Int(0);
}

}  // namespace caunoi::storage
