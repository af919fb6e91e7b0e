// The translations module: its store and service, and the catalogue of texts it translates.
#include "http/handlers/translations.hpp"

#include "translation/languages.hpp"

namespace caunoi::http {

CAUNOI_MODULE(translations, TranslationsModule);

TranslationsModule::TranslationsModule(storage::ServiceGraph& g)
    : store(g.db),
      clip_store(g.db),
      curriculum(g.db),
      graph(g),
      service(store, g.transactions, g.audit, g.clock, [this] { return Catalogue(); }),
      clips(clip_store, store, g.transactions, g.audit, g.clock, [this] { return Catalogue(); }) {
    // SMS replies in the sender's language, where an approved translation exists.
    g.sms.OnContent([this](const std::string& key, const std::string& lang, const std::string& vietnamese) {
        return service.InUse(key, lang, vietnamese);
    });
    // Dossier notifications in the resident's language, where approved.
    g.dossiers.OnContent([this](const std::string& lang, const char* msgid) -> std::optional<std::string> {
        auto t = service.InUse(translation::TemplateKey("sms", msgid), lang, graph.catalogs_.Translate("vi", msgid));
        if (!t.ok()) return std::nullopt;
        return *t;
    });
    // Warning SMS to residents in their language, where the templates are translated.
    std::vector<std::string> langs;
    for (const auto& l : translation::kTargetLanguages) langs.emplace_back(l.key);
    g.alerts.OnLanguages(langs, [this](const std::string& lang, const char* msgid) -> std::optional<std::string> {
        auto t =
            service.InUse(translation::TemplateKey("warnings", msgid), lang, graph.catalogs_.Translate("vi", msgid));
        if (!t.ok()) return std::nullopt;
        return *t;
    });
}

void TranslationsModule::AddRoutes(std::vector<Route>& rt) {
    AddTranslationPages(rt);
    AddTranslationApi(rt);
    AddVoiceRoutes(rt);
}

Result<std::vector<translation::Text>> TranslationsModule::Catalogue() {
    translation::Sources s;
    CAUNOI_ASSIGN(auto tips, graph.fieldwork.Tips());
    for (auto& t : tips)
        if (t.active) s.tips.push_back(std::move(t));
    CAUNOI_ASSIGN(auto procedures, graph.procedures.All());
    s.procedures = *procedures;
    s.curriculum = curriculum.Current();
    s.vietnamese = [this](const char* msgid) { return graph.catalogs_.Translate("vi", msgid); };
    return translation::BuildCatalogue(s);
}

}  // namespace caunoi::http
