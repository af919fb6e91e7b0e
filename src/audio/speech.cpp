#include "audio/speech.hpp"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <cstdint>
#include <mutex>
#include <vector>

#include "core/text.hpp"

namespace caunoi::audio {
namespace {

std::string StatusMessage(espeak_ng_STATUS status) {
    char buf[256] = {};
    espeak_ng_GetStatusCodeMessage(status, buf, sizeof buf);
    return buf;
}

// espeak-ng's one engine: initialised once, synchronous, voice "vi" at kWordsPerMinute. By
// espeak_ng_* rather than espeak_Initialize, which on missing data exits the process (or, told
// not to, only prints to stderr and goes on).
class Engine {
  public:
    static Engine& Get() {
        static Engine engine;
        return engine;
    }

    // The PCM of `text` (valid UTF-8), at SampleRate().
    Result<std::vector<int16_t>> Synthesise(const std::string& text) {
        std::lock_guard lock(mu_);
        if (!error_.empty()) return Error::Internal(error_);
        std::vector<int16_t> pcm;
        const espeak_ng_STATUS s =
            espeak_ng_Synthesize(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &pcm);
        if (s != ENS_OK) return Error::Internal("espeak-ng: " + StatusMessage(s));
        return pcm;
    }
    int SampleRate() const { return rate_; }

  private:
    Engine() {
        espeak_ng_InitializePath(nullptr);  // see speech.hpp
        espeak_ng_ERROR_CONTEXT context = nullptr;
        espeak_ng_STATUS s = espeak_ng_Initialize(&context);
        espeak_ng_ClearErrorContext(&context);
        if (s == ENS_OK) s = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr);
        if (s == ENS_OK) s = espeak_ng_SetVoiceByName("vi");
        if (s == ENS_OK) s = espeak_ng_SetParameter(espeakRATE, kWordsPerMinute, 0);
        if (s != ENS_OK) {
            const char* data = nullptr;
            espeak_Info(&data);
            error_ = "espeak-ng (voice vi, data " + std::string(data ? data : "?") + "): " + StatusMessage(s);
            return;
        }
        rate_ = espeak_ng_GetSampleRate();
        espeak_SetSynthCallback(&Engine::Collect);
    }

    // Called by espeak-ng, within Synthesise, with each piece of PCM (nullptr at the end).
    static int Collect(short* wav, int samples, espeak_EVENT* events) {
        auto* pcm = static_cast<std::vector<int16_t>*>(events->user_data);
        if (wav && samples > 0) pcm->insert(pcm->end(), wav, wav + samples);
        return 0;  // go on
    }

    std::mutex mu_;
    std::string error_;  // why the engine cannot speak; empty when it can
    int rate_ = 0;
};

void PutLe(std::string& out, uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// A RIFF WAVE file: a 44-byte header (RIFF, "fmt " PCM 16-bit mono, "data") and the samples, little-endian.
std::string Wav(const std::vector<int16_t>& pcm, int rate) {
    const uint32_t data = static_cast<uint32_t>(pcm.size() * 2);
    std::string out;
    out.reserve(44 + data);
    out += "RIFF";
    PutLe(out, 36 + data, 4);
    out += "WAVEfmt ";
    PutLe(out, 16, 4);        // fmt chunk size
    PutLe(out, 1, 2);         // PCM
    PutLe(out, 1, 2);         // channels
    PutLe(out, rate, 4);      // sample rate
    PutLe(out, rate * 2, 4);  // byte rate
    PutLe(out, 2, 2);         // block align
    PutLe(out, 16, 2);        // bits per sample
    out += "data";
    PutLe(out, data, 4);
    for (int16_t s : pcm) PutLe(out, static_cast<uint16_t>(s), 2);
    return out;
}

}  // namespace

Result<Audio> SpeakVietnamese(std::string_view text) {
    if (text::Trim(text).empty()) return Error::Invalid("script", "nothing to say");
    if (text.size() > kMaxSpeechBytes)
        return Error::Invalid("script", "longer than " + std::to_string(kMaxSpeechBytes) + " bytes");
    if (!text::IsValidUtf8(text)) return Error::Invalid("script", "not valid UTF-8 text");
    Engine& engine = Engine::Get();
    CAUNOI_ASSIGN(std::vector<int16_t> pcm, engine.Synthesise(std::string(text)));
    if (pcm.empty()) return Error::Internal("espeak-ng gave no sound");
    const int rate = engine.SampleRate();
    Audio audio{.wav = Wav(pcm, rate), .mp3 = {}, .opus = {}, .seconds = static_cast<double>(pcm.size()) / rate};
    Pcm samples{.samples = std::vector<float>(pcm.size()), .rate = rate};
    for (size_t i = 0; i < pcm.size(); ++i) samples.samples[i] = static_cast<float>(pcm[i]) / 32768.0f;
    CAUNOI_ASSIGN(audio.mp3, EncodeMp3(samples));
    CAUNOI_ASSIGN(audio.opus, EncodeOpus(samples));
    return audio;
}

}  // namespace caunoi::audio
