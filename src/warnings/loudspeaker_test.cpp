#include "warnings/loudspeaker.hpp"

#include <gtest/gtest.h>

#include "core/embedded.hpp"
#include "core/i18n.hpp"
#include "warnings/cap.hpp"
#include "warnings/spoken.hpp"

namespace caunoi::warnings {
namespace {

Translate Vietnamese() {
    static i18n::Catalogs c = [] {
        i18n::Catalogs cs;
        cs.Add("vi", i18n::ParsePo(EmbeddedFile("i18n/vi.po")));
        return cs;
    }();
    return [](const char* id) { return c.Translate("vi", id); };
}

ScriptParts FloodAtMuongXen() {
    ScriptParts p;
    p.from = "Ủy ban nhân dân xã Mường Xén";
    p.hazard = Hazard::kFlashFlood;
    p.level = 3;
    p.where = "bản Huồi Giảng và bản Xốp Lau";
    p.what_to_do = "Bà con ven suối rời khỏi nhà, lên chỗ cao. Không qua ngầm, tràn";
    p.until = ParseCapTime("2026-06-12T20:30:00+07:00", "t").value();
    return p;
}

TEST(Loudspeaker, ASignedScriptSaidTwiceWithEverythingSpoken) {
    auto s = LoudspeakerScript(FloodAtMuongXen(), Vietnamese());
    ASSERT_TRUE(s.ok()) << s.error().detail;
    EXPECT_EQ(s->rfind("Thông báo khẩn của Ủy ban nhân dân xã Mường Xén.", 0), 0u) << *s;
    EXPECT_NE(s->find("Cảnh báo lũ quét, cấp ba: rủi ro lớn, tại bản Huồi Giảng"), std::string::npos) << *s;
    EXPECT_NE(s->find("hai mươi giờ ba mươi phút ngày mười hai tháng sáu"), std::string::npos) << *s;
    EXPECT_EQ(s->find_first_of("0123456789"), std::string::npos) << "no digit left to misread: " << *s;
    const std::string body = "lên chỗ cao. Không qua ngầm, tràn.";
    const auto first = s->find(body);
    ASSERT_NE(first, std::string::npos) << *s;
    EXPECT_NE(s->find(body, first + 1), std::string::npos) << "said twice";
    EXPECT_NE(s->find("Xin nhắc lại."), std::string::npos);
    EXPECT_LE(SpeakingSeconds(*s), kMaxScriptSeconds);
}

TEST(Loudspeaker, TooLongToReadInAMinuteIsRefusedNamingWhatToShorten) {
    auto p = FloodAtMuongXen();
    for (int i = 0; i < 12; ++i) p.what_to_do += ". Bà con chú ý theo dõi thông tin trên loa và điện thoại";
    auto s = LoudspeakerScript(p, Vietnamese());
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().field, "what_to_do");
    p.level = 7;
    EXPECT_EQ(LoudspeakerScript(p, Vietnamese()).error().field, "level");
}

}  // namespace
}  // namespace caunoi::warnings
