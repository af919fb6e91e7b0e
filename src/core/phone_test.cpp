#include "core/phone.hpp"

#include <gtest/gtest.h>

namespace caunoi::phone {

TEST(SmsPhone, NormalisesTheWaysPeopleWriteAMobileNumber) {
    for (const char* raw : {"0912345678", "0912 345 678", "091.234.5678", "84912345678", "+84912345678",
                            "+84 91 234 56 78", "(+84) 912-345-678"})
        EXPECT_EQ(NormalizeMobile(raw).value_or("none"), "0912345678") << raw;
    for (const char* raw : {"0312345678", "0512345678", "0712345678", "0812345678", "0987654321"})
        EXPECT_TRUE(NormalizeMobile(raw).has_value()) << raw;
}

TEST(SmsPhone, RefusesWhatIsNotAVietnameseMobileNumber) {
    for (const char* raw : {"", "0", "091234567", "09123456789", "0212345678", "0412345678", "0612345678", "1912345678",
                            "+85512345678", "8412345678", "84012345678", "5656", "156", "VNPT", "09123x5678",
                            "++84912345678", "0912345678\n", "+", "849123456789012"})
        EXPECT_FALSE(NormalizeMobile(raw).has_value()) << raw;
}

TEST(SmsPhone, InternationalAndMaskedForms) {
    EXPECT_EQ(International("0912345678"), "84912345678");
    EXPECT_EQ(MaskPhone("0912345678"), "*******678");
}

}  // namespace caunoi::phone
