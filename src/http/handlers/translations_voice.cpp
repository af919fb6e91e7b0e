// Voice over HTTP (docs/translations.md "Voice" and "Read aloud"): recorded clips uploaded in
// pieces (PUT /api/v1/clips/{upload}, resumed after a lost signal, made once), their files
// (approved ones for anyone, waiting ones for members reviewing), the record page, and
// /listen/{lang}?key=: a text read aloud in a language, the approved recording when there is one,
// else the Vietnamese read by espeak-ng; what pages offer to hear (ListenData, the board's tip of
// the day).
#include <algorithm>
#include <boost/json.hpp>
#include <memory>

#include "audio/clip.hpp"
#include "audio/speech_cache.hpp"
#include "core/calendar.hpp"
#include "core/ulid.hpp"
#include "http/handlers/json_values.hpp"
#include "http/handlers/translations.hpp"
#include "http/handlers/web_common.hpp"
#include "http/json.hpp"
#include "translation/languages.hpp"

namespace caunoi::http {
namespace {

namespace json = boost::json;
using translation::VoiceClip;

TranslationsModule& M(App& app) { return app.Get<TranslationsModule>(); }

json::object Progress(int64_t received, int64_t total, const std::string& clip) {
    return json::object{{"received", received}, {"total", total}, {"done", !clip.empty()}, {"clip_id", OptS(clip)}};
}

// The texts read aloud lately, synthesised once each (a text's new version is a new entry).
audio::SpeechCache& Speech() {
    static audio::SpeechCache cache(16);
    return cache;
}

Response Audio(std::string bytes, const std::string& format, const std::string& lang) {
    Response resp;
    resp.content_type = format == "mp3" ? "audio/mpeg" : "audio/ogg; codecs=opus";
    resp.body = std::move(bytes);
    resp.headers.emplace_back("Content-Language", lang);
    resp.headers.emplace_back("Cache-Control", "public, max-age=300");
    return resp;
}

Result<const translation::Text*> FindText(const std::vector<translation::Text>& texts, const std::string& key) {
    for (const auto& t : texts)
        if (t.key == key) return &t;
    return Error::NotFound("no text " + key);
}

// GET /api/v1/clips/{upload}: how much arrived (resume from there), or the clip it made.
Result<Response> GetUpload(App& app, Request& r) {
    const std::string id = r.Param("upload");
    CAUNOI_ASSIGN(auto made, M(app).clips.Existing(id));
    if (made) return JsonResponse(Progress(1, 1, id));
    CAUNOI_ASSIGN(auto up, M(app).clip_store.FindUpload(id));
    if (!up) return JsonResponse(Progress(0, 0, ""));
    return JsonResponse(Progress(up->received, up->total, ""));
}

// PUT /api/v1/clips/{upload}?key=&lang=&offset=&total=, the body the bytes from offset on. When
// whole, the clip is made off the io thread (decoding and encoding a minute takes a moment) and
// kept once, whichever request finishes first.
Result<Response> PutPart(App& app, Request& r) {
    auto& m = M(app);
    const std::string id = r.Param("upload");
    if (!IsUlid(id)) return Error::Invalid("upload", "not a ULID");
    CAUNOI_ASSIGN(auto total, r.IntQuery("total", 1, INT64_MAX, 0));
    CAUNOI_ASSIGN(auto offset, r.IntQuery("offset", 0, INT64_MAX, -1));
    if (offset < 0) return Error::Invalid("offset", "required");
    if (total == 0) return Error::Invalid("total", "required");
    CAUNOI_ASSIGN(auto made, m.clips.Existing(id));
    if (made) return JsonResponse(Progress(total, total, id));
    const audio::ClipLimits limits;
    auto up = m.clips.AddPiece(*r.actor, id, r.Query("key"), r.Query("lang"), offset, total, r.body,
                               static_cast<int64_t>(limits.max_bytes));
    if (!up.ok()) {
        if (up.error().code != ErrorCode::kConflict || up.error().detail.rfind("resume at ", 0) != 0) return up.error();
        CAUNOI_ASSIGN(auto there, m.clip_store.FindUpload(id));
        return JsonResponse(Progress(there ? there->received : 0, total, ""), 409);
    }
    if (up->received < up->total) return JsonResponse(Progress(up->received, up->total, ""));
    CAUNOI_ASSIGN(auto bytes, m.clips.Assemble(id));
    struct State {
        std::string bytes;
        Result<audio::Clip> clip = Error::Internal("not processed");
    };
    auto st = std::make_shared<State>();
    st->bytes = std::move(bytes);
    const Actor actor = *r.actor;
    const translation::ClipUpload upload = *up;
    return Response::Offload(
        [st] {
            st->clip = audio::ProcessClip(st->bytes);
            st->bytes.clear();
        },
        [&app, st, actor, upload]() -> Result<Response> {
            auto& m = M(app);
            CAUNOI_ASSIGN(auto again, m.clips.Existing(upload.id));
            if (again) return JsonResponse(Progress(upload.total, upload.total, upload.id));
            if (!st->clip.ok()) {
                // Refused: the pieces go, so the member can record again with a new upload.
                CAUNOI_TRY(m.clips.DropUpload(upload.id));
                return st->clip.error();
            }
            CAUNOI_ASSIGN(auto c, m.clips.Keep(actor, upload, st->clip->seconds, st->clip->input_lufs, st->clip->opus,
                                               st->clip->mp3));
            json::object out = Progress(upload.total, upload.total, c.id);
            out["seconds"] = c.seconds;
            return JsonResponse(out, 201);
        });
}

// GET /voice/{id}/{file}: clip.opus or clip.mp3.
Result<Response> VoiceFile(App& app, Request& r) {
    const std::string file = r.Param("file");
    const std::string format = file == "clip.opus" ? "opus" : file == "clip.mp3" ? "mp3" : "";
    CAUNOI_ASSIGN(auto bytes, M(app).clips.File(r.Param("id"), format, r.actor.has_value()));
    CAUNOI_ASSIGN(auto c, M(app).clip_store.Find(r.Param("id")));
    Response resp = Audio(std::move(bytes), format, c.lang);
    if (c.state != translation::State::kApproved) resp.headers.back() = {"Cache-Control", "no-store"};
    return resp;
}

// GET /listen/{lang}?key=K[&format=mp3]
Result<Response> Listen(App& app, Request& r) {
    const std::string lang = r.Param("lang"), key = r.Query("key");
    const std::string format = r.Query("format") == "mp3" ? "mp3" : "opus";
    if (!translation::IsVoiceLanguage(lang)) return Error::NotFound("no such language");
    CAUNOI_ASSIGN(auto texts, M(app).Catalogue());
    CAUNOI_ASSIGN(const translation::Text* text, FindText(texts, key));
    CAUNOI_ASSIGN(auto clip, M(app).clips.InUse(key, lang, text->vi));
    if (clip) {
        CAUNOI_ASSIGN(auto bytes, M(app).clip_store.Audio(clip->id, format));
        return Audio(std::move(bytes), format, lang);
    }
    // No recording: the Vietnamese, read by espeak-ng (cached by its text: a new version is read anew).
    struct State {
        std::string text;
        Result<std::shared_ptr<const audio::Audio>> audio = Error::Internal("not spoken");
    };
    auto st = std::make_shared<State>();
    st->text = text->vi;
    return Response::Offload([st] { st->audio = Speech().Get(st->text); },
                             [st, format]() -> Result<Response> {
                                 if (!st->audio.ok()) return st->audio.error();
                                 const auto& a = **st->audio;
                                 return Audio(format == "mp3" ? a.mp3 : a.opus, format, "vi");
                             });
}

// The record page: the text, the recorder (web/app/record.js) and a file field.
Result<Response> RecordPage(App& app, Request& r) {
    const std::string lang = r.Param("lang"), key = r.Query("key");
    if (!translation::IsVoiceLanguage(lang)) return Error::NotFound("no such language");
    CAUNOI_ASSIGN(auto texts, M(app).Catalogue());
    CAUNOI_ASSIGN(const translation::Text* text, FindText(texts, key));
    Data d = Obj({{"tlang", lang},
                  {"language", app.Tr(r, MsgidOf(translation::kLanguages, lang))},
                  {"key", key},
                  {"vi", text->vi},
                  {"group", text->group},
                  {"item", text->item}});
    CAUNOI_ASSIGN(auto written, M(app).service.InUse(key, lang, text->vi));
    d.set("written", Str(written.value_or("")));
    d.set("back", "/translations/" + lang + "?group=" + UrlEncode(text->group) +
                      (text->item.empty() ? "" : "&item=" + UrlEncode(text->item)));
    return app.views->Page(app, r, "translations_record", d, N_("Voice recording"));
}

}  // namespace

Result<Data> ListenData(App& app, const Request& r, const std::string& key, const std::string& vi,
                        const std::string& lang) {
    Data d;
    if (!translation::IsVoiceLanguage(lang)) return d;
    CAUNOI_ASSIGN(auto clip, M(app).clips.InUse(key, lang, vi));
    const std::string src = "/listen/" + lang + "?key=" + UrlEncode(key);
    d.set("src", src);
    d.set("src_mp3", src + "&format=mp3");
    d.set("recorded", clip.has_value());
    d.set("lang", clip ? lang : "vi");
    static constexpr Term kListenIn[] = {{"vi", N_("Listen")},
                                         {"tai", N_("Listen in Thai")},
                                         {"hmn", N_("Listen in Hmong")},
                                         {"kjg", N_("Listen in Khmu")}};
    d.set("label", app.Tr(r, clip ? MsgidOf(kListenIn, lang) : N_("Listen (Vietnamese, read by the computer)")));
    return d;
}

Status AddTipOfTheDay(App& app, const Request& r, Data& d) {
    CAUNOI_ASSIGN(auto all, app.fieldwork.Tips());
    std::vector<fieldwork::Tip> tips;
    for (auto& t : all)
        if (t.active) tips.push_back(std::move(t));
    if (tips.empty()) return {};
    const auto& tip = tips[static_cast<size_t>(LocalDayOf(app.clock.NowSeconds())) % tips.size()];
    Data o = Obj({{"text", tip.In(r.lang)}, {"key", tip.key}});
    // A village's own languages without a recording are named: the team sees what to record.
    std::vector<std::string> own;
    if (r.params.count("village")) {
        CAUNOI_ASSIGN(own, M(app).service.VillageLanguages(r.Param("village")));
    }
    Data voices = List(), missing = List();
    for (const char* lang : {"vi", "tai", "hmn", "kjg"}) {
        CAUNOI_ASSIGN(Data listen, ListenData(app, r, "tip." + tip.key, tip.vi, lang));
        const bool recorded = listen.get("recorded")->is_true();
        if (std::string(lang) == "vi" || recorded) voices.push_back(listen);
        if (!recorded && std::find(own.begin(), own.end(), lang) != own.end())
            missing.push_back(Obj({{"name", app.Tr(r, MsgidOf(translation::kLanguages, lang))}}));
    }
    o.set("voices", voices);
    o.set("missing", missing);
    d.set("tip", o);
    return {};
}

Result<Data> ContentIn(App& app, const std::string& key, const std::string& vi, const std::string& lang) {
    CAUNOI_ASSIGN(auto written, lang == "vi" ? std::optional<std::string>{} : M(app).service.InUse(key, lang, vi));
    CAUNOI_ASSIGN(auto clip, M(app).clips.InUse(key, lang, vi));
    Data d = Obj({{"text", written.value_or(vi)}, {"listen", "/listen/" + lang + "?key=" + UrlEncode(key)}});
    d.set("vietnamese", lang != "vi" && !written);
    d.set("recorded", clip.has_value());
    return d;
}

Result<std::optional<std::string>> TemplateRecording(App& app, std::string_view group, const char* msgid,
                                                     const std::string& lang) {
    const std::string vi = app.catalogs_.Translate("vi", msgid);
    CAUNOI_ASSIGN(auto clip, M(app).clips.InUse(translation::TemplateKey(group, msgid), lang, vi));
    if (!clip) return std::optional<std::string>{};
    CAUNOI_ASSIGN(auto mp3, M(app).clip_store.Audio(clip->id, "mp3"));
    return std::optional<std::string>(std::move(mp3));
}

Data VoiceChoices(App& app, const Request& r, const std::string& base, const std::string& chosen) {
    Data out = List();
    for (const auto& l : translation::kLanguages) {
        if (!translation::IsVoiceLanguage(l.key)) continue;
        Data o = Obj({{"code", std::string(l.key)},
                      {"name", app.Tr(r, l.msgid)},
                      {"href", base + "?voice=" + std::string(l.key)}});
        o.set("chosen", chosen == l.key);
        out.push_back(o);
    }
    return out;
}

void AddVoiceRoutes(std::vector<Route>& rt) {
    const auto Mb = Role::kMember;
    rt.push_back({"GET", "/api/v1/clips/{upload}", Mb, GetUpload});
    rt.push_back({"PUT", "/api/v1/clips/{upload}", Mb, PutPart});
    rt.push_back({"GET", "/voice/{id}/{file}", std::nullopt, VoiceFile});
    rt.push_back({"GET", "/listen/{lang}", std::nullopt, Listen});
    rt.push_back({"GET", "/translations/{lang}/record", Mb, RecordPage});
}

}  // namespace caunoi::http
