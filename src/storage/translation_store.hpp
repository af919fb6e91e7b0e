// Community translations (SQL implementation of translation::TranslationRepository): translators
// and every proposal (content_translations, V030). Borrows the Database; one thread at a time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "translation/translation.hpp"

namespace caunoi::storage {

class TranslationStore final : public translation::TranslationRepository {
  public:
    explicit TranslationStore(Database& db) : db_(db) {}
    Result<std::vector<std::string>> LanguagesOf(const std::string& user_id) override;
    Result<std::vector<translation::Translator>> Translators() override;
    Result<bool> Grant(const translation::Translator& t) override;
    Result<bool> Revoke(const std::string& user_id, const std::string& lang) override;
    Status Insert(const translation::Translation& t) override;
    Result<translation::Translation> Find(const std::string& id) override;
    Result<bool> Review(const std::string& id, translation::State state, const std::string& by, int64_t at,
                        const std::string& note) override;
    Status ReplaceApproved(const std::string& key, const std::string& lang, const std::string& except_id) override;
    Result<std::vector<translation::Translation>> Live(const std::string& lang) override;
    Result<std::optional<translation::Translation>> Approved(const std::string& key, const std::string& lang) override;
    Result<std::vector<std::string>> VillageLanguages(const std::string& village_id) override;
    Status SetVillageLanguages(const std::string& village_id, const std::vector<std::string>& langs,
                               const std::string& by, int64_t at) override;
    Result<std::string> VillagePath(const std::string& village_id) override;

  private:
    Database& db_;
};

}  // namespace caunoi::storage
