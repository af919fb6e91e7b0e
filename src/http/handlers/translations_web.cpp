// Translations' pages (docs/translations.md): the coverage of every text (the translators' to-do
// list), a language's side-by-side page (Vietnamese beside the translation, proposals to review),
// the .po export and import, and the province admin's list of translators.
#include <algorithm>
#include <map>
#include <set>

#include "core/calendar.hpp"
#include "core/text.hpp"
#include "http/handlers/board.hpp"
#include "http/handlers/translations.hpp"
#include "http/handlers/web_common.hpp"
#include "http/json.hpp"
#include "translation/check.hpp"
#include "translation/languages.hpp"

namespace caunoi::http {
namespace {

using translation::TextStatus;

TranslationsModule& M(App& app) { return app.Get<TranslationsModule>(); }

std::string Value(const Fields& f, const std::string& k) { return f.all().count(k) ? f.all().at(k) : ""; }

Data Languages(App& app, const Request& r, const std::string& chosen) {
    Data out = List();
    for (const auto& l : translation::kTargetLanguages) {
        Data o = Obj({{"code", std::string(l.key)}, {"name", app.Tr(r, l.msgid)}});
        o.set("selected", chosen == l.key);
        out.push_back(o);
    }
    return out;
}

// Counts of one group (or one item) in one language.
struct Counts {
    int texts = 0, approved = 0, outdated = 0, waiting = 0, voiced = 0;
    int missing() const { return texts - approved; }
};

void Count(Counts& c, const TextStatus& s) {
    ++c.texts;
    if (s.approved && !s.outdated) ++c.approved;
    if (s.approved && s.outdated) ++c.outdated;
    if (!s.proposals.empty()) ++c.waiting;
}

Data CountsData(const Counts& c) {
    Data d = Obj({{"texts", std::to_string(c.texts)},
                  {"approved", std::to_string(c.approved)},
                  {"missing", std::to_string(c.missing())},
                  {"outdated", std::to_string(c.outdated)},
                  {"waiting", std::to_string(c.waiting)},
                  {"voiced", std::to_string(c.voiced)}});
    d.set("any_waiting", c.waiting > 0);
    d.set("any_outdated", c.outdated > 0);
    return d;
}

// What the page says where the refused form was.
struct Refusal {
    const Fields& sent;
    const Error& error;
};

std::string ErrorText(App& app, const Request& r, const Error& e) {
    std::string s = app.Tr(r, e.title_id);
    const std::string_view prefix = translation::kOutsideGsm7;
    if (e.detail.rfind(prefix, 0) == 0) s += ": " + e.detail.substr(prefix.size());
    return s;
}

Result<Response> LanguagePage(App& app, Request& r, const std::optional<Refusal>& refused) {
    const std::string lang = r.Param("lang");
    if (!translation::IsTarget(lang)) return Error::NotFound("no such language");
    const std::string group = refused ? Value(refused->sent, "group") : r.Query("group");
    const std::string item = refused ? Value(refused->sent, "item") : r.Query("item");
    CAUNOI_ASSIGN(auto all, M(app).service.Overview(lang));
    CAUNOI_ASSIGN(auto mine, M(app).service.LanguagesOf(*r.actor));
    const bool translator = std::find(mine.begin(), mine.end(), lang) != mine.end();
    CAUNOI_ASSIGN(bool voice_reviewer, M(app).clips.MayReview(*r.actor, lang));
    CAUNOI_ASSIGN(auto clips, M(app).clips.Live(lang));
    Data d = Obj({{"tlang", lang}, {"language", app.Tr(r, MsgidOf(translation::kLanguages, lang))}});
    d.set("languages", Languages(app, r, lang));
    d.set("translator", translator);
    d.set("group", Str(group));
    d.set("item", Str(item));
    for (const char* k : {"proposed", "approved", "rejected", "recorded", "clip_approved", "clip_rejected"})
        d.set(std::string("done_") + k, r.Query("done") == k);
    if (group.empty()) {
        // The groups, each with what is left to do.
        Data groups = List();
        for (const auto& g : translation::kGroups) {
            Counts c;
            for (const auto& s : all)
                if (s.text.group == g.key) Count(c, s);
            Data o = CountsData(c);
            o.set("key", std::string(g.key));
            o.set("name", app.Tr(r, g.msgid));
            groups.push_back(o);
        }
        d.set("groups", groups);
        d.set("choose_group", true);
        return app.views->Page(app, r, "translations_lang", d, N_("Translation"));
    }
    if (!Contains(translation::kGroups, group)) return Error::NotFound("no such group");
    d.set("group_name", app.Tr(r, MsgidOf(translation::kGroups, group)));
    const bool has_items = std::any_of(
        all.begin(), all.end(), [&](const TextStatus& s) { return s.text.group == group && !s.text.item.empty(); });
    if (has_items && item.empty()) {
        std::vector<std::string> order;
        std::map<std::string, std::pair<std::string, Counts>> items;
        for (const auto& s : all) {
            if (s.text.group != group) continue;
            if (!items.count(s.text.item)) order.push_back(s.text.item);
            auto& [title, c] = items[s.text.item];
            title = s.text.item_title;
            Count(c, s);
        }
        Data list = List();
        for (const auto& key : order) {
            Data o = CountsData(items[key].second);
            o.set("key", key);
            o.set("name", items[key].first);
            list.push_back(o);
        }
        d.set("items", list);
        d.set("choose_item", true);
        return app.views->Page(app, r, "translations_lang", d, N_("Translation"));
    }
    Data texts = List();
    int n = 0;
    for (const auto& s : all) {
        if (s.text.group != group || s.text.item != item) continue;
        if (!item.empty()) d.set("item_name", s.text.item_title);
        Data o = Obj({{"n", std::to_string(++n)}, {"key", s.text.key}, {"vi", s.text.vi}});
        o.set("sms", s.text.sms);
        if (s.approved) {
            o.set("approved", Obj({{"body", s.approved->body},
                                   {"by", s.approved->proposed_by_name},
                                   {"reviewer", s.approved->reviewed_by_name},
                                   {"when", web::FormatTime(s.approved->reviewed_at)}}));
        }
        o.set("outdated", s.outdated);
        Data proposals = List();
        for (const auto& p : s.proposals) {
            Data po = Obj(
                {{"id", p.id}, {"body", p.body}, {"by", p.proposed_by_name}, {"when", web::FormatTime(p.proposed_at)}});
            po.set("may_review", translator && p.proposed_by != r.actor->user_id);
            po.set("own", p.proposed_by == r.actor->user_id);
            const bool here = refused && refused->error.field == "note" && Value(refused->sent, "id") == p.id;
            po.set("err_note", Str(here ? ErrorText(app, r, refused->error) : ""));
            po.set("v_note", Str(here ? Value(refused->sent, "note") : ""));
            proposals.push_back(po);
        }
        o.set("proposals", proposals);
        Data voice = List();
        for (const auto& c : clips) {
            if (c.key != s.text.key || c.source != s.text.vi) continue;
            const bool approved = c.state == translation::State::kApproved;
            Data co = Obj({{"id", c.id},
                           {"by", c.recorded_by_name},
                           {"when", web::FormatTime(c.recorded_at)},
                           {"seconds", std::to_string(static_cast<int>(c.seconds + 0.5))}});
            co.set("approved", approved);
            co.set("reviewer", Str(c.reviewed_by_name));
            co.set("may_review", !approved && voice_reviewer && c.recorded_by != r.actor->user_id);
            const bool here = refused && refused->error.field == "note" && Value(refused->sent, "id") == c.id;
            co.set("err_note", Str(here ? ErrorText(app, r, refused->error) : ""));
            co.set("v_note", Str(here ? Value(refused->sent, "note") : ""));
            voice.push_back(co);
        }
        o.set("clips", voice);
        o.set("key_q", UrlEncode(s.text.key));
        const bool here = refused && refused->error.field == "body" && Value(refused->sent, "key") == s.text.key;
        o.set("v_body", Str(here ? Value(refused->sent, "body") : ""));
        o.set("err_body", Str(here ? ErrorText(app, r, refused->error) : ""));
        texts.push_back(o);
    }
    if (n == 0) return Error::NotFound("nothing in this group");
    d.set("texts", texts);
    // What belongs to no field on the page (reviewed meanwhile, not theirs to review): said at the top.
    if (refused && refused->error.field != "note" && refused->error.field != "body")
        d.set("error", ErrorText(app, r, refused->error));
    int status = 200;
    if (refused) {
        const auto code = refused->error.code;
        status = code == ErrorCode::kForbidden ? 403 : code == ErrorCode::kConflict ? 409 : 422;
    }
    return app.views->Page(app, r, "translations_lang", d, N_("Translation"), status);
}

std::string Back(const std::string& lang, const Fields& f, const std::string& done) {
    std::string to = "/translations/" + lang + "?group=" + UrlEncode(Value(f, "group"));
    if (!Value(f, "item").empty()) to += "&item=" + UrlEncode(Value(f, "item"));
    return to + "&done=" + done;
}

Result<Response> Propose(App& app, Request& r) {
    CAUNOI_ASSIGN(auto form, ReadFields(r));
    auto done = M(app).service.Propose(*r.actor, r.Param("lang"), Value(form, "key"), Value(form, "body"));
    if (!done.ok()) {
        if (done.error().code != ErrorCode::kInvalid) return done.error();
        return LanguagePage(app, r, Refusal{form, done.error()});
    }
    return Response::Redirect(Back(r.Param("lang"), form, "proposed"));
}

// A review from the side-by-side page, of a translation or of a recording (`review` does it):
// what the reviewer can act on (no reason given, reviewed meanwhile, not theirs to review) comes
// back on the page; done, back to the page of the item's own language.
template <typename Review>
Result<Response> Reviewed(App& app, Request& r, Review review, const char* approved, const char* rejected) {
    CAUNOI_ASSIGN(auto form, ReadFields(r));
    const bool approve = Value(form, "decision") == "approve";
    auto done = review(Value(form, "id"), approve, Value(form, "note"));
    if (!done.ok()) {
        const auto code = done.error().code;
        if (code != ErrorCode::kInvalid && code != ErrorCode::kConflict && code != ErrorCode::kForbidden)
            return done.error();
        return LanguagePage(app, r, Refusal{form, done.error()});
    }
    return Response::Redirect(Back(done->lang, form, approve ? approved : rejected));
}

Result<Response> Review(App& app, Request& r) {
    return Reviewed(
        app, r,
        [&](const std::string& id, bool approve, const std::string& note) {
            return M(app).service.Review(*r.actor, id, approve, note);
        },
        "approved", "rejected");
}

Result<Response> ReviewClip(App& app, Request& r) {
    return Reviewed(
        app, r,
        [&](const std::string& id, bool approve, const std::string& note) {
            auto done = M(app).clips.Review(*r.actor, id, approve, note);
            // The boards offer the tip of the day's recordings: the ones kept for visitors go.
            if (done.ok() && approve) app.Get<BoardModule>().pages.Clear();
            return done;
        },
        "clip_approved", "clip_rejected");
}

Result<Response> Coverage(App& app, Request& r) {
    const std::string group = r.Query("group");
    if (!group.empty() && !Contains(translation::kGroups, group)) return Error::NotFound("no such group");
    std::map<std::string, std::vector<TextStatus>> by_lang;
    for (const auto& l : translation::kTargetLanguages) {
        CAUNOI_ASSIGN(by_lang[std::string(l.key)], M(app).service.Overview(std::string(l.key)));
    }
    // Approved recordings of the texts as they are now, by language and key.
    std::set<std::pair<std::string, std::string>> voiced;
    {
        std::map<std::string, std::string> vi;
        for (const auto& s : by_lang.begin()->second) vi[s.text.key] = s.text.vi;
        CAUNOI_ASSIGN(auto clips, M(app).clips.Live(""));
        for (const auto& c : clips)
            if (c.state == translation::State::kApproved && vi.count(c.key) && vi[c.key] == c.source)
                voiced.insert({c.lang, c.key});
    }
    Data d;
    Data heads = List();
    for (const auto& l : translation::kTargetLanguages)
        heads.push_back(Obj({{"code", std::string(l.key)}, {"name", app.Tr(r, l.msgid)}}));
    d.set("languages", heads);
    Data groups = List();
    for (const auto& g : translation::kGroups) {
        Data o = Obj({{"key", std::string(g.key)}, {"name", app.Tr(r, g.msgid)}});
        Data cells = List();
        for (const auto& l : translation::kTargetLanguages) {
            Counts c;
            for (const auto& s : by_lang[std::string(l.key)]) {
                if (s.text.group != g.key) continue;
                Count(c, s);
                c.voiced += voiced.count({std::string(l.key), s.text.key}) ? 1 : 0;
            }
            Data cell = CountsData(c);
            cell.set("lang", std::string(l.key));
            cells.push_back(cell);
            o.set("texts", std::to_string(c.texts));
        }
        o.set("cells", cells);
        groups.push_back(o);
    }
    d.set("groups", groups);
    if (!group.empty()) {
        // Each text of the group: which languages have an approved, current translation.
        d.set("group", group);
        d.set("group_name", app.Tr(r, MsgidOf(translation::kGroups, group)));
        Data rows = List();
        const auto& first = by_lang.begin()->second;
        for (size_t i = 0; i < first.size(); ++i) {
            if (first[i].text.group != group) continue;
            Data row = Obj({{"vi", first[i].text.vi}});
            row.set("item", Str(first[i].text.item_title));
            Data cells = List();
            for (const auto& l : translation::kTargetLanguages) {
                const TextStatus& s = by_lang[std::string(l.key)][i];
                Data cell = Obj({{"lang", std::string(l.key)}});
                cell.set("done", s.approved.has_value() && !s.outdated);
                cell.set("outdated", s.outdated);
                cell.set("waiting", !s.proposals.empty());
                cell.set("voice", voiced.count({std::string(l.key), s.text.key}) > 0);
                cells.push_back(cell);
            }
            row.set("cells", cells);
            rows.push_back(row);
        }
        d.set("rows", rows);
    }
    CAUNOI_ASSIGN(auto mine, M(app).service.LanguagesOf(*r.actor));
    Data my = List();
    for (const auto& l : mine)
        my.push_back(Obj({{"code", l}, {"name", app.Tr(r, MsgidOf(translation::kLanguages, l))}}));
    d.set("mine", my);
    d.set("any_mine", !mine.empty());
    if (r.actor->AtLeast(Role::kProvinceAdmin)) {
        CAUNOI_ASSIGN(auto people, M(app).service.Translators());
        Data list = List();
        for (const auto& t : people)
            list.push_back(Obj({{"user_id", t.user_id},
                                {"name", t.name},
                                {"lang", t.lang},
                                {"language", app.Tr(r, MsgidOf(translation::kLanguages, t.lang))}}));
        d.set("translators", list);
        d.set("admin", true);
        d.set("target_languages", Languages(app, r, ""));
        d.set("done_granted", r.Query("done") == "granted");
        d.set("done_revoked", r.Query("done") == "revoked");
    }
    return app.views->Page(app, r, "translations", d, N_("Translations"));
}

// Province admin: names (by login) or un-names a translator of a language.
Result<Response> SetTranslator(App& app, Request& r) {
    CAUNOI_ASSIGN(auto form, ReadFields(r));
    const bool on = Value(form, "action") != "revoke";
    std::string user_id = Value(form, "user_id");
    if (on) {
        auto u = M(app).graph.user_store.FindByLogin(text::Trim(Value(form, "login")));
        if (!u.ok())
            return Error::Invalid("login", "no such user", N_("No account with this login name or phone number"));
        user_id = u->id;
    }
    CAUNOI_TRY(M(app).service.SetTranslator(*r.actor, user_id, Value(form, "lang"), on));
    return Response::Redirect(std::string("/translations?done=") + (on ? "granted" : "revoked"));
}

Result<Response> ImportPage(App& app, Request& r, const std::string& po, const translation::PoImport* result,
                            const Error* refused) {
    const std::string lang = r.Param("lang");
    if (!translation::IsTarget(lang)) return Error::NotFound("no such language");
    Data d = Obj({{"tlang", lang}, {"language", app.Tr(r, MsgidOf(translation::kLanguages, lang))}});
    d.set("v_po", Str(po));
    if (refused) web::SetFormError(app, r, *refused, d);
    if (result) {
        Data problems = List();
        for (const auto& p : result->problems) {
            std::string what = app.Tr(r, p.msgid);
            if (p.detail.rfind(translation::kOutsideGsm7, 0) == 0)
                what += ": " + p.detail.substr(translation::kOutsideGsm7.size());
            Data o = Obj({{"line", std::to_string(p.line)}, {"what", what}});
            o.set("key", Str(p.key));
            problems.push_back(o);
        }
        d.set("problems", problems);
        d.set("refused", !result->problems.empty());
        d.set("imported", result->problems.empty());
        d.set("proposals", std::to_string(result->proposals.size()));
        d.set("unchanged", std::to_string(result->unchanged));
        d.set("untranslated", std::to_string(result->untranslated));
        d.set("fuzzy", std::to_string(result->fuzzy));
    }
    const bool failed = refused || (result && !result->problems.empty());
    return app.views->Page(app, r, "translations_import", d, N_("Import a .po file"), failed ? 422 : 200);
}

Result<Response> Import(App& app, Request& r) {
    CAUNOI_ASSIGN(auto form, ReadFields(r));
    const std::string po = Value(form, "po");
    if (text::Trim(po).empty()) {
        Error e = Error::Invalid("po", "empty", N_("Choose the .po file, or paste its text"));
        return ImportPage(app, r, po, nullptr, &e);
    }
    auto done = M(app).service.Import(*r.actor, r.Param("lang"), po);
    if (!done.ok()) {
        if (!web::IsFormError(done.error()) && done.error().code != ErrorCode::kPayloadTooLarge) return done.error();
        return ImportPage(app, r, po, nullptr, &done.error());
    }
    return ImportPage(app, r, done->problems.empty() ? "" : po, &*done, nullptr);
}

}  // namespace

Result<Data> ContentGaps(App& app, const Request& r, const std::string& lang, bool sms,
                         std::map<std::string, Data>& cache) {
    if (!translation::IsTarget(lang)) return Data();
    const std::string key = lang + (sms ? "+sms" : "");
    if (auto hit = cache.find(key); hit != cache.end()) return hit->second;
    CAUNOI_ASSIGN(auto all, M(app).service.Overview(lang));
    CAUNOI_ASSIGN(auto clips, M(app).clips.Live(lang));
    std::set<std::string> recorded;
    std::map<std::string, std::string> vi;
    for (const auto& s : all) vi[s.text.key] = s.text.vi;
    for (const auto& c : clips)
        if (c.state == translation::State::kApproved && vi[c.key] == c.source) recorded.insert(c.key);
    int tips = 0, tips_written = 0, tips_recorded = 0, sms_texts = 0, sms_written = 0;
    for (const auto& s : all) {
        const bool written = s.approved && !s.outdated;
        if (s.text.group == "tips") {
            ++tips;
            tips_written += written;
            tips_recorded += recorded.count(s.text.key) > 0;
        } else if (s.text.group == "sms" && sms) {
            ++sms_texts;
            sms_written += written;
        }
    }
    Data d = Obj({{"code", lang},
                  {"language", app.Tr(r, MsgidOf(translation::kLanguages, lang))},
                  {"tips", std::to_string(tips)},
                  {"tips_written", std::to_string(tips_written)},
                  {"tips_recorded", std::to_string(tips_recorded)},
                  {"sms_texts", std::to_string(sms_texts)},
                  {"sms_written", std::to_string(sms_written)}});
    d.set("sms", sms);
    d.set("any_gap", tips_written < tips || tips_recorded < tips || sms_written < sms_texts);
    cache.emplace(key, d);
    return d;
}

// A village's main languages (commune officers): the page and its form.
Result<Response> VillageLanguagesPage(App& app, Request& r) {
    CAUNOI_ASSIGN(auto v, app.areas.Get(*r.actor, r.Param("id")));
    if (v.kind != "village") return Error::NotFound("not a village");
    CAUNOI_ASSIGN(auto langs, M(app).service.VillageLanguages(v.id));
    if (r.method == "POST") {
        CAUNOI_ASSIGN(auto form, ReadFields(r));
        langs.clear();
        for (const auto& l : translation::kTargetLanguages)
            if (!Value(form, "lang_" + std::string(l.key)).empty()) langs.emplace_back(l.key);
        CAUNOI_TRY(M(app).service.SetVillageLanguages(*r.actor, v.id, langs));
        return Response::Redirect("/areas/" + v.id + "/languages?saved=1");
    }
    Data d = Obj({{"id", v.id}, {"name", v.name}});
    Data list = List();
    for (const auto& l : translation::kTargetLanguages) {
        Data o = Obj({{"code", std::string(l.key)}, {"name", app.Tr(r, l.msgid)}});
        o.set("checked", std::find(langs.begin(), langs.end(), l.key) != langs.end());
        list.push_back(o);
    }
    d.set("languages", list);
    d.set("saved", r.Query("saved") == "1");
    return app.views->Page(app, r, "translations_village", d, N_("Languages of the village"));
}

// The .po of a language, as a download.
Result<Response> ExportPo(App& app, Request& r) {
    const std::string lang = r.Param("lang");
    CAUNOI_ASSIGN(auto po, M(app).service.Export(lang));
    Response resp;
    resp.content_type = "text/x-gettext-translation; charset=utf-8";
    resp.body = std::move(po);
    resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"caunoi-" + lang + ".po\"");
    resp.headers.emplace_back("Cache-Control", "no-store");
    return resp;
}

