#include "storage/translation_store.hpp"

#include <algorithm>

#include "storage/review_rows.hpp"

namespace caunoi::storage {

using translation::State;
using translation::Translation;

namespace {

constexpr const char* kSelect =
    "SELECT t.id, t.text_key, t.lang, t.body, t.source, t.state, t.proposed_by, COALESCE(p.display_name, ''), "
    "t.proposed_at, COALESCE(t.reviewed_by, ''), COALESCE(r.display_name, ''), COALESCE(t.reviewed_at, 0), t.note "
    "FROM content_translations t LEFT JOIN users p ON p.id = t.proposed_by LEFT JOIN users r ON r.id = t.reviewed_by ";

Translation From(const Row& r) {
    Translation t;
    t.id = r.Text(0);
    t.key = r.Text(1);
    t.lang = r.Text(2);
    t.body = r.Text(3);
    t.source = r.Text(4);
    t.state = translation::kStates.Parse(r.Text(5)).value_or(State::kRejected);
    t.proposed_by = r.Text(6);
    t.proposed_by_name = r.Text(7);
    t.proposed_at = r.Int(8);
    t.reviewed_by = r.Text(9);
    t.reviewed_by_name = r.Text(10);
    t.reviewed_at = r.Int(11);
    t.note = r.Text(12);
    return t;
}

}  // namespace

Result<std::vector<std::string>> TranslationStore::LanguagesOf(const std::string& user_id) {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT lang FROM translators WHERE user_id = ? ORDER BY lang", {user_id}));
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.Text(0));
    return out;
}

Result<std::vector<translation::Translator>> TranslationStore::Translators() {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT t.user_id, u.display_name, t.lang, t.granted_by, t.granted_at FROM "
                                       "translators t JOIN users u ON u.id = t.user_id WHERE u.disabled = 0"));
    std::vector<translation::Translator> out;
    for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4)});
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.lang != b.lang ? a.lang < b.lang : a.user_id < b.user_id; });
    return out;
}

Result<bool> TranslationStore::Grant(const translation::Translator& t) {
    CAUNOI_TRY(
        db_.Exec("INSERT INTO translators (user_id, lang, granted_by, granted_at) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (user_id, lang) DO NOTHING",
                 {t.user_id, t.lang, t.granted_by, t.granted_at}));
    return db_.Changes() > 0;
}

Result<bool> TranslationStore::Revoke(const std::string& user_id, const std::string& lang) {
    CAUNOI_TRY(db_.Exec("DELETE FROM translators WHERE user_id = ? AND lang = ?", {user_id, lang}));
    return db_.Changes() > 0;
}

Status TranslationStore::Insert(const Translation& t) {
    return db_.Exec(
        "INSERT INTO content_translations (id, text_key, lang, body, source, state, proposed_by, proposed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {t.id, t.key, t.lang, t.body, t.source, StateName(t.state), t.proposed_by, t.proposed_at});
}

Result<Translation> TranslationStore::Find(const std::string& id) {
    CAUNOI_ASSIGN(auto r, db_.QueryOne(std::string(kSelect) + "WHERE t.id = ?", {id}));
    return From(r);
}

Result<bool> TranslationStore::Review(const std::string& id, State state, const std::string& by, int64_t at,
                                      const std::string& note) {
    return ReviewRow(db_, "content_translations", id, state, by, at, note);
}

Status TranslationStore::ReplaceApproved(const std::string& key, const std::string& lang,
                                         const std::string& except_id) {
    return ReplaceApprovedRow(db_, "content_translations", key, lang, except_id);
}

Result<std::vector<Translation>> TranslationStore::Live(const std::string& lang) {
    Params p{StateName(State::kApproved), StateName(State::kProposed)};
    std::string sql = std::string(kSelect) + "WHERE t.state IN (?, ?)";
    if (!lang.empty()) {
        sql += " AND t.lang = ?";
        p.push_back(lang);
    }
    CAUNOI_ASSIGN(auto rows, db_.Query(sql + " ORDER BY t.id", p));
    std::vector<Translation> out;
    for (const auto& r : rows) out.push_back(From(r));
    return out;
}

Result<std::optional<Translation>> TranslationStore::Approved(const std::string& key, const std::string& lang) {
    CAUNOI_ASSIGN(auto rows, db_.Query(std::string(kSelect) + "WHERE t.lang = ? AND t.state = ? AND t.text_key = ?",
                                       {lang, StateName(State::kApproved), key}));
    if (rows.empty()) return std::optional<Translation>{};
    return std::optional<Translation>(From(rows.front()));
}

Result<std::vector<std::string>> TranslationStore::VillageLanguages(const std::string& village_id) {
    CAUNOI_ASSIGN(auto rows, db_.Query("SELECT languages FROM village_languages WHERE village_id = ?", {village_id}));
    std::vector<std::string> out;
    if (rows.empty()) return out;
    const std::string list = rows.front().Text(0);
    for (size_t at = 0; at < list.size();) {
        size_t end = list.find(',', at);
        if (end == std::string::npos) end = list.size();
        if (end > at) out.push_back(list.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

Status TranslationStore::SetVillageLanguages(const std::string& village_id, const std::vector<std::string>& langs,
                                             const std::string& by, int64_t at) {
    std::string list;
    for (const auto& l : langs) list += (list.empty() ? "" : ",") + l;
    return db_.Exec(
        "INSERT INTO village_languages (village_id, languages, set_by, set_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (village_id) DO UPDATE SET languages = excluded.languages, set_by = excluded.set_by, "
        "set_at = excluded.set_at",
        {village_id, list, by, at});
}

Result<std::string> TranslationStore::VillagePath(const std::string& village_id) {
    CAUNOI_ASSIGN(auto r, db_.QueryOne("SELECT path FROM areas WHERE id = ? AND kind = 'village'", {village_id}));
    return r.Text(0);
}

}  // namespace caunoi::storage
