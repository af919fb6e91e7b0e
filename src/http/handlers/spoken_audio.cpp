#include "http/handlers/spoken_audio.hpp"

#include <memory>

#include "audio/speech_cache.hpp"

namespace caunoi::http {

namespace {

audio::SpeechCache& Speech() {
    static audio::SpeechCache cache;
    return cache;
}

}  // namespace

Response SpokenAudio(std::string script, bool mp3, std::string filename) {
    struct State {
        std::string script;
        Result<std::shared_ptr<const audio::Audio>> audio = Error::Internal("not spoken");
    };
    auto st = std::make_shared<State>();
    st->script = std::move(script);
    return Response::Offload([st] { st->audio = Speech().Get(st->script); },
                             [st, mp3, filename]() -> Result<Response> {
                                 if (!st->audio.ok()) return st->audio.error();
                                 Response resp;
                                 resp.content_type = mp3 ? "audio/mpeg" : "audio/wav";
                                 resp.body = mp3 ? (*st->audio)->mp3 : (*st->audio)->wav;
                                 resp.headers.emplace_back("Content-Disposition",
                                                           "attachment; filename=\"" + filename + "\"");
                                 return resp;
                             });
}

}  // namespace caunoi::http