void AddTranslationPages(std::vector<Route>& rt) {
    const auto Mb = Role::kMember, A = Role::kProvinceAdmin;
    rt.push_back({"GET", "/translations", Mb, Coverage});
    rt.push_back({"GET", "/areas/{id}/languages", Role::kCommuneOfficer, VillageLanguagesPage});
    rt.push_back({"POST", "/areas/{id}/languages", Role::kCommuneOfficer, VillageLanguagesPage});
    rt.push_back({"POST", "/translations/translators", A, SetTranslator});
    rt.push_back(
        {"GET", "/translations/{lang}", Mb, [](App& app, Request& r) { return LanguagePage(app, r, std::nullopt); }});
    rt.push_back({"POST", "/translations/{lang}/propose", Mb, Propose});
    rt.push_back({"POST", "/translations/{lang}/review", Mb, Review});
    rt.push_back({"POST", "/translations/{lang}/clips/review", Mb, ReviewClip});
    rt.push_back({"GET", "/translations/{lang}/export.po", Mb, ExportPo});
    rt.push_back({"GET", "/translations/{lang}/import", Mb,
                  [](App& app, Request& r) { return ImportPage(app, r, "", nullptr, nullptr); }});
    rt.push_back({"POST", "/translations/{lang}/import", Mb, Import});
}

}  // namespace caunoi::http
