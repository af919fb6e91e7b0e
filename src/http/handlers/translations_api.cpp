// /api/v1/translations (docs/api.md "Translations"): a language's .po for translators' tools, out
// and in (the import is all or nothing: with any problem, the list of problems and nothing stored).
#include <boost/json.hpp>

#include "http/handlers/json_values.hpp"
#include "http/handlers/translations.hpp"
#include "translation/check.hpp"

namespace caunoi::http {

Result<Response> ExportPo(App& app, Request& r);  // translations_web.cpp

namespace {

namespace json = boost::json;

Result<Response> ImportPo(App& app, Request& r) {
    CAUNOI_ASSIGN(auto done, app.Get<TranslationsModule>().service.Import(*r.actor, r.Param("lang"), r.body));
    json::array problems;
    for (const auto& p : done.problems)
        problems.push_back(
            json::object{{"line", p.line}, {"key", p.key}, {"title", app.Tr(r, p.msgid)}, {"detail", p.detail}});
    json::object out{{"proposals", done.proposals.size()},
                     {"unchanged", done.unchanged},
                     {"untranslated", done.untranslated},
                     {"fuzzy", done.fuzzy},
                     {"problems", problems}};
    return JsonResponse(out, done.problems.empty() ? 200 : 422);
}

}  // namespace

void AddTranslationApi(std::vector<Route>& rt) {
    rt.push_back({"GET", "/api/v1/translations/{lang}/po", Role::kMember, ExportPo});
    rt.push_back({"PUT", "/api/v1/translations/{lang}/po", Role::kMember, ImportPo});
}

}  // namespace caunoi::http
