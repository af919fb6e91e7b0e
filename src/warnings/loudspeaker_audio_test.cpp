// A loudspeaker script spoken (audio::SpeakVietnamese): the minute a script is allowed
// (kMaxScriptSeconds, by SpeakingSeconds' estimate) is a minute of sound or less. Prints the
// lengths, sizes and time of the longest script it makes, the figures of docs/warnings.md:
//   ./build/caunoi_unit_tests --gtest_filter='LoudspeakerAudio.*'
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "audio/speech.hpp"
#include "warnings/loudspeaker.hpp"
#include "warnings/spoken.hpp"
#include "warnings/test_parts.hpp"

namespace caunoi::warnings {
namespace {

TEST(LoudspeakerAudio, AScriptAtTheLimitSpeaksWithinAMinute) {
    ScriptParts p = test_parts::Flood();
    p.from = "Ủy ban nhân dân xã Mường Xén";
    p.where = "bản Huồi Giảng, bản Xốp Lau, bản Piêng Phô";
    p.what_to_do =
        "Mưa lớn 150 mm từ đêm qua, nước suối lên nhanh. Rời nhà ven suối ngay, lên chỗ cao, không qua ngầm "
        "tràn, không đi rẫy, mang theo giấy tờ và thuốc.";
    auto script = LoudspeakerScript(p, test_parts::Vietnamese());
    ASSERT_TRUE(script.ok()) << script.error().detail;
    const int budget = SpeakingSeconds(*script);
    EXPECT_GE(budget, kMaxScriptSeconds - 5) << "a script near the limit: " << *script;
    ASSERT_TRUE(audio::SpeakVietnamese("Xin chào.").ok());  // the engine started
    const auto start = std::chrono::steady_clock::now();
    auto a = audio::SpeakVietnamese(*script);
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(a.ok()) << a.error().detail;
    EXPECT_LE(a->seconds, kMaxScriptSeconds);
    EXPECT_GE(a->seconds, budget * 0.6) << "spoken at a clear pace, not rushed";
    std::printf(
        "script: %zu bytes, %d s by SpeakingSeconds; spoken %.1f s; WAV %zu bytes, MP3 %zu bytes; "
        "synthesised in %.2f s\n",
        script->size(), budget, a->seconds, a->wav.size(), a->mp3.size(), took);
}

}  // namespace
}  // namespace caunoi::warnings
