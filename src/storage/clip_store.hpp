// Recorded voice clips (SQL implementation of translation::ClipRepository): the clips with their
// Opus and MP3 (base64 text, the same in both engines) and uploads in pieces (voice_clips,
// clip_uploads, clip_upload_parts; V031). Borrows the Database; one thread at a time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "translation/clips.hpp"

namespace caunoi::storage {

class ClipStore final : public translation::ClipRepository {
  public:
    explicit ClipStore(Database& db) : db_(db) {}
    Result<bool> Insert(const translation::VoiceClip& c, const std::string& opus, const std::string& mp3) override;
    Result<translation::VoiceClip> Find(const std::string& id) override;
    Result<bool> Review(const std::string& id, translation::State state, const std::string& by, int64_t at,
                        const std::string& note) override;
    Status ReplaceApproved(const std::string& key, const std::string& lang, const std::string& except_id) override;
    Result<std::vector<translation::VoiceClip>> Live(const std::string& lang) override;
    Result<std::optional<translation::VoiceClip>> Approved(const std::string& key, const std::string& lang) override;
    Result<std::string> Audio(const std::string& id, const std::string& format) override;
    Result<std::optional<translation::ClipUpload>> FindUpload(const std::string& id) override;
    Status StartUpload(const translation::ClipUpload& u, int64_t at) override;
    Status AddPart(const std::string& id, int64_t first_byte, const std::string& data) override;
    Result<std::string> Assemble(const std::string& id) override;
    Status DropUpload(const std::string& id) override;
    Result<int64_t> KeepRecentUploads(const std::string& user_id, int64_t before) override;

  private:
    Database& db_;
};

}  // namespace caunoi::storage
