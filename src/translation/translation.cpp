#include "translation/translation.hpp"

#include <algorithm>

#include "core/calendar.hpp"
#include "core/ulid.hpp"
#include "translation/check.hpp"
#include "translation/languages.hpp"

namespace caunoi::translation {
namespace {

Status KnownLanguage(const std::string& lang) {
    if (!IsTarget(lang)) return Error::NotFound("no such content language");
    return {};
}

}  // namespace

Result<bool> TranslationService::IsTranslator(const Actor& a, const std::string& lang) {
    CAUNOI_ASSIGN(auto langs, repo_.LanguagesOf(a.user_id));
    return std::find(langs.begin(), langs.end(), lang) != langs.end();
}

Result<const Text*> TranslationService::FindText(const std::vector<Text>& texts, const std::string& key) {
    for (const auto& t : texts)
        if (t.key == key) return &t;
    return Error::NotFound("no text " + key);
}

Status TranslationService::SetTranslator(const Actor& a, const std::string& user_id, const std::string& lang, bool on) {
    if (!a.AtLeast(Role::kProvinceAdmin)) return Error::Forbidden("only the province admin names translators");
    CAUNOI_TRY(KnownLanguage(lang));
    return tx_.Atomically([&]() -> caunoi::Status {
        CAUNOI_ASSIGN(bool changed, on ? repo_.Grant({user_id, "", lang, a.user_id, clock_.NowSeconds()})
                                       : repo_.Revoke(user_id, lang));
        if (!changed) return {};
        return audit_.Record(a, on ? "translator.grant" : "translator.revoke", "user", user_id, "", lang);
    });
}

Result<Translation> TranslationService::Propose(const Actor& a, const std::string& lang, const std::string& key,
                                                const std::string& body) {
    CAUNOI_TRY(KnownLanguage(lang));
    CAUNOI_ASSIGN(bool may, IsTranslator(a, lang));
    if (!may) return Error::Forbidden("not a translator of " + lang);
    CAUNOI_ASSIGN(auto texts, catalogue_());
    CAUNOI_ASSIGN(const Text* text, FindText(texts, key));
    CAUNOI_ASSIGN(std::string checked, CheckTranslation(*text, body));
    Translation t;
    t.id = NewUlid(clock_.NowMillis());
    t.key = key;
    t.lang = lang;
    t.body = std::move(checked);
    t.source = text->vi;
    t.proposed_by = a.user_id;
    t.proposed_by_name = a.display_name;
    t.proposed_at = clock_.NowSeconds();
    CAUNOI_TRY(tx_.Atomically([&]() -> caunoi::Status {
        CAUNOI_TRY(repo_.Insert(t));
        return audit_.Record(a, "translation.propose", "translation", t.id, "", lang + " " + key);
    }));
    return t;
}

Result<Translation> TranslationService::Review(const Actor& a, const std::string& id, bool approve,
                                               const std::string& note) {
    CAUNOI_ASSIGN(Translation t, repo_.Find(id));
    CAUNOI_ASSIGN(bool may, IsTranslator(a, t.lang));
    if (!may) return Error::Forbidden("not a translator of " + t.lang);
    if (t.proposed_by == a.user_id)
        return Error{ErrorCode::kForbidden, N_("A second translator reviews it: not the one who wrote it"),
                     "own proposal", ""};
    if (!approve && note.find_first_not_of(" \t\r\n") == std::string::npos)
        return Error::Invalid("note", "no reason", N_("Say what to change, for the translator"));
    if (approve) {
        CAUNOI_ASSIGN(auto texts, catalogue_());
        CAUNOI_ASSIGN(const Text* text, FindText(texts, t.key));
        if (text->vi != t.source)
            return Error{ErrorCode::kConflict, N_("The Vietnamese changed since this was written: translate it again"),
                         "source changed", ""};
    }
    const State to = approve ? State::kApproved : State::kRejected;
    const int64_t now = clock_.NowSeconds();
    CAUNOI_TRY(tx_.Atomically([&]() -> caunoi::Status {
        CAUNOI_ASSIGN(bool reviewed, repo_.Review(id, to, a.user_id, now, approve ? "" : note.substr(0, 500)));
        if (!reviewed)
            return Error{ErrorCode::kConflict, N_("Someone reviewed it already"), "no longer a proposal", ""};
        if (approve) CAUNOI_TRY(repo_.ReplaceApproved(t.key, t.lang, id));
        return audit_.Record(a, approve ? "translation.approve" : "translation.reject", "translation", id, "",
                             t.lang + " " + t.key);
    }));
    return repo_.Find(id);
}

Result<PoImport> TranslationService::Import(const Actor& a, const std::string& lang, std::string_view po) {
    CAUNOI_TRY(KnownLanguage(lang));
    CAUNOI_ASSIGN(bool may, IsTranslator(a, lang));
    if (!may) return Error::Forbidden("not a translator of " + lang);
    CAUNOI_ASSIGN(PoFile file, ReadPo(po));
    CAUNOI_ASSIGN(auto texts, catalogue_());
    CAUNOI_ASSIGN(auto live, repo_.Live(lang));
    std::map<std::string, std::string> current;  // approved, and waiting: proposing again adds nothing
    for (const auto& t : live) {
        if (t.state == State::kApproved || t.proposed_by == a.user_id) current[t.key] = t.body;
    }
    PoImport out = CheckPoImport(file, lang, texts, current);
    if (!out.problems.empty()) return out;
    const int64_t now = clock_.NowSeconds();
    CAUNOI_TRY(tx_.Atomically([&]() -> caunoi::Status {
        for (const auto& [key, body] : out.proposals) {
            Translation t;
            t.id = NewUlid(clock_.NowMillis());
            t.key = key;
            t.lang = lang;
            t.body = body;
            for (const auto& x : texts)
                if (x.key == key) t.source = x.vi;
            t.proposed_by = a.user_id;
            t.proposed_at = now;
            CAUNOI_TRY(repo_.Insert(t));
        }
        return audit_.Record(a, "translation.import", "translation", "", "",
                             lang + " " + std::to_string(out.proposals.size()) + " proposals");
    }));
    return out;
}

Result<std::string> TranslationService::Export(const std::string& lang) {
    CAUNOI_TRY(KnownLanguage(lang));
    CAUNOI_ASSIGN(auto texts, catalogue_());
    CAUNOI_ASSIGN(auto live, repo_.Live(lang));
    std::map<std::string, std::string> source;
    for (const auto& t : texts) source[t.key] = t.vi;
    std::map<std::string, Exported> done;
    for (const auto& t : live) {
        if (t.state != State::kApproved) continue;
        done[t.key] = {t.body, source[t.key] != t.source};
    }
    return WritePo(lang, texts, done, FormatDate(LocalDayOf(clock_.NowSeconds())));
}

Result<std::vector<TextStatus>> TranslationService::Overview(const std::string& lang) {
    CAUNOI_TRY(KnownLanguage(lang));
    CAUNOI_ASSIGN(auto texts, catalogue_());
    CAUNOI_ASSIGN(auto live, repo_.Live(lang));
    std::map<std::string, std::vector<const Translation*>> by_key;
    for (const auto& t : live) by_key[t.key].push_back(&t);
    std::vector<TextStatus> out;
    for (auto& text : texts) {
        TextStatus s{std::move(text), std::nullopt, false, {}};
        for (const Translation* t : by_key[s.text.key]) {
            if (t->state == State::kApproved) {
                s.approved = *t;
                s.outdated = t->source != s.text.vi;
            } else if (t->state == State::kProposed && t->source == s.text.vi) {
                s.proposals.push_back(*t);
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

Status TranslationService::SetVillageLanguages(const Actor& a, const std::string& village_id,
                                               const std::vector<std::string>& langs) {
    if (!a.AtLeast(Role::kCommuneOfficer)) return Error::Forbidden("commune officers set a village's languages");
    CAUNOI_ASSIGN(auto path, repo_.VillagePath(village_id));
    if (!a.scope.Contains(path)) return Error::NotFound("village not in scope");
    std::vector<std::string> ordered;
    for (const auto& l : kTargetLanguages) {
        if (std::find(langs.begin(), langs.end(), l.key) != langs.end()) ordered.emplace_back(l.key);
    }
    for (const auto& l : langs)
        if (!IsTarget(l)) return Error::Invalid("languages", "unknown language " + l, N_("Choose the language"));
    std::string list;
    for (const auto& l : ordered) list += (list.empty() ? "" : ",") + l;
    return tx_.Atomically([&]() -> caunoi::Status {
        CAUNOI_TRY(repo_.SetVillageLanguages(village_id, ordered, a.user_id, clock_.NowSeconds()));
        return audit_.Record(a, "village.languages", "area", village_id, path, list);
    });
}

Result<std::optional<std::string>> TranslationService::InUse(const std::string& key, const std::string& lang,
                                                             const std::string& vietnamese) {
    if (!IsTarget(lang)) return std::optional<std::string>{};
    CAUNOI_ASSIGN(auto t, repo_.Approved(key, lang));
    if (!t || t->source != vietnamese) return std::optional<std::string>{};
    return std::optional<std::string>(t->body);
}

}  // namespace caunoi::translation
