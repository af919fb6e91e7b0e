#include "http/handlers/spoken_audio.hpp"

#include <memory>

#include "audio/clip.hpp"
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

Response SpokenAudioAfter(std::vector<std::string> lead, std::string script, std::string filename) {
    struct State {
        std::vector<std::string> lead;
        std::string script;
        Result<std::string> mp3 = Error::Internal("not spoken");
    };
    auto st = std::make_shared<State>();
    st->lead = std::move(lead);
    st->script = std::move(script);
    return Response::Offload(
        [st] {
            auto spoken = Speech().Get(st->script);
            if (!spoken.ok()) {
                st->mp3 = spoken.error();
                return;
            }
            // Every part decoded to PCM at the MP3s' one rate, joined with 0.6 s of silence.
            audio::ClipLimits limits;
            limits.max_seconds = 180;
            limits.min_seconds = 0.1;
            audio::Pcm all;
            st->lead.push_back((*spoken)->mp3);
            for (const auto& part : st->lead) {
                auto pcm = audio::DecodeClip(part, limits);
                if (!pcm.ok()) {
                    st->mp3 = Error::Internal("a part of the loudspeaker audio: " + pcm.error().detail);
                    return;
                }
                if (all.rate != 0 && pcm->rate != all.rate) {
                    st->mp3 = Error::Internal("loudspeaker audio parts at different rates");
                    return;
                }
                all.rate = pcm->rate;
                all.samples.insert(all.samples.end(), pcm->samples.begin(), pcm->samples.end());
                all.samples.resize(all.samples.size() + static_cast<size_t>(0.6 * pcm->rate), 0.0f);
            }
            st->mp3 = audio::EncodeMp3(all);
        },
        [st, filename]() -> Result<Response> {
            if (!st->mp3.ok()) return st->mp3.error();
            Response resp;
            resp.content_type = "audio/mpeg";
            resp.body = std::move(*st->mp3);
            resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
            return resp;
        });
}

}  // namespace caunoi::http
