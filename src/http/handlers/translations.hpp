// Community translations over HTTP (translation/, docs/translations.md) as a module
// (http/module.hpp): the coverage page, the side-by-side page of a language, proposals and
// reviews, .po export and import (pages: handlers/translations_web.cpp; API:
// handlers/translations_api.cpp).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "http/handlers/training.hpp"
#include "http/module.hpp"
#include "http/views.hpp"
#include "storage/clip_store.hpp"
#include "storage/service_graph.hpp"
#include "storage/translation_store.hpp"
#include "translation/clips.hpp"
#include "translation/translation.hpp"

namespace caunoi::http {

class TranslationsModule final : public Module {
  public:
    explicit TranslationsModule(storage::ServiceGraph& g);
    void AddRoutes(std::vector<Route>& rt) override;

    // Every text residents meet, as it is now (tips, procedures, the curriculum in force, templates).
    Result<std::vector<translation::Text>> Catalogue();

    storage::TranslationStore store;
    storage::ClipStore clip_store;
    CurriculumInForce curriculum;
    storage::ServiceGraph& graph;
    translation::TranslationService service;
    translation::ClipService clips;
};

// "Listen" to text `key` (its Vietnamese `vi`) in `lang` (docs/translations.md "Read aloud"): `src`
// (the address, Ogg Opus) and `src_mp3`, `label` ("Listen in Hmong" when an approved recording
// exists, else "Listen (Vietnamese, read by the computer)"), `recorded`, `lang`. Audio is fetched
// only when played. Nothing (an empty object) for a language residents do not read.
Result<Data> ListenData(App& app, const Request& r, const std::string& key, const std::string& vi,
                        const std::string& lang);
// The board's safety tip of the day (the active tips in turn, one a day), to read and to hear: in
// Vietnamese and in each language with an approved recording; a village board also names its own
// languages that have none ("not recorded yet"). Sets `tip`.
Status AddTipOfTheDay(App& app, const Request& r, Data& d);

// A resident's text `key` (Vietnamese `vi`) in `lang` for a page: {text, vietnamese (no approved
// translation: the Vietnamese is shown, marked), listen (its /listen address), recorded}.
Result<Data> ContentIn(App& app, const std::string& key, const std::string& vi, const std::string& lang);
// The languages a visitor may choose for a page's content and voice (`chosen` marked): each
// {code, name, href (`base` + "?voice=" + code), chosen}.
Data VoiceChoices(App& app, const Request& r, const std::string& base, const std::string& chosen);

// What a resident who reads `lang` lacks in it (issue 21, item 4): of the safety tips (and of the SMS
// replies when `sms`), how many have an approved translation and how many an approved recording:
// {code, language, tips, tips_written, tips_recorded, sms_written, sms_texts, any_gap}. Nothing (an
// empty object) for Vietnamese and other languages. `cache` keeps one language's counts per page.
Result<Data> ContentGaps(App& app, const Request& r, const std::string& lang, bool sms,
                         std::map<std::string, Data>& cache);

// The approved recording (MP3) of template `msgid` of `group` (catalogue.hpp's Templates) in
// `lang`, made from its Vietnamese as it is now; nothing when there is none.
Result<std::optional<std::string>> TemplateRecording(App& app, std::string_view group, const char* msgid,
                                                     const std::string& lang);

void AddTranslationPages(std::vector<Route>& rt);
void AddTranslationApi(std::vector<Route>& rt);
void AddVoiceRoutes(std::vector<Route>& rt);

}  // namespace caunoi::http
