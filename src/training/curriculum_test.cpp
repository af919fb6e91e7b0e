#include "training/curriculum.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/embedded.hpp"
#include "registry/registry.hpp"

namespace caunoi::training {
namespace {

const std::string kOne = R"([demo_module]
title.vi = Bài thử
title.en = Test module
skill = skill_payment
practical = payment
minutes = 45
card.vi = Thẻ một
card.en = Card one
step = coin | Mở ứng dụng | Open the app
check = Việc một | Task one
check = Việc hai | Task two
check = Việc ba | Task three
)";

std::string With(const std::string& from, const std::string& to) {
    std::string s = kOne;
    auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
}

TEST(Curriculum, TheShippedOneCoversEverySkillAndEveryPracticalItem) {
    auto parsed = ParseCurriculum(EmbeddedFile("data/curriculum.txt"));
    ASSERT_TRUE(parsed.ok()) << parsed.error().detail;
    std::set<int> skills;
    std::set<std::string> practicals;
    for (const auto& m : parsed->modules) {
        skills.insert(m.skill);
        practicals.insert(m.practical);
        EXPECT_GE(m.checks.size(), 3u) << m.key;
        EXPECT_LE(m.checks.size(), 5u) << m.key;
        for (const auto& c : m.cards) EXPECT_FALSE(c.steps.empty()) << m.key;
    }
    EXPECT_EQ(skills.size(), registry::kSkills.size());
    EXPECT_EQ(practicals.size(), std::size(kPracticals));
    ASSERT_NE(parsed->Find("scam_safety"), nullptr);
    EXPECT_EQ(parsed->Find("nope"), nullptr);
}

TEST(Curriculum, ReadsAModuleWhole) {
    auto parsed = ParseCurriculum(kOne);
    ASSERT_TRUE(parsed.ok()) << parsed.error().detail;
    const Module& m = parsed->modules.at(0);
    EXPECT_EQ(m.key, "demo_module");
    EXPECT_EQ(m.skill, 2);  // skill_payment
    EXPECT_EQ(m.minutes, 45);
    ASSERT_EQ(m.cards.size(), 1u);
    EXPECT_EQ(m.cards[0].steps.at(0).icon, "coin");
    EXPECT_EQ(m.cards[0].steps.at(0).en, "Open the app");
    EXPECT_EQ(m.checks.at(2).vi, "Việc ba");
    EXPECT_EQ(m.source.rfind("[demo_module]", 0), 0u);
}

TEST(Curriculum, RefusesWhatATrainerCouldNotUseNamingTheLine) {
    auto err = [](const std::string& text) {
        auto r = ParseCurriculum(text);
        EXPECT_FALSE(r.ok()) << text;
        return r.ok() ? std::string() : r.error().detail;
    };
    EXPECT_NE(err(With("skill_payment", "skill_fishing")).find("line 4: skill: unknown skill"), std::string::npos);
    EXPECT_NE(err(With("practical = payment", "practical = farming")).find("unknown item"), std::string::npos);
    EXPECT_NE(err(With("minutes = 45", "minutes = 5")).find("15 to 240"), std::string::npos);
    EXPECT_NE(err(With("coin |", "rocket |")).find("unknown icon rocket"), std::string::npos);
    EXPECT_NE(err(With("| Open the app", "")).find("expected icon | Vietnamese | English"), std::string::npos);
    EXPECT_NE(err(With("check = Việc ba | Task three\n", "")).find("needs 3 to 5"), std::string::npos);
    EXPECT_NE(err(With("card.en = Card one\n", "")).find("no card.en"), std::string::npos);
    EXPECT_NE(err(With("card.vi = Thẻ một\ncard.en = Card one\n", "")).find("line 7: step before the first card"),
              std::string::npos);
    EXPECT_NE(err(With("card.vi = Thẻ một\ncard.en = Card one\nstep = coin | Mở ứng dụng | Open the app\n", ""))
                  .find("no lesson card"),
              std::string::npos);
    EXPECT_NE(err(With("title.en = Test module\n", "")).find("missing title.en"), std::string::npos);
    std::string six_checks = "check = a | b\ncheck = a | b\ncheck = a | b\n";
    EXPECT_NE(err(kOne + "" + With("[demo_module]", "[other]") + six_checks).find("more than 5 check items"),
              std::string::npos);
}

}  // namespace
}  // namespace caunoi::training
