#include "warnings/warning_sms.hpp"

#include <gtest/gtest.h>

#include "warnings/test_parts.hpp"

namespace caunoi::warnings {
namespace {

using test_parts::Flood;
using test_parts::Vietnamese;

TEST(WarningSms, OneShortSignedMessageWithoutDiacritics) {
    auto s = WarningSmsText(Flood(), Vietnamese(), false);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->text,
              "UBND xa Muong Xen: CANH BAO lu quet, rui ro cap 3, ban Huoi Giang, den 20:30 12/06. Roi nha ven suoi, "
              "len cho cao.");
    EXPECT_TRUE(s->size.gsm7);
    EXPECT_EQ(s->size.parts, 1);
    EXPECT_FALSE(s->cut);
}

TEST(WarningSms, DiacriticsWhenTheOperatorKeepsThem) {
    auto s = WarningSmsText(Flood(), Vietnamese(), true);
    ASSERT_TRUE(s.ok());
    EXPECT_NE(s->text.find("Mường Xén"), std::string::npos);
    EXPECT_FALSE(s->size.gsm7);
    EXPECT_EQ(s->size.parts, 2) << "UCS-2 carries 70 characters a message";
}

TEST(WarningSms, LongAdviceIsCutNeverThePlaceOrTheTime) {
    auto p = Flood();
    for (int i = 0; i < 10; ++i) p.what_to_do += " Theo doi loa va dien thoai, giu tre em tranh xa suoi.";
    auto s = WarningSmsText(p, Vietnamese(), false);
    ASSERT_TRUE(s.ok());
    EXPECT_TRUE(s->cut);
    EXPECT_LE(s->size.parts, kMaxWarningSmsParts);
    EXPECT_NE(s->text.find("ban Huoi Giang, den 20:30 12/06."), std::string::npos) << s->text;
    EXPECT_EQ(s->text.substr(s->text.size() - 3), "...");
    p.level = 0;
    EXPECT_EQ(WarningSmsText(p, Vietnamese(), false).error().field, "level");
}

}  // namespace
}  // namespace caunoi::warnings
