#include "sms/encoding.hpp"

#include <gtest/gtest.h>

namespace caunoi::sms {

TEST(SmsEncoding, StripsDiacriticsToGsm7) {
    EXPECT_EQ(ToGsm7("Hồ sơ ĐÃ được tiếp nhận"), "Ho so DA duoc tiep nhan");
    EXPECT_EQ(ToGsm7("Ưu tiên Ơn “Cầu Nối” – xã"), "Uu tien On \"Cau Noi\" - xa");
    EXPECT_EQ(ToGsm7("a\n\n  b\tc`"), "a b c'");
    EXPECT_EQ(ToGsm7("日本"), "??");
    EXPECT_TRUE(Measure(ToGsm7("Nguyễn Thị Đào, bản Huồi Khe")).gsm7);
}

TEST(SmsEncoding, CountsPartsAtTheGsm7AndUcs2Limits) {
    EXPECT_EQ(Measure(std::string(160, 'a')).parts, 1);
    EXPECT_EQ(Measure(std::string(161, 'a')).parts, 2);
    EXPECT_EQ(Measure(std::string(306, 'a')).parts, 2);
    EXPECT_EQ(Measure(std::string(307, 'a')).parts, 3);
    // Extension characters take two septets.
    EXPECT_EQ(Measure(std::string(80, '[')).units, 160);
    EXPECT_EQ(Measure(std::string(81, '[')).parts, 2);
    // One accent turns the whole message into UCS-2: 70 per part.
    auto s = Measure("đ" + std::string(69, 'a'));
    EXPECT_FALSE(s.gsm7);
    EXPECT_EQ(s.units, 70);
    EXPECT_EQ(s.parts, 1);
    EXPECT_EQ(Measure("đ" + std::string(70, 'a')).parts, 2);
    EXPECT_EQ(Measure("").parts, 0);
    EXPECT_TRUE(Measure("é à £").gsm7);
}

}  // namespace caunoi::sms
