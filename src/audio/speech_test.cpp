#include "audio/speech.hpp"

#include <gtest/gtest.h>
#include <opusfile.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace caunoi::audio {
namespace {

// Ten words.
const std::string kSentence = "Bà con rời nhà ven suối, lên chỗ cao ngay.";

uint32_t Le(const std::string& s, size_t at, int bytes) {
    uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
    return v;
}

struct Wav {
    uint32_t riff_size = 0, format = 0, channels = 0, rate = 0, byte_rate = 0, block_align = 0, bits = 0;
    size_t data_at = 0, data_size = 0;
    double Seconds() const { return rate && block_align ? static_cast<double>(data_size) / block_align / rate : 0; }
};

// The header fields of a RIFF WAVE file, its chunks walked (a writer may add some before "data").
Wav ReadWav(const std::string& f) {
    Wav w;
    EXPECT_GE(f.size(), 44u);
    if (f.size() < 44) return w;
    EXPECT_EQ(f.substr(0, 4), "RIFF");
    EXPECT_EQ(f.substr(8, 4), "WAVE");
    w.riff_size = Le(f, 4, 4);
    for (size_t at = 12; at + 8 <= f.size();) {
        const std::string id = f.substr(at, 4);
        const size_t size = Le(f, at + 4, 4);
        if (id == "fmt ") {
            w.format = Le(f, at + 8, 2);
            w.channels = Le(f, at + 10, 2);
            w.rate = Le(f, at + 12, 4);
            w.byte_rate = Le(f, at + 16, 4);
            w.block_align = Le(f, at + 20, 2);
            w.bits = Le(f, at + 22, 2);
        } else if (id == "data") {
            w.data_at = at + 8;
            w.data_size = size;
            break;
        }
        at += 8 + size + (size & 1);
    }
    return w;
}

double Rms(const std::string& f, const Wav& w) {
    double sum = 0;
    const size_t n = w.data_size / 2;
    for (size_t i = 0; i < n; ++i) {
        const auto s = static_cast<int16_t>(Le(f, w.data_at + 2 * i, 2));
        sum += static_cast<double>(s) * s;
    }
    return n ? std::sqrt(sum / n) : 0;
}

std::string TempPath(const std::string& name) {
    return ::testing::TempDir() + "/caunoi_audio_" + std::to_string(getpid()) + "_" + name;
}

std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(Speech, AVietnameseSentenceIsAValidWavOfSpeech) {
    auto a = SpeakVietnamese(kSentence);
    ASSERT_TRUE(a.ok()) << a.error().detail;
    const Wav w = ReadWav(a->wav);
    EXPECT_EQ(w.riff_size, a->wav.size() - 8);
    EXPECT_EQ(w.format, 1u) << "PCM";
    EXPECT_EQ(w.channels, 1u);
    EXPECT_EQ(w.bits, 16u);
    EXPECT_EQ(w.rate, static_cast<uint32_t>(kWavSampleRate));
    EXPECT_EQ(w.byte_rate, w.rate * 2);
    EXPECT_EQ(w.block_align, 2u);
    EXPECT_EQ(w.data_at, 44u);
    EXPECT_EQ(w.data_size, a->wav.size() - 44) << "the data is the rest of the file";
    EXPECT_NEAR(w.Seconds(), a->seconds, 1e-9);
    EXPECT_GE(a->seconds, 1.0);
    EXPECT_LE(a->seconds, 10.0);
    EXPECT_GT(Rms(a->wav, w), 1000.0) << "speech, not silence (of 32767)";
}

TEST(Speech, ALongerTextIsLonger) {
    auto one = SpeakVietnamese(kSentence);
    auto three = SpeakVietnamese(kSentence + " " + kSentence + " " + kSentence);
    ASSERT_TRUE(one.ok() && three.ok());
    EXPECT_GT(three->seconds, 2.5 * one->seconds);
    EXPECT_LT(three->seconds, 3.5 * one->seconds);
}

// espeak-ng has one global engine: speakers on many threads at once still each get their own text,
// whole (its output varies by a few samples from call to call: noise, the state a call leaves).
TEST(Speech, ManyThreadsAtOnceEachGetTheirOwnText) {
    auto short_one = SpeakVietnamese(kSentence);
    auto long_one = SpeakVietnamese(kSentence + " " + kSentence);
    ASSERT_TRUE(short_one.ok() && long_one.ok());
    std::vector<double> seconds(6, 0);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < seconds.size(); ++i)
        threads.emplace_back([&, i] {
            auto a = SpeakVietnamese(i % 2 ? kSentence + " " + kSentence : kSentence);
            if (a.ok()) seconds[i] = a->seconds;
        });
    for (auto& t : threads) t.join();
    for (size_t i = 0; i < seconds.size(); ++i)
        EXPECT_NEAR(seconds[i], i % 2 ? long_one->seconds : short_one->seconds, 0.05) << "thread " << i;
}

