#include "audio/clip.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "audio/test_audio.hpp"

namespace caunoi::audio {
namespace {

using namespace test_audio;

constexpr const char* kTooLong = "The recording is too long: at most 60 seconds.";
constexpr const char* kDamaged = "The recording is damaged or incomplete: record it again or send the file again.";
constexpr const char* kUnsupported = "This file is not a recording we can read: send WebM, Ogg, WAV or MP3.";

void ExpectRefused(const Result<Pcm>& r, ErrorCode code, const std::string& title_id, const std::string& what) {
    ASSERT_FALSE(r.ok()) << what << " was accepted";
    EXPECT_EQ(r.error().code, code) << what << ": " << r.error().detail;
    EXPECT_EQ(r.error().title_id, title_id) << what << ": " << r.error().detail;
    EXPECT_EQ(r.error().field, "audio") << what;
}

// Both outputs decoded again by other code (libopusfile, libmpg123) are `seconds` long, mono, and,
// unless the gain was limited by the peak, at kTargetLufs within 1.5 LU.
void ExpectOutputs(const Clip& clip, double seconds) {
    const Pcm opus = DecodeOpusFile(clip.opus);
    int channels = 0;
    const Pcm mp3 = DecodeMp3File(clip.mp3, &channels);
    EXPECT_NEAR(opus.Seconds(), seconds, 0.1) << "Opus";
    EXPECT_NEAR(mp3.Seconds(), seconds, 0.1) << "MP3";
    EXPECT_EQ(mp3.rate, kMp3SampleRate);
    EXPECT_EQ(channels, 1);
    const bool peak_limited = clip.output_lufs < kTargetLufs - 0.1;
    if (!peak_limited) {
        EXPECT_NEAR(clip.output_lufs, kTargetLufs, 0.1);
        EXPECT_NEAR(Lufs(opus), kTargetLufs, 1.5) << "Opus";
        EXPECT_NEAR(Lufs(mp3), kTargetLufs, 1.5) << "MP3";
    } else {
        EXPECT_NEAR(Lufs(opus), clip.output_lufs, 1.5) << "Opus";
        EXPECT_NEAR(Lufs(mp3), clip.output_lufs, 1.5) << "MP3";
    }
    // The peak within -1 dBFS, with the codecs' own overshoot.
    EXPECT_LE(PeakDbfs(opus), kMaxPeakDbfs + 1.0);
    EXPECT_LE(PeakDbfs(mp3), kMaxPeakDbfs + 1.0);
}

TEST(Clip, ChromiumsWebmRecordingIsNormalisedAndEncoded) {
    auto clip = ProcessClip(Fixture("chromium_3s.webm"));
    ASSERT_TRUE(clip.ok()) << clip.error().detail;
    EXPECT_EQ(clip->source, "webm");
    EXPECT_NEAR(clip->seconds, 3.0, 0.1);
    ExpectOutputs(*clip, clip->seconds);
    EXPECT_LT(clip->opus.size(), 3 * 4000u) << "about 3 KB a second";
}

TEST(Clip, ChromiumsTimesliceStereoRecordingOfUnknownSizesIsRead) {
    auto clip = ProcessClip(Fixture("chromium_stereo_timeslice.webm"));
    ASSERT_TRUE(clip.ok()) << clip.error().detail;
    EXPECT_EQ(clip->source, "webm");
    EXPECT_NEAR(clip->seconds, 2.0, 0.1);
    ExpectOutputs(*clip, clip->seconds);
}

TEST(Clip, WavOfEveryEncodingRateAndChannelCountDecodesToItsLength) {
    struct Case {
        int bits;
        bool is_float;
        int rate;
        int channels;
    };
    for (const Case c : {Case{8, false, 8000, 1}, Case{16, false, 16000, 1}, Case{16, false, 22050, 2},
                         Case{24, false, 44100, 1}, Case{32, true, 48000, 2}, Case{16, false, 48000, 2}}) {
        const std::vector<float> mono = Voice(2.5, c.rate);
        std::vector<float> interleaved;
        for (const float x : mono)
            for (int ch = 0; ch < c.channels; ++ch) interleaved.push_back(x);
        auto pcm = DecodeClip(Wav(interleaved, c.rate, c.channels, c.bits, c.is_float));
        ASSERT_TRUE(pcm.ok()) << c.bits << " bits, " << c.rate << " Hz: " << pcm.error().detail;
        EXPECT_EQ(pcm->rate, c.rate);
        ASSERT_EQ(pcm->samples.size(), mono.size());
        const double step = c.is_float ? 1e-7 : 1.0 / (1 << (c.bits - 1));
        for (size_t i = 0; i < mono.size(); i += 97) ASSERT_NEAR(pcm->samples[i], mono[i], step) << i;
    }
}

TEST(Clip, StereoIsAveragedToMono) {
    const std::vector<float> voice = Voice(2, 16000);
    std::vector<float> left_only;
    for (const float x : voice) left_only.insert(left_only.end(), {x, 0.0f});
    auto pcm = DecodeClip(Wav(left_only, 16000, 2, 32, true));
    ASSERT_TRUE(pcm.ok()) << pcm.error().detail;
    ASSERT_EQ(pcm->samples.size(), voice.size());
    for (size_t i = 0; i < voice.size(); i += 31) ASSERT_FLOAT_EQ(pcm->samples[i], voice[i] / 2) << i;
}

TEST(Clip, OggOpusDecodesToItsLength) {
    auto ogg = EncodeOpus(Mono(Voice(3.2, 16000), 16000));
    ASSERT_TRUE(ogg.ok());
    auto pcm = DecodeClip(*ogg);
    ASSERT_TRUE(pcm.ok()) << pcm.error().detail;
    EXPECT_EQ(pcm->rate, 48000);
    EXPECT_NEAR(pcm->Seconds(), 3.2, 0.01);
    auto clip = ProcessClip(*ogg);
    ASSERT_TRUE(clip.ok());
    EXPECT_EQ(clip->source, "ogg");
}

TEST(Clip, Mp3DecodesToItsLength) {
    auto mp3 = EncodeMp3(Mono(Voice(3.2, 22050), 22050));
    ASSERT_TRUE(mp3.ok());
    auto pcm = DecodeClip(*mp3);
    ASSERT_TRUE(pcm.ok()) << pcm.error().detail;
    EXPECT_EQ(pcm->rate, kMp3SampleRate);
    EXPECT_NEAR(pcm->Seconds(), 3.2, 0.01) << "the LAME tag's padding trimmed";
    // With an ID3v2 tag before it, as many players write.
    std::string tagged = std::string("ID3\x04\x00\x00\x00\x00\x00\x0A", 10) + std::string(10, '\0') + *mp3;
    auto clip = ProcessClip(tagged);
    ASSERT_TRUE(clip.ok()) << clip.error().detail;
    EXPECT_EQ(clip->source, "mp3");
}

TEST(Clip, QuietAndLoudRecordingsAreNormalisedInBothOutputs) {
    for (const double amplitude : {0.02, 0.1, 0.9}) {
        auto clip = ProcessClip(Wav(Voice(4, 44100, amplitude), 44100));
        ASSERT_TRUE(clip.ok()) << amplitude << ": " << clip.error().detail;
        EXPECT_NEAR(clip->output_lufs, kTargetLufs, 0.1) << amplitude << " (in " << clip->input_lufs << ")";
        ExpectOutputs(*clip, 4.0);
    }
}

// A voice with a few sharp knocks: -16 LUFS would put the knocks above -1 dBFS, so the gain is
// the one that brings the peak to -1 dBFS, and the clip ends quieter.
TEST(Clip, GainIsLimitedByThePeak) {
    std::vector<float> voice = Voice(4, 48000, 0.05);
    for (size_t at = 24000; at + 240 < voice.size(); at += 48000)  // 5 ms of 1 kHz at 0.8, once a second
        for (size_t i = 0; i < 240; ++i)
            voice[at + i] =
                static_cast<float>(0.8 * std::sin(2 * std::numbers::pi * 1000 * static_cast<double>(i) / 48000.0));
    auto clip = ProcessClip(Wav(voice, 48000, 1, 32, true));
    ASSERT_TRUE(clip.ok()) << clip.error().detail;
    EXPECT_NEAR(clip->gain_db, kMaxPeakDbfs - 20 * std::log10(0.8), 0.01);
    EXPECT_LT(clip->output_lufs, kTargetLufs - 3);
    auto pcm = DecodeClip(Wav(voice, 48000, 1, 32, true));
    ASSERT_TRUE(pcm.ok());
    EXPECT_NEAR(clip->input_lufs, Lufs(*pcm), 0.01);
    ExpectOutputs(*clip, 4.0);
}

TEST(Clip, AWavWhoseHeaderSaysTwoHoursIsRefusedFromItsHeader) {
    // One second of samples, a data chunk that claims two hours (691 MB of 48 kHz 16-bit mono).
    const uint32_t two_hours = 2 * 3600 * 48000 * 2;
    const std::string wav = Wav(Voice(1, 48000), 48000, 1, 16, false, two_hours);
    ExpectRefused(DecodeClip(wav), ErrorCode::kInvalid, kTooLong, "2 h WAV");
    EXPECT_NE(DecodeClip(wav).error().detail.find("header says 7200.0 s"), std::string::npos)
        << DecodeClip(wav).error().detail;
    ExpectRefused(DecodeClip(Wav(Voice(61, 8000), 8000)), ErrorCode::kInvalid, kTooLong, "61 s WAV");
}

// Frames of an MP3 without its tag, repeated to ten minutes: no header gives the length, so the
// decoder runs, and stops once past 60 s.
TEST(Clip, ALongMp3IsRefusedAndItsDecodingStopped) {
    auto mp3 = EncodeMp3(Mono(Voice(6, 44100), 44100));
    ASSERT_TRUE(mp3.ok());
    // The second frame's header, after the info tag's frame (208 or 209 bytes).
    const size_t second = mp3->find("\xFF\xFB", 200);
    ASSERT_LT(second, 220u);
    const std::string frames = mp3->substr(second);
    std::string ten_minutes = frames;
    while (ten_minutes.size() < 600 * 8000) ten_minutes += frames;
    ClipLimits limits;
    limits.max_bytes = 8 * 1024 * 1024;
    auto r = DecodeClip(ten_minutes, limits);
    ExpectRefused(r, ErrorCode::kInvalid, kTooLong, "10 min MP3");
    EXPECT_NE(r.error().detail.find("decoding stopped at 60.0 s"), std::string::npos) << r.error().detail;
    // With its LAME tag, the length is known after the first frame.
    auto tagged = EncodeMp3(Mono(Voice(62, 8000), 8000));
    ASSERT_TRUE(tagged.ok());
    auto t = DecodeClip(*tagged);
    ExpectRefused(t, ErrorCode::kInvalid, kTooLong, "62 s MP3");
    EXPECT_NE(t.error().detail.find("tag says 62.0 s"), std::string::npos) << t.error().detail;
}

TEST(Clip, LongOggAndWebmAreRefusedFromTheirOwnLengths) {
    auto ogg = EncodeOpus(Mono(Voice(61, 8000), 8000));
    ASSERT_TRUE(ogg.ok());
    auto o = DecodeClip(*ogg);
    ExpectRefused(o, ErrorCode::kInvalid, kTooLong, "61 s Ogg");
    EXPECT_NE(o.error().detail.find("granule position says 61.0 s"), std::string::npos) << o.error().detail;
    // One 20 ms packet 3,100 times: 62 s.
    const auto packets = OpusPackets(Voice(0.02, 48000));
    ASSERT_EQ(packets.size(), 1u);
    auto w = DecodeClip(Webm(std::vector<std::string>(3100, packets[0])));
    ExpectRefused(w, ErrorCode::kInvalid, kTooLong, "62 s WebM");
    EXPECT_NE(w.error().detail.find("reading stopped at 60.0"), std::string::npos) << w.error().detail;
}

TEST(Clip, TooShortIsRefused) {
    ExpectRefused(DecodeClip(Wav(Voice(0.5, 16000), 16000)), ErrorCode::kInvalid,
                  "The recording is too short: at least 1 second.", "0.5 s");
}

TEST(Clip, SilenceAndHissAreRefused) {
    const std::string silent = "The recording is silent or too quiet: hold the phone closer and record again.";
    ExpectRefused(DecodeClip(Wav(std::vector<float>(3 * 16000, 0.0f), 16000)), ErrorCode::kInvalid, silent, "zeros");
    std::mt19937 rng(3);
    std::normal_distribution<float> noise(0, 0.001f);  // about -60 dBFS
    std::vector<float> hiss(3 * 16000);
    for (float& x : hiss) x = noise(rng);
    ExpectRefused(DecodeClip(Wav(hiss, 16000, 1, 32, true)), ErrorCode::kInvalid, silent, "hiss");
    // A whisper-quiet voice is kept.
    EXPECT_TRUE(DecodeClip(Wav(Voice(3, 16000, 0.03), 16000, 1, 32, true)).ok()) << "-40 LUFS";
    ExpectRefused(DecodeClip(Wav(Voice(3, 16000, 0.01), 16000, 1, 32, true)), ErrorCode::kInvalid, silent, "-50 LUFS");
}

TEST(Clip, ClippedIsRefusedButPeaksThatTouchFullScaleAreNot) {
    const std::string clipped_id =
        "The recording is distorted (too loud): hold the phone a little further away and record again.";
    std::vector<float> loud = Voice(3, 16000, 3.0);
    for (float& x : loud) x = std::max(-1.0f, std::min(1.0f, x));
    ExpectRefused(DecodeClip(Wav(loud, 16000)), ErrorCode::kInvalid, clipped_id, "clipped WAV");
    // The same clipped voice recorded as Opus (a browser's recording of a microphone driven too hard):
    // the decoder gives its flat tops back at full scale, refused too.
    auto ogg = EncodeOpus(Mono(loud, 16000));
    ASSERT_TRUE(ogg.ok());
    ExpectRefused(DecodeClip(*ogg), ErrorCode::kInvalid, clipped_id, "clipped Ogg Opus");
    // Peaks at full scale for one sample, 50 times a second: not clipping.
    std::vector<float> peaks = Voice(3, 16000, 0.5);
    for (size_t i = 0; i < peaks.size(); i += 320) peaks[i] = 1.0f;
    EXPECT_TRUE(DecodeClip(Wav(peaks, 16000, 1, 32, true)).ok());
}

TEST(Clip, SampleRatesOutsideTheLimitsAreRefused) {
    const std::string wrong_rate = "This recording's sample rate is not supported: record at 8 to 48 kHz.";
    ExpectRefused(DecodeClip(Wav(Voice(2, 4000, 0.3, 120), 4000)), ErrorCode::kInvalid, wrong_rate, "4 kHz");
    ExpectRefused(DecodeClip(Wav(Voice(2, 96000), 96000)), ErrorCode::kInvalid, wrong_rate, "96 kHz");
    EXPECT_TRUE(DecodeClip(Wav(Voice(2, 8000), 8000)).ok());
    EXPECT_TRUE(DecodeClip(Wav(Voice(2, 48000), 48000)).ok());
}

// Each kind cut short and each kind's first bytes followed by garbage: refused as damaged, never a crash.
TEST(Clip, TruncatedAndGarbageFilesAreDamaged) {
    std::vector<std::pair<std::string, std::string>> files;
    files.emplace_back("wav", Wav(Voice(2, 16000), 16000));
    auto ogg = EncodeOpus(Mono(Voice(2, 16000), 16000));
    auto mp3 = EncodeMp3(Mono(Voice(2, 16000), 16000));
    ASSERT_TRUE(ogg.ok() && mp3.ok());
    files.emplace_back("ogg", *ogg);
    files.emplace_back("mp3", *mp3);
    files.emplace_back("webm", Fixture("chromium_3s.webm"));
    std::mt19937 rng(5);
    for (const auto& [kind, whole] : files) {
        ASSERT_TRUE(DecodeClip(whole).ok()) << kind;
        for (const double part : {0.5, 0.9}) {
            const std::string cut = whole.substr(0, static_cast<size_t>(static_cast<double>(whole.size()) * part));
            ExpectRefused(DecodeClip(cut), ErrorCode::kInvalid, kDamaged, kind + " cut at " + std::to_string(part));
        }
        // The first bytes that name the kind, then random bytes.
        const size_t head = kind == "webm" ? 4 : kind == "ogg" ? 36 : kind == "wav" ? 12 : 4;
        std::string garbage = whole.substr(0, head);
        for (int i = 0; i < 20000; ++i) garbage.push_back(static_cast<char>(rng()));
        ExpectRefused(DecodeClip(garbage), ErrorCode::kInvalid, kDamaged, kind + " then garbage");
        // Every few bytes of a prefix: any error, never a crash.
        for (size_t n = 0; n < std::min<size_t>(whole.size(), 4000); n += 13) {
            auto r = DecodeClip(whole.substr(0, n));
            EXPECT_FALSE(r.ok()) << kind << " cut at " << n;
        }
    }
}

// Random bytes changed in a file of each kind (a little fuzzing in every run): any answer, never a
// crash, and an accepted file is within the limits.
TEST(Clip, MangledFilesNeverCrash) {
    auto ogg = EncodeOpus(Mono(Voice(1.5, 16000), 16000));
    auto mp3 = EncodeMp3(Mono(Voice(1.5, 16000), 16000));
    ASSERT_TRUE(ogg.ok() && mp3.ok());
    std::mt19937 rng(11);
    for (const std::string& whole : {Wav(Voice(1.5, 16000), 16000, 2), *ogg, *mp3, Fixture("chromium_3s.webm")}) {
        for (int round = 0; round < 300; ++round) {
            std::string bytes = whole;
            const int changes = 1 + static_cast<int>(rng() % 6);
            for (int i = 0; i < changes; ++i)
                bytes[rng() % std::min<size_t>(bytes.size(), 400)] = static_cast<char>(rng());
            auto r = DecodeClip(bytes);
            if (r.ok()) {
                EXPECT_LE(r->Seconds(), 60.0);
            }
        }
    }
}

TEST(Clip, OtherFilesAreUnsupported) {
    const std::string png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
    const std::string vorbis =
        std::string("OggS\0\x02", 6) + std::string(20, '\0') + "\x01\x1E" + "\x01vorbis" + std::string(30, '\0');
    const std::string flac = "fLaC" + std::string(100, '\0');
    const std::string aac("\xFF\xF1\x50\x80\x02\x1F\xFC", 7);  // ADTS: a frame sync but not Layer III
    for (const std::string& other : {std::string(), std::string("Bà con rời nhà ven suối, lên chỗ cao ngay.\n"), png,
                                     std::string("<!DOCTYPE html><html><body>audio</body></html>"), vorbis, flac,
                                     aac + std::string(500, '\0'), std::string("RIFF\x24\x00\x00\x00WEBPVP8 ", 16)})
        ExpectRefused(DecodeClip(other), ErrorCode::kUnsupported, kUnsupported, other.substr(0, 12));
    // A WAV of A-law, a WebM of Vorbis: the kind is read, its content is not.
    std::string alaw = Wav(Voice(2, 8000), 8000, 1, 8);
    alaw[20] = 6;
    ExpectRefused(DecodeClip(alaw), ErrorCode::kUnsupported, kUnsupported, "A-law WAV");
    WebmParts vorbis_track;
    vorbis_track.tracks = TrackEntry(1, "A_VORBIS", "x");
    ExpectRefused(DecodeClip(Webm(OpusPackets(Voice(1, 48000)), vorbis_track)), ErrorCode::kUnsupported, kUnsupported,
                  "Vorbis WebM");
}

// Clips of each kind processed on four threads at once give what they give one at a time.
TEST(Clip, ManyThreadsAtOnceEachGetTheirOwnClip) {
    auto ogg = EncodeOpus(Mono(Voice(1.5, 16000), 16000));
    auto mp3 = EncodeMp3(Mono(Voice(2.5, 16000), 16000));
    ASSERT_TRUE(ogg.ok() && mp3.ok());
    const std::vector<std::string> files = {Wav(Voice(2, 8000), 8000), *ogg, *mp3, Fixture("chromium_3s.webm")};
    std::vector<double> alone;
    for (const auto& f : files) {
        auto c = ProcessClip(f);
        ASSERT_TRUE(c.ok()) << c.error().detail;
        alone.push_back(c->seconds);
    }
    std::vector<double> together(files.size(), 0);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < files.size(); ++i)
        threads.emplace_back([&, i] {
            auto c = ProcessClip(files[i]);
            if (c.ok()) together[i] = c->seconds;
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(together, alone);
}

TEST(Clip, TooLargeIsRefusedBeforeAnythingIsRead) {
    ClipLimits limits;
    limits.max_bytes = 1000;
    // Garbage that is no kind at all: the size is what is refused.
    auto r = DecodeClip(std::string(1001, 'x'), limits);
    ExpectRefused(r, ErrorCode::kPayloadTooLarge, "The recording is too large: at most 12 MB.", "1001 bytes");
    EXPECT_EQ(r.error().detail, "1001 bytes, at most 1000");
    EXPECT_EQ(ProcessClip(std::string(12 * 1024 * 1024 + 1, '\0')).error().code, ErrorCode::kPayloadTooLarge);
}

}  // namespace
}  // namespace caunoi::audio
