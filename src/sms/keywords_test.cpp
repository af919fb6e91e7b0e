#include "sms/keywords.hpp"

#include <gtest/gtest.h>

namespace caunoi::sms {

void ExpectCommand(const char* text, Command c, const char* arg) {
    auto p = ParseCommand(text);
    EXPECT_EQ(static_cast<int>(p.command), static_cast<int>(c)) << text;
    EXPECT_EQ(p.arg, arg) << text;
}

TEST(SmsKeywords, ReadsEveryCommandWhateverItsCaseAndDiacritics) {
    ExpectCommand("HS 000.00.00.H42-261020-0001", Command::kStatus, "000.00.00.H42-261020-0001");
    ExpectCommand("hs abc123", Command::kStatus, "abc123");
    ExpectCommand("Hs   abc123  ", Command::kStatus, "abc123");
    ExpectCommand("GIAYTO khai sinh", Command::kPapers, "khai sinh");
    ExpectCommand("Giấy tờ khai sinh", Command::kPapers, "khai sinh");
    ExpectCommand("giay to Khai Sinh", Command::kPapers, "Khai Sinh");
    ExpectCommand("DK Mường Xén", Command::kSubscribe, "Mường Xén");
    ExpectCommand("đk muong xen", Command::kSubscribe, "muong xen");
    ExpectCommand("HUY", Command::kStop, "");
    ExpectCommand("Hủy", Command::kStop, "");
    ExpectCommand("HOTRO nha toi khong cai duoc VNeID", Command::kHelpRequest, "nha toi khong cai duoc VNeID");
    ExpectCommand("Hỗ trợ cài VNeID", Command::kHelpRequest, "cài VNeID");
    ExpectCommand("LUADAO so 0987654321 goi bao nang cap VNeID", Command::kScam,
                  "so 0987654321 goi bao nang cap VNeID");
    ExpectCommand("Lừa đảo có người gọi", Command::kScam, "có người gọi");
    ExpectCommand("LD 0987654321 gia danh cong an", Command::kScam, "0987654321 gia danh cong an");
    ExpectCommand("GIA san", Command::kPrice, "san");
    ExpectCommand("giá sắn", Command::kPrice, "sắn");
    ExpectCommand("THOITIET", Command::kWeather, "");
    ExpectCommand("Thời tiết", Command::kWeather, "");
    ExpectCommand("HD", Command::kHelp, "");
    ExpectCommand("hd", Command::kHelp, "");
}

TEST(SmsKeywords, DaDocIsTheWholeMessageWithAWarningNumber) {
    ExpectCommand("DA DOC 12", Command::kBroadcastDone, "12");
    ExpectCommand("đã đọc 12", Command::kBroadcastDone, "12");
    ExpectCommand("Da doc so 7", Command::kBroadcastDone, "7");
    ExpectCommand("DADOC 3", Command::kBroadcastDone, "3");
    // People writing that they read something are not acknowledging a warning.
    EXPECT_NE(ParseCommand("da doc").command, Command::kBroadcastDone);
    EXPECT_NE(ParseCommand("toi da doc 12").command, Command::kBroadcastDone);
    EXPECT_NE(ParseCommand("da doc 12 roi nhe").command, Command::kBroadcastDone);
    EXPECT_NE(ParseCommand("da doc bao 12").command, Command::kBroadcastDone);
    EXPECT_NE(Understand("Đã đọc tin, cảm ơn").command, Command::kBroadcastDone);
}

TEST(SmsKeywords, ToleratesAMissingSpace) {
    ExpectCommand("HS12345", Command::kStatus, "12345");
    ExpectCommand("hs000.00.00", Command::kStatus, "000.00.00");
    ExpectCommand("GIAYTOkhai sinh", Command::kPapers, "khai sinh");
    ExpectCommand("HOTROcai VNeID", Command::kHelpRequest, "cai VNeID");
    ExpectCommand("LUADAOso la", Command::kScam, "so la");
    // Short keywords run into a word are that word, not a command.
    ExpectCommand("HUYEN Ky Son", Command::kUnknown, "HUYEN Ky Son");
    ExpectCommand("Giao hang", Command::kUnknown, "Giao hang");
    ExpectCommand("HSAB", Command::kUnknown, "HSAB");
}

TEST(SmsKeywords, ToleratesOneTypoInLongKeywords) {
    ExpectCommand("GIAYTP khai sinh", Command::kPapers, "khai sinh");
    ExpectCommand("GAIYTO khai sinh", Command::kPapers, "khai sinh");
    ExpectCommand("HOTOR giup toi", Command::kHelpRequest, "giup toi");
    ExpectCommand("LUDAO so la", Command::kScam, "so la");
    ExpectCommand("THOITET", Command::kWeather, "");
    // Two words must be the keyword exactly: with a typo they are two common words.
    ExpectCommand("HO TRP giup", Command::kUnknown, "HO TRP giup");
    // Two typos, or a typo in a short keyword, is not a command.
    ExpectCommand("GIAXXO", Command::kUnknown, "GIAXXO");
    ExpectCommand("HAY", Command::kUnknown, "HAY");
    ExpectCommand("HX 123", Command::kUnknown, "HX 123");
}

TEST(SmsKeywords, EmptyAndUnknownMessages) {
    ExpectCommand("", Command::kEmpty, "");
    ExpectCommand("   \n ", Command::kEmpty, "");
    ExpectCommand("xin chao", Command::kUnknown, "xin chao");
    ExpectCommand("123", Command::kUnknown, "123");
    ExpectCommand("日本", Command::kUnknown, "日本");
}

// Messages of the kind residents really send, with the intent each means. False friends (a name
// that is also a keyword, common words one letter off a keyword) must not become commands.
TEST(SmsUnderstanding, RealMessagesMeanWhatTheirSendersMeant) {
    struct Case {
        const char* text;
        Command want;
    };
    const Case cases[] = {
        // The stop command alone, or a short fixed form of it.
        {"HUY", Command::kStop},
        {"huy.", Command::kStop},
        {"Hủy!", Command::kStop},
        {"huy tin nhan", Command::kStop},
        {"HUY DK", Command::kStop},
        {"STOP", Command::kStop},
        {"huy hs", Command::kStopAll},
        {"Hủy hồ sơ", Command::kStopAll},
        // A name is not the stop command.
        {"Huy đây, chiều nay gọi lại nhé", Command::kCallBack},
        {"Huy day", Command::kUnknown},
        {"huy nguyen hoi ve the bhyt", Command::kUnknown},
        {"Đúng", Command::kUnknown},
        // Prices need a crop; family is not a price.
        {"gia lua hom nay", Command::kPrice},
        {"Giá sắn bao nhiêu", Command::kPrice},
        {"lua gao hom nay gia bao nhieu", Command::kPrice},
        {"gia dinh toi can giup lam VNeID", Command::kPapers},
        {"gia dinh toi khoe", Command::kUnknown},
        // Rice and fire are not scams.
        {"lua dat nha toi bi chay", Command::kUnknown},
        {"lúa nhà tôi bị sâu", Command::kUnknown},
        {"LUA DAO so 0987 goi bao trung thuong", Command::kScam},
        {"co nguoi goi bao toi chuyen tien de nhan qua", Command::kScamCall},
        {"Có người gọi xin mã OTP", Command::kScamCall},
        {"toi muon chuyen tien cho con", Command::kUnknown},
        // Dossiers as people ask about them.
        {"HS H42.16813-261130-0001", Command::kStatus},
        {"HSH42.16813-261130-0001", Command::kStatus},
        {"hồ sơ H42.16813-261130-0001", Command::kStatus},
        {"H42.16813-261130-0001", Command::kStatus},
        {"H42 16813 261130 0001", Command::kStatus},
        {"ho so cua toi den dau roi", Command::kStatus},
        {"0912345678", Command::kUnknown},
        // Weather, VNeID, thanks, call-backs.
        {"mai co mua khong", Command::kWeather},
        {"THOI TIET", Command::kWeather},
        {"mai toi mua phan bon", Command::kUnknown},
        {"cach cai vneid", Command::kPapers},
        {"cảm ơn", Command::kThanks},
        {"Alo", Command::kThanks},
        {"ok cam on nhieu", Command::kThanks},
        {"goi lai cho toi voi", Command::kCallBack},
        {"", Command::kEmpty},
    };
    for (const auto& c : cases)
        EXPECT_EQ(static_cast<int>(Understand(c.text).command), static_cast<int>(c.want)) << c.text;
    EXPECT_TRUE(Understand("Huy day").stop_hint);
    EXPECT_FALSE(Understand("xin chao ban").stop_hint);
    EXPECT_EQ(Understand("HSH42.16813-261130-0001").arg, "H42.16813-261130-0001");
    EXPECT_EQ(Understand("hồ sơ H42.16813-261130-0001").arg, "H42.16813-261130-0001");
}


}  // namespace caunoi::sms
