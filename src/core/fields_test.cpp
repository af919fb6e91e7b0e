#include "core/fields.hpp"

#include <gtest/gtest.h>

using caunoi::Fields;

TEST(Fields, UnknownFieldIsNamed) {
    Fields f({{"name", "x"}, {"evil", "1"}});
    auto st = f.OnlyKnown({"name"});
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().field, "evil");
}

TEST(Fields, TextIsTrimmedBoundedAndSingleLine) {
    Fields f({{"a", "  Mường Xén  "}, {"b", "line\nbreak"}, {"c", std::string(5, 'x')}});
    EXPECT_EQ(*f.Text("a", 20, true).value(), "Mường Xén");
    EXPECT_FALSE(f.Text("b", 20, true).ok());
    EXPECT_FALSE(f.Text("c", 4, true).ok());
    EXPECT_FALSE(f.Text("missing", 4, true).ok());
    EXPECT_FALSE(f.Text("missing", 4, false).value().has_value());
}

TEST(Fields, NumbersAreCheckedAgainstRange) {
    Fields f({{"y", "1990"}, {"bad", "19x0"}, {"old", "1800"}, {"lat", "19.3"}, {"nan", "nan"}});
    EXPECT_EQ(*f.Int("y", 1900, 2026).value(), 1990);
    EXPECT_FALSE(f.Int("bad", 1900, 2026).ok());
    EXPECT_FALSE(f.Int("old", 1900, 2026).ok());
    EXPECT_DOUBLE_EQ(*f.Real("lat", 18, 20).value(), 19.3);
    EXPECT_FALSE(f.Real("nan", -1000, 1000).ok());
}

TEST(Fields, ChoiceAcceptsNameOrIndex) {
    Fields f({{"a", "assisted"}, {"b", "2"}, {"c", "expert"}});
    EXPECT_EQ(*f.Choice("a", {"none", "assisted", "independent"}).value(), 1);
    EXPECT_EQ(*f.Choice("b", {"none", "assisted", "independent"}).value(), 2);
    EXPECT_FALSE(f.Choice("c", {"none", "assisted", "independent"}).ok());
}

TEST(Fields, SecretsAreTakenExactlyAsTyped) {
    Fields f({{"pw", "  spaced out  "}, {"bad", "\xff"}});
    EXPECT_EQ(*f.Secret("pw", 64, true).value(), "  spaced out  ");
    EXPECT_FALSE(f.Secret("bad", 64, true).ok());
    EXPECT_FALSE(f.Secret("pw", 4, true).ok());
    EXPECT_FALSE(f.Secret("missing", 64, true).ok());
}
