#include "core/vocabulary.hpp"

#include <gtest/gtest.h>

#include "core/fields.hpp"

namespace caunoi {
namespace {

constexpr Term kColours[] = {{"red", "Red"}, {"green", "Green"}, {"blue", "Blue"}};
enum class Colour { kRed, kGreen, kBlue };
constexpr EnumVocabulary<Colour> kColourNames{kColours};

TEST(Vocabulary, FindsKeysAndNamesAndNothingElse) {
    EXPECT_EQ(IndexOf(kColours, "green"), 1u);
    EXPECT_FALSE(IndexOf(kColours, "Green").has_value()) << "keys are exact";
    EXPECT_STREQ(MsgidOf(kColours, "blue"), "Blue");
    EXPECT_STREQ(MsgidOf(kColours, "pink"), "-");
    EXPECT_STREQ(MsgidOf(kColours, "pink", "?"), "?");
}

TEST(Vocabulary, AnEnumReadsAndWritesItsKeys) {
    EXPECT_EQ(kColourNames.Name(Colour::kBlue), "blue");
    EXPECT_STREQ(kColourNames.Msgid(Colour::kGreen), "Green");
    EXPECT_EQ(kColourNames.Parse("red"), Colour::kRed);
    EXPECT_FALSE(kColourNames.Parse("purple").has_value());
}

TEST(Vocabulary, AFormFieldIsOneOfTheKeys) {
    Fields f({{"colour", "blue"}, {"bad", "teal"}});
    EXPECT_EQ(f.Choice("colour", kColours).value(), 2);
    auto bad = f.Choice("bad", kColours);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "bad");
    EXPECT_NE(bad.error().detail.find("red, green, blue"), std::string::npos) << bad.error().detail;
    EXPECT_FALSE(f.Choice("absent", kColours).value().has_value());
}

}  // namespace
}  // namespace caunoi