// Decoded by mpg123 (scripts/setup installs it: missing, this fails).
TEST(Speech, TheMp3DecodesToTheSameLength) {
    auto a = SpeakVietnamese(kSentence + " " + kSentence);
    ASSERT_TRUE(a.ok()) << a.error().detail;
    ASSERT_GE(a->mp3.size(), 4u);
    EXPECT_EQ(static_cast<unsigned char>(a->mp3[0]), 0xFF) << "an MPEG frame, no ID3 tag first";
    EXPECT_EQ(static_cast<unsigned char>(a->mp3[1]), 0xFB) << "MPEG-1 Layer III";
    EXPECT_NEAR(static_cast<double>(a->mp3.size()), a->seconds * kMp3KbitPerSecond * 1000 / 8, 3000)
        << "constant bit rate";
    const std::string mp3 = TempPath("speech.mp3"), wav = TempPath("decoded.wav");
    std::ofstream(mp3, std::ios::binary) << a->mp3;
    const std::string cmd = "mpg123 -q -w '" + wav + "' '" + mp3 + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd << " (scripts/setup test installs mpg123)";
    const std::string decoded = ReadFile(wav);
    const Wav w = ReadWav(decoded);
    EXPECT_EQ(w.channels, 1u);
    EXPECT_EQ(w.rate, static_cast<uint32_t>(kMp3SampleRate));
    EXPECT_NEAR(w.Seconds(), a->seconds, 0.3);
    EXPECT_GT(Rms(decoded, w), 1000.0);
    std::remove(mp3.c_str());
    std::remove(wav.c_str());
}

// The read-aloud pages' small file: Ogg Opus, mono, as long as the speech, less than half the MP3.
TEST(Speech, TheOpusDecodesToTheSameLength) {
    auto a = SpeakVietnamese(kSentence + " " + kSentence);
    ASSERT_TRUE(a.ok()) << a.error().detail;
    ASSERT_GE(a->opus.size(), 36u);
    EXPECT_EQ(a->opus.substr(0, 4), "OggS");
    EXPECT_EQ(a->opus.substr(28, 8), "OpusHead");
    EXPECT_LT(a->opus.size() * 2, a->mp3.size()) << "24 kbit/s against 64";
    int error = 0;
    OggOpusFile* of = op_open_memory(reinterpret_cast<const unsigned char*>(a->opus.data()), a->opus.size(), &error);
    ASSERT_NE(of, nullptr) << error;
    EXPECT_EQ(op_channel_count(of, -1), 1);
    EXPECT_NEAR(static_cast<double>(op_pcm_total(of, -1)) / 48000, a->seconds, 0.01);
    std::vector<float> pcm(5760);
    double sum = 0;
    size_t n = 0;
    for (int got; (got = op_read_float(of, pcm.data(), static_cast<int>(pcm.size()), nullptr)) > 0; n += got)
        for (int i = 0; i < got; ++i) sum += static_cast<double>(pcm[i]) * pcm[i];
    op_free(of);
    EXPECT_NEAR(static_cast<double>(n) / 48000, a->seconds, 0.01);
    EXPECT_GT(std::sqrt(sum / n), 1000.0 / 32768) << "speech, not silence";
}

TEST(Speech, RefusesNothingToSayBadTextAndTooMuch) {
    for (const std::string& bad : {std::string(), std::string("  \n "), std::string("Bà con \xC3\x28 rời nhà"),
                                   std::string("Bà con\x01 rời nhà"), std::string(kMaxSpeechBytes + 1, 'a')}) {
        auto a = SpeakVietnamese(bad);
        ASSERT_FALSE(a.ok()) << bad.substr(0, 40);
        EXPECT_EQ(a.error().code, ErrorCode::kInvalid);
        EXPECT_EQ(a.error().field, "script");
    }
}

}  // namespace
}  // namespace caunoi::audio
