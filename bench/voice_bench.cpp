// Voice clips and read-aloud benchmark, the in-process half (bench/voice.sh runs it beside the
// espeak-ng, opusenc and lame command lines, and prints the ratios; docs/benchmarks.md, "Voice
// clips and read-aloud"). Reads a script (UTF-8 text) and, ROUNDS times, times:
//   speak_ms   audio::SpeakVietnamese: espeak-ng synthesis, WAV, MP3 and Opus (what a read-aloud
//              page or a loudspeaker warning costs on a cache miss)
//   opus_ms    audio::EncodeOpus of the same speech (its PCM, read back from the WAV)
//   mp3_ms     audio::EncodeMp3 of the same speech
//   synth_ms   speak_ms - opus_ms - mp3_ms: the synthesis and the WAV (derived, per round)
//   clip_ms    audio::ProcessClip of the speech's WAV: a 60-second recorded clip's whole pipeline
//              (decode, checks, loudness twice, both encodes)
// and prints, one "key value" a line, the median of each, then the speech's seconds and the bytes
// of the WAV, the MP3 and the Opus, and of the clip's Opus and MP3, and the clip's loudness.
// Usage: caunoi_bench_voice SCRIPT.txt [ROUNDS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "audio/clip.hpp"
#include "audio/speech.hpp"

using namespace caunoi;

namespace {

double Median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

template <typename F>
double TimeMs(F&& f) {
    const auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// The 16-bit mono samples of speech.cpp's 44-byte-header WAV, as floats.
audio::Pcm PcmOfWav(const std::string& wav) {
    audio::Pcm pcm{.samples = {}, .rate = audio::kWavSampleRate};
    for (size_t at = 44; at + 1 < wav.size(); at += 2)
        pcm.samples.push_back(
            static_cast<int16_t>(static_cast<unsigned char>(wav[at]) | (static_cast<unsigned char>(wav[at + 1]) << 8)) /
            32768.0f);
    return pcm;
}

int Fail(const char* what, const Error& e) {
    std::fprintf(stderr, "%s: %s (%s)\n", what, e.title_id.c_str(), e.detail.c_str());
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s SCRIPT.txt [ROUNDS]\n", argv[0]);
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    const std::string text = s.str();
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;

    std::vector<double> speak, opus, mp3, synth, clip;
    audio::Audio audio;
    audio::Clip processed;
    for (int round = 0; round < rounds; ++round) {
        Result<audio::Audio> a = Error::Internal("not run");
        speak.push_back(TimeMs([&] { a = audio::SpeakVietnamese(text); }));
        if (!a.ok()) return Fail("SpeakVietnamese", a.error());
        audio = std::move(a).value();
        const audio::Pcm pcm = PcmOfWav(audio.wav);
        Result<std::string> o = Error::Internal("not run"), m = Error::Internal("not run");
        opus.push_back(TimeMs([&] { o = audio::EncodeOpus(pcm); }));
        mp3.push_back(TimeMs([&] { m = audio::EncodeMp3(pcm); }));
        if (!o.ok()) return Fail("EncodeOpus", o.error());
        if (!m.ok()) return Fail("EncodeMp3", m.error());
        synth.push_back(speak.back() - opus.back() - mp3.back());
        Result<audio::Clip> c = Error::Internal("not run");
        clip.push_back(TimeMs([&] { c = audio::ProcessClip(audio.wav); }));
        if (!c.ok()) return Fail("ProcessClip", c.error());
        processed = std::move(c).value();
    }
    std::printf("rounds %d\n", rounds);
    std::printf("speak_ms %.1f\n", Median(speak));
    std::printf("synth_ms %.1f\n", Median(synth));
    std::printf("opus_ms %.1f\n", Median(opus));
    std::printf("mp3_ms %.1f\n", Median(mp3));
    std::printf("clip_ms %.1f\n", Median(clip));
    std::printf("seconds %.2f\n", audio.seconds);
    std::printf("wav_bytes %zu\n", audio.wav.size());
    std::printf("mp3_bytes %zu\n", audio.mp3.size());
    std::printf("opus_bytes %zu\n", audio.opus.size());
    std::printf("clip_opus_bytes %zu\n", processed.opus.size());
    std::printf("clip_mp3_bytes %zu\n", processed.mp3.size());
    std::printf("clip_input_lufs %.1f\n", processed.input_lufs);
    std::printf("clip_output_lufs %.1f\n", processed.output_lufs);
    std::printf("clip_gain_db %.1f\n", processed.gain_db);
    return 0;
}
