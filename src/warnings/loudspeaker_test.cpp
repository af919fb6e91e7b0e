#include "warnings/loudspeaker.hpp"

#include <gtest/gtest.h>

#include "warnings/spoken.hpp"
#include "warnings/test_parts.hpp"

namespace caunoi::warnings {
namespace {

using test_parts::Flood;
using test_parts::Vietnamese;

TEST(Loudspeaker, ASignedScriptSaidTwiceWithEverythingSpoken) {
    auto s = LoudspeakerScript(Flood(), Vietnamese());
    ASSERT_TRUE(s.ok()) << s.error().detail;
    EXPECT_EQ(s->rfind("Thông báo khẩn của UBND xã Mường Xén.", 0), 0u) << *s;
    EXPECT_NE(s->find("Cảnh báo lũ quét, cấp ba: rủi ro lớn, tại bản Huồi Giảng."), std::string::npos) << *s;
    EXPECT_NE(s->find("hai mươi giờ ba mươi phút ngày mười hai tháng sáu"), std::string::npos) << *s;
    EXPECT_EQ(s->find_first_of("0123456789"), std::string::npos) << "no digit left to misread: " << *s;
    const std::string body = "Rời nhà ven suối, lên chỗ cao.";
    const auto first = s->find(body);
    ASSERT_NE(first, std::string::npos) << *s;
    EXPECT_NE(s->find(body, first + 1), std::string::npos) << "said twice";
    EXPECT_NE(s->find("Xin nhắc lại."), std::string::npos);
    EXPECT_LE(SpeakingSeconds(*s), kMaxScriptSeconds);
}

TEST(Loudspeaker, TooLongToReadInAMinuteIsRefusedNamingWhatToShorten) {
    auto p = Flood();
    for (int i = 0; i < 12; ++i) p.what_to_do += ". Bà con chú ý theo dõi thông tin trên loa và điện thoại";
    auto s = LoudspeakerScript(p, Vietnamese());
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().field, "what_to_do");
    p.level = 7;
    EXPECT_EQ(LoudspeakerScript(p, Vietnamese()).error().field, "level");
}

}  // namespace
}  // namespace caunoi::warnings
