#include "audio/speech_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace caunoi::audio {
namespace {

// A synthesiser that counts its calls and answers the text itself as the "sound".
struct Counting {
    std::atomic<int> calls{0};
    std::atomic<bool> fail{false};
    std::chrono::milliseconds takes{0};

    SpeechCache::Speak Speak() {
        return [this](std::string_view text) -> Result<Audio> {
            ++calls;
            std::this_thread::sleep_for(takes);
            if (fail) return Error::Internal("espeak-ng broke");
            return Audio{
                .wav = "wav:" + std::string(text), .mp3 = "mp3:" + std::string(text), .opus = {}, .seconds = 1};
        };
    }
};

TEST(SpeechCache, TheSameTextIsSpokenOnce) {
    Counting c;
    SpeechCache cache(4, c.Speak());
    auto a = cache.Get("Bà con lên chỗ cao.");
    auto b = cache.Get("Bà con lên chỗ cao.");
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(c.calls, 1);
    EXPECT_EQ(a->get(), b->get()) << "the same bytes, shared";
    EXPECT_EQ((*b)->wav, "wav:Bà con lên chỗ cao.");
    ASSERT_TRUE(cache.Get("Bà con lên chỗ cao!").ok());
    EXPECT_EQ(c.calls, 2) << "another text";
}

TEST(SpeechCache, KeepsAFewLeastRecentlyUsedGoFirst) {
    Counting c;
    SpeechCache cache(2, c.Speak());
    ASSERT_TRUE(cache.Get("a").ok());
    ASSERT_TRUE(cache.Get("b").ok());
    ASSERT_TRUE(cache.Get("a").ok());  // a used last: b goes for c
    ASSERT_TRUE(cache.Get("c").ok());
    EXPECT_EQ(cache.size(), 2u);
    EXPECT_EQ(c.calls, 3);
    ASSERT_TRUE(cache.Get("a").ok());
    EXPECT_EQ(c.calls, 3) << "a kept";
    ASSERT_TRUE(cache.Get("b").ok());
    EXPECT_EQ(c.calls, 4) << "b spoken again";
}

TEST(SpeechCache, AFailureIsNotKept) {
    Counting c;
    c.fail = true;
    SpeechCache cache(4, c.Speak());
    auto a = cache.Get("a");
    ASSERT_FALSE(a.ok());
    EXPECT_EQ(a.error().detail, "espeak-ng broke");
    EXPECT_EQ(cache.size(), 0u);
    c.fail = false;
    EXPECT_TRUE(cache.Get("a").ok());
    EXPECT_EQ(c.calls, 2);
}

TEST(SpeechCache, ManyAskingAtOnceWaitForOneSynthesis) {
    Counting c;
    c.takes = std::chrono::milliseconds(100);
    SpeechCache cache(4, c.Speak());
    std::vector<const Audio*> got(8, nullptr);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < got.size(); ++i)
        threads.emplace_back([&, i] {
            auto a = cache.Get("Bà con lên chỗ cao.");
            if (a.ok()) got[i] = a->get();
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(c.calls, 1);
    for (const Audio* a : got) EXPECT_EQ(a, got[0]);
    EXPECT_NE(got[0], nullptr);
}

TEST(SpeechCache, SpeaksVietnameseByDefault) {
    SpeechCache cache;
    auto cached = cache.Get("Bà con lên chỗ cao.");
    auto direct = SpeakVietnamese("Bà con lên chỗ cao.");
    ASSERT_TRUE(cached.ok() && direct.ok());
    EXPECT_NEAR((*cached)->seconds, direct->seconds, 0.05);
    EXPECT_EQ((*cached)->wav.substr(0, 4), "RIFF");
    EXPECT_FALSE((*cached)->mp3.empty());
    EXPECT_FALSE(cache.Get("").ok()) << "the refusals of SpeakVietnamese";
}

}  // namespace
}  // namespace caunoi::audio
